"""Handlers by family. Importing this package registers every handler (`bot.advice.registry`).

A handler module only registers: what answers are built from is in `bot.advice.answers`, below the
handlers, and no handler imports another.
"""

from bot.advice.handlers import (  # noqa: F401
    chitchat,
    follow_ups,
    gaps,
    handoff,
    personal,
    programs,
    roles,
    sources,
    topics,
)
