"""Relating the experience requirement and the master's to what a visitor said about themselves."""

from __future__ import annotations

from typing import List, Optional

from bot.advice.compose import Composer
from bot.advice.profile import ENGINEERING_WORDS

EXPERIENCE_REQUIRED, EARNINGS_BOOST = "experience_required", "earnings_boost"  # KB statistics quoted here


def personal_advice(
    composer: Composer, years: Optional[float], degree: Optional[str], lead: str = "You said"
) -> List[str]:
    """Lines relating the experience requirement and the master's to what the visitor said about themselves.

    Each line says it rests on their words ("You said you have …"): the bot states nothing about
    a visitor that they did not give.
    """
    need, boost = composer.kb.statistic(EXPERIENCE_REQUIRED), composer.kb.statistic(EARNINGS_BOOST)
    lines = []
    if years is not None and need.years:
        if years == 0:
            amount = "no work experience yet"
        else:
            amount = f"about {years:g} year{'s' if years != 1 else ''} of experience"
        if years < need.years:
            lines.append(
                f"{lead} you have {amount}: that is short of the {need.value} most employers ask for "
                f"({need.measured_by}), so experience is the gap to close; a master's is optional, "
                f"though it can lift earning potential by about {boost.value}."
            )
        else:
            lines.append(
                f"{lead} you have {amount}, so you already meet the {need.value} most employers ask for; "
                f"a master's is a choice rather than a requirement, and it can lift earning potential "
                f"by about {boost.value}."
            )
    if degree and not any(w in degree for w in ENGINEERING_WORDS):
        lines.append(
            f"{lead} your first degree is in {degree}, not engineering, so Northeastern's point applies to you: "
            "going back to school can broaden your career options."
        )
    return lines
