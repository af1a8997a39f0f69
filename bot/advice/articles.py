"""One article's side of a topic, and the articles a question names.

A topic's points each cite their article, so a question that names one article (or, as a
follow-up, the other one) gets that article's points only. When that article says nothing on the
topic, the answer says so first and then gives what the other article says.

A question names an article by its publisher ("the Leeds blog"), its title (whole, or up to its
colon), its author, or, when it asks about an article, a content word only that title has.
"""

from __future__ import annotations

import re
from typing import List, Optional, Sequence

from bot.advice.compose import Composer
from bot.advice.types import Answer, AnswerKind
from bot.knowledge.model import KnowledgeBase, Source, Topic
from bot.knowledge.text import plain, stem, words
from bot.language.vocabulary import content_words


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


# "The other one", "what about the other uni?", "who published the other article?": the article not the last one.
OTHER_ONE = re.compile(
    r"\bthe other (?:one|uni|university|article|piece|post|blog|school|source|site|side)\b|\bthe other\W*$"
)


def other_article(composer: Composer, article: Optional[Source]) -> Optional[Source]:
    others = [s for s in composer.kb.sources if article is not None and s.id != article.id]
    return others[0] if len(others) == 1 else None


# -- the articles a question names ------------------------------------------------------------

GENERIC_PUBLISHER_WORDS = frozenset({"university", "of", "online", "the", "college", "school"})
ARTICLE_WORDS = re.compile(r"\b(?:article|articles|piece|post|blog|page|write-?up)\b")


def articles_named(kb: KnowledgeBase, text: str) -> List[Source]:
    """The articles a question names by publisher ("the Leeds blog", "Northeastern's piece")."""
    asked = set(words(text))
    quoted = f" {plain(text)} "
    named = []
    for source in kb.sources:
        own = {w for w in words(f"{source.id} {source.publisher}") if w not in GENERIC_PUBLISHER_WORDS}
        if own & asked or any(f" {part} " in quoted for part in title_parts(source)):
            named.append(source)
    named += [s for s in authors_named(kb, text) if s not in named]
    if not named and ARTICLE_WORDS.search(text.lower()):
        named = titled(kb, text)  # "the article explaining the difference between…": a word only its title has
    return named


def titled(kb: KnowledgeBase, text: str) -> List[Source]:
    """The one article whose title alone holds a content word of the question ("difference", "ms")."""
    title_words = {s.id: {stem(w) for w in content_words(s.title)} for s in kb.sources}
    asked = {stem(w) for w in content_words(text)}
    own = [
        s
        for s in kb.sources
        if asked & (title_words[s.id] - set().union(*(v for k, v in title_words.items() if k != s.id)))
    ]
    return own if len(own) == 1 else []


def authors_named(kb: KnowledgeBase, text: str) -> List[Source]:
    """The articles whose author the question names, in full or by surname ("Stewart's article")."""
    asked = set(words(text))
    return [s for s in kb.sources if s.author and words(s.author)[-1] in asked]


def title_parts(source: Source) -> List[str]:
    """An article's title as a visitor quotes it: whole, or its part before a colon, of four words or more."""
    parts = [plain(source.title), plain(source.title.split(":", 1)[0])]
    return [p for p in dict.fromkeys(parts) if len(p.split()) >= MIN_TITLE_WORDS]


MIN_TITLE_WORDS = 4  # "Engineering vs Engineering Management" names the Leeds article; "engineering management" doesn't
