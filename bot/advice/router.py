"""Routing: which handler answers a question.

Normally the intent's handler. A question's own words can outweigh the intent NLU picked: naming a decisive gap
("is it stressful?"), another university, another job where the answer would quote the engineering managers'
figures ("what do civil engineers earn?"), or a place ("and in the UK?").
"""

from __future__ import annotations

import re
from typing import Callable, List, Optional

from bot.advice.answers.acronyms import acronym_rule
from bot.advice.answers.article_figures import figures_of_an_article
from bot.advice.answers.gaps import answer_uncovered, decisive_gap_answer, gap_in_the_background
from bot.advice.answers.lists import list_rule
from bot.advice.answers.places import place_answer
from bot.advice.answers.programs import (
    a_feature_of_a_program,
    a_feature_placed,
    answer_program,
    asks_more_of_a_feature,
    features_by_word,
    other_programs_answer,
    program_in_context,
    where_it_is_answer,
    where_to_learn_answer,
)
from bot.advice.answers.provenance import provenance_rule
from bot.advice.answers.readings import (
    ASKS_A_FIGURE,
    DEGREE_HELPS,
    PROGRAM_INTENT,
    ROLE_INTENT,
    UNSURE,
    a_claim_of_an_article,
    a_figure_against_the_intent,
    a_figure_by_its_words,
    a_program_asked_for,
    a_role_in_an_article,
    a_sectors_pay,
    claim_follow_up,
    institution_named,
    jobs_of_a_program,
    own_job_and_the_degree,
    signs_of_readiness,
    what_each_focuses_on,
    who_is_behind_a_feature,
    whom_it_is_for,
    why_follow_up,
)
from bot.advice.answers.roles import (
    a_role_they_want,
    figures_not_given,
    role_answer,
    role_in_context_rule,
    two_roles_compared,
)
from bot.advice.answers.said_where import a_claim_the_visitor_quoted, what_it_says_rule, which_article_rule
from bot.advice.answers.sources import origin_follow_up
from bot.advice.answers.topics import technical_track_answer
from bot.advice.articles import OTHER_ONE
from bot.advice.profile import OWN_MOVE, prefers_technical_work
from bot.advice.registry import HANDLERS, OUT_OF_SCOPE, Handler, handler_for
from bot.advice.retrieval import PROGRAM_WORDS
from bot.advice.subjects import figures_asked_for, job_of_their_own, other_degree, other_institution, other_job
from bot.advice.tools import Tools
from bot.advice.types import Answer, AnswerKind, Found, Question
from bot.knowledge.model import Statistic
from bot.knowledge.terms import FEATURE, GAP, PROGRAM, ROLE
from bot.knowledge.text import named_in, normalise

# Questions about whether management suits the visitor: a stated preference for technical work decides them.
FIT_INTENTS = frozenset(
    "ask_fit check_readiness ask_role_match ask_transition ask_worth_it ask_good_career ask_difference".split()
)
# "Where can I learn it?", "which course teaches that?"
LEARN_IT = re.compile(
    r"\b(?:where|how) (?:can|could|do|would|should) i (?:learn|study|get|pick up|take|train)\b"
    r"|\bwhich (?:course|program|programme|degree|university|school)\b.*\b(?:teach|teaches|cover|covers|offer|offers)\b"
    r"|\bwhere (?:is|are) (?:it|that|this|they) (?:taught|covered)\b"
)
# "Where is it?" after a program: where it is taught.
WHERE_IS_IT = re.compile(
    r"\bwhere (?:is|are) (?:it|they|that|this)(?: based| located| taught)?\b|\bwhich (?:city|country|campus)\b"
)
SHORT_PROGRAM_FOLLOW_UP = 5  # words: "and the fees?", "how much does that cost?"
# "Is it accredited?", "what would I study there?": a feature of the program just discussed.
POINTS_BACK = re.compile(r"\b(?:it|its|it's|that|this|there|the course|the program|the programme|the degree)\b")
# Words of study besides the programs' own (retrieval.PROGRAM_WORDS): "which schools offer it?"
STUDY_WORDS = re.compile(
    r"\b(?:schools?|colleges?|graduate|postgraduate|qualifications?|classes|taught|teach|teaches|learn)\b"
)
# A question about the visitor's own pay, accounts or records ("what is my compensation?").
OWN_AFFAIRS = re.compile(
    r"\b(?:what|what's|whats|how much|when|where|show|check|tell me)\b[^?.!]{0,25}\bmy (?:current |monthly |annual |"
    r"yearly |next )?(?:salary|pay|paycheck|pay cheque|payslip|compensation|wage|wages|income|bonus|pension|tax|taxes|"
    r"benefits|401k|balance|account|bank|credit|raise|pay rise|holiday|vacation|leave|pto|overtime)\b"
)
# "How much can a master's raise my salary?" is about the career, not the visitor's records.
CAREER_MOVE = re.compile(r"\b(?:master|masters|degree|msc|raise|boost|increase|double|improve|grow|career|become)\b")
DEFINITION = "ask_definition"
# "What does X mean?", "what does X do?": about the subject only when X is it (or a role, or "it").
DEFINING_INTENTS = frozenset({DEFINITION, ROLE_INTENT})
DEFINED_SUBJECT = re.compile(
    r"\b(?:engineering|engineers?|management|manager|managers|mgmt|em|ems|it|this|that|field|discipline|roles?|jobs?|"
    r"careers?|positions?|titles?|analysts?|directors?|they|them|those|"
    r"profession|degree|program|programme|course|msc|ms|master|masters)\b"
)
SOURCES = "ask_sources"  # "where does that come from?" is about the last answer, whatever it names


