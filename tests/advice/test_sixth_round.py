"""Issue #17, sixth round: a follow-up part of the same message, a figure quoted by its value, which article says a
thing, a list by a count the visitor states, an item of a list by its words, and a request only when it is one.
Expectations are read from the knowledge base, not typed here; the wordings are our own.
"""

from __future__ import annotations

import pytest

from bot.advice import Advisor, AnswerKind, Context, Question
from bot.advice.answers.provenance import facets_asked
from bot.advice.ellipsis import said_in_part
from bot.advice.requests import request_kind
from bot.advice.types import QuestionPart, context_after
from bot.knowledge.model import KnowledgeBase, Statistic
from bot.knowledge.terms import PROGRAM
from tests.advice.asking import ask


def stat(kb: KnowledgeBase, word: str) -> Statistic:
    return next(s for s in kb.statistics if word in s.asked_with)


# -- a follow-up part of the same message ---------------------------------------------------------------------


def test_a_later_part_naming_only_the_other_program_asks_the_earlier_part_of_it(wired: Advisor, kb) -> None:
    first, second = kb.sources[0], kb.sources[1]
    one, two = first.publisher.split()[0], second.publisher.split()[0]
    asked = f"when did the {one} article come out, and when did the {two} one?"
    programs = {p.source: p for p in kb.programs}
    parts = [
        QuestionPart("ask_program", asked.split(", and ")[0], [(PROGRAM, programs[first.id].id)], 0.5),
        QuestionPart("ask_program", "and " + asked.split(", and ")[1], [(PROGRAM, programs[second.id].id)], 0.5),
    ]
    question = Question(
        "ask_program", asked, [e for p in parts for e in p.entities], ranking=[("ask_program", 0.5)], parts=parts
    )
    reply = wired.answer(question).text
    assert first.published[:4] in reply and second.published[:4] in reply


def test_an_earlier_part_is_remembered_with_the_words_that_named_its_program(kb: KnowledgeBase) -> None:
    program = kb.programs[0]
    said = said_in_part(
        kb, QuestionPart("ask_program", f"Who runs the {program.synonyms[0].title()} course?", [(PROGRAM, program.id)])
    )
    assert said.mentions == [(PROGRAM, program.id, program.synonyms[0].title())]


# -- a figure quoted by its value ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "asked, facet",
    [
        ("is the {value} figure a german number or from somewhere else?", "region"),
        ("{value} of what exactly?", "value"),
        ("what's the {value} figure about?", "value"),
        ("which article mentions a {value} figure?", "article"),
    ],
)
def test_a_figure_quoted_by_value_is_asked_about_whatever_nlu_made_of_it(
    wired: Advisor, kb, asked: str, facet: str
) -> None:
    pay = stat(kb, "earn")
    text = asked.format(value=pay.value.lstrip("$"))
    assert facet in facets_asked(text)
    reply = ask(wired, text, "out_of_scope").text
    assert pay.value in reply and reply.startswith(pay.value) or pay.label in reply


def test_which_article_quotes_a_figure_names_its_article(wired: Advisor, kb) -> None:
    boost = stat(kb, "boost") if any("boost" in s.asked_with for s in kb.statistics) else kb.statistics[-1]
    reply = ask(wired, f"which article mentions a {boost.value} figure?", "ask_sources").text
    assert kb.source(boost.source).publisher in reply


def test_a_nationality_describing_a_figure_asked_about_is_not_a_region_question() -> None:
    assert "region" not in facets_asked("who's the source for the US salary number?")


# -- which article says a thing ------------------------------------------------------------------------------


def test_which_article_says_a_phrase_names_the_one_whose_text_holds_it(wired: Advisor, kb) -> None:
    point = next(p for t in kb.topics for p in t.points if "skills gap" in p.text)
    reply = ask(wired, "which of the articles brings up a skills gap?", "follow_up").text
    assert kb.source(point.source).publisher in reply and point.text in reply


