"""The two master's programs: one program, a feature of it, or both compared."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable, Dict, FrozenSet, List, Optional, Sequence, Set, Tuple

from bot.advice.answers.figures import figures_named
from bot.advice.answers.roles import compare_roles, role_answer
from bot.advice.compose import Composer
from bot.advice.registry import handler_for
from bot.advice.retrieval import PROGRAM_WORDS, same_word
from bot.advice.state import PROGRAM_TOPIC, program_topic_id
from bot.advice.tools import Tools
from bot.advice.types import Answer, AnswerKind, Citation, Found, Question
from bot.knowledge.derived import per_kb
from bot.knowledge.model import Feature, KnowledgeBase, Program
from bot.knowledge.terms import FEATURE, GAP, PROGRAM, ROLE
from bot.knowledge.text import holds_in_order, normalise, stem, words

FEATURES_SHOWN = 3  # features in a program's overview; "tell me more" gives the rest


def program_answer(advisor: Composer, program: Program, feature_words: Sequence[str]) -> Answer:
    """The features asked about, or the program's summary and first features."""
    asked = {normalise(w) for w in feature_words}
    wanted = [f for f in program.features if asked & {normalise(s) for s in f.synonyms}]
    features = wanted or program.features[:FEATURES_SHOWN]
    lines = [f"About the {program.university} {program.name}:"] if wanted else [program.summary]
    lines += [f.text for f in features]
    if program.url:
        lines.append(f"Program page: {program.url}")
    citations = [(program.source, program.section)] + [(program.source, f.section) for f in features]
    other = [p.id for p in advisor.kb.programs if p.id != program.id]
    return advisor.compose(
        lines,
        citations,
        advisor.buttons(other + ["worth_it", "need_masters"]),
        updates={"program": program.id, "topic": program_topic(program, wanted[0] if wanted else None)},
    )


def program_topic(program: Program, feature: Optional[Feature] = None) -> str:
    """The context topic after an answer about a program (and the feature it was about)."""
    return program_topic_id(program.id, feature.id if feature else None)


def program_in_context(advisor: Composer, topic: Optional[str]) -> Tuple[Optional[Program], Optional[Feature]]:
    """The program (and feature) the last answer was about, from the context topic."""
    if not topic or not topic.startswith(PROGRAM_TOPIC):
        return None, None
    program_id, _, feature_id = topic[len(PROGRAM_TOPIC) :].partition(":")
    program = advisor.kb.program(program_id)
    feature = next((f for f in program.features if f.id == feature_id), None) if program else None
    return program, feature


def where_to_learn_answer(advisor: Composer, program: Program, feature: Optional[Feature]) -> Answer:
    """ "Where can I learn it?" after a program's feature: that program teaches it."""
    what = f"{feature.title} is" if feature else "It is"
    lines = [f"{what} part of the {program.university} {program.name}, the program my sources describe it in."]
    if feature:
        lines.append(feature.text)
    if program.url:
        lines.append(f"Program page: {program.url}")
    citations = [(program.source, program.section)] + ([(program.source, feature.section)] if feature else [])
    return advisor.compose(lines, citations, advisor.buttons([program.id, "worth_it"]), updates={"program": program.id})


def where_it_is_answer(advisor: Composer, program: Program) -> Answer:
    """ "Where is it?" after a program: where the source says it is taught."""
    lines = [f"The {program.university} {program.name} is {where_taught(program)}."]
    if program.url:
        lines.append(f"Program page: {program.url}")
    return advisor.compose(
        lines,
        [(program.source, program.section)],
        advisor.buttons([program.id, "programs"]),
        updates={"program": program.id},
    )


def where_taught(program: Program) -> str:
    location = program.location
    return f"taught {location}" if location.lower().startswith(("online", "100%")) else f"based in {location}"


def programs_with_feature(advisor: Composer, feature_words: Sequence[str]) -> List[Program]:
    keys = {normalise(w) for w in feature_words}
    return [p for p in advisor.kb.programs if any(keys & {normalise(s) for s in f.synonyms} for f in p.features)]


def a_feature_placed(advisor: Composer, gap_id: str, program_ids: Sequence[str], features: Sequence[str]) -> bool:
    """ "Is the Leeds course recognised outside the UK?": a feature the program has, asked of a place.

    Its text is what the sources say there ("internationally recognised"); the place alone names nothing else.
    """
    place_gap = advisor.kb.place_gap()
    if place_gap is None or gap_id != place_gap.id or not features or not program_ids:
        return False
    return bool({p.id for p in programs_with_feature(advisor, features)} & set(program_ids))


