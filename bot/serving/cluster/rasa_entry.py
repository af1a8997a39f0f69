"""A cluster replica: `python -m bot.serving.cluster.rasa_entry run ...` (Rasa's CLI).

Rasa wraps every tracker store in `FailSafeTrackerStore`: when the database
fails, it reads "no conversation" and writes to process memory instead. In a
cluster that is silent data loss: the visitor is answered out of context and
the turn never reaches PostgreSQL, where the other replicas look. Here the
store is used unwrapped, so a database error fails that one request (the
widget channel answers 503 with a polite message) and nothing is answered as
if it had been saved. Everything else is `bot.serving.rasa_main`.
"""

from __future__ import annotations

from typing import Any, Optional


def _unwrapped_tracker_store(store: Optional[Any], domain: Any) -> Any:
    from rasa.core.tracker_store import InMemoryTrackerStore

    if store is None:
        return InMemoryTrackerStore(domain)
    store.domain = domain
    return store


def install() -> None:
    from rasa.core.agent import Agent

    from bot.serving.rasa_version import require_supported_rasa

    require_supported_rasa("The tracker store without in-memory fallback in bot/serving/cluster/rasa_entry.py")
    Agent._create_tracker_store = staticmethod(_unwrapped_tracker_store)


def main() -> None:
    install()
    from bot.serving import rasa_main

    rasa_main.main()


if __name__ == "__main__":
    main()
