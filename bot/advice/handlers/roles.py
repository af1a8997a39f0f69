"""Roles: what each involves, and which suit what a visitor enjoys (the builders: `bot.advice.answers.roles`)."""

from __future__ import annotations

from typing import List

from bot.advice.answers.programs import comparison_answer  # programs compare roles too
from bot.advice.answers.roles import matching_roles, role_answer
from bot.advice.compose import MAX_BUTTONS
from bot.advice.profile import what_they_enjoy
from bot.advice.registry import handles
from bot.advice.tools import Tools
from bot.advice.types import Answer, Citation, Found, Question
from bot.knowledge.terms import ROLE


@handles("ask_jobs")
def answer_jobs(advisor: Tools, question: Question, found: Found) -> Answer:
    """Each source's list of the jobs the degree leads to."""
    topic = advisor.kb.topic_for_intent("ask_jobs")
    assert topic is not None  # the KB's jobs topic; checked by the tests over the KB
    lines: List[str] = []
    citations: List[Citation] = []
    for point in topic.points:
        named = [r.title for r in advisor.kb.roles if r.source == point.source]
        lines.append(f"{advisor.point_text(point)} {', '.join(named)}.")
        citations.append((point.source, point.section))
    buttons = [advisor.button_for(r.id) for r in advisor.kb.described_roles()][:MAX_BUTTONS]
    return advisor.compose(lines, citations, [b for b in buttons if b], joiner="\n", updates={"topic": topic.id})


@handles("ask_role")
def answer_role(advisor: Tools, question: Question, found: Found) -> Answer:
    compared = comparison_answer(advisor, found)
    if compared:
        return compared
    role_id = found[ROLE][0] if found.get(ROLE) else question.context.role
    role = advisor.kb.role(role_id) if role_id else None
    if role is None:
        return answer_jobs(advisor, question, found)
    return role_answer(advisor, role)


@handles("ask_role_match")
def answer_role_match(advisor: Tools, question: Question, found: Found) -> Answer:
    """Roles suggested from what the visitor says they enjoy, saying which words matched."""
    matches = matching_roles(advisor, what_they_enjoy(question.said()))[:2]  # only what *they* say they enjoy
    if not matches and question.background:
        # Nothing they enjoy, but the work they describe ("a QA tester at a car plant"): the roles closest to it.
        near = matching_roles(advisor, question.background)[:2]
        if near:
            lines = [f"{role.title}, the closest to the work you describe: {role.involves}" for role, _ in near]
            return advisor.compose(
                lines,
                [(role.source, role.section) for role, _ in near],
                advisor.buttons([r.id for r, _ in near] + ["jobs", "fit"]),
                joiner="\n",
                updates={"role": near[0][0].id, "topic": f"match:{near[0][0].id}"},
            )
    if not matches:
        buttons = [advisor.button_for(r.id) for r in advisor.kb.described_roles()][:MAX_BUTTONS]
        return Answer(
            "Tell me what you enjoy (for example testing and standards, planning, working with customers, "
            "or systems and data) and I'll point you to roles that fit. Or browse them:",
            [b for b in buttons if b],
        )
    lines = [f"{role.title}, because you mention {' and '.join(hits)}: {role.involves}" for role, hits in matches]
    citations = [(role.source, role.section) for role, _ in matches]
    best = matches[0][0]
    return advisor.compose(
        lines,
        citations,
        advisor.buttons([r.id for r, _ in matches] + ["jobs", "fit"]),
        joiner="\n",
        updates={"role": best.id, "topic": f"match:{best.id}"},
    )
