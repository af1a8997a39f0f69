"""Composition: turn knowledge-base records into answer text, citations and buttons.

Every answer ends with its sources; buttons point to related KB entries.
"""

from __future__ import annotations

import json
from typing import Dict, List, Optional, Sequence

from bot.advice.types import Answer, AnswerKind, Button, Citation
from bot.knowledge.model import Aspect, KnowledgeBase, Point, Program, Role, Topic

MAX_BUTTONS = 4
READINESS_BUTTON = Button("Check if it suits me", "/check_readiness")  # starts the readiness check (a form)
SOURCES_SEPARATOR = "\n\nSource"  # where an answer's text ends and its sources line begins
HELP_TOPICS = ("difference", "need_masters", "jobs", "worth_it")  # the starting points offered when lost


class Composer:
    """Answer-building helpers over one knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    # -- citations -------------------------------------------------------------
    def sources_line(self, citations: Sequence[Citation]) -> str:
        """'Source: …' naming each cited article once, in order."""
        ids = list(dict.fromkeys(source_id for source_id, _ in citations))
        names = "; ".join(self.kb.source(s).citation() for s in ids)
        return f"Source{'s' if len(ids) > 1 else ''}: {names}"

    def describe_source(self, source_id: str) -> str:
        """A source in full: title, publisher, author, date, link."""
        s = self.kb.source(source_id)
        parts = [f"“{s.title}”", s.publisher] + ([f"by {s.author}"] if s.author else [])
        parts.append(f"published {s.published}")
        return ", ".join(parts + ([s.url] if s.url else []))

    def publishers(self) -> str:
        return " and ".join(s.publisher for s in self.kb.sources)

    # -- text --------------------------------------------------------------------
    def compose(
        self,
        lines: Sequence[str],
        citations: Sequence[Citation],
        buttons: Sequence[Button] = (),
        kind: AnswerKind = AnswerKind.ANSWER,
        updates: Optional[Dict[str, object]] = None,
        joiner: str = " ",
    ) -> Answer:
        """Join the lines and end them with the sources line (when anything is cited)."""
        body = joiner.join(lines)
        text = f"{body}\n\n{self.sources_line(citations)}" if citations else body
        return Answer(text, list(buttons)[:MAX_BUTTONS], list(citations), kind, dict(updates or {}))

    def combine(self, answers: Sequence[Answer]) -> Answer:
        """Several answers as one reply: their texts in order, then one sources line for all of them."""
        answered = [a for a in answers if not a.declined]
        # A question we can't answer is left out when others are answered; a greeting alone answers nothing.
        if answered and all(a.kind == AnswerKind.CHITCHAT for a in answered):
            answered = [*answered, *(a for a in answers if a.declined)][: len(answers)]
        answers = answered or answers[:1]
        if len(answers) == 1:
            return answers[0]
        bodies = list(dict.fromkeys(a.text.split(SOURCES_SEPARATOR)[0] for a in answers))  # each said once
        citations = list(dict.fromkeys(c for a in answers for c in a.citations))
        buttons = list(dict.fromkeys(b for a in answers for b in a.buttons))
        updates: Dict[str, object] = {}
        for a in answers:
            updates.update(a.updates)
        if citations:
            updates["citations"] = [f"{source}|{section}" for source, section in citations]
        return self.compose(bodies, citations, buttons, kind=answers[0].kind, updates=updates, joiner="\n\n")

    def point_text(self, point: Point) -> str:
        return self.kb.fill(point.text)

    def topic_answer(
        self,
        topic: Topic,
        extra_lines: Sequence[str] = (),
        extra_citations: Sequence[Citation] = (),
        joiner: str = " ",
        lead: Sequence[str] = (),  # lines before the topic's own, e.g. what a role involves
        lead_citations: Sequence[Citation] = (),
        updates: Optional[Dict[str, object]] = None,
    ) -> Answer:
        """A topic's points (figures filled in) and its aspects' manager side, cited, with related buttons."""
        aspects = [self.kb.get(a) for a in topic.aspects]
        lines = [*lead, *(self.point_text(p) for p in topic.points), *(a.manager for a in aspects), *extra_lines]
        citations = [
            *lead_citations,
            *((p.source, p.section) for p in topic.points),
            *((a.source, a.section) for a in aspects),
            *extra_citations,
        ]
        return self.compose(
            lines,
            citations,
            self.buttons(topic.related),
            joiner=joiner,
            # A topic with aspects sets the first as context, so "and engineers?" finds its other side.
            updates={"topic": topic.id, **({"aspect": topic.aspects[0]} if topic.aspects else {}), **(updates or {})},
        )

    # -- buttons -----------------------------------------------------------------
    def button_for(self, entry_id: str) -> Optional[Button]:
        """A button that asks about a KB entry, or None for entries nobody asks about directly."""
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

    def help_buttons(self) -> List[Button]:
        return self.topic_buttons(*HELP_TOPICS)

    # -- saying no ---------------------------------------------------------------
    def decline_subject(self, subject: str) -> Answer:
        """A question about another profession or subject: say what the sources cover instead."""
        text = (
            f"Sorry, I can't help with {subject}: the two articles I draw on ({self.publishers()}) only "
            "cover engineering and engineering management careers, so I won't guess. "
            "I can help with questions like these:"
        )
        return Answer(text, self.help_buttons(), kind=AnswerKind.DECLINE)

    def decline_request(self) -> Answer:
        """A task, role-play, instruction or opinion: not a question the sources answer."""
        text = (
            "Sorry, that's not something I can do. I answer questions about careers in engineering management "
            f"from two articles ({self.publishers()}); I don't translate, write, play a part, change how I work "
            "or give opinions on people. I can help with questions like these:"
        )
        return Answer(text, self.help_buttons(), kind=AnswerKind.DECLINE)

    def not_covered(self, subject: str, program: Optional[Program] = None, program_pages: bool = True) -> Answer:
        """Say the sources don't cover it; point to the program pages when they are where to look."""
        lines = [
            f"Sorry, the two articles I draw on ({self.publishers()}) don't cover {subject}, "
            "so I can't give you an answer I could stand behind."
        ]
        programs = [program] if program else (self.kb.programs if program_pages else [])
        for p in programs:
            if p.url:
                lines.append(f"For the {p.university} {p.name}, check the program page: {p.url}")
            else:
                lines.append(f"For the {p.university} {p.name}, check the university's own course page.")
        return Answer(
            "\n".join(lines),
            self.topic_buttons("programs", "worth_it", "need_masters"),
            kind=AnswerKind.NOT_COVERED,
        )
