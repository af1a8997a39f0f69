"""Compose answers from the knowledge base.

`Advisor.answer(question)` looks up a handler for the question's intent in a
registry and returns an `Answer`: text that ends with its sources, follow-up
buttons, and the context (slots) the next turn needs. No Rasa types here.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Callable, Dict, FrozenSet, List, Optional, Sequence, Tuple

from bot.guard import DomainGuard
from bot.inputs import NOT_UNDERSTOOD, all_words_unknown, message_problem, off_topic, wants_to_stop
from bot.personal import ENGINEERING_WORDS, NUMBER_WORDS, profile_from
from bot.kb.model import PLACEHOLDER, Aspect, KnowledgeBase, Point, Program, Role, Topic
from bot.vocab import ASPECT, FEATURE, GAP, PROGRAM, ROLE, Resolver, normalise

Citation = Tuple[str, str]  # (source id, section)


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True)
class Context:
    """What the conversation is about so far (mirrors the Rasa slots)."""

    role: Optional[str] = None
    program: Optional[str] = None
    aspect: Optional[str] = None
    topic: Optional[str] = None
    citations: Tuple[str, ...] = ()  # "source_id|section" of the last answer
    experience_years: Optional[float] = None  # what the visitor said about themselves
    degree_field: Optional[str] = None


@dataclass(frozen=True)
class Question:
    intent: str
    text: str = ""
    entities: Sequence[Tuple[str, str]] = ()  # (label, value) as extracted
    context: Context = Context()
    ranking: Sequence[Tuple[str, float]] = ()  # NLU's intent ranking, best first


@dataclass
class Answer:
    text: str
    buttons: List[Button] = field(default_factory=list)
    citations: List[Citation] = field(default_factory=list)
    kind: str = "answer"  # answer | decline | not_covered | chitchat
    updates: Dict[str, object] = field(default_factory=dict)  # context changes for the next turn


Handler = Callable[["Advisor", Question, Dict[str, List[str]]], Answer]
HANDLERS: Dict[str, Handler] = {}

# Question intents whose answers rest on the KB (chit-chat intents are not here).
KNOWLEDGE_INTENTS: List[str] = []


def handles(*intents: str, knowledge: bool = True) -> Callable[[Handler], Handler]:
    def register(fn: Handler) -> Handler:
        for intent in intents:
            HANDLERS[intent] = fn
            if knowledge:
                KNOWLEDGE_INTENTS.append(intent)
        return fn

    return register


MAX_BUTTONS = 4
# Short questions about the previous answer ("and the modules?", "why?"): on topic by context.
CONTEXT_INTENTS = frozenset({"follow_up", "ask_sources"})
READINESS_BUTTON = Button("Check if it suits me", "/check_readiness")  # starts the readiness check (a form)


class Advisor:
    def __init__(self, kb: KnowledgeBase, known: Optional[FrozenSet[str]] = None,
                 domain: Optional[FrozenSet[str]] = None) -> None:
        self.kb = kb
        self.known = known  # vocabulary of training data and KB, when built
        self.domain = domain  # content words of the KB and on-topic training data, when built
        self.resolver = Resolver(kb)
        self.guard = DomainGuard(kb)

    # -- entry point -------------------------------------------------------
    def answer(self, question: Question) -> Answer:
        found = self.resolve_entities(question.entities)
        problem = message_problem(question.text) if question.text else None
        if not problem and self.known and not question.text.startswith("/") and \
                all_words_unknown(question.text, self.known):
            problem = NOT_UNDERSTOOD
        if problem:
            return Answer(problem, self.help_buttons(), kind="decline")
        if question.intent in KNOWLEDGE_INTENTS:
            subject = self.guard.foreign_subject(question.text)
            if subject:
                return self.decline_subject(subject)
            if self.domain and question.intent not in CONTEXT_INTENTS and off_topic(question.text, self.domain):
                return HANDLERS["out_of_scope"](self, question, found)
        answer = self.route(question, found)(self, question, found)
        if answer.citations:
            unique = dict.fromkeys(f"{s}|{sec}" for s, sec in answer.citations)
            answer.updates.setdefault("citations", list(unique))
        return answer

    def route(self, question: Question, found: Dict[str, List[str]]) -> Handler:
        """The intent's handler, unless the question's own words say what it is about."""
        intent_handler = HANDLERS.get(question.intent, HANDLERS["out_of_scope"])
        unsure = question.intent == "nlu_fallback"
        if (question.intent not in KNOWLEDGE_INTENTS and not unsure) or question.intent == "ask_sources":
            return intent_handler
        if self.decisive_gap(found):
            return decisive_gap_answer  # "is engineering management stressful?", even when NLU is unsure
        if unsure:
            return intent_handler
        job = self.pay_asked_about(question)
        if job is not None:
            return lambda advisor, _question, _found: pay_not_given(advisor, job)  # "what do civil engineers earn?"
        if COUNTRY_GAP in found.get(GAP, []):
            return place_answer  # "and in the UK?": the figures are U.S. data
        return intent_handler

    def decisive_gap(self, found: Dict[str, List[str]]) -> Optional[str]:
        """The first gap named whose naming decides what the question is about (see `Gap.decisive`)."""
        return next((g for g in found.get(GAP, []) if self.kb.get(g).decisive), None)

    def uncovered_subject_answer(self, question: Question) -> Optional[Answer]:
        """The "not covered" answer when the question names a decisive gap, else None.

        For turns that don't go through `answer`: "will AI replace engineering managers?"
        can read to NLU like a request for the readiness check.
        """
        found = self.resolve_entities(question.entities)
        return decisive_gap_answer(self, question, found) if self.decisive_gap(found) else None

    def pay_asked_about(self, question: Question) -> Optional[str]:
        """The job, other than engineering manager, whose pay the question asks about.

        A KB role comes back as its id, any other engineering job as the words used.
        What a master's adds to pay is its own question (the 18% figure), so it is left alone.
        """
        if question.intent == "ask_earnings_boost" or re.search(r"\b(master|degree|msc?)\b", question.text.lower()):
            return None
        job = self.guard.paid_job(question.text)
        if job is None:
            return None
        role = self.resolver.resolve(ROLE, job)
        if role == "engineering_manager" or normalise(job).rstrip("s") in ("engineering manager", "manager"):
            return None
        return role or job

    def resolve_entities(self, entities: Sequence[Tuple[str, str]]) -> Dict[str, List[str]]:
        found: Dict[str, List[str]] = {}
        for label, value in entities:
            if label == FEATURE:
                ident: Optional[str] = normalise(value)
            else:
                ident = self.resolver.resolve(label, value)
            if ident and ident not in found.setdefault(label, []):
                found[label].append(ident)
        return found

    # -- composition helpers ----------------------------------------------
    def sources_line(self, citations: Sequence[Citation]) -> str:
        ids: List[str] = []
        for source_id, _ in citations:
            if source_id not in ids:
                ids.append(source_id)
        names = "; ".join(self.kb.source(s).citation() for s in ids)
        return f"Source{'s' if len(ids) > 1 else ''}: {names}"

    def describe_source(self, source_id: str) -> str:
        """A source in full: title, publisher, author, date, link."""
        s = self.kb.source(source_id)
        parts = [f"“{s.title}”", s.publisher] + ([f"by {s.author}"] if s.author else [])
        parts.append(f"published {s.published}")
        return ", ".join(parts + ([s.url] if s.url else []))

    def compose(self, lines: Sequence[str], citations: Sequence[Citation], buttons: Sequence[Button] = (),
                kind: str = "answer", updates: Optional[Dict[str, object]] = None, joiner: str = " ") -> Answer:
        body = joiner.join(lines)
        text = f"{body}\n\n{self.sources_line(citations)}" if citations else body
        return Answer(text, list(buttons)[:MAX_BUTTONS], list(citations), kind, dict(updates or {}))

    def point_text(self, point: Point) -> str:
        return self.kb.fill(point.text)

    def button_for(self, entry_id: str) -> Optional[Button]:
        entry = self.kb.get(entry_id)
        if isinstance(entry, Topic):
            return Button(entry.question, f"/{entry.intent}")
        if isinstance(entry, Role):
            return Button(entry.title, "/ask_role" + json.dumps({"role": entry.id}))
        if isinstance(entry, Aspect):
            return Button(entry.title, "/ask_difference" + json.dumps({"aspect": entry.id}))
        if isinstance(entry, Program):
            return Button(f"{entry.university}: {entry.name}", "/ask_program" + json.dumps({"program": entry.id}))
        return None

    def buttons(self, ids: Sequence[str], exclude: Sequence[str] = ()) -> List[Button]:
        made = [self.button_for(i) for i in ids if i not in exclude]
        return [b for b in made if b][:MAX_BUTTONS]

    def topic_buttons(self, *topic_ids: str) -> List[Button]:
        return self.buttons(topic_ids)

    def publishers(self) -> str:
        return " and ".join(s.publisher for s in self.kb.sources)

    def help_buttons(self) -> List[Button]:
        return self.topic_buttons("difference", "need_masters", "jobs", "worth_it")

    # -- shared answers ------------------------------------------------------
    def topic_answer(self, topic: Topic, extra_lines: Sequence[str] = (), extra_citations: Sequence[Citation] = (),
                     joiner: str = " ", updates: Optional[Dict[str, object]] = None) -> Answer:
        lines = [self.point_text(p) for p in topic.points] + list(extra_lines)
        citations = [(p.source, p.section) for p in topic.points] + list(extra_citations)
        return self.compose(lines, citations, self.buttons(topic.related), joiner=joiner,
                            updates={"topic": topic.id, **(updates or {})})

    def decline_subject(self, subject: str) -> Answer:
        text = (f"Sorry, I can't help with {subject}: the two articles I draw on ({self.publishers()}) only "
                "cover engineering and engineering management careers, so I won't guess. "
                "I can help with questions like these:")
        return Answer(text, self.help_buttons(), kind="decline")

    def not_covered(self, subject: str, program: Optional[Program] = None, program_pages: bool = True) -> Answer:
        """Say the sources don't cover it; point to the program pages when they are where to look."""
        lines = [f"Sorry, the two articles I draw on ({self.publishers()}) don't cover {subject}, "
                 "so I can't give you an answer I could stand behind."]
        programs = [program] if program else (self.kb.programs if program_pages else [])
        for p in programs:
            if p.url:
                lines.append(f"For the {p.university} {p.name}, check the program page: {p.url}")
            else:
                lines.append(f"For the {p.university} {p.name}, check the university's own course page.")
        return Answer("\n".join(lines), self.topic_buttons("programs", "worth_it", "need_masters"),
                      kind="not_covered")


