"""Which job or university a question is about, when it is not the one the sources describe.

The sources' figures describe engineering managers, and their programs are
Northeastern's and Leeds'. "Are civil engineering jobs growing?" or "how much
do they earn?" after a product manager answer must not get the engineering
managers' figure as if it answered; "does Stanford have a master's?" must not
get the definition of engineering management.
"""

from __future__ import annotations

import re
from typing import List, Optional

from bot.advice.tools import Tools
from bot.advice.types import Found, Question
from bot.knowledge.model import Role, Statistic, Topic
from bot.knowledge.terms import ROLE
from bot.knowledge.text import normalise, plain, singular
from bot.language.vocabulary import stop_words

# "civil engineering jobs", "software engineers", "software developer jobs", "operations managers": a named job.
JOB_NOUN = (
    r"(?:engineers?|developers?|analysts?|technicians?|scientists?|designers?|managers?|directors?|architects?|"
    r"consultants?|specialists?|officers?|supervisors?|leads?|nurses?|teachers?|accountants?|programmers?)"
)
FIELD_JOBS = re.compile(
    r"\b((?:[a-z]+ )?[a-z]+ (?:engineering (?:jobs|roles|positions|careers|vacancies|work|salaries|pay)|"
    + JOB_NOUN
    + r"(?: (?:jobs|roles|positions|careers))?))\b"
)
SELF_DESCRIBED = re.compile(r"\b(?:i m|im|i am|i ve been|ive been|i have been|i work as|working as|as|my job as)\s*$")
NOT_FIELDS = frozenset(
    """the a an all most many some do does are is for of and to as other junior senior new young good our my your
    their these those become becoming be being that which what how why when where who can will would should most
    experienced chartered professional qualified many more""".split()
)
PAY_INTENT = "ask_salary"  # its topic quotes the pay figure
GROWTH_INTENT = "ask_outlook"  # its topic quotes the growth figure
GROWTH_WORDS = re.compile(r"\b(grow|grows|growing|growth|demand|outlook|prospects|hiring|in demand)\b")
LEANING_INTENTS = ("follow_up", "nlu_fallback")  # intents that leave the words to say what is asked
PAY_WORDS = re.compile(r"\b(salary|salaries|pay|paid|earn|earns|earning|make|makes|money|wage|wages|income)\b")
# "how much do they earn?" right after an answer about one role.
PRONOUN = re.compile(r"\b(they|them|their|that role|that job|this role|this job|those roles|such roles)\b")
ROLE_TOPICS = ("role:", "more:", "match:")  # context topics set by answers about one role
SHORT_FOLLOW_UP_WORDS = 4  # "and the salary?": short enough to lean on the last answer
LEADS_ON = re.compile(r"\W*(?:and|so|what about|how about|ok and|okay and)\b")  # "and what's the pay like?"
# What a master's adds to pay is its own question (the 18% figure), not a question about a job's pay.
MASTERS_WORDS = re.compile(r"\b(master|masters|degree|msc?)\b")
# Another institution: "Stanford", "MIT", "the University of Toronto", "Imperial College".
# Words around an institution's name that don't tell one institution from another.
NOT_NAMES = frozenset(
    "university college institute polytechnic business school of msc ms mba master masters engineering "
    "management course program programme degree online".split()
)
# Searched apart, so "about the university of leeds" is read as "university of leeds".
INSTITUTIONS = (
    re.compile(r"\buniversity of [a-z]+(?: [a-z]+)?\b"),
    re.compile(r"\b[a-z]+(?: [a-z]+)? (?:university|college|institute|polytechnic|business school)\b"),
)
# A capitalised name after "at", "from", "does" ... ("does Stanford have", "at MIT"), unknown to the KB.
NAMED_AFTER = re.compile(r"\b(?i:at|from|does|do|did|in|of|with|by|like|than|has|have|about)\s+([A-Z][A-Za-z]+)\b")
# The subject of a degree: "a bachelor's in EE", "my degree in CS", "BSc in Mechatronics".
STUDIED_SUBJECT = re.compile(
    r"(?i:\b(?:bachelor'?s?|master'?s?|masters|degree|bsc|ba|beng|msc|meng|phd|diploma|major(?:ed)?)\s+in)\s+([A-Z][A-Za-z]+)"
)
# "Purdue's MEM program", "Imperial's MSc"
POSSESSIVE_NAME = re.compile(r"\b([A-Z][A-Za-z]+)['’]s\b")
PROGRAM_WORDS = re.compile(
    r"\b(master|masters|msc|ms|mba|degree|program|programme|course|study|studies|offer|offers)\b"
)


