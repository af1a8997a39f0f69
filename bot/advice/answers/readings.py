"""Router rules that read a question as another intent's, from what it names.

NLU reads "what does the Northeastern article say about program managers?" as a program question
(the university's name), "is there a master's I could do around work?" as the need-a-master's
question, and "how much do aerospace engineering managers get paid?" as the sectors question. Each
rule here sees what the question names (a role and an article, a feature a program offers, a sector
and pay, a figure put down to an article) or how it asks ("how would I know I'm ready?", "who is it
for?", "why though?") and answers with the intent that fits, through that intent's own handler.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from bot.advice.answers.figures import figures_by_value, figures_named, topic_quoting
from bot.advice.answers.programs import (
    PROGRAM_INTENT,
    offered_in,
    program_answer,
    program_in_context,
    programs_with_feature,
)
from bot.advice.answers.provenance import ARTICLE_WORDS
from bot.advice.answers.topics import aspect_answer
from bot.advice.narrower import SECTORS_INTENT, sectors_named
from bot.advice.profile import OWN_MOVE, own_years
from bot.advice.registry import Handler, handler_for
from bot.advice.retrieval import SUBJECT
from bot.advice.screening import asks_for_signs, asks_who_for
from bot.advice.subjects import PAY_INTENT, PAY_WORDS
from bot.advice.tools import Tools
from bot.advice.types import Found, Question
from bot.knowledge.model import Topic
from bot.knowledge.terms import ASPECT, FEATURE, GAP, PROGRAM, ROLE
from bot.knowledge.text import named_in, normalise

ROLE_INTENT = "ask_role"
UNSURE = "nlu_fallback"  # NLU's intent when no intent is confident enough
FOLLOW_UP = "follow_up"  # "and how does Leeds define it?"

# Asking whether some program exists: "is there a master's I could do around work?", "any course I can do from home?"
ASKS_FOR_A_PROGRAM = re.compile(
    r"\b(?:is there|are there|any|anything|something|recommend|suggest)\b[^?.!]{0,30}\b(?:master'?s|masters|courses?|"
    r"programs?|programmes?|degrees?|msc|study options?|options?)\b"
    r"|\bwhich (?:university|uni|school|college|one|program|programme|course|master'?s|degree)\b[^?.!]{0,30}"
    r"\b(?:has|have|offers?|runs?|is|teach(?:es)?|fits?|suits?)\b"
)


def a_role_in_an_article(advisor: Tools, question: Question, found: Found) -> Optional[Handler]:
    """ "What does the Northeastern article say about program managers?": the university names the article."""
    low = question.text.lower()
    if question.intent not in ARTICLE_READ_AS or not (found.get(ROLE) and found.get(PROGRAM)):
        return None  # another intent read the role and the article as what they are
    says = SAYS.search(low) and question.intent != UNSURE  # an unsure reading may ask a detail instead
    for role_id in found[ROLE]:
        role_entry = advisor.kb.role(role_id)
        for name in sorted(role_entry.synonyms if role_entry else [], key=len, reverse=True):
            low = low.replace(name.lower(), " ")  # "program managers" names a role, not a program
    # "quality engineer wat do they do acc 2 the northeastern thing": a role and a university, no program words.
    named_alone = question.intent == PROGRAM_INTENT and not PROGRAM_NOUNS.search(low)
    if found.get(FEATURE) or not (ARTICLE_WORDS.search(low) or says or named_alone):
        return None
    if PROGRAM_NOUNS.search(low):
        return None  # "…the Northeastern program and program managers": the program is asked about too
    role = handler_for(ROLE_INTENT, advisor.kb)
    return lambda a, q, f: role(a, replace(q, intent=ROLE_INTENT), {ROLE: f[ROLE]})


# Intents NLU gives a question about what an article says of a role ("does Northeastern's article say anything
# about quality engineers?" reads as the reading list, having "article" in it).
ARTICLE_READ_AS = frozenset({PROGRAM_INTENT, UNSURE, "ask_reading", "ask_uncovered"})
# "What does Northeastern say an engineering manager does?": the university names what its article says.
SAYS = re.compile(r"\b(?:say|says|said|mention|mentions|write|writes|wrote|describe|describes|per|according to)\b")
# Words for a program itself, besides the university's name: "the Northeastern program", "the Leeds MSc".
PROGRAM_NOUNS = re.compile(r"\b(?:course|courses|program|programme|msc|ms|master'?s|masters|degree|module|modules)\b")


def a_program_asked_for(advisor: Tools, question: Question, found: Found) -> Optional[Handler]:
    """A program asked for by what it offers ("…could do around work?"): the program that offers it."""
    if question.intent == PROGRAM_INTENT or found.get(PROGRAM):
        return None
    if not ASKS_FOR_A_PROGRAM.search(question.text.lower()):
        return None
    features = {normalise(f) for f in found.get(FEATURE, [])} or offered_in(advisor, question.background)
    if not programs_with_feature(advisor, sorted(features)):
        return None
    program = handler_for(PROGRAM_INTENT, advisor.kb)
    with_features = {**found, FEATURE: sorted(features)}
    return lambda a, q, _f: program(a, replace(q, intent=PROGRAM_INTENT), with_features)


# A claim put down to its source: "what growth rate does Northeastern quote?", "why, according to Leeds, …?"
ATTRIBUTED = re.compile(
    r"\b(?:say|says|said|mention|mentions|write|writes|wrote|describe|describes|quote|quotes|quoted|cite|cites|"
    r"give|gives|report|reports|claim|claims|put|puts|think|thinks|reckon|reckons|according to|going by|per the|"
    r"define|defines|explain|explains|see|sees|view|views|per)\b"
)
IT = re.compile(r"\b(?:it|that|this|they|them|those)\b")


def a_claim_of_an_article(advisor: Tools, question: Question, found: Found) -> Optional[Handler]:
    """ "What growth rate does Northeastern quote?": a figure the university's article gives, not its program.

    NLU learnt universities' names almost only from program questions, so a question that names one
    reads as the program question. Without a word for a program or one of its features, and asked of
    what the university says, it is about a figure of its article (by the words that name the figure):
    that figure's topic answers it, narrowed to the article.
    """
    low = question.text.lower()
    if question.intent not in (PROGRAM_INTENT, UNSURE, FOLLOW_UP) or not found.get(PROGRAM) or found.get(FEATURE):
        return None
    if found.get(ROLE) or PROGRAM_NOUNS.search(low) or not ATTRIBUTED.search(low):
        return None
    if found.get(ASPECT):  # "and what does Leeds say a manager's success is measured by?": that aspect
        aspect = advisor.kb.get(found[ASPECT][0])
        return lambda a, _q, _f: aspect_answer(a, aspect)
    topic = topic_of_figure_named(advisor, low)
    if topic is None and IT.search(low):
        last = advisor.kb.get(question.context.topic or "")
        topic = last if isinstance(last, Topic) else None  # "…, and how does Leeds define it?": the topic just answered
    if topic is None:
        topic = next_topic_guess(advisor, question)  # "what is engineering management according to Northeastern?"
    if topic is None:
        return None
    handler = handler_for(topic.intent, advisor.kb)
    rest = {label: ids for label, ids in found.items() if label != PROGRAM}
    return lambda a, q, _f: handler(a, replace(q, intent=topic.intent), rest)


NEXT_GUESS = 0.15  # NLU's next reading must be at least this likely


def next_topic_guess(advisor: Tools, question: Question) -> Optional[Topic]:
    """NLU's next reading of a question it read as the program's, when that reading is a topic's."""
    guesses = [(n, c) for n, c in question.ranking if n != question.intent and c >= NEXT_GUESS]
    topic = advisor.kb.topic_for_intent(guesses[0][0]) if guesses else None
    return topic if isinstance(topic, Topic) and topic.intent != PROGRAM_INTENT else None


