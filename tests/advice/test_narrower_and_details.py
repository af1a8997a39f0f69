"""Narrower subjects typed in lower case, a sector's pay, details of a named program, and words about
the articles (issue #17, third round). Expectations are read from the knowledge base, not typed here.
"""

from __future__ import annotations

from typing import Sequence, Tuple

import pytest

from bot.advice import Advisor, Answer, AnswerKind, Context, Question
from bot.advice.answers.provenance import articles_named, facets_asked
from bot.advice.narrower import narrower_names, sectors_named
from bot.advice.types import QuestionPart, context_after
from bot.knowledge.model import KnowledgeBase
from bot.language.vocabulary import content_words


def ask(
    advisor: Advisor, text: str, intent: str, entities: Sequence[Tuple[str, str]] = (), context: Context = Context()
) -> Answer:
    return advisor.answer(Question(intent, text, list(entities), context, ranking=[(intent, 0.9)]))


def median_pay(kb: KnowledgeBase) -> str:
    return next(s.value for s in kb.statistics if "median" in s.unit)


@pytest.mark.parametrize(
    "text, name",
    [
        ("what do engineering managers earn at zorblax?", "zorblax"),
        ("what's a typical day for an engineering manager at quorvia specifically?", "quorvia"),
        ("how does engineering manager pay in zinc and tin mining compare?", "zinc and tin mining"),
    ],
)
def test_a_lower_case_name_after_the_subject_is_said_not_covered_first(wired: Advisor, text: str, name: str) -> None:
    reply = ask(wired, text, "ask_salary").text
    assert reply.startswith(f"My sources don't give anything specific to {name};"), reply


@pytest.mark.parametrize(
    "text",
    [
        "what do engineering managers do at work?",
        "how much do engineering managers make in general?",
        "what do engineering managers in engineering earn?",
        "what do managers at my company earn?",
    ],
)
def test_everyday_words_and_the_kbs_own_words_narrow_nothing(wired: Advisor, text: str) -> None:
    assert narrower_names(text, "", wired.kb_words, wired.known or frozenset()) == []


def test_a_sectors_pay_is_the_pay_answer_led_by_what_is_not_given(wired: Advisor, kb: KnowledgeBase) -> None:
    topic = kb.topic_for_intent("ask_sectors")
    assert topic is not None
    sectors = sorted({n.split()[0].lower() for p in topic.points for n in p.names} - {"engineering", "technology"})
    assert sectors
    for sector in sectors:
        text = f"how much do {sector} engineering managers get paid?"
        assert sectors_named(kb, text) == [sector]
        reply = ask(wired, text, "ask_sectors").text
        assert reply.startswith(f"My sources don't give figures for {sector} specifically"), reply
        assert median_pay(kb) in reply


def test_a_detail_of_a_named_program_answers_what_nlu_read_as_not_covered(wired: Advisor, kb: KnowledgeBase) -> None:
    for program in kb.programs:
        texts = [program.summary, *(f.text for f in program.features)]
        designed = [t for t in texts if "designed" in t.lower()]
        if not designed:
            continue
        reply = ask(wired, "who designed that course?", "ask_uncovered", [("program", program.id)])
        assert reply.kind == AnswerKind.ANSWER and any(t in reply.text for t in designed), reply.text
        return
    pytest.fail("no program text says who designed it")


def test_a_program_question_sharing_only_everyday_words_stays_not_covered(wired: Advisor, kb: KnowledgeBase) -> None:
    for program in kb.programs:
        reply = ask(wired, "do i need a 2:1 for the msc?", "ask_uncovered", [("program", program.id)])
        assert reply.kind != AnswerKind.ANSWER, reply.text


def test_words_about_the_articles_point_to_no_passage(wired: Advisor, kb: KnowledgeBase) -> None:
    definition = kb.topic_for_intent("ask_definition")
    reading = kb.topic_for_intent("ask_reading")
    assert definition is not None and reading is not None
    reply = ask(wired, "how do the two articles each define engineering management?", "ask_definition").text
    assert kb.fill(definition.points[0].text) in reply
    assert kb.fill(reading.points[0].text) not in reply