def compare_programs(advisor: Composer, programs: List[Program]) -> Answer:
    lines = []
    citations: List[Citation] = []
    for p in programs:
        shown = p.features[:FEATURES_SHOWN]
        feats = "; ".join(f.text for f in shown)
        where = p.url or "the university's own course page"
        lines.append(f"{p.university}, {p.name} ({p.location}): {feats} More: {where}")
        citations += [(p.source, p.section)] + [(p.source, f.section) for f in shown]
    lines.append("Neither article compares the two programs or gives their fees, length or entry requirements.")
    return advisor.compose(
        lines,
        citations,
        advisor.buttons([p.id for p in programs] + ["worth_it"]),
        joiner="\n\n",
        updates={"topic": "programs"},
    )


def comparison_answer(advisor: Composer, found: Found) -> Optional[Answer]:
    """Two roles or two programs named together: compare them from the KB."""
    if len(found.get(ROLE, [])) >= 2:
        return compare_roles(advisor, [advisor.kb.get(r) for r in found[ROLE][:3]])
    if len(found.get(PROGRAM, [])) >= 2:
        return compare_programs(advisor, [advisor.kb.get(p) for p in found[PROGRAM]])
    return None


def answer_program(advisor: Tools, question: Question, found: Found) -> Answer:
    """A named program or feature; what the sources lack about one; or both programs in brief."""
    features = found.get(FEATURE, [])
    gaps = found.get(GAP, [])
    program_ids = found.get(PROGRAM) or []
    if len(program_ids) >= 2 and not gaps:
        return compare_programs(advisor, [advisor.kb.get(p) for p in program_ids])
    if len(found.get(ROLE, [])) >= 2 and not program_ids:
        return compare_roles(advisor, [advisor.kb.get(r) for r in found[ROLE][:3]])  # "project vs program manager"
    gaps = [g for g in gaps if not a_feature_placed(advisor, g, program_ids, features)]
    if gaps:
        program = advisor.kb.program(program_ids[0]) if program_ids else None
        return advisor.not_covered(advisor.kb.get(gaps[0]).subject, program)
    if not program_ids and not features and found.get(ROLE):
        # "program managers" reads like a program question; the entity says it is a role.
        return role_answer(advisor, advisor.kb.get(found[ROLE][0]))
    if not program_ids and features:
        holders = programs_with_feature(advisor, features)
        if len(holders) == 1:
            program_ids = [holders[0].id]
    if not program_ids and question.context.program and features:
        program_ids = [question.context.program]
    if len(program_ids) == 1:
        return program_answer(advisor, advisor.kb.get(program_ids[0]), features)
    return programs_overview(advisor, question)


def programs_overview(advisor: Tools, question: Question) -> Answer:
    topic = advisor.kb.topic_for_intent(PROGRAM_INTENT)
    assert topic is not None  # the KB's programs topic; checked by the tests over the KB
    lines = [advisor.point_text(p) for p in topic.points]
    lines += [f"- {p.university}: {p.name} ({p.location}). {p.summary}" for p in advisor.kb.programs]
    citations = [(p.source, p.section) for p in advisor.kb.programs]
    buttons = [advisor.button_for(p.id) for p in advisor.kb.programs] + advisor.buttons(topic.related)
    return advisor.compose(lines, citations, [b for b in buttons if b], joiner="\n", updates={"topic": topic.id})


def other_programs_answer(advisor: Composer, institution: str) -> Answer:
    """Another university's program: say which two programs the sources describe, and no more."""
    ours = "; ".join(f"{p.university}'s {p.name} ({p.location})" for p in advisor.kb.programs)
    lines = [
        f"My sources don't cover {institution} or its programs: the only programs they describe are {ours}.",
        "For any other university, its own course pages are the place to check.",
    ]
    buttons = [b for b in (advisor.button_for(p.id) for p in advisor.kb.programs) if b]
    return advisor.compose(
        lines, [(p.source, p.section) for p in advisor.kb.programs], buttons, kind=AnswerKind.NOT_COVERED
    )


def answers_a_feature_asked(advisor: Composer, answer: Answer, found: Found) -> bool:
    """True when the answer is about a program's feature the question names ("while working", "from home")."""
    _program, feature = program_in_context(advisor, str(answer.updates.get("topic", "")))
    asked = {normalise(f) for f in found.get(FEATURE, [])}
    return feature is not None and bool(asked & {normalise(s) for s in feature.synonyms})


def features_named_in(advisor: Composer, text: str) -> List[Tuple[str, Program, Feature]]:
    """Each program feature the text names by a synonym of several words ("work full time"), with its program."""
    low = f" {normalise(text)} "
    return [
        (s, p, f)
        for p in advisor.kb.programs
        for f in p.features
        for s in f.synonyms
        if len(s.split()) > 1 and f" {normalise(s)} " in low
    ]


