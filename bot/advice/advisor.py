"""The advisor: screen a question, resolve what it names, route it to a handler.

`Advisor.answer(question)` returns an `Answer`: text that ends with its sources,
follow-up buttons, and the context (slots) the next turn needs. No Rasa types.
"""

from __future__ import annotations

from dataclasses import replace
from typing import FrozenSet, List, Optional, Sequence, Tuple

from bot.advice import follow_up_words as cue  # how a follow-up points at the last answer
from bot.advice import handlers  # noqa: F401  (importing registers every handler)
from bot.advice.answers.figures import figures_named
from bot.advice.answers.gaps import decisive_gap_answer
from bot.advice.answers.kb_lists import list_framed_by
from bot.advice.answers.last_answer import on_the_last_answer
from bot.advice.answers.lists import list_answer
from bot.advice.answers.programs import answers_a_feature_asked
from bot.advice.answers.provenance import articles_named, facets_asked, several_facets_answer
from bot.advice.answers.topics import aspect_answer, aspect_asked_for, passage_answer
from bot.advice.articles import scoped_to_article
from bot.advice.background import (
    asks_of_own_standing,
    with_background,
    with_constraint,
    with_dislikes,
    with_own_pay,
    with_wants,
)
from bot.advice.details import DetailIndex, detail_answer
from bot.advice.ellipsis import said_in_part, swapped
from bot.advice.narrower import narrows_a_figure, with_narrower_subject
from bot.advice.profile import prefers_technical_work
from bot.advice.registry import HANDLERS, OUT_OF_SCOPE, handler_for, knowledge_intents
from bot.advice.requests import request_kind
from bot.advice.retrieval import PassageIndex
from bot.advice.router import ASKS_A_FIGURE, choose_handler
from bot.advice.screening import (
    NOT_UNDERSTOOD,
    all_words_unknown,
    asks_about_sources,
    asks_beyond_small_talk,
    leans_on_last_part,
    message_problem,
    off_topic,
    wants_fit_check,
)
from bot.advice.tools import Tools
from bot.advice.types import Answer, AnswerKind, Found, Question, QuestionPart, context_after
from bot.knowledge.model import Aspect, KnowledgeBase, Source, strings_in
from bot.knowledge.terms import ASPECT, FEATURE, GAP, PROGRAM, ROLE, Resolver
from bot.knowledge.text import normalise, words
from bot.language.scope import ScopeGuard
from bot.language.vocabulary import SMALL_TALK

FIT_CHECK_INTENT, FIT_TOPIC_INTENT, UNSURE_INTENT = "check_readiness", "ask_fit", "nlu_fallback"
NEXT_GUESS_CONFIDENCE = 0.1  # NLU's next guess, when the check was read into a message that doesn't ask for it
MAX_QUESTIONS = 3  # answered in one reply
GROUNDING_SCORE = 3.0  # how rare the question's KB words must be to overrule the intent's answer (see `grounded`)
MIN_PART_CONFIDENCE = 0.25  # a question classified less surely than this is left to the whole-message reading
# Short questions about the previous answer ("and the modules?", "why?"): on topic by context.
SOURCES_INTENT = "ask_sources"
RESTS_ON_VISITOR = "You said"  # how an answer marks what rests on the visitor's own words (answers.personal)
FOLLOW_UP_INTENT = "follow_up"
CONTEXT_INTENTS = frozenset({FOLLOW_UP_INTENT, SOURCES_INTENT})