def test_an_articles_title_names_it(kb: KnowledgeBase) -> None:
    for source in kb.sources:
        assert articles_named(kb, f"who wrote “{source.title}”") == [source]
        assert articles_named(kb, f"who wrote {source.title.lower()}") == [source]
    assert articles_named(kb, "what is engineering management?") == []


def test_is_that_a_sign_asks_no_period_of_a_figure() -> None:
    assert "period" not in facets_asked("i like mentoring. is that a sign i should go into management?")
    assert "period" in facets_asked("is that a year or in total?")
    assert "date" in facets_asked("whats the publish date on that article")


def test_a_program_asked_for_by_what_it_offers_is_that_program(wired: Advisor, kb: KnowledgeBase) -> None:
    """ "Is there a master's I could do around work?", read as the need-a-master's question: the program offering it."""
    for program in kb.programs:
        for feature in program.features:
            others = [f for p in kb.programs if p.id != program.id for f in p.features]
            only_here = [s for s in feature.synonyms if not any(s in f.synonyms for f in others)]
            if not only_here:
                continue
            reply = ask(
                wired, f"is there a master's with {only_here[0]}?", "ask_need_masters", [("feature", only_here[0])]
            ).text
            assert program.university in reply and feature.text.split(".")[0] in reply, reply
            return
    pytest.fail("no feature only one program offers")


def test_would_a_masters_help_in_a_named_role_is_what_the_degree_brings_to_it(
    wired: Advisor, kb: KnowledgeBase
) -> None:
    for role in [r for r in kb.roles if r.degree_helps and not r.is_subject][:3]:
        asked = f"I work as a {role.title.lower()}. would a master's actually help me?"
        reply = ask(wired, asked, "ask_earnings_boost", [("role", role.id)]).text
        assert role.degree_helps in reply, reply
        pay = ask(
            wired, f"do {role.title.lower()}s earn more with a master's?", "ask_earnings_boost", [("role", role.id)]
        )
        assert "don't give" in pay.text


def test_an_author_named_is_that_articles_author(wired: Advisor, kb: KnowledgeBase) -> None:
    for source in [s for s in kb.sources if s.author]:
        reply = ask(wired, f"who is {source.author.lower()} and what did they write?", "out_of_scope").text
        assert source.title in reply and "written by" in reply


def test_the_requirements_asked_beside_a_program_feature_word_are_no_program(wired: Advisor) -> None:
    reply = ask(
        wired,
        "what degree and experience do employers usually want?",
        "ask_experience",
        [("feature", "experience")],
    )
    assert "About the" not in reply.text


def test_a_role_asked_of_an_article_is_that_role(wired: Advisor, kb: KnowledgeBase) -> None:
    role = next(r for r in kb.roles if r.involves and not r.is_subject)
    for program in kb.programs:
        reply = ask(
            wired,
            f"what does the {program.university.split()[-1]} article say about {role.title.lower()}s?",
            "ask_program",
            [("program", program.id), ("role", role.id)],
        ).text
        assert role.involves in reply, reply


def test_a_figures_date_asked_of_its_article_stays_a_question_about_the_figure(
    wired: Advisor, kb: KnowledgeBase
) -> None:
    stat = next(s for s in kb.statistics if "median" in s.unit)
    article = kb.source(stat.source)
    reply = ask(wired, f"how old is the salary figure in the {article.id} article?", "out_of_scope").text
    assert "doesn't say which year" in reply, reply


def test_a_readiness_sign_in_the_visitors_words_is_found_when_nlu_is_unsure(wired: Advisor, kb: KnowledgeBase) -> None:
    sign = kb.readiness_signals[0]
    text = "i mentor the juniors on my team and like it more than my own tasks. is that a sign for management?"
    assert "mentor" in sign.sign.lower()
    assert sign.sign in ask(wired, text, "nlu_fallback").text


def test_one_figure_asked_three_ways_in_one_message_is_answered_whole(wired: Advisor, kb: KnowledgeBase) -> None:
    stat = next(s for s in kb.statistics if "median" in s.unit)
    text = "what's the pay figure, who collected it and which country does it cover?"
    parts = [QuestionPart("out_of_scope", t, (), 0.6) for t in text.rstrip("?").split(", ")]
    question = Question("out_of_scope", text, [], Context(), ranking=[("out_of_scope", 0.7)], parts=parts)
    reply = wired.answer(question).text
    assert stat.value in reply and stat.measured_by in reply and stat.region and stat.region in reply