# -- places -------------------------------------------------------------------
COUNTRY_GAP = "other_countries"  # the gap whose synonyms name places
_THE = {"UK", "U.K.", "United Kingdom", "UAE", "European Union"}


def place_named(advisor: Advisor, text: str) -> str:
    gap = advisor.kb.get(COUNTRY_GAP)
    low = text.lower()
    for synonym in sorted(gap.synonyms, key=len, reverse=True):
        if re.search(r"(?<![a-z])" + re.escape(synonym) + r"(?![a-z])", low):
            name = synonym.upper() if len(synonym) <= 4 else synonym.title()
            return f"the {name}" if name in _THE else name
    return "other countries"


def place_answer(advisor: Advisor, question: Question, found: Dict[str, List[str]]) -> Answer:
    """A figure or program question about a country: say where the KB's figures come from, and no more."""
    place = place_named(advisor, question.text)
    topic = advisor.kb.topic_for_intent(question.intent)
    if question.intent == "follow_up" and question.context.topic:
        topic = advisor.kb.get(question.context.topic)
    stat_ids = [m.group(1) for p in topic.points for m in PLACEHOLDER.finditer(p.text)] \
        if isinstance(topic, Topic) else []
    stats = [advisor.kb.statistic(i) for i in dict.fromkeys(stat_ids)]
    lines, citations = [], []
    for stat in stats:
        where = f", so it describes {stat.region}" if stat.region else ""
        origin = stat.measured_by if stat.measured_by[:1].islower() else f"the {stat.measured_by}"
        lines.append(f"The figure I have for the {stat.label}, {stat.value}, comes from {origin}{where}.")
        citations.append((stat.source, stat.section))
    lines.append(f"Neither article ({advisor.publishers()}) gives figures or details for {place}, so I can't "
                 "tell you how it compares there.")
    programs = found.get(PROGRAM) or ([question.context.program] if question.context.program else [])
    if programs or question.intent == "ask_program" or (isinstance(topic, Topic) and topic.id == "programs"):
        chosen = [advisor.kb.program(p) for p in programs] or advisor.kb.programs
        lines.append("What they do say about where the programs are taught: " + "; ".join(
            f"{p.university} {p.name}: {p.location}" for p in chosen) + ".")
        citations += [(p.source, p.section) for p in chosen]
    return advisor.compose(lines, citations, advisor.topic_buttons("salary", "outlook", "programs", "worth_it"),
                           kind="not_covered")


