"""One article's side of a topic: "what does the Leeds article say about pay?", "and the other uni?".

A topic's points each cite their article, so a question that names one article (or, as a
follow-up, the other one) gets that article's points only. When that article says nothing on the
topic, the answer says so first and then gives what the other article says.
"""

from __future__ import annotations

from typing import List, Optional, Sequence

from bot.advice.compose import Composer
from bot.advice.types import Answer, AnswerKind
from bot.knowledge.model import Source, Topic


def topic_sources(topic: Topic) -> List[str]:
    return list(dict.fromkeys(p.source for p in topic.points))


def article_topic_answer(composer: Composer, topic: Topic, article: Source) -> Answer:
    """The topic as one article gives it; if it gives nothing, say so, then what the other article says."""
    own = [p for p in topic.points if p.source == article.id]
    if own:
        lines = [composer.point_text(p) for p in own]
        return composer.compose(
            lines,
            [(p.source, p.section) for p in own],
            composer.buttons(topic.related),
            updates={"topic": topic.id, "citations": [f"{p.source}|{p.section}" for p in own]},
        )
    others = [p for p in topic.points if p.source != article.id]
    lead = f"The {article.publisher} article doesn't give anything on that ({topic.question.rstrip('?').lower()})."
    if not others:
        return Answer(lead, composer.buttons(topic.related), kind=AnswerKind.NOT_COVERED)
    publishers = " and ".join(dict.fromkeys(composer.kb.source(p.source).publisher for p in others))
    lines = [lead, f"What {publishers} says:", *(composer.point_text(p) for p in others)]
    return composer.compose(
        lines,
        [(p.source, p.section) for p in others],
        composer.buttons(topic.related),
        updates={"topic": topic.id},
    )


def scoped_to_article(composer: Composer, answer: Answer, articles: Sequence[Source]) -> Answer:
    """A topic answer narrowed to the one article the question names, when the topic draws on both."""
    topic_id = answer.updates.get("topic")
    topic = composer.kb.get(topic_id) if isinstance(topic_id, str) else None
    if len(articles) != 1 or not isinstance(topic, Topic) or answer.kind != AnswerKind.ANSWER:
        return answer
    if len(topic_sources(topic)) < 2:
        return answer
    if not any(composer.point_text(p) in answer.text for p in topic.points):
        return answer  # an answer that only keeps the topic as context ("how old is the salary figure?")
    return article_topic_answer(composer, topic, articles[0])


def other_article(composer: Composer, article: Optional[Source]) -> Optional[Source]:
    others = [s for s in composer.kb.sources if article is not None and s.id != article.id]
    return others[0] if len(others) == 1 else None