def features_by_word(advisor: Composer, text: str, program_ids: Sequence[str], several: bool = False) -> List[str]:
    """The features of the programs named whose synonym the text holds in another form, each by its first synonym:
    a one-word synonym ("recognise" for "recognised"), or with `several` one of several words, word for word in
    order ("without leaving my job" for "leave my job")."""
    asked = [stem(w) for w in words(normalise(text))]
    return [
        name
        for program_id, name, synonyms in _synonym_stems(advisor.kb)
        if program_id in program_ids and any(_held(asked, list(synonym), several) for synonym in synonyms)
    ]


@per_kb
def _synonym_stems(kb: KnowledgeBase) -> List[Tuple[str, str, List[Tuple[str, ...]]]]:
    """Each program feature (program id, first synonym) with its synonyms' stems, in order."""
    return [
        (p.id, f.synonyms[0], [tuple(stem(w) for w in words(normalise(s))) for s in f.synonyms])
        for p in kb.programs
        for f in p.features
    ]


def _held(asked: List[str], synonym: List[str], several: bool) -> bool:
    if len(synonym) == 1 and not several:
        return any(same_word(synonym[0], a) for a in asked)
    return several and len(synonym) > 1 and holds_in_order(asked, synonym)


COUNT = re.compile(r"\bhow many\b")  # "how many of them?" after "…from four leading engineering schools"
NUMBER = re.compile(r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|twelve)\b")
# "In what subject, though?", "at what level?": a short question after a preposition, naming nothing, after a
# feature. ("What university is that from?" asks of the article; "who designs it?" is who_is_behind_a_feature's.)
ASKS_MORE_OF_IT = re.compile(r"^\W*(?:and |so |but |ok |okay )?(?:in|at|of|for|to|from|by|on) (?:what|which)\b")


def asks_more_of_a_feature(advisor: Composer, low: str, feature: Feature) -> bool:
    """A short question naming nothing, not even a figure, that asks more of the feature just given:
    "in what subject?", or "how many of them?" when its text gives a number."""
    if len(low.split()) > SHORT_FEATURE_FOLLOW_UP or figures_named(advisor.kb, low):
        return False
    return bool(ASKS_MORE_OF_IT.search(low) or (COUNT.search(low) and NUMBER.search(feature.text)))


SHORT_FEATURE_FOLLOW_UP = 5  # words


PROGRAM_INTENT, UNCOVERED_INTENT = "ask_program", "ask_uncovered"
# What a program gives: "what experience do the better master's programmes give you?", "what do you get out of it?"
GIVES = re.compile(
    r"\b(?:give|gives|giving|offer|offers|provide|provides|teach|teaches|come with|get out of|gain from|get from)\b"
)


def a_feature_of_a_program(
    advisor: Tools, question: Question, found: Found
) -> Optional[Callable[[Tools, Question, Found], Answer]]:
    """ "Northeastern ms em - what real world experience do you get?": the feature of the program, not the
    experience employers ask for. A program named with a feature in several words, or programs in general with
    what they give."""
    named = found.get(PROGRAM, [])
    features = [normalise(f) for f in found.get(FEATURE, [])]
    several = any(len(f.split()) > 1 for f in features)
    if not features:  # "is there a way to do an msc without leaving my job?": several words of one, in another form
        features = features_by_word(advisor, question.text, named, several=True)
        several = bool(features)
    if question.intent == PROGRAM_INTENT or not features:
        return None
    low = question.text.lower()
    if found.get(GAP) or question.intent == UNCOVERED_INTENT:
        return None  # "how many years does the Leeds MSc take part time?": what the sources don't give
    if named:
        if not several:
            return None  # "how much experience does the Leeds course want?": one word, the intent's own
    elif not (PROGRAM_WORDS.search(low) and GIVES.search(low)):
        return None
    holders = [p.id for p in programs_with_feature(advisor, features) if not named or p.id in named]
    if not holders:
        return None
    program = handler_for(PROGRAM_INTENT, advisor.kb)
    with_features = {**found, PROGRAM: holders, FEATURE: features}
    return lambda a, q, _f: program(a, replace(q, intent=PROGRAM_INTENT), with_features)


def offered_in(advisor: Composer, background: str) -> Set[str]:
    """What a program offers that the visitor's background names in several words ("I work full time"), else in
    one of its one-word synonyms that only one program's features have ("I need the most flexible option")."""
    several = {normalise(s) for s, _p, _f in features_named_in(advisor, background)}
    if several:
        return several
    return set(words(normalise(background))) & _words_of_one_program(advisor.kb)


@per_kb
def _words_of_one_program(kb: KnowledgeBase) -> FrozenSet[str]:
    """The one-word feature synonyms that only one program's features have."""
    holders: Dict[str, Set[str]] = {}
    for p in kb.programs:
        for f in p.features:
            for s in f.synonyms:
                if " " not in s:
                    holders.setdefault(normalise(s), set()).add(p.id)
    return frozenset(w for w, ids in holders.items() if len(ids) == 1)