def test_what_an_article_says_about_a_phrase_only_the_other_holds_says_it_does_not(wired: Advisor, kb) -> None:
    point = next(p for t in kb.topics for p in t.points if "skills gap" in p.text)
    other = next(s for s in kb.sources if s.id != point.source)
    answer = ask(
        wired,
        f"what does {other.publisher.split()[0]} say about the skills gap?",
        "ask_program",
        [(PROGRAM, next(p.id for p in kb.programs if p.source == other.id))],
    )
    assert answer.kind == AnswerKind.NOT_COVERED
    assert f"The {other.publisher} article doesn't mention" in answer.text and point.text in answer.text


def test_one_word_an_article_may_say_in_other_words_gets_no_claim_that_it_does_not(wired: Advisor, kb) -> None:
    answer = ask(wired, "what does leeds say about pay?", "ask_program")
    assert "doesn't mention" not in answer.text


# -- a list by a count the visitor states; an item of it by its words ------------------------------------------


def test_a_count_the_visitor_states_with_a_question_asks_for_that_list(wired: Advisor, kb) -> None:
    topic = kb.topic_for_intent("ask_worth_it")
    factors = [p.text.split(":")[0] for p in topic.points if ":" in p.text.split(" ")[0] + p.text[:40]]
    reply = ask(
        wired, f"northeastern says there's {len(factors)} things to think about first, what are they", "nlu_fallback"
    ).text
    assert all(f in reply for f in factors)


def test_the_one_named_by_a_word_of_its_name_is_told_with_what_the_kb_says_of_it(wired: Advisor, kb) -> None:
    first = ask(wired, "is a master's in engineering management worth it?", "ask_worth_it")
    topic = kb.topic_for_intent("ask_worth_it")
    point = next(p for p in topic.points if p.text.lower().startswith("valuable experience"))
    then = ask(
        wired, "go on about the experience one", "ask_experience", context=context_after(Context(), first.updates)
    )
    assert wired.kb.fill(point.text) in then.text


# -- requests only when they are requests --------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I'm always the one translating jargon for the sales team. is that a sign I'd manage well?",
        "I translate specs for our suppliers every week, would a master's help me?",
    ],
)
def test_translating_as_part_of_the_visitors_own_work_is_no_request(text: str) -> None:
    assert request_kind(text) is None


@pytest.mark.parametrize(
    "text",
    ["translate the difference into Polish", "can you translate that for my mum?", "could I get a translation of it?"],
)
def test_asking_the_bot_to_translate_still_is(text: str) -> None:
    assert request_kind(text) == "translate"


# -- a question NLU read as small talk, on the last answer's words --------------------------------------------


def test_a_question_read_as_asking_for_help_is_answered_from_the_last_answers_texts(wired: Advisor, kb) -> None:
    first = ask(wired, "do you need a master's to be an engineering manager?", "ask_need_masters")
    then = ask(
        wired, "right, so what do most employers ask for?", "help", context=context_after(Context(), first.updates)
    )
    assert then.kind == AnswerKind.ANSWER and "bachelor" in then.text.lower()
    menu = ask(wired, "what else can you do?", "help", context=context_after(Context(), first.updates))
    assert menu.kind == AnswerKind.CHITCHAT


def test_another_universitys_fees_asked_per_year_are_no_question_about_our_figures(wired: Advisor) -> None:
    reply = ask(wired, "how much does Caltech's engineering management master's cost per year?", "ask_uncovered").text
    assert "Caltech" in reply and not any(s.value in reply for s in wired.kb.statistics)


# -- a compound NLU is unsure of in every part; a gap the background names; the background's program ----------


def test_every_part_nlu_is_unsure_of_is_answered_when_the_sources_answer_each(wired: Advisor, kb) -> None:
    first = "which factors does northeastern say to weigh"
    second = "which article talks about a skills gap?"
    text = f"{first}, and {second}"
    parts = [QuestionPart("nlu_fallback", first, (), 0.2), QuestionPart("nlu_fallback", second, (), 0.2)]
    reply = wired.answer(Question("nlu_fallback", text, ranking=[("nlu_fallback", 0.3)], parts=parts)).text
    worth = kb.topic_for_intent("ask_worth_it")
    point = next(p for t in kb.topics for p in t.points if "skills gap" in p.text)
    assert all(p.text.split(":")[0] in reply for p in worth.points if ":" in p.text[:40])
    assert point.text in reply


