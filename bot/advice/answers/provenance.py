"""Questions about the sources themselves: who wrote an article, when, who published it, and where a figure comes from.

Every answer reads the KB's `sources.yml` and `statistics.yml`; nothing here names an article or a
figure. The subject is what the question names (a figure's value or words, an article's publisher),
else what the last answer was about (`bot.advice.state`): "who wrote that?", "is it a median?".
What the KB doesn't record (a Leeds author, the year a figure describes) is said plainly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Callable, Dict, FrozenSet, List, Optional, Sequence, Tuple

from bot.advice.answers.figures import figures_by_value, figures_named, topic_quoting
from bot.advice.articles import ARTICLE_WORDS, OTHER_ONE, articles_named, authors_named
from bot.advice.state import DialogueState, state_of
from bot.advice.subjects import other_institution
from bot.advice.tools import Tools
from bot.advice.types import Answer, Citation, Found, Question
from bot.knowledge.model import KnowledgeBase, Source, Statistic
from bot.knowledge.text import stem
from bot.language.vocabulary import content_words

# What a question asks about a source or a figure (facet -> how it is asked).
FACETS: Dict[str, re.Pattern[str]] = {
    "author": re.compile(
        r"\bwho (?:wrote|writes|authored|penned|is the author)\b|\bauthors?\b|\bwriters?\b|\bwritten by\b|\bbyline\b"
        r"|\b(?:same|different|one) (?:person|people)\b[^?]{0,30}\b(?:write|wrote|written)\b"
    ),
    "date": re.compile(
        r"\bwhen (?:was|is|did|were|do|does)\b[^?]{0,120}\b(?:written|published|publish|posted|post|released|release|"
        r"updated|update|write|out|come out|came out|"
        r"put out|put up|went up|go up|uploaded|written up|from|dated)\b|\bpublication date\b"
        r"|\bpublish(?:ed|ing)? date\b|\bdated\b|\b(?:what'?s|whats|what is) the date\b"
        r"|\bdate (?:on|of|for) (?:the|that|this|it)\b"
        r"|\bpublished (?:on|in|when)\b|\bdate of\b"
        r"|\bwhat (?:date|year|day|month)\b|\bhow (?:old|recent|current|up to date|up-to-date|new|fresh|dated)\b"
        r"|\b(?:more|most|less|least) recent\b|\bnewer\b|\bolder\b|\b(?:first|originally|last) (?:published|updated|"
        r"posted|written|put out|put up|released|issued)\b"
        r"|\bis (?:it|that|this)\b[^?]{0,25}\b(?:recent|current|up to date|outdated|old)\b"
        r"|\bbrand new\b|\bupdated\b|\b(?:first|originally) (?:came out|come out|appeared|went (?:up|live|online))\b"
        r"|\b(?:original|first|earliest|earlier) version\b|\b(?:been|was|it) (?:changed|revised|edited)\b"
        r"|^\W*(?:and |so |ok |okay |but )*when\W*$"
        r"|\b(?:written|published|posted|released|out) in (?:\d{4}|[a-z]+ \d{4})\b|\boriginally\b"
    ),
    "publisher": re.compile(
        r"\bwho (?:published|publishes|put out|puts out|is behind|runs|owns|made)\b|\bpublishers?\b"
        r"|\bwhich (?:university|uni|organisation|organization|institution|school|site|website|college)\b"
        r"[^?]{0,30}\b(?:published|wrote|is behind|put out|from)\b|\bwhose (?:article|piece|post|blog)\b"
    ),
    "measured_by": re.compile(
        r"\bwho (?:\w+ly )?(?:measured|collected|calculated|compiled|produced|gathered|came up with|reported|"
        r"originally published|published|is behind|says)\b|\b(?:credited|attributed) to\b|\bsourced from\b"
        r"|\b(?:which|what) (?:source|sources)\b"
        r"|\bwhere (?:does|do|did|is|was|'s)\b[^?]{0,80}\b(?:come from|came from|from|"
        r"originate|get)\b|\bwhere'?s (?:that|this|it|the)\b[^?]{0,30}\bfrom\b|\bsources? (?:of|for|behind)\b"
        r"|\b(?:which|what) (?:organisation|organization|agency|body|institution|department|government)\b"
        r"|\bbased on what\b|\bwhose (?:data|figures?|numbers?|stats?)\b|\baccording to (?:who|whom|what)\b"
        r"|\bwhat (?:data|study|survey|research)\b"
    ),
    "region": re.compile(
        r"\b(?:which|what) (?:country|countries|region|nation)\b|\bamerican\b"
        r"|\b(?:u\.?s\.?|us|usa) (?:data|figures?|numbers?|only|based|stats?)\b|\bworldwide\b|\bglobal(?:ly)?\b"
        r"|\bacross the world\b|\bevery country\b|\bfor (?:the )?(?:us|u\.s\.?|usa|america|united states)\W*$"
        # "is that figure for the uk or the us?"
        r"|\b(?:for|in|from) (?:the )?[a-z.]+ or (?:the )?(?:us|u\.s\.?|usa|america|united states|uk|britain|"
        r"worldwide|global|everywhere)\b"
        # "is the 165,370 figure a british number or from somewhere else?"
        r"|\b(?:a|an) (?:british|english|uk|us|american|european|german|french|indian|canadian|australian|chinese|"
        r"local|national|international) (?:number|figure|stat|statistic|data|salary|rate)\b"
        r"|\bfrom (?:somewhere|elsewhere|another country|abroad)\b"
        # "is that a uk thing or us?", "is the northeastern salary figure US?"
        r"|\b(?:uk|us|u\.s\.?|usa|american|british|european) (?:thing|rule|requirement|norm)\b"
        r"|\b(?:uk|us|u\.s\.?|usa|american|british|global|worldwide) or (?:the )?(?:uk|us|u\.s\.?|usa|american|british|"
        r"global|worldwide|elsewhere)\b"
        r"|\b(?:figure|number|data|stats?|salary|pay|rate) (?:us|u\.s\.?|usa|american|uk|british)\W*$"
    ),
    # "is that in pounds?", "which currency?"
    "currency": re.compile(
        r"\bin (?:pounds|sterling|gbp|£|euros?|eur|rupees|inr|naira|yen|yuan|dollars|usd|us dollars|"
        r"canadian dollars|aud|cad)\b|\b(?:which|what) currency\b|\bcurrency\b"
    ),
    "measure": re.compile(
        r"\bmedian or (?:an? |the )?(?:average|mean)\b|\b(?:average|mean) or (?:a |the )?median\b"
        r"|\b(?:is|was) (?:it|that|this|the [^?]{1,30}?) (?:an? |the )?(?:average|mean|median)\b"
        r"|\b(?:average|mean|median) (?:or|vs|versus)\b|\bwhat kind of (?:average|figure|number)\b"
    ),
    "value": re.compile(
        r"^\W*(?:and |so |ok |okay |but )*how many \w+(?: exactly| then| roughly| precisely| is that)?\W*$"
        r"|^\W*(?:and |so |ok |okay |but )*(?:by )?how (?:much|big|large|fast|quickly)"
        r"(?: (?:is it|is that|are they|more|exactly|then|roughly|approximately|about|of a \w+))*\W*$"
        r"|\bwhat(?:'s| is| was) the (?:\w+ )?(?:number|figure|percentage|actual number|actual figure)\b"
        # "what is that 18% about?", "what does the 4% measure?"; not "what does the leeds article say about pay?"
        r"|\bwhat(?:'s| is|s| does) (?:the|that|this) [^?]{0,30}\b"
        r"(?:about(?: exactly| then| really)?\W*$|mean|measure|refer to|stand for|describe)"
        r"|^\W*(?:and |so |ok |okay |but )*(?:the )?[\d.,]+%? (?:of|for) what\b"
        r"|\b(?:it|that|this) (?:is )?(?:of|for) what\b"
    ),
    # "Which article mentions an 18% figure?": the article that quotes it (asked of a figure only).
    "article": re.compile(
        r"\b(?:which|what) (?:article|source|one|piece|post|blog|uni|university|school)\b[^?]{0,40}\b(?:mention|"
        r"mentions|mentioned|say|says|said|give|gives|gave|quote|quotes|quoted|cite|cites|has|have|had|include|"
        r"includes|report|reports|use|uses|is|was)\b"
    ),
    "period": re.compile(
        r"\b(?:per|a|each|every) (?:year|month|week|hour|annum)\b[^?]{0,15}\bor\b|\bor (?:per|a|each|every|in) "
        r"(?:year|month|week|hour|total)\b|\bin total\b|\bover (?:how many|what) (?:years|period)\b"
        r"|\b(?:is|was) (?:it|that|this)(?: figure| number| rate| growth| salary| \d+%?)? (?:per|each|every|annual|"
        r"annually|yearly|monthly|hourly|in total|total|cumulative|overall|a (?:year|month|week|day|hour))\b"
        r"|\bper (?:year|month|annum)\?"
        r"|\b(?:annual|yearly|monthly|hourly)(?:ly)?\s*\?|\bcumulative\b"
    ),
}
ARTICLE_FACETS = frozenset({"author", "date", "publisher"})
FIGURE_FACETS = frozenset({"value", "measured_by", "region", "measure", "period", "currency", "article"})
# Words that point at a figure or an article without naming it.
POINTS_AT_FIGURE = re.compile(
    r"\b(?:that|this|it|the|those|these)\s+(?:figure|number|stat|statistic|data|percentage|rate|salary|pay|growth|"
    r"stats|numbers|figures|\d[\d,]*k?%?)\b|\b(?:is|was|are) (?:that|it|this|they)\b|^\W*(?:and |so |ok |okay )*"
    r"(?:is|was) (?:it|that)\b|\bwhere'?s (?:that|this|it)\b|\bfrom\?|\bcome from\b"
)
POINTS_BACK = re.compile(r"\b(?:that|this|it|those|these|so)\b")
POINTS_AT_ARTICLE = re.compile(
    r"\b(?:article|articles|piece|post|blog|page|source|sources|text|report|story|write-up|writeup|it|that|this|"
    r"they|one|ones)\b"
)
MONTHS = "January February March April May June July August September October November December".split()


@dataclass(frozen=True)
class Subject:
    facets: FrozenSet[str]
    figures: Tuple[Statistic, ...]
    articles: Tuple[Source, ...]


def facets_asked(text: str) -> FrozenSet[str]:
    low = text.lower()
    return frozenset(name for name, pattern in FACETS.items() if pattern.search(low))


WHO_IS = re.compile(r"\bwho(?:'s| is| was)\b")


ELLIPTICAL_WORDS = 1  # content words a question may have and still lean wholly on the last answer ("which country?")


def subject_of(kb: KnowledgeBase, question: Question, state: DialogueState) -> Optional[Subject]:
    """What a question about the sources asks, and about which figures and articles; None if it asks nothing of them."""
    facets = facets_asked(question.text)
    by_author = authors_named(kb, question.text)
    if not facets and by_author and WHO_IS.search(question.text.lower()):
        facets = frozenset({"author"})  # "who is Shaday Stewart?": the author of that article
    if not facets:
        return None
    low = question.text.lower()
    # "What year is the Leeds one from?": a time word asks the date, it doesn't name the yearly growth figure.
    named_by = TIME_WORDS.sub(" ", question.text) if "date" in facets else question.text
    figures = figures_named(kb, named_by) if facets & (FIGURE_FACETS | ARTICLE_FACETS) else []
    if not figures and question.background and POINTS_BACK.search(low):
        figures = figures_named(kb, question.background)  # "that 18% pay bump thing - who says that?"
    # "Which country?", "by how much?": nothing named but what is asked, so it is about the last figure.
    # ("Who says so?" alone is left to the sources answer, which gives the figure's origin and the sections.)
    elliptical = len(content_words(low)) <= ELLIPTICAL_WORDS and facets != {"measured_by"}
    points_at_figure = POINTS_AT_FIGURE.search(low) or facets == {"value"} or elliptical
    # "Is that per year?" after the salary: "that" is the figure just given, though "year" describes another one.
    if figures and state.figure and POINTS_AT_FIGURE.search(low) and not figures_by_value(kb, low):
        figures = [state.figure]
    elif state.figure and figures and not figures_named(kb, TIME_WORDS.sub(" ", question.text)):
        figures = [state.figure]  # "how many years exactly?" after the experience: "a year" names the growth rate
    if not figures and state.figure and points_at_figure and not names_a_claim(low, state):
        if facets & FIGURE_FACETS or FIGURE_WORDS.search(low):
            figures = [state.figure]  # "is that per year?", "how recent is that data?"
    articles: List[Source] = []
    if facets & ARTICLE_FACETS and not (figures and not ARTICLE_WORDS.search(low)):
        articles = _articles_asked_of(kb, question, state, elliptical)
    if not figures and not articles:
        return None
    return Subject(facets, tuple(figures), tuple(articles))


def _articles_asked_of(kb: KnowledgeBase, question: Question, state: DialogueState, elliptical: bool) -> List[Source]:
    """The articles a question about the sources is about: named, named in its background, or the last answer's."""
    low = question.text.lower()
    articles = articles_named(kb, question.text)
    if not articles and OTHER_ONE.search(low) and state.article is not None:
        others = [s for s in kb.sources if s.id != state.article.id]  # "…, and who published the other article?"
        return others if len(others) == 1 else []
    if not articles and question.background and POINTS_AT_ARTICLE.search(low):
        articles = articles_named(kb, question.background)  # "the northeastern one says updated.. when was it…?"
    if not articles and (POINTS_AT_ARTICLE.search(low) or elliptical):  # "and who's the author?"
        articles = state.articles or (list(kb.sources) if _asks_of_articles(low) else [])
    return articles