def choose_handler(advisor: Tools, question: Question, found: Found) -> Handler:
    """The intent's handler, unless the question's own words say what it is about."""
    intent_handler = handler_for(question.intent, advisor.kb)
    for rule in CONTEXT_RULES:  # whatever NLU made of it: "where is it?" after a program, "who says so?"
        handler = rule(advisor, question, found)
        if handler is not None:
            return handler
    unsure = question.intent == UNSURE
    if (question.intent not in advisor.knowledge_intents and not unsure) or question.intent == SOURCES:
        return intent_handler
    if advisor.decisive_gap(found):
        return decisive_gap_answer  # "is engineering management stressful?", even when NLU is unsure
    for rule in RULES:
        handler = rule(advisor, question, found)
        if handler is not None:
            return handler
    return intent_handler


Rule = Callable[[Tools, Question, Found], Optional[Handler]]


def definition_of_something_else(advisor: Tools, question: Question, found: Found) -> Optional[Handler]:
    """ "What does au revoir mean?": the definition topic answers only for the subject (or "it", "that")."""
    text = question.text.lower()
    if question.intent not in DEFINING_INTENTS or not text or text.startswith("/") or found:
        return None
    if DEFINED_SUBJECT.search(text) or (question.intent == ROLE_INTENT and question.context.role):
        return None
    return HANDLERS[OUT_OF_SCOPE]


def a_program_question_about_no_program(advisor: Tools, question: Question, found: Found) -> Optional[Handler]:
    """ "Is there a sale on at John Lewis?" read as a program question: it names no program, course or study."""
    text = question.text.lower()
    if question.intent != PROGRAM_INTENT or found or question.context.program or not text or text.startswith("/"):
        return None
    return None if PROGRAM_WORDS.search(text) or STUDY_WORDS.search(text) else HANDLERS[OUT_OF_SCOPE]


def another_roles_definition(advisor: Tools, question: Question, found: Found) -> Optional[Handler]:
    """ "What does a systems engineer actually do all day?" read as the definition, "what kinds of manufacturing can
    a manufacturing engineer work in?" as the sectors: that role's answer."""
    subject = advisor.kb.subject_role()
    named = [r for r in found.get(ROLE, []) if not subject or r != subject.id]
    if question.intent in ROLE_READINGS and len(named) == 1 and advisor.kb.role(named[0]) is not None:
        return HANDLERS[ROLE_INTENT]
    return None


# Intents whose answer is about engineering management in general, that NLU gives a question about another role.
ROLE_READINGS = frozenset({DEFINITION, "ask_sectors"})


def own_affairs(advisor: Tools, question: Question, found: Found) -> Optional[Handler]:
    """ "What is my compensation?", "when is my pay day?": the visitor's own records, which no article holds."""
    low = question.text.lower()
    if OWN_AFFAIRS.search(low) and not found.get(ROLE) and not CAREER_MOVE.search(low):
        return HANDLERS[OUT_OF_SCOPE]
    return None


