"""Keep library deprecation warnings out of what the servers print.

They are for the libraries' developers, not for whoever runs the bot: a warm
start printed 17 of them. PYTHONWARNINGS alone is not enough, because Sanic's
app module turns DeprecationWarnings back on ("once") when it is imported, so
the filters are added again after importing it, and again after Rasa sets its
own (an "once" for UserWarnings, which pyparsing's deprecation warnings also are).
"""

from __future__ import annotations

import warnings

from bot.serving.logs import use_one_line_logs

LIBRARY_WARNINGS = (DeprecationWarning, PendingDeprecationWarning, FutureWarning)


def silence_library_warnings() -> None:
    import sanic.app  # noqa: F401 - imported for its filterwarnings("once") side effect, overridden below

    for category in LIBRARY_WARNINGS:
        warnings.filterwarnings("ignore", category=category)


def keep_rasa_quiet() -> None:
    """Re-apply the filters, and one-line logs, whenever Rasa configures its logging (`rasa run` does on start)."""
    import rasa.utils.common
    import rasa.utils.io

    rasa_filter_warnings = rasa.utils.common._filter_warnings
    rasa_colored_logging = rasa.utils.io.configure_colored_logging

    def filter_warnings(*args: object, **kwargs: object) -> None:
        rasa_filter_warnings(*args, **kwargs)
        silence_library_warnings()

    def one_line_logging(*args: object, **kwargs: object) -> None:
        rasa_colored_logging(*args, **kwargs)
        use_one_line_logs()  # in place of the handlers' multi-line, coloured format

    rasa.utils.common._filter_warnings = filter_warnings
    rasa.utils.io.configure_colored_logging = one_line_logging