def test_a_figure_asked_for_one_country_and_the_points_an_article_compares(wired: Advisor, kb: KnowledgeBase) -> None:
    stat = next(s for s in kb.statistics if "median" in s.unit)
    reply = ask(wired, "is the salary figure in the article for the US?", "out_of_scope").text
    assert stat.region and stat.region in reply
    leeds = next(s for s in kb.sources if any(a.source == s.id for a in kb.comparison.aspects))
    compared = ask(wired, f"On which points does the {leeds.id} article compare engineers and managers?", "ask_salary")
    assert all(a.title in compared.text for a in kb.comparison.aspects)


def test_worth_it_financially_in_a_named_role_is_about_the_figures(wired: Advisor, kb: KnowledgeBase) -> None:
    role = next(r for r in kb.roles if r.degree_helps and not r.is_subject)
    text = f"I'm a {role.title.lower()}. Is a master's worth it financially?"
    reply = ask(wired, text, "ask_worth_it", [("role", role.id)]).text
    assert role.degree_helps not in reply


def test_a_university_the_gaps_name_typed_in_lower_case_is_another_university(
    wired: Advisor, kb: KnowledgeBase
) -> None:
    gap = kb.institution_gap()
    assert gap is not None
    name = next(s for s in gap.synonyms if len(s.split()) == 1 and len(s) > 3)
    reply = ask(wired, f"what are {name}'s fees for the ms in engineering?", "ask_experience", [("gap", name)]).text
    assert name.title() in reply
    assert not any(s.value in reply for s in kb.statistics)


def test_a_program_asked_for_by_the_visitors_background_is_the_program_offering_it(
    wired: Advisor, kb: KnowledgeBase
) -> None:
    feature, program = next(
        (f, p) for p in kb.programs for f in p.features if any(s == "full time" for s in f.synonyms)
    )
    question = Question(
        "ask_need_masters",
        "is there any master's I could do around that?",
        [],
        Context(),
        ranking=[("ask_need_masters", 0.6)],
        background="I work full time and have two kids.",
    )
    reply = wired.answer(question).text
    assert program.university in reply and feature.text.split(",")[0] in reply


def test_a_figure_asked_as_a_follow_up_with_and_is_the_figure_answer(wired: Advisor, kb: KnowledgeBase) -> None:
    salary = kb.topic_for_intent("ask_salary")
    boost = kb.topic_for_intent("ask_earnings_boost")
    assert salary is not None and boost is not None
    context = context_after(Context(), wired.topic_answer(salary).updates)
    reply = wired.answer(
        Question(
            "ask_earnings_boost",
            "and with a master's degree, how much more would you make?",
            [],
            context,
            ranking=[("ask_earnings_boost", 0.8)],
        )
    ).text
    assert kb.statistics_quoted(boost)[0].value in reply


def test_an_article_asked_whether_it_was_first_written_in_a_year_is_a_date_question() -> None:
    assert "date" in facets_asked("was the northeastern article written in 2024 originally?")


def test_an_article_described_by_a_word_only_its_title_has_is_that_article(kb: KnowledgeBase) -> None:
    for source in kb.sources:
        others = {w for s in kb.sources if s.id != source.id for w in content_words(s.title)}
        own = [w for w in content_words(source.title) if w not in others]
        assert own, source.title
        assert articles_named(kb, f"who published the article on the {own[0]} thing?") == [source]
    assert articles_named(kb, "what is the difference between the two?") == []


def test_a_role_a_university_says_something_about_is_that_role(wired: Advisor, kb: KnowledgeBase) -> None:
    role = next(r for r in kb.roles if r.involves and not r.is_subject)
    program = kb.programs[0]
    text = f"what does {program.university.split()[-1]} say a {role.title.lower()} does?"
    reply = ask(wired, text, "ask_program", [("program", program.id), ("role", role.id)]).text
    assert role.involves in reply