def topic_of_figure_named(advisor: Tools, low: str) -> Optional[Topic]:
    """The topic quoting the figure the words name ("growth", "pay"): of those quoting it, the one quoting fewest."""
    for stat in advisor.kb.statistics:
        if not any(re.search(rf"\b{re.escape(w.lower())}\b", low) for w in stat.asked_with):
            continue
        quoting = [t for t in advisor.kb.topics if stat in advisor.kb.statistics_quoted(t)]
        if quoting:
            return min(quoting, key=lambda t: len(advisor.kb.statistics_quoted(t)))
    return None


def a_sectors_pay(advisor: Tools, question: Question, found: Found) -> Optional[Handler]:
    """ "How much do aerospace engineering managers get paid?": the pay answer (it says there is no sector figure)."""
    low = question.text.lower()
    if question.intent == SECTORS_INTENT and PAY_WORDS.search(low) and sectors_named(advisor.kb, low):
        pay = handler_for(PAY_INTENT, advisor.kb)
        return lambda a, q, f: pay(a, replace(q, intent=PAY_INTENT), f)
    return None


def institution_named(advisor: Tools, text: str, found: Found) -> Optional[str]:
    """A university the KB's gaps name ("stanford's fees", typed in lower case), as the question writes it."""
    gap = advisor.kb.institution_gap()
    if gap is None or gap.id not in found.get(GAP, []):
        return None
    low = normalise(text)
    named = [s for s in gap.synonyms if len(s.split()) == 1 and re.search(rf"\b{re.escape(s)}\b", low)]
    return named[0].title() if named else None


