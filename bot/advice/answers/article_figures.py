"""Whether an article gives figures: "does the Leeds one give any number?", "does it have actual stats?".

The answer lists the figures the article quotes, or says plainly that it quotes none and where the
figures come from instead. The article is the one named, else the one the last answer came from.
"""

from __future__ import annotations

import re
from typing import List, Optional

from bot.advice.answers.figures import figures_named
from bot.advice.articles import articles_named, other_article
from bot.advice.registry import Handler
from bot.advice.state import state_of
from bot.advice.tools import Tools
from bot.advice.types import Answer, Citation, Found, Question
from bot.knowledge.model import Source, Statistic, Topic

# "give any numbers", "have a figure", "quote actual stats", "put a number on it"
ASKS_FOR_FIGURES = re.compile(
    r"\b(?:give|gives|given|have|has|quote|quotes|cite|cites|include|includes|mention|mentions|offer|offers|"
    r"provide|provides|put|puts|share|shares)\b[^?.!]{0,30}?\b(?:any|a|an|actual|specific|real|hard|exact|"
    r"concrete|its own)?\s*(?:salary |pay |growth )?(?:numbers?|figures?|stats?|statistics|data|digits)\b"
    r"|\bput a number on\b|\b(?:what|which|any)\s+(?:numbers|figures|stats|statistics)\b"
)


def figures_of_an_article(advisor: Tools, question: Question, found: Found) -> Optional[Handler]:
    """Router rule: asked whether an article gives figures, the figures it gives, or that it gives none."""
    low = question.text.lower()
    if not ASKS_FOR_FIGURES.search(low):
        return None
    state = state_of(advisor.kb, question.context)
    articles = articles_named(advisor.kb, question.text) or state.articles
    if OTHER.search(low) and state.article is not None:  # "what about the other uni's article, any numbers?"
        other = other_article(advisor, state.article)
        articles = [other] if other else []
    if len(articles) != 1:
        return None
    article = articles[0]
    yes_no = YES_NO.search(low) is not None
    asked = figures_named(advisor.kb, question.text)
    topic = state.topic if not asked else None
    return lambda a, q, _f: article_figures_answer(a, article, asked, yes_no, topic)


OTHER = re.compile(r"\bthe other\b")
YES_NO = re.compile(
    r"^\W*(?:and |so |but )?(?:does|do|did|is|are|has|have|can|will)\b|,\s*(?:does|do|is|has) (?:it|they)\b"
)


def article_figures_answer(
    advisor: Tools, article: Source, asked: List[Statistic], yes_no: bool = True, topic: Optional[Topic] = None
) -> Answer:
    """The figures `article` gives (of those asked), or that it gives none, with what it says of the topic in hand."""
    kb = advisor.kb
    wanted = asked or kb.statistics
    own = [s for s in wanted if s.source == article.id]
    citations: List[Citation] = [(s.source, s.section) for s in own]
    if own:
        lines = [f"{'Yes: t' if yes_no else 'T'}he {article.publisher} article gives {_figures(own)}."]
    else:
        what = f"a figure for the {asked[0].label}" if len(asked) == 1 else "any figures"
        lines = [f"{'No, t' if yes_no else 'T'}he {article.publisher} article doesn't give {what}."]
        said = [p for p in (topic.points if topic else []) if p.source == article.id]
        lines += [kb.fill(p.text) for p in said]  # "competitive, but no figure": what it does say
        citations += [(p.source, p.section) for p in said]
        in_hand = kb.statistics_quoted(topic) if topic and not asked else []
        elsewhere = [s for s in (in_hand or wanted) if s.source != article.id]
        other = other_article(advisor, article)
        if elsewhere and other is not None:
            lines.append(f"The figures come from the {other.publisher} article: {_figures(elsewhere)}.")
            citations += [(s.source, s.section) for s in elsewhere]
    return advisor.compose(lines, list(dict.fromkeys(citations)), advisor.help_buttons())


def _figures(stats: List[Statistic]) -> str:
    parts = [f"{s.value} ({s.label})" for s in stats]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