def test_a_question_pointing_back_at_a_gap_the_background_names_gets_the_gaps_answer(wired: Advisor, kb) -> None:
    health = next(g for g in kb.gaps if "headache" in g.synonyms)
    part = QuestionPart("check_readiness", "what can I do about it?", (), 0.3)
    question = Question(
        "check_readiness",
        "what can I do about it?",
        [("gap", health.id)],
        ranking=[("check_readiness", 0.3)],
        parts=[part],
        background="I keep getting migraines at my desk.",
    )
    answer = wired.answer(question)
    assert health.subject in answer.text


def test_the_background_names_the_program_a_placed_question_asks_of(wired: Advisor, kb) -> None:
    program = next(p for p in kb.programs if any("recognised" in f.synonyms for f in p.features))
    feature = next(f for f in program.features if "recognised" in f.synonyms)
    place = kb.place_gap()
    asked = "would companies abroad recognise it?"
    question = Question(
        "ask_program",
        asked,
        [(PROGRAM, program.id), ("gap", place.id)],
        ranking=[("ask_program", 0.7)],
        parts=[QuestionPart("ask_program", asked, [("gap", place.id)], 0.7)],
        background=f"I'm looking at the {program.synonyms[0]} course.",
    )
    assert feature.text in wired.answer(question).text


# -- what the visitor says of themselves ------------------------------------------------------------------------


def test_an_aspect_named_with_what_differs_is_that_aspect(wired: Advisor, kb) -> None:
    aspect = next(a for a in kb.comparison.aspects if "day to day" in [s.lower() for s in a.synonyms])
    reply = ask(
        wired, "so what's really different about the job day to day?", "ask_experience", [("aspect", aspect.id)]
    )
    assert aspect.manager in reply.text


def test_a_first_degree_said_with_not_engineering_is_read_whole(wired: Advisor) -> None:
    reply = ask(
        wired,
        "would the masters widen my options?",
        "ask_need_masters",
        background="My bachelor's is in geography not engineering.",
    ).text
    assert "You said your first degree is in geography, not engineering" in reply


def test_the_degree_for_someone_in_the_visitors_job_is_what_it_brings_to_that_job(wired: Advisor, kb) -> None:
    role = next(r for r in kb.roles if r.degree_helps and not r.is_subject and r.synonyms)
    text = "What would a masters give someone in my job?"
    reply = ask(wired, text, "ask_program", background=f"I work as a {role.synonyms[0]}, 12 years now.").text
    assert role.degree_helps.split(",")[0] in reply or role.involves.split(",")[0] in reply


# -- the experience a program gives; what the visitor could move into --------------------------------------------


def test_the_experience_a_named_program_gives_is_its_feature_not_the_experience_employers_want(
    wired: Advisor, kb
) -> None:
    program, feature = next((p, f) for p in kb.programs for f in p.features if "real world experience" in f.synonyms)
    text = f"{program.synonyms[0]} - what real world experience would I get?"
    reply = ask(wired, text, "ask_experience", [(PROGRAM, program.id), ("feature", "real world experience")]).text
    assert feature.text in reply


def test_the_experience_employers_want_stays_the_experience_answer(wired: Advisor, kb) -> None:
    required = next(s for s in kb.statistics if "experience" in s.label.lower())
    reply = ask(
        wired,
        "should I go straight into a masters or get experience first?",
        "ask_experience",
        [("feature", "experience")],
    )
    assert "experiential" not in reply.text.lower() and required.value in reply.text


def test_which_of_a_list_are_open_to_the_visitor_is_that_list(wired: Advisor, kb) -> None:
    reply = ask(wired, "and what jobs could I go into?", "follow_up").text
    assert all(r.title in reply for r in kb.roles if not r.is_subject)


# -- fourth batch: read from sets AA and AB after their first score ---------------------------------------------