FIT_TOPIC = "ask_fit"  # who engineering management suits, and the readiness signs


def signs_of_readiness(advisor: Tools, question: Question, found: Found) -> Optional[Handler]:
    """ "How would I know I'm ready to move into management?": who it suits and the signs, not how to move."""
    if asks_for_signs(question.text) and own_years(question.said()) is None:
        return handler_for(FIT_TOPIC, advisor.kb)
    return None


def whom_it_is_for(advisor: Tools, question: Question, found: Found) -> Optional[Handler]:
    """ "Who is it aimed at?", "is engineering management only for engineers?": whom the sources say it suits.

    Read for every intent: NLU reads the short follow-up as out of scope, the longer one as a program's.
    Alone, it must name the subject; after an answer, "it" is what that answer was about.
    """
    if on_the_subject(question) and asks_who_for(question.text) and not found.get(FEATURE) and not found.get(GAP):
        return handler_for(FIT_TOPIC, advisor.kb)
    return None


# "Why though?", "how come?": the reasons of the answer just given.
WHY_ALONE = re.compile(
    r"^\W*(?:(?:and|but|so|ok|okay|hmm|really)\W+)*(?:why|how come|why so|why is that|why's that|whys that|"
    r"for what reason|on what grounds|says who and why)(?:\W+(?:though|tho|exactly|then))?\W*$"
)
# "Why bother getting one?", "what's the point of it?": whether it is worth it.
WHY_BOTHER = re.compile(
    r"\bwhy (?:would |should |do |does )?(?:i |you |anyone |one |people |they |he |she )?bother\b|\bwhat'?s the point\b"
    # "…or is it a waste of money?", "what are the downsides of a master's?"
    r"|\bwaste of (?:time|money|\$+|cash)|\b(?:downsides?|drawbacks?|cons|disadvantages?) (?:of|to|with)\b"
    r"[^?.!]{0,30}\b(?:master'?s|masters|msc|degree|going back)"
)
# "So why would one even need a master's?" after a role: what the degree brings to it.
WHY_NEED = re.compile(r"\bwhy (?:would|should|do|does|did|might)\b[^?.!]{0,25}\b(?:need|want|get|do|take)\b")
WORTH_IT = "ask_worth_it"
MASTERS = re.compile(r"\b(?:master'?s|masters|msc|postgrad\w*)\b")


def why_follow_up(advisor: Tools, question: Question, found: Found) -> Optional[Handler]:
    """ "Why though?" after a topic: that topic's answer again, whole; "why bother?": whether it is worth it."""
    low = question.text.lower()
    topic = advisor.kb.get(question.context.topic or "")
    if WHY_ALONE.match(low) and isinstance(topic, Topic):
        handler = handler_for(topic.intent, advisor.kb)
        return lambda a, q, _f: handler(a, replace(q, intent=topic.intent), {})
    role = advisor.kb.role(question.context.role) if question.context.role else None
    helps = WHY_BOTHER.search(low) or ((DEGREE_HELPS.search(low) or WHY_NEED.search(low)) and STUDY.search(low))
    if helps and role and role.degree_helps and not role.is_subject and not any(found.values()):
        # "so why would they bother with a masters?" after quality engineers: what the degree brings to that role
        role_handler = handler_for(ROLE_INTENT, advisor.kb)
        return lambda a, q, _f: role_handler(a, replace(q, intent=ROLE_INTENT), {ROLE: [role.id]})
    if WHY_BOTHER.search(low) and on_the_subject(question, MASTERS) and not found.get(ROLE) and not found.get(PROGRAM):
        worth = handler_for(WORTH_IT, advisor.kb)
        return lambda a, q, f: worth(a, replace(q, intent=WORTH_IT), f)
    return None