# -- knowledge handlers -----------------------------------------------------------
@handles("ask_definition", "ask_earnings_boost", "ask_outlook", "ask_good_career", "ask_sectors", "ask_summary")
def answer_topic(advisor: Advisor, question: Question, found: Dict[str, List[str]]) -> Answer:
    topic = advisor.kb.topic_for_intent(question.intent)
    assert topic is not None, f"no topic for intent {question.intent}"  # checked by tests over the KB
    return advisor.topic_answer(topic)


@handles("ask_need_masters", "ask_experience", "ask_worth_it", "ask_transition")
def answer_personal(advisor: Advisor, question: Question, found: Dict[str, List[str]]) -> Answer:
    """Master's and experience questions, tailored to what the visitor said about themselves."""
    topic = advisor.kb.topic_for_intent(question.intent)
    said = profile_from(question.text)
    years = said.years if said.years is not None else question.context.experience_years
    degree = said.degree_field or question.context.degree_field
    lines = personal_advice(advisor, years, degree)
    updates: Dict[str, object] = {}
    if said.years is not None:
        updates["experience_years"] = said.years
    if said.degree_field:
        updates["degree_field"] = said.degree_field
    if not lines and question.intent in ("ask_need_masters", "ask_experience"):
        lines = ["If you tell me how many years of experience you have, or what your first degree was in, "
                 "I can relate this to you."]
        return advisor.topic_answer(topic, extra_lines=lines, updates=updates)
    stat = advisor.kb.statistic("experience_required")
    return advisor.topic_answer(topic, extra_lines=lines, updates=updates,
                                extra_citations=[(stat.source, stat.section)] if lines else ())