def test_a_short_follow_up_naming_a_feature_of_the_program_just_given_is_that_feature(wired: Advisor, kb) -> None:
    program, feature = next((p, f) for p in kb.programs for f in p.features if "opportunities" in f.synonyms)
    first = ask(wired, f"tell me about the {program.synonyms[0]} program", "ask_program", [(PROGRAM, program.id)])
    then = ask(
        wired,
        "which opportunities?",
        "out_of_scope",
        [("feature", "opportunities")],
        context_after(Context(), first.updates),
    )
    assert feature.text in then.text


def test_why_anyone_would_need_a_masters_after_a_role_is_what_the_degree_brings_to_it(wired: Advisor, kb) -> None:
    role = next(r for r in kb.roles if r.degree_helps and not r.is_subject)
    first = ask(wired, f"what does a {role.synonyms[0]} do?", "ask_role", [("role", role.id)])
    then = ask(
        wired,
        "so why would you even need a master's for that?",
        "ask_need_masters",
        context=context_after(Context(), first.updates),
    )
    assert role.degree_helps in then.text


def test_an_aspect_asked_of_an_article_is_that_aspect(wired: Advisor, kb) -> None:
    aspect = next(a for a in kb.comparison.aspects if "success" in a.title.lower())
    leeds = next(p for p in kb.programs if "leeds" in p.synonyms)
    reply = ask(
        wired,
        "and what does leeds say a manager's success comes down to?",
        "follow_up",
        [(PROGRAM, leeds.id), ("aspect", aspect.id)],
    ).text
    assert aspect.manager in reply


def test_a_role_named_with_program_in_its_name_is_asked_of_the_article(wired: Advisor, kb) -> None:
    role = next(r for r in kb.roles if "program manager" in [s.lower() for s in r.synonyms])
    program = next(p for p in kb.programs if p.source == role.source)
    reply = ask(
        wired,
        f"what does a program manager do per {program.synonyms[0]}",
        "ask_program",
        [("role", role.id), (PROGRAM, program.id)],
    ).text
    assert role.involves in reply


def test_several_words_of_a_feature_in_another_form_name_it_for_the_program_named(wired: Advisor, kb) -> None:
    program, feature = next((p, f) for p in kb.programs for f in p.features if "leave my job" in f.synonyms)
    reply = ask(wired, "can I do the msc without leaving my job?", "ask_need_masters", [(PROGRAM, program.id)]).text
    assert feature.text in reply


def test_the_question_apart_from_its_background_when_nlu_is_unsure_of_both(wired: Advisor, kb) -> None:
    role = next(r for r in kb.roles if r.degree_helps and not r.is_subject and r.synonyms)
    asked = "what would a master's actually add for me?"
    text = f"{role.synonyms[0]} at a plant, 10 yrs. {asked}"
    question = Question(
        "nlu_fallback",
        text,
        ranking=[("nlu_fallback", 0.3)],
        parts=[QuestionPart("ask_need_masters", asked, (), 0.2)],
        background=f"{role.synonyms[0]} at a plant, 10 yrs.",
    )
    assert role.degree_helps in wired.answer(question).text


def test_a_question_starting_with_a_preposition_is_a_part_of_its_own() -> None:
    from bot.nlu.questions import questions_of

    message = "by how much does a master's raise pay, and what's the job growth?"
    assert [p.text(message) for p in questions_of(message)] == [
        "by how much does a master's raise pay",
        "what's the job growth?",
    ]


@pytest.mark.parametrize(
    "text", ["make me a 12 week study timetable for the modules", "can you make a revision plan for me"]
)
def test_asking_for_a_plan_or_timetable_is_a_request(text: str) -> None:
    assert request_kind(text) == "write"


def test_first_put_out_asks_the_date() -> None:
    assert "date" in facets_asked("was it first put out before the date at the top?")


def test_a_short_name_in_capitals_the_kb_never_uses_is_said_to_be_outside_the_sources(wired: Advisor, kb) -> None:
    program = kb.programs[-1]
    reply = ask(
        wired,
        f"will the {program.synonyms[0]} course get me PMP certification?",
        "ask_program",
        [(PROGRAM, program.id)],
    )
    assert reply.text.startswith("My sources don't give anything specific to PMP")