def program_follow_up(advisor: Tools, question: Question, found: Found) -> Optional[Handler]:
    """After an answer about a program: "where can I learn it?", "where is it?", "how long does it take?"."""
    program, feature = program_in_context(advisor, question.context.topic)
    if program is None:
        return None
    low = question.text.lower()
    others = [p for p in advisor.kb.programs if p.id != program.id]
    the_other = bool(OTHER_ONE.search(low)) and len(others) == 1
    if the_other:
        program, feature = others[0], None  # "what about the other uni's course, is it accredited?"
    if LEARN_IT.search(low):
        return _where_to_learn(program.id, feature.id if feature else None)
    if WHERE_IS_IT.search(low):
        return _where_it_is(program.id)
    asked = {normalise(f) for f in found.get(FEATURE, [])}
    has_it = any(asked & {normalise(s) for s in f.synonyms} for f in program.features)
    # "Is it online like the Leeds one?": a program named only to compare with is not what "it" is.
    named = [p for p in found.get(PROGRAM, []) if not compared_with(advisor, p, low)]
    short = len(low.split()) <= SHORT_PROGRAM_FOLLOW_UP  # "what sort of opportunities?" after its experiential side
    if has_it and not named and (POINTS_BACK.search(low) or the_other or short):
        in_context = {**found, PROGRAM: [program.id]}
        return lambda a, q, _f: answer_program(a, q, in_context)  # "is it accredited?": of the program in context
    if asked and not has_it and not named and (POINTS_BACK.search(low) or the_other):
        return _feature_not_given(program.id, sorted(asked))  # never the other program's feature
    if feature is not None and not any(found.values()) and asks_more_of_a_feature(advisor, low, feature):
        return lambda a, q, _f: answer_program(a, q, {PROGRAM: [program.id], FEATURE: [feature.synonyms[0]]})
    place_gap = advisor.kb.place_gap()
    # "How long does it take?" leans on the program; "how long should I have worked before…?" does not.
    leans = POINTS_BACK.search(low) or len(low.split()) <= SHORT_PROGRAM_FOLLOW_UP
    if leans and any(not (place_gap and g == place_gap.id) for g in found.get(GAP, [])):
        return answer_uncovered  # the sources give no length, fees or entry requirements
    return None


# "like the Leeds one", "than Northeastern's": what follows names a thing compared with.
COMPARED_WITH = re.compile(
    r"\b(?:like|than|unlike|as with|compared (?:to|with)|versus|vs)\s+(?:the |that |its |their )?([\w']+)"
)


def compared_with(advisor: Tools, program_id: str, low: str) -> bool:
    """True when the program is named only after "like", "than", "unlike"... in the question."""
    program = advisor.kb.program(program_id)
    if program is None:
        return False
    names = {normalise(s) for s in program.synonyms}
    return any(normalise(m.group(1)).removesuffix("'s") in names for m in COMPARED_WITH.finditer(low))


def prefers_technical(advisor: Tools, question: Question, found: Found) -> Optional[Handler]:
    if question.intent in FIT_INTENTS and prefers_technical_work(question.said()):
        return technical_track_answer  # "I prefer technical work, should I manage?"
    return None


def another_university_or_degree(advisor: Tools, question: Question, found: Found) -> Optional[Handler]:
    institution = other_institution(advisor, question.text) or institution_named(advisor, question.text, found)
    if institution is not None:
        return _other_programs(institution)  # "does Stanford have a master's in engineering management?"
    degree = other_degree(question.text)
    if degree is not None and question.intent not in ("ask_role", "ask_jobs", "ask_role_match"):
        return _not_covered(degree)  # "is a master's in mechanical engineering worth it?"
    return None


def another_job(advisor: Tools, question: Question, found: Found) -> Optional[Handler]:
    figures = figures_asked_for(advisor, question)
    job = other_job(advisor, question, found) if figures else None
    if job is None:
        return None
    role = advisor.kb.role(job)
    low = question.text.lower()
    if role is not None and role.involves and DEGREE_HELPS.search(low) and not ASKS_A_FIGURE.search(low):
        return _role(role.id)  # "I'm a quality analyst. Would a master's help me?": what the degree brings to it
    if job_of_their_own(question.said(), job):
        return None  # "software dev here, 8 yrs in… options?": the visitor's job, not one asked about
    if role is not None and not named_in(question.text, role.synonyms) and OWN_MOVE.search(low):
        return None  # "…2 years as an ops analyst. Would a master's make sense for me?": their job, not the subject
    return _figures_not_given(job, figures)  # "what do civil engineers earn?", "are civil engineering jobs up?"


def a_place(advisor: Tools, question: Question, found: Found) -> Optional[Handler]:
    place_gap = advisor.kb.place_gap()
    if question.intent != UNSURE and place_gap is not None and place_gap.id in found.get(GAP, []):
        programs = found.get(PROGRAM, [])
        features = found.get(FEATURE, []) or features_by_word(advisor, question.text, programs)  # "recognise"
        if a_feature_placed(advisor, place_gap.id, programs, features):  # "is the Leeds MSc recognised abroad?"
            program = handler_for(PROGRAM_INTENT, advisor.kb)
            return lambda a, q, _f: program(a, q, {**found, FEATURE: features})  # what it has
        if only_in_statements(question.said(), place_gap.synonyms):
            return _place_then(handler_for(question.intent, advisor.kb), place_gap.id)  # "I'm in Australia. …?"
        return place_answer  # "and in the UK?": the figures are U.S. data
    return None