def personal_advice(advisor: Advisor, years: Optional[float], degree: Optional[str],
                    lead: str = "For you: ") -> List[str]:
    need, boost = advisor.kb.statistic("experience_required"), advisor.kb.statistic("earnings_boost")
    required = float(NUMBER_WORDS.get(need.value.split()[0], 0)) or None
    lines = []
    if years is not None and required:
        amount = "no work experience yet" if years == 0 else f"about {years:g} year{'s' if years != 1 else ''} of experience"
        if years < required:
            lines.append(f"{lead}with {amount}, you are short of the {need.value} most employers ask for "
                         f"({need.measured_by}), so experience is the gap to close; a master's is optional, "
                         f"though it can lift earning potential by about {boost.value}.")
        else:
            lines.append(f"{lead}with {amount}, you already meet the {need.value} most employers ask for, "
                         f"so a master's is a choice rather than a requirement; it can lift earning potential "
                         f"by about {boost.value}.")
    if degree and not any(w in degree for w in ENGINEERING_WORDS):
        lines.append(f"As your first degree is in {degree}, not engineering, Northeastern's point applies to you: "
                     "going back to school can broaden your career options.")
    return lines


def pay_not_given(advisor: Advisor, job: str) -> Answer:
    """No salary for this job (a role id, or the words used): say so, and give the one figure the sources have."""
    entry = advisor.kb.get(job)
    role = entry if isinstance(entry, Role) else None
    named = f"the {role.title.lower()} role" if role else (job if job.endswith("s") else f"{job}s")
    stat = advisor.kb.statistic("median_salary")
    lines = [f"My sources don't give a salary for {named}; the only figure they "
             f"give is for engineering managers, a median {stat.value} a year ({stat.measured_by})."]
    return advisor.compose(lines, [(stat.source, stat.section)],
                           advisor.topic_buttons("masters_earnings", "jobs", "worth_it"),
                           kind="not_covered", updates={"role": role.id} if role else {})


def decisive_gap_answer(advisor: Advisor, question: Question, found: Dict[str, List[str]]) -> Answer:
    gap = advisor.decisive_gap(found)
    assert gap is not None  # routed here only when one is named
    programs = found.get(PROGRAM, [])
    # Working hours or interviews are not on a program page; only a named program gets its link.
    return advisor.not_covered(advisor.kb.get(gap).subject, advisor.kb.program(programs[0]) if programs else None,
                               program_pages=False)


@handles("ask_salary")
def answer_salary(advisor: Advisor, question: Question, found: Dict[str, List[str]]) -> Answer:
    roles = [r for r in found.get(ROLE, []) if r != "engineering_manager"]
    if roles:
        return pay_not_given(advisor, roles[0])
    return advisor.topic_answer(advisor.kb.topic_for_intent("ask_salary"))


@handles("ask_jobs")
def answer_jobs(advisor: Advisor, question: Question, found: Dict[str, List[str]]) -> Answer:
    topic = advisor.kb.topic("jobs")
    lines: List[str] = []
    citations: List[Citation] = []
    for point in topic.points:
        named = [r.title for r in advisor.kb.roles if r.source == point.source]
        lines.append(f"{advisor.point_text(point)} {', '.join(named)}.")
        citations.append((point.source, point.section))
    buttons = [advisor.button_for(r.id) for r in advisor.kb.described_roles()][:MAX_BUTTONS]
    return advisor.compose(lines, citations, buttons, joiner="\n", updates={"topic": topic.id})