def test_a_short_name_the_kb_uses_is_no_narrower_subject(wired: Advisor, kb) -> None:
    program, feature = next((p, f) for p in kb.programs for f in p.features if "cmi" in f.synonyms)
    reply = ask(wired, "is it CMI accredited?", "ask_program", [(PROGRAM, program.id), ("feature", "cmi")])
    assert "don't give anything specific" not in reply.text and feature.text in reply.text


# -- fifth batch: read from sets AC and AD after their first score ----------------------------------------------


@pytest.mark.parametrize(
    "text", ["is that a uk thing or us?", "and is the salary figure US?", "is it a US thing?", "uk or global?"]
)
def test_whether_a_figure_is_of_one_country_asks_its_region(text: str) -> None:
    assert "region" in facets_asked(text)


def test_a_figure_question_read_as_small_talk_after_a_figure_is_about_the_figure(wired: Advisor, kb) -> None:
    years = next(s for s in kb.statistics if "experience" in s.label.lower())
    first = ask(wired, "how many years of experience do employers want?", "ask_experience")
    then = ask(wired, "is that a uk thing or us?", "bot_identity", context=context_after(Context(), first.updates))
    assert years.region in then.text


def test_the_other_article_of_a_provenance_part_is_the_one_the_part_before_did_not_name(wired: Advisor, kb) -> None:
    first, other = kb.sources[-1], kb.sources[0]
    asked = f"when was the {first.publisher.split()[-1]} article published"
    second = "which university published the other article?"
    program = next(p for p in kb.programs if p.source == first.id)
    parts = [
        QuestionPart("ask_program", asked, [(PROGRAM, program.id)], 0.5),
        QuestionPart("ask_sources", second, (), 0.5),
    ]
    text = f"{asked}, and {second}"
    reply = wired.answer(
        Question("ask_program", text, [(PROGRAM, program.id)], ranking=[("ask_program", 0.5)], parts=parts)
    ).text
    assert other.publisher in reply


def test_same_person_writing_both_asks_the_authors() -> None:
    assert "author" in facets_asked("did the same person write both articles?")


def test_what_a_phrase_an_article_talks_about_is_its_text(wired: Advisor, kb) -> None:
    point = next(p for t in kb.topics for p in t.points if "skills gap" in p.text)
    program = next(p for p in kb.programs if p.source == point.source)
    reply = ask(wired, f"what skills gap is {program.synonyms[0]} on about?", "ask_outlook").text
    assert point.text in reply


def test_which_article_says_a_word_in_another_form_finds_it(wired: Advisor, kb) -> None:
    reply = ask(wired, "which of the two brings up sustainability?", "nlu_fallback").text
    assert "article does" in reply and "sustainab" in reply.lower()


def test_a_figure_quoted_by_value_with_no_facet_is_what_the_figure_is(wired: Advisor, kb) -> None:
    pay = stat(kb, "earn")
    reply = ask(wired, f"is that {pay.value} figure something I can set my pay against?", "nlu_fallback").text
    assert pay.region in reply and pay.value in reply


def test_two_figures_named_against_a_one_figure_intent_get_both(wired: Advisor, kb) -> None:
    pay, growth = stat(kb, "earn"), next(s for s in kb.statistics if "growth" in s.label)
    reply = ask(wired, "what pay and job growth could I expect?", "ask_experience").text
    assert pay.value in reply and growth.value in reply


def test_a_decisive_gap_named_is_no_list_question(wired: Advisor, kb) -> None:
    layoffs = next(g for g in kb.gaps if "layoffs" in g.synonyms)
    reply = ask(wired, "what are the latest tech layoffs?", "ask_outlook", [("gap", layoffs.id)])
    assert "disruptive" not in reply.text


def test_suits_people_like_me_asks_whom_it_is_for(wired: Advisor, kb) -> None:
    fit = kb.topic_for_intent("ask_fit")
    reply = ask(wired, "is engineering management something that suits people like me?", "ask_need_masters").text
    assert wired.kb.fill(fit.points[0].text) in reply


