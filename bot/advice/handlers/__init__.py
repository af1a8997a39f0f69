"""Handlers by family. Importing this package registers every handler (`bot.advice.registry`)."""

from bot.advice.handlers import (  # noqa: F401
    chitchat,
    follow_ups,
    gaps,
    handoff,
    personal,
    places,
    programs,
    roles,
    sources,
    topics,
)
