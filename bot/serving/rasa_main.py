"""Rasa's own command line, with three changes applied first.

1. Rasa validates every action-server reply with `jsonschema.validate`, which
   re-checks the (constant) schema itself each time: about 15% of the Rasa
   server's time per message in our profile. Here the schema is checked once and
   the validator reused; replies are validated exactly as before.
2. Rasa wraps every tracker store in `FailSafeTrackerStore`, which on a database
   error carries on with an in-memory store: visitors get answers that are never
   saved. Our `CachedSQLTrackerStore` is left unwrapped, so the message fails
   (503, "not saved") instead.
3. The server gets a 16 KiB body limit (Sanic's default is 100 MB), `/health`,
   `/ready` and a `/` that does not name Rasa's version (`bot.serving.health`),
   and makes the feedback table at startup (`bot.serving.feedback`).
Usage: `python -m bot.serving.rasa_main run ...` (any `rasa` arguments).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict

from jsonschema import ValidationError
from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for


@lru_cache(maxsize=1)
def _action_reply_validator() -> Any:
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def _validate_action_result(self: Any, result: Dict[str, Any]) -> bool:
    from rasa.shared.constants import DOCS_BASE_URL

    error = best_match(_action_reply_validator().iter_errors(result))
    if error is None:
        return True
    assert isinstance(error, ValidationError)
    error.message += (
        ". Failed to validate Action server response from API, make sure your response from "
        f"the Action endpoint is valid. For more information about the format visit "
        f"{DOCS_BASE_URL}/custom-actions"
    )
    raise error


def _create_tracker_store(store: Any, domain: Any) -> Any:
    """Agent._create_tracker_store without the in-memory fallback for our store."""
    from bot.serving.tracker_store import CachedSQLTrackerStore

    if isinstance(store, CachedSQLTrackerStore):
        store.domain = domain
        return store
    return _rasa_create_tracker_store(store, domain)


_rasa_create_tracker_store: Any = None


def _configure_app(*args: Any, **kwargs: Any) -> Any:
    """Rasa's app, with a body-size limit, JSON errors, a short shutdown and the health routes."""
    from bot.serving.feedback import create_table_on_start
    from bot.serving.health import add_routes
    from bot.serving.inbound import MAX_BODY_BYTES

    app = _rasa_configure_app(*args, **kwargs)
    # Sanic's default is 100 MB; a chat request is far smaller. Bigger bodies get a 413 unread.
    app.config.REQUEST_MAX_SIZE = MAX_BODY_BYTES
    app.config.FALLBACK_ERROR_FORMAT = "json"  # Sanic's own 404, 405, 413 as JSON with a reason, like ours
    app.config.GRACEFUL_SHUTDOWN_TIMEOUT = 2  # stop within 2 s of SIGTERM, not after idle keep-alives
    add_routes(app)
    create_table_on_start(app)
    return app


_rasa_configure_app: Any = None


def install() -> None:
    """Apply the three changes above (Rasa 3.6 only)."""
    global _rasa_create_tracker_store, _rasa_configure_app
    import rasa.core.run
    from rasa.core.actions.action import RemoteAction
    from rasa.core.agent import Agent

    from bot.serving.rasa_version import require_supported_rasa

    require_supported_rasa(
        "bot/serving/rasa_main.py (RemoteAction._validate_action_result, Agent._create_tracker_store, configure_app)"
    )

    RemoteAction._validate_action_result = _validate_action_result
    if _rasa_create_tracker_store is None:
        _rasa_create_tracker_store = Agent._create_tracker_store
        Agent._create_tracker_store = staticmethod(_create_tracker_store)
    if _rasa_configure_app is None:
        _rasa_configure_app = rasa.core.run.configure_app
        rasa.core.run.configure_app = _configure_app


def main() -> None:
    from bot.serving.quiet import keep_rasa_quiet, silence_library_warnings

    silence_library_warnings()
    keep_rasa_quiet()
    install()
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