def test_the_x_ones_after_an_aspect_is_the_aspects_list_of_that_kind(wired: Advisor, kb) -> None:
    soft = next(nl for nl, *_ in kb.named_lists() if nl.noun == "soft skills")
    aspect = next(a for a in kb.comparison.aspects if any(nl.noun == "soft skills" for nl in a.lists))
    first = ask(
        wired, "what skills do managers need compared with engineers?", "ask_difference", [("aspect", aspect.id)]
    )
    then = ask(wired, "and which are the soft ones?", "ask_sources", context=context_after(Context(), first.updates))
    reply = then.text
    assert all(item in reply for item in soft.items)


def test_the_program_a_one_word_need_in_the_background_names_is_the_one_that_fits(wired: Advisor, kb) -> None:
    program = next(p for p in kb.programs if any("flexible" in f.synonyms for f in p.features))
    feature = next(f for f in program.features if "flexible" in f.synonyms)
    reply = ask(wired, "which course from the articles fits?", "nlu_fallback", background="I need something flexible.")
    assert feature.text in reply.text


def test_a_role_the_visitor_wants_with_a_question_of_the_degree_is_that_role(wired: Advisor, kb) -> None:
    role = next(r for r in kb.roles if r.involves and r.degree_helps and not r.is_subject)
    background = f"I work in retail but I'd like to become a {role.synonyms[0]} one day."
    reply = ask(wired, "would the EM degree lead there?", "ask_definition", background=background).text
    assert role.involves in reply


def test_in_charge_of_names_no_narrower_subject(wired: Advisor) -> None:
    reply = ask(wired, "what is an engineering manager in charge of?", "ask_manager_work").text
    assert "specific to charge" not in reply


# -- read from the final pair (AE, AF) after its first score ----------------------------------------------------


def test_a_joined_question_opening_with_a_preposition_is_a_part_of_its_own() -> None:
    from bot.nlu.questions import questions_of

    message = "which modules does the course have and by how much can a masters raise pay"
    assert [p.text(message) for p in questions_of(message)] == [
        "which modules does the course have",
        "by how much can a masters raise pay",
    ]


def test_the_first_version_asks_the_date() -> None:
    assert "date" in facets_asked("was that the first version of it?")


def test_who_said_a_claim_the_visitor_quoted_names_the_article_that_says_it(wired: Advisor, kb) -> None:
    from bot.advice.types import Said

    point = next(p for t in kb.topics for p in t.points if p.text.startswith("Engineers build solutions"))
    quoted = "I read that engineers build solutions while managers lead the people and processes that deliver them"
    question = Question(
        "ask_sources", "who said that?", ranking=[("ask_sources", 0.6)], previous=Said(quoted, "out_of_scope", [])
    )
    reply = wired.answer(question).text
    assert kb.source(point.source).publisher in reply and point.text in reply


def test_one_topical_question_in_a_message_read_as_out_of_scope_is_answered_when_the_sources_can(
    wired: Advisor, kb
) -> None:
    fit = kb.topic_for_intent("ask_fit")
    background = "I'm always explaining our tech to the sales team, and I love mentoring."
    asked = "signs I should manage?"
    question = Question(
        "out_of_scope",
        f"{background} {asked}",
        ranking=[("out_of_scope", 0.64)],
        parts=[QuestionPart("ask_fit", asked, (), 0.24)],
        background=background,
    )
    assert wired.kb.fill(fit.points[0].text) in wired.answer(question).text


def test_an_everyday_question_read_as_out_of_scope_stays_declined(wired: Advisor) -> None:
    asked = "what should I cook tonight?"
    question = Question(
        "out_of_scope",
        f"I'm tired after work. {asked}",
        ranking=[("out_of_scope", 0.9)],
        parts=[QuestionPart("out_of_scope", asked, (), 0.9)],
        background="I'm tired after work.",
    )
    assert wired.answer(question).kind == AnswerKind.DECLINE