def names_a_claim(low: str, state: DialogueState) -> bool:
    """True when the question names words of the last answer's other points ("the skills gap claim"), not its figure."""
    if state.topic is None or state.figure is None:
        return False
    marker = "{" + state.figure.id
    figure_words = {stem(w) for p in state.topic.points if marker in p.text for w in content_words(p.text)}
    claim_words = {stem(w) for p in state.topic.points if marker not in p.text for w in content_words(p.text)}
    return bool({stem(w) for w in content_words(low)} & (claim_words - figure_words))


TIME_WORDS = re.compile(r"\b(?:years?|yrs?|months?|weeks?|annual(?:ly)?|yearly|per|a year)\b", re.IGNORECASE)
FIGURE_WORDS = re.compile(r"\b(?:figure|number|stat|statistic|stats|data|percentage|rate|salary|pay|growth|\d)")


def _asks_of_articles(low: str) -> bool:
    return bool(re.search(r"\b(?:articles?|pieces?|posts?|blogs?|sources?|both|two|each|which one)\b", low))


# -- answers ---------------------------------------------------------------------------------


def when(iso: str) -> str:
    """ "2024-07-25" -> "25 July 2024"; "2022-10" -> "October 2022"."""
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        return f"{parts[2]} {MONTHS[parts[1] - 1]} {parts[0]}"
    return f"{MONTHS[parts[1] - 1]} {parts[0]}" if len(parts) == 2 else str(parts[0])


