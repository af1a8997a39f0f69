"""The rasa-sdk action server's own command line, without library deprecation warnings
and with one-line logs (a failing action's traceback cut to one line, as on the Rasa server).

Usage: `python -m bot.serving.actions_main --actions actions -p 5055` (any `rasa_sdk` arguments).
"""

from __future__ import annotations

from typing import Any

from bot.serving.logs import use_one_line_logs
from bot.serving.quiet import silence_library_warnings


def main() -> None:
    silence_library_warnings()
    import rasa_sdk.utils
    from rasa_sdk.__main__ import main as sdk_main

    sdk_colored_logging = rasa_sdk.utils.configure_colored_logging

    def one_line_logging(*args: Any, **kwargs: Any) -> None:
        sdk_colored_logging(*args, **kwargs)
        use_one_line_logs()

    rasa_sdk.utils.configure_colored_logging = one_line_logging
    sdk_main()


if __name__ == "__main__":
    main()