def subject_names(role: Role) -> List[str]:
    title = normalise(role.title)
    return [title, title.split()[-1], *(normalise(s) for s in role.synonyms)]


def figures_describing_subject(advisor: Tools, intent: str) -> List[Statistic]:
    """The figures the intent's topic quotes that describe the subject role (salary, growth, experience)."""
    topic = advisor.kb.topic_for_intent(intent)
    subject = advisor.kb.subject_role()
    if not isinstance(topic, Topic) or subject is None:
        return []
    return [s for s in advisor.kb.statistics_quoted(topic) if s.describes == subject.id]


def figures_asked_for(advisor: Tools, question: Question) -> List[Statistic]:
    """The subject role's figures a question asks for: pay when it asks whose pay, else its topic's figures."""
    low = question.text.lower()
    asks_pay = advisor.guard.paid_job(question.text) or (question.intent in LEANING_INTENTS and PAY_WORDS.search(low))
    if asks_pay and not MASTERS_WORDS.search(low):
        return figures_describing_subject(advisor, PAY_INTENT)  # whatever intent NLU picked
    if question.intent in LEANING_INTENTS and GROWTH_WORDS.search(low):
        return figures_describing_subject(advisor, GROWTH_INTENT)  # "and is that job growing?"
    return figures_describing_subject(advisor, question.intent)


def other_job(advisor: Tools, question: Question, found: Found) -> Optional[str]:
    """The job, other than the subject role, that a figure question is about: a role id, or the words used."""
    subject = advisor.kb.subject_role()
    if subject is None:
        return None
    others = [r for r in found.get(ROLE, []) if r != subject.id]
    if others:
        return others[0]  # "do operations managers earn more than engineering managers?" too
    text = question.text
    if subject.id not in found.get(ROLE, []) and not MASTERS_WORDS.search(text.lower()):
        # "do engineers earn more with a master's?" is the earnings-boost question, not another job's pay
        names = subject_names(subject)
        for phrase in (advisor.guard.paid_job(text), _field_job(text, names)):
            if phrase and singular(normalise(phrase)) not in names:
                resolved = advisor.resolver.resolve(ROLE, phrase)
                if resolved != subject.id:
                    return resolved or phrase
    ctx = question.context
    if ctx.role and ctx.role != subject.id and (ctx.topic or "").startswith(ROLE_TOPICS):
        short_follow_up = (
            question.intent == "follow_up" or len(text.split()) <= SHORT_FOLLOW_UP_WORDS or LEADS_ON.match(text.lower())
        )
        if PRONOUN.search(text.lower()) or (short_follow_up and subject.id not in found.get(ROLE, [])):
            return ctx.role  # "how much do they earn?", "and the salary?" after a product manager answer
    return None


def _field_job(text: str, subject_names: List[str]) -> Optional[str]:
    clean = plain(text)
    for match in FIELD_JOBS.finditer(clean):
        if SELF_DESCRIBED.search(clean[: match.start()]):
            continue  # "I'm a mechanical engineer": the visitor's own job, not the question's subject
        words = match.group(1).split()
        # "the move from engineer", "managing engineers": a verb or function word is no field of work
        cut = max(
            (
                i + 1
                for i, w in enumerate(words[:-1])
                if w in NOT_FIELDS or w in stop_words() or (w.endswith("ing") and w != "engineering")
            ),
            default=0,
        )
        words = words[cut:]  # "the move from engineer" leaves "engineer": no field named
        phrase = " ".join(words)
        if (
            len(words) >= 2
            and words[0] not in ("engineering", "engineer", "em", "eng")
            and not any(singular(phrase).startswith(name) for name in subject_names if " " in name)
        ):
            return phrase
    return None