# "Who gives that?", "from which body?" after a feature: who is behind it, which its text names.
WHO_IS_BEHIND = re.compile(
    r"^\W*(?:(?:and|so|ok|okay)\W+)*(?:who|which|what)(?: \w+)? (?:gives|give|awards|grants|provides|accredits|"
    r"runs|issues|certifies|body|organisation|organization|institute|institution)\b"
    r"|\b(?:from|by) (?:which|what|whom|who)(?: \w+)?(?: body| organisation| organization| institute| institution)?\W*$"
)
SHORT_FOLLOW_UP = 6  # words


def who_is_behind_a_feature(advisor: Tools, question: Question, found: Found) -> Optional[Handler]:
    """ "What level is the Leeds MSc?" then "from which body?": the feature's own text, which names it."""
    program, feature = program_in_context(advisor, question.context.topic)
    low = question.text.lower()
    if program is None or feature is None or len(low.split()) > SHORT_FOLLOW_UP or not WHO_IS_BEHIND.search(low):
        return None
    if found.get(FEATURE):
        return None  # "and who accredits it?" names a feature of its own
    return lambda a, _q, _f: program_answer(a, program, feature.synonyms[:1])


def on_the_subject(question: Question, also: Optional[re.Pattern[str]] = None) -> bool:
    """After an answer, "it" is what that answer was about; alone, a question must name the subject (or `also`)."""
    if question.context.topic or question.context.citations or SUBJECT.search(question.text):
        return True
    return bool(also and also.search(question.text.lower()))


# A question's shape: a wh-word, "how much/many", or a question mark.
ASKS = re.compile(r"\?|\b(?:what|what's|whats|which|how|who|where|when|is|are|does|do)\b")


def a_figure_by_its_words(advisor: Tools, question: Question, found: Found) -> Optional[Handler]:
    """ "…, and what's the pay in the US?": a question NLU is unsure of that names one figure by its words.

    A part of a longer message is read alone, and a short one is often too little for the classifier;
    the words a visitor names a figure by ("pay", "growth") still say which topic answers it.
    """
    subject = advisor.kb.subject_role()
    if question.intent != UNSURE or found.get(ROLE, []) not in ([], [subject.id if subject else ""]):
        return None  # another role's pay: `another_job` says the sources give none
    if not ASKS.search(question.text.lower()):
        return None
    figures = figures_named(advisor.kb, question.text, by_description=False)
    topic_id = topic_quoting(advisor.kb, figures[0]) if len(figures) == 1 else None
    topic = advisor.kb.get(topic_id) if topic_id else None
    if not isinstance(topic, Topic):
        return None
    handler = handler_for(topic.intent, advisor.kb)
    return lambda a, q, f: handler(a, replace(q, intent=topic.intent), f)


# "Would a master's help me?": whether the degree helps, not how much it adds.
DEGREE_HELPS = re.compile(
    r"\b(?:help|helps|helpful|useful|worth|benefit|benefits|good for|make sense|bring|add|do for|does for|get me into|"
    r"get me in|get into|lead me to|open doors|give|gives)\b"
)
ASKS_A_FIGURE = re.compile(
    r"\b(?:how much|how many|how fast|by how|percent|per cent|figure|number|salary|salaries|pay|paid|earn|earns|"
    r"earning|earnings|income|raise|growth|growing|demand|financially|financial|money|cost|roi|return)\b|%|\$"
)


JOBS_INTENT = "ask_jobs"


def jobs_of_a_program(advisor: Tools, question: Question, found: Found) -> Optional[Handler]:
    """ "Thinking about the Northeastern MS, what jobs could it lead to?": the jobs topic, not the program's blurb."""
    if question.intent not in (PROGRAM_INTENT, UNSURE) or found.get(FEATURE):
        return None
    if not WHAT_JOBS.search(question.text.lower()):
        return None
    jobs = handler_for(JOBS_INTENT, advisor.kb)
    return lambda a, q, f: jobs(a, replace(q, intent=JOBS_INTENT), f)