class Advisor(Tools):
    def __init__(
        self,
        kb: KnowledgeBase,
        known: Optional[FrozenSet[str]] = None,
        topic_words: Optional[FrozenSet[str]] = None,
        chat_words: Optional[FrozenSet[str]] = None,
    ) -> None:
        super().__init__(kb)
        self.known = known  # vocabulary of training data and KB, when built
        self.topic_words = topic_words  # words that mark a message as on the subject, when built
        self.chat_words = chat_words  # content words of small talk's training examples, when built
        self.resolver = Resolver(kb)
        self.guard = ScopeGuard(kb)
        self.knowledge_intents = knowledge_intents(kb)
        self.passages = PassageIndex(kb)
        self.details = DetailIndex(kb)
        # Words of what the KB describes (its gaps left out: "stanford" is named there as not covered).
        described = {name: value for name, value in kb.to_dict().items() if name != "gaps"}
        self.kb_words = frozenset(w for text in strings_in(described) for w in words(text))

    # -- entry point -------------------------------------------------------
    def answer(self, question: Question) -> Answer:
        """Screen the message, then let the chosen handler answer; remember what it cited.

        A message with several questions gets each answered, in order, in one reply.
        """
        if request_kind(question.said(), self.kb_words):
            return self.decline_request()
        again = swapped(question, self.knowledge_intents, self.kb)
        if again is not None:
            return self.answer(again)  # "and the Northeastern one?": the last question, of Northeastern
        whole = several_facets_answer(self, question) if len(question.parts) > 1 else None
        if whole is not None:
            return whole  # one figure asked about three ways: "what's the figure, who measured it, for where?"
        parts = self.readable_parts(question)
        if parts:
            return self.combine(self.each_part(question, parts))
        # NLU unsure of every part, but the sources answer each ("…, and which one…?"); of the message and its one
        # question, the question apart from its background ("quality engineer, 10 yrs. what would a master's add?")
        unsure = [replace(p, intent=UNSURE_INTENT) for p in question.parts[:MAX_QUESTIONS]]
        # …or read as out of scope whole, though its one question reads as a topic ("…translating jargon for
        # sales, and I love mentoring. signs I should manage?")
        topical = bool(question.parts) and question.parts[0].intent in self.knowledge_intents
        alone = len(unsure) == 1 and (question.intent == UNSURE_INTENT or question.intent == OUT_OF_SCOPE and topical)
        each = self.each_part(question, unsure) if len(unsure) > 1 or alone else []
        if each and all(a.kind == AnswerKind.ANSWER and a.citations for a in each):
            return self.combine(each)
        if question.parts:  # background around a question NLU read only as a whole
            question = replace(question, entities=question_entities(question))
        found = self.resolve_entities(question.entities)
        refused = self.screen(question)
        if refused is not None:
            return refused
        handler = choose_handler(self, question, found)
        answer = handler(self, question, found)
        named = articles_named(self.kb, question.text)
        asks_knowledge = question.intent in self.knowledge_intents or question.intent == UNSURE_INTENT
        if handler is handler_for(question.intent, self.kb) and asks_knowledge:
            answer = self.grounded(question, answer, found, named)
        answer = with_narrower_subject(
            self.kb, question.text, found.get(ROLE, []), answer, self.kb_words, self.known or frozenset()
        )
        answer = self.scoped(answer, named)
        answer = with_background(self, question, answer)
        answer = with_constraint(self, question, answer)
        answer = with_own_pay(self, question, answer)
        answer = with_dislikes(self, question, answer)
        answer = with_wants(self, question, answer)
        answer = on_the_last_answer(self, question, answer)
        if answer.citations:
            unique = dict.fromkeys(f"{s}|{sec}" for s, sec in answer.citations)
            answer.updates.setdefault("citations", list(unique))
        return answer

    def scoped(self, answer: Answer, named: Sequence[Source]) -> Answer:
        """The answer narrowed to the article the question names; a topic heading a list (not roles compared), to it."""
        kb_list = list_framed_by(self.kb, answer.updates.get("topic"))
        if kb_list and len(named) == 1 and answer.kind == AnswerKind.ANSWER and "role" not in answer.updates:
            return list_answer(self, [kb_list], named) or answer  # "which jobs does the Leeds article name?"
        return scoped_to_article(self, answer, named)

    def grounded(self, question: Question, answer: Answer, found: Found, named: Sequence[Source]) -> Answer:
        """The intent's answer, unless it misses the rare KB words the question asks about and one passage has them.

        "How important is financial literacy for an engineering manager?" can read to NLU like the
        experience question; the skills aspect is where the sources say it. "Who designed the Leeds
        course?" is a program question whose answer is one detail of the program.
        """
        # "Not covered" only from NLU's reading: a question that names no gap can still ask a detail the KB holds.
        readable = answer.kind == AnswerKind.ANSWER or (answer.kind == AnswerKind.NOT_COVERED and not found.get(GAP))
        # An unsure reading declines; a detail that shares the question's rare words still answers it.
        readable = readable or (question.intent == UNSURE_INTENT and answer.kind == AnswerKind.DECLINE)
        if narrows_a_figure(self.kb, question.text, answer.text):
            return answer  # "how much do aerospace engineering managers get paid?": the sector narrows the pay
        if answers_a_feature_asked(self, answer, found):
            return answer  # "can I study the Leeds course while working?": the feature named is the answer
        asked_aspect = aspect_asked_for(self.kb, question.text, found)
        if asked_aspect is not None:
            return self.with_aspect(answer, asked_aspect, asked=True) or answer  # "what skills am I missing?"
        asked = figures_named(self.kb, question.text) if ASKS_A_FIGURE.search(question.text.lower()) else []
        if asked and all(stat.value in answer.text for stat in asked):
            return answer  # "what's the job growth?": the figure asked is given, whatever else shares its words
        if asks_of_own_standing(question):
            return answer  # "6 years and a CS degree: do I meet the usual bar?": everyday words point to no detail
        if readable and RESTS_ON_VISITOR not in answer.text:
            entries = frozenset(i for label in (ROLE, PROGRAM) for i in found.get(label, []))
            match = self.details.best(question.text, frozenset(s.id for s in named) or None, entries)
            if match is not None and not self.details.said(match, answer.text):
                return self.with_aspect(answer, match.detail.entry_id) or detail_answer(self, match)
            # "How many engineering schools are involved in the Leeds MSc?": not covered as NLU read it, but a
            # word of it is in the texts of the program (or role) it names.
            not_covered = answer.kind == AnswerKind.NOT_COVERED and entries
            within = self.details.all_in(question.text, entries) if not_covered else []
            # On a content word: "do I need a 2:1?" shares only everyday words with the program's texts.
            if within and self.details.asks_of(within[0], question.text):
                return detail_answer(self, *within)
        passage = self.passages.best(question.text, [question.intent], min_score=GROUNDING_SCORE)
        if (
            passage is None
            or answer.kind != AnswerKind.ANSWER
            or passage.entry_id in answer.updates.values()  # the answer is about that passage's entry already
            or bool(found.get(ASPECT))
            and passage.entry_id not in found[ASPECT]  # "…what do they do all day?"
            or RESTS_ON_VISITOR in answer.text  # an answer about the visitor's own situation stands
            or self.passages.covers(passage, question.text, answer.text)
        ):
            return answer
        return self.with_aspect(answer, passage.entry_id) or passage_answer(self, question, [question.intent]) or answer

    def with_aspect(self, answer: Answer, entry_id: str, asked: bool = False) -> Optional[Answer]:
        """An answer holding sides of the difference (or any, when asked by name) with the aspect; else None.

        "Do EMs still write code?": the day-to-day answer stays, and the scope of work (engineers write code) joins it.
        """
        aspect = self.kb.get(entry_id)
        holds_sides = bool(answer.updates.get("aspect"))  # asked by name, it joins any answer
        if not isinstance(aspect, Aspect) or not (asked or holds_sides) or aspect.manager in answer.text:
            return None
        return self.combine([answer, aspect_answer(self, aspect)])

    def readable_parts(self, question: Question) -> List[QuestionPart]:
        """The questions read well enough to answer one by one.

        A lone question's short text says less than the whole message: "what role is that?" after
        "I love taking a product to launch" is the role-match question the whole message reads as.
        """
        if len(question.parts) == 1 and question.intent in self.knowledge_intents:
            part = question.parts[0]
            whole = max((c for name, c in question.ranking if name == question.intent), default=0)
            if not part.entities:  # "where could I learn it?" after naming the Routemap: "it" is in the background
                part = replace(part, entities=list(question.entities))
            elif not any(label == PROGRAM for label, _ in part.entities):  # "…the leeds msc. will employers…?"
                programs = [e for e in background_entities(question) if e[0] == PROGRAM]
                part = replace(part, entities=[*part.entities, *programs])
            # "What role is that?" reads like a follow-up on its own; here "that" is the message's own background.
            leans_on_background = part.intent in (CONTEXT_INTENTS | SMALL_TALK) and bool(question.background)
            if whole > part.confidence or leans_on_background:
                return [replace(part, intent=question.intent, confidence=whole)] if whole >= MIN_PART_CONFIDENCE else []
            return [part] if part.confidence >= MIN_PART_CONFIDENCE else []
        parts = list(question.parts[:MAX_QUESTIONS])
        if not any(p.confidence >= MIN_PART_CONFIDENCE for p in parts):
            return []
        # A question read unsurely is still asked: the unsure reading declines it, or finds what it names.
        return [p if p.confidence >= MIN_PART_CONFIDENCE else replace(p, intent=UNSURE_INTENT) for p in parts]

    def each_part(self, question: Question, parts: Sequence[QuestionPart]) -> List[Answer]:
        """Each question on its own, later ones in the context the earlier ones set (combined: one reply)."""
        context = question.context
        answers: List[Answer] = []
        for index, part in enumerate(parts):
            leans = not part.entities and bool(cue.POINTS_BACK.search(part.text.lower()))
            single = Question(
                part.intent,
                part.text,
                part.entities or ([e for e in background_entities(question) if e[0] == GAP] if leans else []),
                context,
                ranking=[(part.intent, part.confidence)],
                background=question.background,
                contact_url=question.contact_url,
                # "…, and when was the Northeastern one?": the question before it in the message. A first part
                # followed by others ("what about the other uni, what hands-on stuff…?") leads in to them.
                previous=said_in_part(self.kb, parts[index - 1]) if index else None,
            )
            answer = self.answer(single)
            if answers and answers[-1].kind == AnswerKind.DECLINE and leans_on_last_part(part.text, part.entities):
                answer = answers[-1]  # "what's the newest phone, and is it worth upgrading?": "it" is the phone
            answers.append(answer)
            context = context_after(context, answer.updates)
        return answers

    def screen(self, question: Question) -> Optional[Answer]:
        """A reply for a message that can't be answered as a knowledge question, else None."""
        problem = message_problem(question.text) if question.text else None
        if (
            not problem
            and self.known
            and not question.text.startswith("/")
            and all_words_unknown(question.text, self.known)
        ):
            problem = NOT_UNDERSTOOD
        if problem:
            return Answer(problem, self.help_buttons(), kind=AnswerKind.NOT_UNDERSTOOD)
        if question.intent in self.knowledge_intents:
            subject = self.guard.foreign_subject(question.text)
            if subject:
                return self.decline_subject(subject)
        if self.off_the_subject(question):
            return HANDLERS[OUT_OF_SCOPE](self, question, {})
        return None

    def off_the_subject(self, question: Question) -> bool:
        """True when a confident intent sits on words that are neither the subject's nor small talk's.

        "How many ounces are in a pound?" can get a knowledge intent, and "what's the UV index
        this afternoon?" a greeting, from an n-gram classifier; nothing in them touches either.
        """
        if not self.topic_words or question.text.startswith("/"):
            return False
        if question.intent in CONTEXT_INTENTS:
            has_context = bool(question.context.topic or question.context.citations)
            said = question.said()  # "that 18% thing - who says that?": the figure is in the background
            # "who said that?" after the visitor's own message on the subject asks about that message
            on_the_last = question.previous is not None and not off_topic(question.previous.text, self.topic_words)
            if (
                question.intent == SOURCES_INTENT
                and not has_context
                and not on_the_last
                and not asks_about_sources(said)
                and not figures_named(self.kb, said)
            ):
                return True  # "why was I charged a fee?" is not asking where the answers come from
            return not has_context and off_topic(question.text, self.topic_words)  # a follow-up to nothing
        if question.intent in self.knowledge_intents:  # background counts: "...the Routemap. Where can I learn it?"
            # "Is that per year or over ten years?" after a figure asks about it, whatever intent NLU picked.
            about_the_last = bool(question.context.citations) and bool(facets_asked(question.text))
            return not about_the_last and off_topic(question.said(), self.topic_words)
        if question.intent in SMALL_TALK:  # "switch off everything downstairs" is no goodbye
            if question.context.citations and facets_asked(question.text):
                return False  # "is that a uk thing or us?" after a figure, read as small talk: about the figure
            chat = self.chat_words or frozenset()
            return off_topic(question.text, chat) or asks_beyond_small_talk(question.text, chat, self.topic_words)
        return False

    # -- what the question names -------------------------------------------
    def resolve_entities(self, entities: Sequence[Tuple[str, str]]) -> Found:
        """Extracted (label, value) pairs as KB ids by label, each id once."""
        found: Found = {}
        for label, value in entities:
            ident = normalise(value) if label == FEATURE else self.resolver.resolve(label, value)
            if ident and ident not in found.setdefault(label, []):
                found[label].append(ident)
        return found

    def decisive_gap(self, found: Found) -> Optional[str]:
        """The first gap named whose naming decides what the question is about (see `Gap.decisive`)."""
        return next((g for g in found.get(GAP, []) if self.kb.get(g).decisive), None)

    def instead_of_fit_check(self, question: Question) -> Optional[Answer]:
        """An answer to give instead of starting the readiness check, or None to start it.

        NLU can read the check into a message that does not ask for it ("how much do they earn?",
        "will AI replace engineering managers?"): the check starts only when the visitor asks
        whether it suits them, or presses its button.
        """
        if request_kind(question.said(), self.kb_words):
            return self.decline_request()
        uncovered = self.uncovered_subject_answer(question)
        if uncovered is not None:
            return uncovered
        if len(question.parts) > 1:
            return self.answer(question)  # several questions: each gets its answer
        if prefers_technical_work(question.said()):
            return self.answer(replace(question, intent=FIT_TOPIC_INTENT))  # the technical-track advice
        if wants_fit_check(question.text):
            return None
        fallback = [(n, c) for n, c in question.ranking if n not in (FIT_CHECK_INTENT, UNSURE_INTENT)]
        intent = next((n for n, c in fallback if c >= NEXT_GUESS_CONFIDENCE), FIT_TOPIC_INTENT)
        return self.answer(replace(question, intent=intent))

    def uncovered_subject_answer(self, question: Question) -> Optional[Answer]:
        """The "not covered" answer when the question names a decisive gap, else None.

        For turns that don't go through `answer`: "will AI replace engineering managers?"
        can read to NLU like a request for the readiness check.
        """
        found = self.resolve_entities(question.entities)
        return decisive_gap_answer(self, question, found) if self.decisive_gap(found) else None


# What the background can name for the question: the program or role it is about ("I've been looking at
# the Leeds MSc. Which frameworks would I learn?"). A gap or aspect there ("juggling cost and scope")
# is the visitor's story, not what they ask.
BACKGROUND_LABELS = frozenset({PROGRAM, ROLE})


def question_entities(question: Question) -> List[Tuple[str, str]]:
    """The entities inside the message's questions, and the background's programs and roles."""
    inside = [e for part in question.parts for e in part.entities]
    return inside + [e for e in background_entities(question) if e[0] in BACKGROUND_LABELS]


def background_entities(question: Question) -> List[Tuple[str, str]]:
    """The entities of the message outside its questions: what the visitor said around them."""
    outside = list(question.entities)
    for entity in (e for part in question.parts for e in part.entities):
        if entity in outside:
            outside.remove(entity)
    return outside
