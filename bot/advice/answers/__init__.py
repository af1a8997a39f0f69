"""Answer builders: below the handlers, which only register them (`bot.advice.handlers`), and the router,
which picks them when a question's words outweigh its intent (`bot.advice.router`).

Each builder takes `Tools` (bot.advice.tools) or a `Composer`, never the advisor. By family: roles,
programs (and comparisons), topics (an aspect, the technical track, the passage a question points to),
personal (relating a requirement to the visitor), gaps (what the sources don't cover), places, sources
and provenance (where answers and figures come from), lists (counts and lists), follow_ups (the steps
that read a short follow-up) and handoff (the offer of a person).
"""