WHAT_JOBS = re.compile(
    r"\b(?:what|which)\s+(?:kinds? of |sorts? of |types? of )?(?:jobs|roles|careers|positions|job titles)\b"
    r"[^?.!]{0,40}\b(?:lead|leads|get|open|land|go into|do with)\b"
)


def a_figure_against_the_intent(advisor: Tools, question: Question, found: Found) -> Optional[Handler]:
    """ "What's the typical pay if I move up?" read as the experience question: the figure its words name.

    Only between the topics that each answer one figure: the question names another figure by the words
    visitors use for it, and not the intent's own.
    """
    topic = advisor.kb.topic_for_intent(question.intent)
    quoted = advisor.kb.statistics_quoted(topic) if topic else []
    if len(quoted) != 1:
        return None  # a topic weighing several figures ("do I need a master's?") is not one figure's
    if figures_by_value(advisor.kb, question.text.lower()):
        return None  # "would 4 years be enough?": a number of the visitor's, not the 4% growth
    named = figures_named(advisor.kb, question.text, by_description=False)
    if not 0 < len(named) <= 2 or quoted[0] in named or found.get(ROLE, []) not in ([], [_subject_id(advisor)]):
        return None  # one figure, or two ("what pay and job growth could I expect?"), and not the intent's own
    if quoted[0].id in {s.id for s in figures_named(advisor.kb, question.text)}:
        return None  # "does a master's raise your pay?": "master's" describes the boost the intent is about
    others = [advisor.kb.get(topic_quoting(advisor.kb, stat) or "") for stat in named]
    if not all(isinstance(t, Topic) for t in others):
        return None
    intents = list(dict.fromkeys(t.intent for t in others if isinstance(t, Topic)))
    return lambda a, q, f: a.combine([handler_for(i, a.kb)(a, replace(q, intent=i), f) for i in intents])


def _subject_id(advisor: Tools) -> str:
    subject = advisor.kb.subject_role()
    return subject.id if subject else ""


def own_job_and_the_degree(advisor: Tools, question: Question, found: Found) -> Optional[Handler]:
    """ "I'm a quality engineer… would an MS actually help someone like me?": what the degree brings to their job.

    Their job is named in what they say of themselves, not in the question, and the question asks whether
    the degree helps them.
    """
    low = question.text.lower()
    if not (DEGREE_HELPS.search(low) and OWN_MOVE.search(low) and STUDY.search(low)) or ASKS_A_FIGURE.search(low):
        return None
    said = question.background or ""  # their job is in what they say of themselves, not in what they ask
    named = [advisor.kb.role(r) for r in found.get(ROLE, [])] + [
        r for r in advisor.kb.roles if named_in(said, r.synonyms)
    ]
    own = list(
        {
            r.id: r
            for r in named
            if r and r.degree_helps and not r.is_subject and not named_in(question.text, r.synonyms)
        }.values()
    )
    if len(own) != 1:
        return None
    role = handler_for(ROLE_INTENT, advisor.kb)
    return lambda a, q, _f: role(a, replace(q, intent=ROLE_INTENT), {ROLE: [own[0].id]})


STUDY = re.compile(r"\b(?:master'?s?|masters|msc|ms|degree|course|program|programme)\b")


# "What do engineers focus on vs managers?": what each centres on, which the summary says, not the scope of work.
FOCUS_ON = re.compile(r"\bfocus(?:es|ed|ing)? on\b|\bcentres? on\b|\bcenters? on\b")
SUMMARY_INTENT = "ask_summary"


def what_each_focuses_on(advisor: Tools, question: Question, found: Found) -> Optional[Handler]:
    """The summary's points on what engineering and its management each centre on."""
    if (
        not FOCUS_ON.search(question.text.lower())
        or found.get(PROGRAM, [])
        and PROGRAM_NOUNS.search(question.text.lower())
    ):
        return None
    if found.get(ROLE, []) not in ([], [_subject_id(advisor)]) or found.get(FEATURE) or found.get(GAP):
        return None
    summary = handler_for(SUMMARY_INTENT, advisor.kb)
    return lambda a, q, f: summary(a, replace(q, intent=SUMMARY_INTENT), {})


def claim_follow_up(advisor: Tools, question: Question, found: Found) -> Optional[Handler]:
    """ "And how does Leeds define it?": the topic just answered, of the other university's article."""
    return a_claim_of_an_article(advisor, question, found) if question.intent == "follow_up" else None
