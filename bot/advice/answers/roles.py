"""Roles: what each involves, which suit what a visitor enjoys, and pay the sources don't give."""

from __future__ import annotations

import re
from typing import Dict, List, Optional, Tuple

from bot.advice.compose import Composer
from bot.advice.registry import Handler
from bot.advice.tools import Tools
from bot.advice.types import Answer, AnswerKind, Found, Question
from bot.knowledge.model import Role, Statistic
from bot.knowledge.terms import ROLE
from bot.knowledge.text import stem


def role_answer(advisor: Composer, role: Role) -> Answer:
    """What the role involves and what the degree brings to it, or that the sources only list it."""
    updates: Dict[str, object] = {"role": role.id, "topic": f"role:{role.id}"}
    if role.involves and role.topic:  # the job the sources describe in depth: its topic follows
        return advisor.topic_answer(
            advisor.kb.topic(role.topic),
            lead=[role.involves],
            lead_citations=[(role.source, role.section)],
            updates=updates,
        )
    lines: List[str] = []
    if role.involves:
        lines.append(role.involves)
        if role.degree_helps:
            lines.append(role.degree_helps)
    else:
        lines.append(
            f"{role.title} is one of the roles Leeds lists for engineering management careers, "
            "but my sources don't describe what the job involves."
        )
    others = [r.id for r in advisor.kb.described_roles() if r.id != role.id]
    return advisor.compose(
        lines,
        [(role.source, role.section)],
        advisor.buttons(others[:2] + ["jobs", "need_masters"]),
        updates=updates,
    )


def compare_roles(advisor: Composer, roles: List[Role]) -> Answer:
    lines = [f"{role.title}: {role.involves or 'my sources list this role but do not describe it.'}" for role in roles]
    lines.append("The sources don't rank these roles against each other; pick by the kind of work you enjoy.")
    citations = [(r.source, r.section) for r in roles]
    return advisor.compose(
        lines,
        citations,
        advisor.buttons([r.id for r in roles] + ["jobs"]),
        joiner="\n",
        updates={"role": roles[-1].id, "topic": "jobs"},
    )


def matching_roles(composer: Composer, text: str) -> List[Tuple[Role, List[str]]]:
    """Roles whose KB keywords match what the visitor says they enjoy, best first, with the matches."""
    said = {stem(w) for w in re.findall(r"[a-zA-Z]{3,}", text)}
    scored = []
    for role in composer.kb.described_roles():
        hits = [k for k in role.keywords if all(stem(part) in said for part in k.split())]
        if hits:
            scored.append((len(hits), role, hits))
    scored.sort(key=lambda item: -item[0])
    return [(role, hits) for _, role, hits in scored]


def figures_not_given(advisor: Composer, job: str, stats: List[Statistic]) -> Answer:
    """No figure for this job (a role id, or the words used): say so, and give the subject role's figures."""
    entry = advisor.kb.get(job)
    role = entry if isinstance(entry, Role) else None
    named = f"the {role.title.lower()} role" if role else (job if job.endswith("s") else f"{job}s")
    subject = advisor.kb.subject_role()
    whose = f"{subject.title.lower()}s" if subject else "the role the articles describe"
    asked = " or ".join(dict.fromkeys(s.asked_as or "a figure" for s in stats))
    given = "; ".join(f"the {s.label}, {s.value} ({s.measured_by})" for s in stats)
    those = "the only figures they give are" if len(stats) > 1 else "the only figure they give is"
    lines = [f"My sources don't give {asked} for {named}; {those} for {whose}: {given}."]
    salary = advisor.kb.topic_for_intent("ask_salary")
    quoted_by_salary = salary is not None and any(s in advisor.kb.statistics_quoted(salary) for s in stats)
    updates: Dict[str, object] = {"topic": salary.id} if salary is not None and quoted_by_salary else {}
    if role:
        updates["role"] = role.id
    return advisor.compose(
        lines,
        [(s.source, s.section) for s in stats],
        advisor.topic_buttons("masters_earnings", "jobs", "worth_it"),
        kind=AnswerKind.NOT_COVERED,
        updates=updates,
    )