def only_in_statements(text: str, names: List[str]) -> bool:
    """True when the names appear in what the visitor states ("I work in Australia."), not in what they ask."""
    sentences = [s for s in SENTENCES.split(text) if s.strip()]
    named = [s for s in sentences if any(re.search(rf"\b{re.escape(normalise(n))}\b", normalise(s)) for n in names)]
    return bool(named) and all("?" not in s for s in named) and any("?" in s for s in sentences)


SENTENCES = re.compile(r"(?<=[.!?])\s+")


def _place_then(intent_handler: Handler, place_gap_id: str) -> Handler:
    """Where the visitor is, said in their background: what the sources lack there, then the question's answer."""

    def answer(advisor: Tools, question: Question, found: Found) -> Answer:
        rest = {label: [i for i in ids if i != place_gap_id] for label, ids in found.items()}
        return advisor.combine([place_answer(advisor, question, found), intent_handler(advisor, question, rest)])

    return answer


def gap_follow_up(advisor: Tools, question: Question, found: Found) -> Optional[Handler]:
    """ "Is that before or after tax?" after the salary: what the sources leave out, whatever NLU made of it."""
    if question.context.citations and advisor.decisive_gap(found) and POINTS_BACK.search(question.text.lower()):
        return decisive_gap_answer
    return None


# Rules read before the intent, for every intent: a short question leaning on the last answer.
CONTEXT_RULES: List[Rule] = [
    acronym_rule,
    a_claim_the_visitor_quoted,  # "I heard engineers build and managers lead…" then "who said that?"
    whom_it_is_for,
    why_follow_up,
    who_is_behind_a_feature,
    figures_of_an_article,
    provenance_rule,
    what_it_says_rule,  # "what does Leeds say about a skills gap?"
    claim_follow_up,
    list_rule,
    which_article_rule,  # "which article talks about a skills gap?": after the figures' and the lists' rules
    role_in_context_rule,
    program_follow_up,
    origin_follow_up,
    gap_follow_up,
    gap_in_the_background,  # "I've had a headache for days. What should I take for it?"
    own_job_and_the_degree,  # "would an MS help someone like me?" read as the readiness check too
    a_role_they_want,  # "…I'd like to be a business analyst. Does the EM degree point that way?"
]
# In order: the first rule that reads the question decides.
RULES: List[Rule] = [
    two_roles_compared,
    a_feature_of_a_program,  # "northeastern ms em - what real world experience do you get?"
    what_each_focuses_on,
    a_role_in_an_article,
    a_claim_of_an_article,
    jobs_of_a_program,
    definition_of_something_else,
    a_program_question_about_no_program,
    another_roles_definition,
    own_affairs,
    prefers_technical,
    signs_of_readiness,
    another_university_or_degree,
    another_job,
    a_figure_against_the_intent,  # after another job's: "what's the salary of a software engineer?"
    a_program_asked_for,
    a_sectors_pay,
    a_place,
    a_figure_by_its_words,
]


def _figures_not_given(job: str, figures: List[Statistic]) -> Handler:
    def answer(advisor: Tools, _question: Question, _found: Found) -> Answer:
        return figures_not_given(advisor, job, figures)

    return answer


def _role(role_id: str) -> Handler:
    def answer(advisor: Tools, _question: Question, _found: Found) -> Answer:
        return role_answer(advisor, advisor.kb.get(role_id))

    return answer


def _where_to_learn(program_id: str, feature_id: Optional[str]) -> Handler:
    def answer(advisor: Tools, _question: Question, _found: Found) -> Answer:
        program = advisor.kb.get(program_id)
        feature = next((f for f in program.features if f.id == feature_id), None)
        return where_to_learn_answer(advisor, program, feature)

    return answer


def _feature_not_given(program_id: str, asked: List[str]) -> Handler:
    def answer(advisor: Tools, _question: Question, _found: Found) -> Answer:
        program = advisor.kb.get(program_id)
        lines = [
            f"My sources don't say anything about {' or '.join(asked)} for the {program.university} {program.name}.",
            f"What they do say about it: {program.summary}",
        ]
        return advisor.compose(lines, [(program.source, program.section)], kind=AnswerKind.NOT_COVERED)

    return answer


def _where_it_is(program_id: str) -> Handler:
    def answer(advisor: Tools, _question: Question, _found: Found) -> Answer:
        return where_it_is_answer(advisor, advisor.kb.get(program_id))

    return answer


def _not_covered(subject: str) -> Handler:
    def answer(advisor: Tools, _question: Question, _found: Found) -> Answer:
        return advisor.not_covered(subject, program_pages=False)

    return answer


def _other_programs(institution: str) -> Handler:
    def answer(advisor: Tools, _question: Question, _found: Found) -> Answer:
        return other_programs_answer(advisor, institution)

    return answer
