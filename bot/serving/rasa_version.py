"""The Rasa version our patch and private-API use were written and measured against.

`bot.serving.rasa_main` replaces `RemoteAction._validate_action_result`, and
`bot.serving.tracker_store` calls `SQLTrackerStore._event_query`. Neither is
public API, so an upgrade must fail loudly (here, and so in the tests) rather
than change behaviour quietly.
"""

from __future__ import annotations

SUPPORTED_RASA = "3.6."  # any 3.6.x release


class UnsupportedRasaVersionError(RuntimeError):
    pass


def require_supported_rasa(what: str, version: str = "") -> None:
    """Raise when the installed Rasa is not the series `what` was written for."""
    if not version:
        import rasa

        version = rasa.__version__
    if not version.startswith(SUPPORTED_RASA):
        raise UnsupportedRasaVersionError(
            f"{what} relies on Rasa {SUPPORTED_RASA}x internals, but Rasa {version} is installed: "
            "re-check it against the new Rasa source and update SUPPORTED_RASA in bot/serving/rasa_version.py."
        )