# "a master's in mechanical engineering", "an MSc in data science": a degree the sources don't describe.
OTHER_DEGREE = re.compile(r"\b(?:master|masters|msc|ms|meng|ma|degree|mba) (?:degree )?in ([a-z]+(?: [a-z]+)?)")
OUR_DEGREE_WORDS = ("engineering management", "management", "engineering mgmt", "em")


# "a computer science degree", "is data science a better degree": the field named before the degree.
FIELD_DEGREE = re.compile(
    r"\b(?:a|an|is|or|than|study|studying|do|doing|take|taking)\s+"
    r"([a-z]+(?: [a-z]+)?)\s+(?:(?:a\s+)?(?:better|good|smarter|more useful|worse)\s+)?(?:degree|bsc|msc|major)\b"
)
DEGREE_COMPARISON = re.compile(
    r"\b(?:better|worse|than|instead|versus|vs|compared|rather)\b"
    r"|\bor (?:an? )?(?:engineering management|em|masters?)\b"
)
# Words before "degree" that name its level or quality, not a field of study.
NOT_DEGREE_FIELDS = frozenset(
    "a an the this that my your his her their any one which what good better bad worse first second "
    "bachelors bachelor masters master undergraduate graduate postgraduate doctoral relevant related "
    "specialised specialized higher advanced university college online part time full engineering "
    "four year three year two year 4 3 2 year".split()
)


NOT_A_SUBJECT = frozenset("it this that the a an either both any each one them those these".split())


def other_degree(text: str) -> Optional[str]:
    """The subject of a degree other than engineering management that a question asks about."""
    clean = plain(text)
    found = OTHER_DEGREE.search(clean)
    if found is not None:
        subject = found.group(1)
        # Not a field: "it", "the", "either of the articles", "both", "any of them".
        if not subject.startswith(OUR_DEGREE_WORDS) and subject.split()[0] not in NOT_A_SUBJECT:
            return f"a master's in {subject}"
    if not DEGREE_COMPARISON.search(clean):
        return None  # "with a physics degree, can I…?" is the visitor's background: the requirements answer it
    for match in FIELD_DEGREE.finditer(clean):
        words = match.group(1).split()
        words = words[1:] if words[0] in ("a", "an", "the") else words
        subject = " ".join(words)
        fields = [w for w in words if w not in NOT_DEGREE_FIELDS and w not in stop_words()]
        if words and fields == words and not subject.startswith(OUR_DEGREE_WORDS):
            return f"a degree in {subject}"
    return None


def other_institution(advisor: Tools, text: str) -> Optional[str]:
    """Another university's name in a question about programs, when the KB describes none of it."""
    low = plain(text)
    if not PROGRAM_WORDS.search(low):
        return None
    ours = {w for p in advisor.kb.programs for name in (p.university, p.name, *p.synonyms) for w in plain(name).split()}
    for pattern in INSTITUTIONS:
        for match in pattern.finditer(low):
            name = set(match.group(0).split()) - NOT_NAMES - stop_words()
            if name and not name & ours:
                words = match.group(0).split()
                while words[0] in stop_words():
                    words = words[1:]  # "does stanford university" names "stanford university"
                return " ".join(words)
    place_gap = advisor.kb.place_gap()
    places = {normalise(p) for p in place_gap.synonyms} if place_gap else set()
    studied = {m.lower() for m in STUDIED_SUBJECT.findall(text)}  # "a bachelor's in EE": a subject, not a university
    for word in NAMED_AFTER.findall(text) + POSSESSIVE_NAME.findall(text):
        low = word.lower()
        if low not in ours and low not in advisor.kb_words and low not in places and low not in studied:
            return word  # a country ("engineer in Australia") is where the visitor is, not a university
    return None


def job_of_their_own(said: str, job: str) -> bool:
    """True when the visitor names the job as theirs: "software developer here", "I'm a data analyst"."""
    phrase = re.escape(normalise(job.replace("_", " ")).rstrip("s"))
    return bool(
        re.search(
            rf"(?:\b(?:i'?m|i am|i work as|working as|my job as) (?:an? )?{phrase}|{phrase}s? here\b)", normalise(said)
        )
    )