def _day(iso: str) -> date:
    parts = [int(p) for p in iso.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


def the_article(kb: KnowledgeBase, source: Source) -> str:
    return f"The {source.publisher} article, “{source.title}”,"


def author_line(kb: KnowledgeBase, source: Source) -> str:
    if source.author:
        return f"{the_article(kb, source)} was written by {source.author}."
    return f"{the_article(kb, source)} doesn't name an author; it is published by {source.publisher}."


def date_line(kb: KnowledgeBase, source: Source) -> str:
    line = f"{the_article(kb, source)} is dated {when(source.published)}"
    if source.first_published:
        line += (
            f"; it was first published in {when(source.first_published)} and has since been updated, "
            f"so {when(source.published)} is the date of the current version"
        )
    return line + "."


def publisher_line(kb: KnowledgeBase, source: Source) -> str:
    return f"“{source.title}” is published by {source.publisher}" + (f": {source.url}" if source.url else ".")


def origin_line(kb: KnowledgeBase, stat: Statistic) -> str:
    origin = stat.measured_by if stat.measured_by[:1].islower() else f"the {stat.measured_by}"
    article = kb.source(stat.source)
    where = f", for {stat.region}" if stat.region else ""
    return (
        f"The {stat.label} ({stat.value}) comes from {origin}{where}, as {article.publisher}'s article reports it "
        f"(section “{stat.section}”)."
    )


def region_line(kb: KnowledgeBase, stat: Statistic) -> str:
    if stat.region:
        return f"The {stat.label} ({stat.value}) is for {stat.region}, not worldwide."
    return (
        f"The article doesn't say which country the {stat.label} ({stat.value}) covers; it credits {stat.measured_by}."
    )


def measure_line(kb: KnowledgeBase, stat: Statistic) -> str:
    described = f"{stat.label} {stat.unit}".lower()
    if "median" in described:
        return f"The {stat.value} figure is a median, not an average (mean): {stat.measures}."
    if "approximate" in described:
        return f"The {stat.value} figure is given as an approximate figure ({stat.measures}), not as a median or mean."
    return f"The article gives {stat.value} as {stat.unit}; it doesn't call it a median or an average."


def period_line(kb: KnowledgeBase, stat: Statistic) -> str:
    unit = stat.unit.lower()
    if re.search(r"\b(?:a|per|each) year\b|\bannual", f"{unit} {stat.label.lower()}"):
        return f"It's a yearly figure: {stat.value} is {stat.unit} ({stat.label})."
    return f"The article gives {stat.value} as {stat.unit} ({stat.label}); it doesn't give it per year or month."


def currency_line(kb: KnowledgeBase, stat: Statistic) -> str:
    if "dollar" in stat.unit.lower():
        in_dollars = f"The {stat.label} is in US dollars: {stat.value} ({stat.unit})"
        return f"{in_dollars}; my sources give no figure in other currencies."
    return f"The {stat.label} ({stat.value}) is not an amount of money: it is {stat.unit}."


def age_line(kb: KnowledgeBase, stat: Statistic) -> str:
    source = kb.source(stat.source)
    return (
        f"The article doesn't say which year the {stat.label} ({stat.value}) describes; it is quoted in "
        f"{source.publisher}'s article dated {when(source.published)}"
        + (f" (first published {when(source.first_published)})." if source.first_published else ".")
    )


def value_line(kb: KnowledgeBase, stat: Statistic) -> str:
    origin = stat.measured_by if stat.measured_by[:1].islower() else f"the {stat.measured_by}"
    return f"{stat.value}: {stat.measures} ({stat.unit}), according to {origin}."


FIGURE_LINES: Dict[str, Callable[[KnowledgeBase, Statistic], str]] = {
    "value": value_line,
    "measured_by": origin_line,
    "publisher": origin_line,
    "author": origin_line,
    "region": region_line,
    "measure": measure_line,
    "period": period_line,
    "currency": currency_line,
    "date": age_line,
    "article": origin_line,
}
ARTICLE_LINES: Dict[str, Callable[[KnowledgeBase, Source], str]] = {
    "author": author_line,
    "date": date_line,
    "publisher": publisher_line,
}
FACET_ORDER = tuple(
    "author publisher date value article measured_by region measure period currency".split()
)  # the order of the lines


def provenance_answer(advisor: Tools, subject: Subject) -> Optional[Answer]:
    kb = advisor.kb
    lines: List[str] = []
    citations: List[Citation] = []
    facets = [f for f in FACET_ORDER if f in subject.facets]
    for stat in subject.figures:
        for facet in facets:
            lines.append(FIGURE_LINES[facet](kb, stat))
        citations.append((stat.source, stat.section))
    for source in subject.articles:
        for facet in facets:
            if facet in ARTICLE_LINES:
                lines.append(ARTICLE_LINES[facet](kb, source))
        citations.append((source.id, source.sections[0]))
    if "date" in subject.facets and len(subject.articles) > 1:
        newest = max(subject.articles, key=lambda s: _day(s.published))
        lines.append(f"The more recent of the two is the {newest.publisher} article ({when(newest.published)}).")
    if not lines:
        return None
    topic = topic_quoting(kb, subject.figures[0]) if subject.figures else None
    return advisor.compose(_unique(lines), citations, advisor.help_buttons(), updates={"topic": topic} if topic else {})


def _unique(lines: Sequence[str]) -> List[str]:
    return list(dict.fromkeys(lines))


MIN_WHOLE_FACETS = 2  # "what's the salary figure, who measured it and which country is it for?"


def several_facets_answer(advisor: Tools, question: Question) -> Optional[Answer]:
    """One figure or article asked about in several ways in one message: answered whole, not part by part.

    Split, "who measured it?" and "which country is it for?" lose the figure the first part named.
    """
    if len(facets_asked(question.text)) < MIN_WHOLE_FACETS or OTHER_ONE.search(question.text.lower()):
        return None  # "when was the Leeds one published, and who published the other article?": two subjects
    subject = subject_of(advisor.kb, question, state_of(advisor.kb, question.context))
    return provenance_answer(advisor, subject) if subject else None


def provenance_rule(advisor: Tools, question: Question, found: Found) -> Optional[Callable[..., Answer]]:
    """Router rule: a question about the sources or a figure's origin gets the provenance answer."""
    if not question.text or question.text.startswith("/"):
        return None
    if other_institution(advisor, question.text) and not figures_by_value(advisor.kb, question.text.lower()):
        return None  # "how much does MIT's master's cost per year?": another university's fees, no figure of ours
    subject = subject_of(advisor.kb, question, state_of(advisor.kb, question.context))
    quoted = figures_by_value(advisor.kb, question.text.lower(), distinct=True) if subject is None else []
    top = max((c for _n, c in question.ranking[:1]), default=0)
    sure = question.intent in advisor.knowledge_intents and top >= SURE
    if quoted and not sure:  # "is that $165,370 figure something I can compare to?": what the figure is, and where
        subject = Subject(frozenset({"value"}), tuple(quoted), ())
    found_answer = provenance_answer(advisor, subject) if subject else None
    if found_answer is None:
        return None
    return lambda _advisor, _question, _found: found_answer


SURE = 0.5  # NLU this sure of a knowledge intent: a figure quoted by value is the question's background