def role_answer(advisor: Advisor, role: Role) -> Answer:
    lines: List[str] = []
    if role.involves:
        lines.append(role.involves)
        if role.degree_helps:
            lines.append(role.degree_helps)
    else:
        lines.append(f"{role.title} is one of the roles Leeds lists for engineering management careers, "
                     "but my sources don't describe what the job involves.")
    others = [r.id for r in advisor.kb.described_roles() if r.id != role.id]
    return advisor.compose(lines, [(role.source, role.section)], advisor.buttons(others[:2] + ["jobs", "need_masters"]),
                           updates={"role": role.id, "topic": f"role:{role.id}"})


@handles("ask_role")
def answer_role(advisor: Advisor, question: Question, found: Dict[str, List[str]]) -> Answer:
    compared = comparison_answer(advisor, found)
    if compared:
        return compared
    role_id = (found.get(ROLE) or [question.context.role])[0]
    role = advisor.kb.role(role_id) if role_id else None
    if role is None:
        return answer_jobs(advisor, question, found)
    return role_answer(advisor, role)


def _stem(word: str) -> str:
    word = word.lower()
    for suffix in ("ing", "ers", "er", "es", "s", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def matching_roles(advisor: Advisor, text: str) -> List[Tuple[Role, List[str]]]:
    """Roles whose KB keywords match what the visitor says they enjoy, best first, with the matches."""
    said = {_stem(w) for w in re.findall(r"[a-zA-Z]{3,}", text)}
    scored = []
    for role in advisor.kb.described_roles():
        hits = [k for k in role.keywords if all(_stem(part) in said for part in k.split())]
        if hits:
            scored.append((len(hits), role, hits))
    scored.sort(key=lambda item: -item[0])
    return [(role, hits) for _, role, hits in scored]


@handles("ask_role_match")
def answer_role_match(advisor: Advisor, question: Question, found: Dict[str, List[str]]) -> Answer:
    matches = matching_roles(advisor, question.text)[:2]
    if not matches:
        return Answer("Tell me what you enjoy (for example testing and standards, planning, working with customers, "
                      "or systems and data) and I'll point you to roles that fit. Or browse them:",
                      [advisor.button_for(r.id) for r in advisor.kb.described_roles()][:MAX_BUTTONS])
    lines = []
    for role, hits in matches:
        lines.append(f"{role.title}, because you mention {' and '.join(hits)}: {role.involves}")
    citations = [(role.source, role.section) for role, _ in matches]
    return advisor.compose(lines, citations, advisor.buttons([r.id for r, _ in matches] + ["jobs", "fit"]),
                           joiner="\n", updates={"role": matches[0][0].id, "topic": f"match:{matches[0][0].id}"})


def aspect_answer(advisor: Advisor, aspect: Aspect) -> Answer:
    lines = [f"{aspect.title}: {aspect.engineer}", aspect.manager]
    others = [a.id for a in advisor.kb.comparison.aspects if a.id != aspect.id]
    return advisor.compose(lines, [(aspect.source, aspect.section)], advisor.buttons(others + ["fit"]),
                           updates={"aspect": aspect.id, "topic": f"aspect:{aspect.id}"})


def compare_roles(advisor: Advisor, roles: List[Role]) -> Answer:
    lines = []
    for role in roles:
        lines.append(f"{role.title}: {role.involves or 'my sources list this role but do not describe it.'}")
    lines.append("The sources don't rank these roles against each other; pick by the kind of work you enjoy.")
    citations = [(r.source, r.section) for r in roles]
    return advisor.compose(lines, citations, advisor.buttons([r.id for r in roles] + ["jobs"]), joiner="\n",
                           updates={"role": roles[-1].id, "topic": "jobs"})


def compare_programs(advisor: Advisor, programs: List[Program]) -> Answer:
    lines = []
    citations: List[Citation] = []
    for p in programs:
        feats = "; ".join(f.text for f in p.features[:3])
        where = p.url or "the university's own course page"
        lines.append(f"{p.university}, {p.name} ({p.location}): {feats} More: {where}")
        citations += [(p.source, p.section)] + [(p.source, f.section) for f in p.features[:3]]
    lines.append("Neither article compares the two programs or gives their fees, length or entry requirements.")
    return advisor.compose(lines, citations, advisor.buttons([p.id for p in programs] + ["worth_it"]),
                           joiner="\n\n", updates={"topic": "programs"})


def comparison_answer(advisor: Advisor, found: Dict[str, List[str]]) -> Optional[Answer]:
    """Two roles or two programs named together: compare them from the KB."""
    if len(found.get(ROLE, [])) >= 2:
        return compare_roles(advisor, [advisor.kb.role(r) for r in found[ROLE][:3]])
    if len(found.get(PROGRAM, [])) >= 2:
        return compare_programs(advisor, [advisor.kb.program(p) for p in found[PROGRAM]])
    return None


@handles("ask_difference")
def answer_difference(advisor: Advisor, question: Question, found: Dict[str, List[str]]) -> Answer:
    compared = comparison_answer(advisor, found)
    if compared:
        return compared
    aspects = found.get(ASPECT, [])
    if aspects:
        return aspect_answer(advisor, advisor.kb.aspect(aspects[0]))
    topic = advisor.kb.topic("difference")
    overall = advisor.kb.comparison.overall
    summary = advisor.kb.topic("key_differences").points
    lines = [advisor.point_text(p) for p in topic.points] + [overall.engineer, overall.manager,
                                                             advisor.point_text(summary[2])]
    aspects_named = ", ".join(a.title.lower() for a in advisor.kb.comparison.aspects)
    lines.append(f"They also differ in {aspects_named}.")
    citations = [(p.source, p.section) for p in topic.points] + [(overall.source, overall.section),
                                                                 (summary[2].source, summary[2].section)]
    return advisor.compose(lines, citations, advisor.buttons(topic.related), updates={"topic": topic.id})


@handles("ask_fit", "check_readiness")  # check_readiness normally starts the form (data/rules.yml)
def answer_fit(advisor: Advisor, question: Question, found: Dict[str, List[str]]) -> Answer:
    topic = advisor.kb.topic("fit")
    intro, lead_in = (advisor.point_text(p) for p in topic.points[:2])
    signs = "\n".join(f"- {s.sign}" for s in advisor.kb.readiness_signals)
    citations = [(p.source, p.section) for p in topic.points]
    buttons = [READINESS_BUTTON] + advisor.buttons(topic.related)
    return advisor.compose([intro, lead_in, signs], citations, buttons, joiner="\n", updates={"topic": topic.id})


def program_answer(advisor: Advisor, program: Program, feature_words: Sequence[str]) -> Answer:
    wanted = [f for f in program.features if any(normalise(w) in [normalise(s) for s in f.synonyms]
                                                   for w in feature_words)]
    features = wanted or program.features[:3]
    lines = ([f"About the {program.university} {program.name}:"] if wanted else [program.summary])
    lines += [f.text for f in features]
    if program.url:
        lines.append(f"Program page: {program.url}")
    citations = [(program.source, program.section)] + [(program.source, f.section) for f in features]
    other = [p.id for p in advisor.kb.programs if p.id != program.id]
    return advisor.compose(lines, citations, advisor.buttons(other + ["worth_it", "need_masters"]),
                           updates={"program": program.id, "topic": f"program:{program.id}"})


def programs_with_feature(advisor: Advisor, words: Sequence[str]) -> List[Program]:
    keys = {normalise(w) for w in words}
    return [p for p in advisor.kb.programs
            if any(keys & {normalise(s) for s in f.synonyms} for f in p.features)]


@handles("ask_program")
def answer_program(advisor: Advisor, question: Question, found: Dict[str, List[str]]) -> Answer:
    features = found.get(FEATURE, [])
    gaps = found.get(GAP, [])
    program_ids = found.get(PROGRAM) or []
    if len(program_ids) >= 2 and not gaps:
        return compare_programs(advisor, [advisor.kb.program(p) for p in program_ids])
    if gaps:
        program = advisor.kb.program(program_ids[0]) if program_ids else None
        return advisor.not_covered(advisor.kb.get(gaps[0]).subject, program)
    if not program_ids and not features and found.get(ROLE):
        # "program managers" reads like a program question; the entity says it is a role.
        return role_answer(advisor, advisor.kb.role(found[ROLE][0]))
    if not program_ids and features:
        holders = programs_with_feature(advisor, features)
        if len(holders) == 1:
            program_ids = [holders[0].id]
    if not program_ids and question.context.program and features:
        program_ids = [question.context.program]
    if len(program_ids) == 1:
        return program_answer(advisor, advisor.kb.program(program_ids[0]), features)
    topic = advisor.kb.topic("programs")
    lines = [advisor.point_text(topic.points[0])]
    for p in advisor.kb.programs:
        lines.append(f"- {p.university}: {p.name} ({p.location}). {p.summary}")
    citations = [(p.source, p.section) for p in advisor.kb.programs]
    buttons = [advisor.button_for(p.id) for p in advisor.kb.programs] + advisor.buttons(topic.related)
    return advisor.compose(lines, citations, buttons, joiner="\n", updates={"topic": topic.id})


@handles("ask_reading")
def answer_reading(advisor: Advisor, question: Question, found: Dict[str, List[str]]) -> Answer:
    topic = advisor.kb.topic("reading")
    lines = [advisor.point_text(topic.points[0])]
    for r in advisor.kb.reading:
        publisher = advisor.kb.source(r.source).publisher
        link = f" {r.url}" if r.url else ""
        lines.append(f"- “{r.title}” ({publisher}), on {r.about}.{link}")
    citations = [(r.source, r.section) for r in advisor.kb.reading]
    return advisor.compose(lines, citations, advisor.buttons(topic.related), joiner="\n", updates={"topic": topic.id})


@handles("ask_uncovered")
def answer_uncovered(advisor: Advisor, question: Question, found: Dict[str, List[str]]) -> Answer:
    gaps = found.get(GAP, [])
    subject = advisor.kb.get(gaps[0]).subject if gaps else "that"
    programs = found.get(PROGRAM) or ([question.context.program] if question.context.program else [])
    return advisor.not_covered(subject, advisor.kb.program(programs[0]) if programs else None)


@handles("ask_sources")
def answer_sources(advisor: Advisor, question: Question, found: Dict[str, List[str]]) -> Answer:
    cited = [tuple(c.split("|", 1)) for c in question.context.citations]
    if not cited:
        lines = ["Everything I say comes from two articles:"]
        lines += [f"- {advisor.describe_source(s.id)}" for s in advisor.kb.sources]
        return Answer("\n".join(lines), advisor.help_buttons(), kind="answer")
    by_source: Dict[str, List[str]] = {}
    for source_id, section in cited:
        sections = by_source.setdefault(source_id, [])
        if section not in sections:
            sections.append(section)
    lines = ["That answer comes from:"]
    for source_id, sections in by_source.items():
        named = "; ".join(f"“{s}”" for s in sections)
        lines.append(f"- {advisor.describe_source(source_id)}, section{'s' if len(sections) > 1 else ''} {named}")
    return Answer("\n".join(lines), advisor.help_buttons(), kind="answer")


WHY = re.compile(r"^\W*(why|how come|says who|based on what|how do you know|what makes you say)\b")
MORE = re.compile(r"\b(tell me more|more about (that|this|it)|more detail|more info|elaborate|expand on|go on|"
                  r"anything else|what else|more please|^more\b)")


@handles("follow_up")
def answer_follow_up(advisor: Advisor, question: Question, found: Dict[str, List[str]]) -> Answer:
    """Short follow-ups ("and a quality engineer?", "what about Leeds?") use the entity they name."""
    ctx = question.context
    if found.get(GAP):
        return answer_uncovered(advisor, question, found)
    if found.get(ROLE):
        return role_answer(advisor, advisor.kb.role(found[ROLE][0]))
    if found.get(PROGRAM) or found.get(FEATURE):
        return answer_program(advisor, question, found)
    if found.get(ASPECT):
        return aspect_answer(advisor, advisor.kb.aspect(found[ASPECT][0]))
    if re.search(r"\bother\b", question.text.lower()):
        if ctx.program:  # "what about the other one?" after a program: the other program
            other = [p for p in advisor.kb.programs if p.id != ctx.program]
            if len(other) == 1:
                return program_answer(advisor, other[0], [])
        return Answer("Which one do you mean?", [advisor.button_for(p.id) for p in advisor.kb.programs]
                      + [advisor.button_for(r.id) for r in advisor.kb.described_roles()][:2])
    text = question.text.lower()
    if WHY.search(text) and ctx.citations:  # "why?" / "says who?": the reasoning's source, by section
        answer = answer_sources(advisor, question, found)
        return Answer("Here is where that comes from; the reasoning is the source's, not mine.\n" + answer.text,
                      answer.buttons, kind=answer.kind)
    topic = advisor.kb.get(ctx.topic) if ctx.topic else None
    if MORE.search(text):  # "tell me more": the next thing the KB links to what was just said
        if ctx.program and (topic is None or not isinstance(topic, Topic)):
            program = advisor.kb.program(ctx.program)
            return program_answer(advisor, program, [w for f in program.features[3:] for w in f.synonyms[:1]])
        if ctx.role and not isinstance(topic, Topic):
            role = advisor.kb.role(ctx.role)
            similar = [r for r, _ in matching_roles(advisor, " ".join(role.keywords)) if r.id != role.id][:2]
            lines = ([f"More on the {role.title.lower()} role: {role.degree_helps}"] if role.degree_helps and
                     f"more:{role.id}" != ctx.topic else
                     [f"That's everything my sources say about the {role.title.lower()} role."])
            if similar:
                lines.append("Roles with related work: " + ", ".join(r.title for r in similar) + ".")
            return advisor.compose(lines, [(role.source, role.section)],
                                   advisor.buttons([r.id for r in similar] + ["jobs"]),
                                   updates={"topic": f"more:{role.id}"})
        if isinstance(topic, Topic):
            nxt = next((advisor.kb.get(r) for r in topic.related if isinstance(advisor.kb.get(r), Topic)), None)
            if nxt:
                answer = advisor.topic_answer(nxt)
                answer.text = "More on that: " + answer.text
                return answer
    if isinstance(topic, Topic):
        return Answer("Here is where you could go next from there:", advisor.buttons(topic.related))
    return Answer("Which one do you mean? Pick a topic, or ask me in your own words:", advisor.help_buttons())


# -- conversation handlers ----------------------------------------------------
@handles("greet", knowledge=False)
def answer_greet(advisor: Advisor, question: Question, found: Dict[str, List[str]]) -> Answer:
    return Answer("Hello! I'm a career advisor for engineers weighing a move into engineering management. "
                  "Ask me what it is, how it differs from engineering, whether you need a master's, "
                  "or what the degree leads to.", advisor.help_buttons(), kind="chitchat")


@handles("stop", knowledge=False)
def answer_stop(advisor: Advisor, question: Question, found: Dict[str, List[str]]) -> Answer:
    if not (wants_to_stop(question.text) or question.text.startswith("/")):
        return HANDLERS["out_of_scope"](advisor, question, found)  # classified "stop" but doesn't say it
    return Answer("There's nothing running to stop. Ask me anything about engineering management, or pick one:",
                  advisor.help_buttons(), kind="chitchat")


@handles("goodbye", knowledge=False)
def answer_goodbye(advisor: Advisor, question: Question, found: Dict[str, List[str]]) -> Answer:
    return Answer("Goodbye, and good luck with your next career step!", kind="chitchat")


@handles("thank", knowledge=False)
def answer_thank(advisor: Advisor, question: Question, found: Dict[str, List[str]]) -> Answer:
    return Answer("You're welcome! Anything else you'd like to know?", advisor.help_buttons(), kind="chitchat")


@handles("bot_identity", knowledge=False)
def answer_identity(advisor: Advisor, question: Question, found: Dict[str, List[str]]) -> Answer:
    names = " and ".join(f"{s.publisher}'s “{s.title}”" for s in advisor.kb.sources)
    return Answer(f"I'm an automated career advisor, a bot rather than a person. My answers come from "
                  f"two articles: {names}.", advisor.help_buttons(), kind="chitchat")


@handles("help", knowledge=False)
def answer_help(advisor: Advisor, question: Question, found: Dict[str, List[str]]) -> Answer:
    return Answer("I can help with engineering management careers: what the field is, how it differs from "
                  "engineering, whether you need a master's, salary and job growth, the jobs a master's leads "
                  "to, whether it's right for you, and the Northeastern and Leeds programs.",
                  advisor.help_buttons(), kind="chitchat")


# A low-confidence guess is offered as a "Did you mean" button when it is at least this likely.
SUGGEST_MIN_CONFIDENCE = 0.15


@handles("nlu_fallback", knowledge=False)
def answer_unsure(advisor: Advisor, question: Question, found: Dict[str, List[str]]) -> Answer:
    """Low confidence: offer the likeliest topics as buttons, unless it looks off-topic."""
    if question.text and advisor.guard.foreign_subject(question.text):
        return answer_out_of_scope(advisor, question, found)
    guesses = [name for name, confidence in question.ranking
               if name != "nlu_fallback" and confidence >= SUGGEST_MIN_CONFIDENCE][:2]
    if not guesses or guesses[0] == "out_of_scope":
        return answer_out_of_scope(advisor, question, found)
    topics = [advisor.kb.topic_for_intent(g) for g in guesses]
    buttons = [Button(t.question, f"/{t.intent}") for t in topics if t is not None]
    if not buttons:
        return answer_out_of_scope(advisor, question, found)
    return Answer("Sorry, I'm not sure I understood. Did you mean one of these?",
                  buttons + advisor.topic_buttons("definition")[: MAX_BUTTONS - len(buttons)], kind="decline")


@handles("out_of_scope", knowledge=False)
def answer_out_of_scope(advisor: Advisor, question: Question, found: Dict[str, List[str]]) -> Answer:
    return Answer("Sorry, that's outside what I can help with. I focus on careers in engineering management; "
                  "I can help with questions like these:", advisor.help_buttons(), kind="decline")
