"""The readiness check's slot names in domain.yml, one per step of the check.

A step is a readiness sign from data/knowledge/readiness.yml (its id) or the
experience question at the end. The build checks domain.yml against them
(`bot.nlu.forms`), the check reads and fills them (`bot.advice.readiness`,
actions/actions.py), and the owner's report reads them back (`bot.insights`).
"""

from __future__ import annotations

EXPERIENCE = "experience"
SLOT_PREFIX = "readiness_"  # the form's slot for a step is SLOT_PREFIX + the step (a sign id, or EXPERIENCE)
UNCLEAR_SLOT, RESUMED_SLOT = "readiness_unclear", "readiness_resumed"  # Progress.unclear and .resumed


def slot_for(step: str) -> str:
    """The form slot holding a step's reply: `readiness_<sign id>`, or `readiness_experience`."""
    return SLOT_PREFIX + step