# "How's that different from a product manager?" after a role: that role against the one named.
COMPARES = re.compile(r"\b(?:different|difference|differ|differs|compare|compared|comparison|vs|versus)\b")
# "What does the quality one do?": a role named by one word of its title, and "one", "role" or "job".
THE_ONE = re.compile(r"\bthe (\w+) (?:one|role|job|position|title)\b")
TITLE_WORDS_SHARED = frozenset({"engineer", "manager", "of", "engineering"})


# "What do they do, then?", "what does that role involve?": the work of the role just discussed.
WHAT_THEY_DO = re.compile(
    r"\bwhat (?:do|does|would|did) (?:they|he|she|it|that role|the role|that job|the job|one|those|these)(?: \w+)? "
    r"(?:do|involve|entail|look like)\b|\bwhat(?:'s| is) (?:their|the|that) (?:job|role|work|day)(?: like)?\W*$"
)


def role_in_context_rule(advisor: Tools, question: Question, found: Found) -> Optional[Handler]:
    """A role question that leans on the role just discussed, or names a role by one word of its title."""
    low = question.text.lower()
    ctx_role = advisor.kb.role(question.context.role) if question.context.role else None
    named = [advisor.kb.role(r) for r in found.get(ROLE, [])]
    if ctx_role and len(named) == 1 and named[0] and named[0].id != ctx_role.id and COMPARES.search(low):
        pair = [ctx_role, named[0]]
        return lambda a, q, f: compare_roles(a, pair)
    if ctx_role and ctx_role.involves and not named and WHAT_THEY_DO.search(low):
        return lambda a, q, f: role_answer(a, ctx_role)  # "what do they do then?" after a role
    match = THE_ONE.search(low)
    if match and not named and match.group(1) not in TITLE_WORDS_SHARED:
        word = match.group(1)
        roles = [r for r in advisor.kb.roles if word in re.split(r"\W+", r.title.lower())]
        if len(roles) == 1:
            return lambda a, q, f: role_answer(a, roles[0])
    return None


def two_roles_compared(advisor: Tools, question: Question, found: Found) -> Optional[Handler]:
    """ "What does a program manager do vs a product manager, per Northeastern?": the two roles side by side."""
    roles = [advisor.kb.role(r) for r in found.get(ROLE, [])]
    described = [r for r in roles if r is not None and r.involves]
    if len(described) < 2 or not COMPARES.search(question.text.lower()):
        return None
    return lambda a, q, f: compare_roles(a, described[:3])


# A role the visitor wants to move into: "I'd like to be a business analyst", "my goal is director of engineering".
WANTS_TO_BE = re.compile(
    r"\b(?:i'?d like to (?:be|become|move into|get into)|i want to (?:be|become|move into|get into)|"
    r"i'?m (?:hoping|aiming|trying|looking) to (?:be|become|move into|get into)|(?:my )?(?:long[- ]term )?goal is"
    r"(?: to (?:be|become))?|dream (?:job|role) is|i aim to (?:be|become))\s+(?:an? |the )?"
    r"(?P<role>[a-z][a-z /&-]{2,40})"
)
# Asking whether the degree or the field leads there: "does the EM degree point that way?", "is that a real path?"
LEADS_THERE = re.compile(
    r"\b(?:degree|master'?s?|masters|msc|ms|course|program|programme|path|route|way|step|help|lead)\b"
)


def a_role_they_want(advisor: Tools, question: Question, found: Found) -> Optional[Handler]:
    """ "I'm a data analyst but I'd like to be a business analyst. Does the EM degree point that way?": that role."""
    said = question.said().lower()
    wanted = WANTS_TO_BE.search(said)
    if wanted is None or not LEADS_THERE.search(question.text.lower()):
        return None
    roles = [
        r
        for r in advisor.kb.roles
        if not r.is_subject
        and r.involves
        and any(re.match(rf"{re.escape(s.lower())}\b", wanted.group("role")) for s in r.synonyms)
    ]
    if len(roles) != 1:
        return None
    role = roles[0]
    return lambda a, q, f: role_answer(a, role)
