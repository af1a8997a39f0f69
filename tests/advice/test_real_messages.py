"""Messages as visitors write them: what managers do, degrees and universities named, follow-ups that
point back, questions wrapped in background, and several questions (or an everyday one) at once.

The advisor here is the one the action server builds (with the vocabularies `python -m bot build`
writes); NLU's reading is given as intent, ranking, entities and question parts.
"""

from __future__ import annotations

from typing import List, Sequence, Tuple

import pytest

from bot.advice import Advisor, Answer, Context, Question
from bot.advice.subjects import other_degree, other_institution
from bot.advice.types import QuestionPart

Entities = Sequence[Tuple[str, str]]


def ask(
    advisor: Advisor,
    intent: str,
    text: str,
    entities: Entities = (),
    context: Context = Context(),
    ranking: Sequence[Tuple[str, float]] = (),
    parts: Sequence[QuestionPart] = (),
    background: str = "",
) -> Answer:
    question = Question(
        intent,
        text,
        list(entities),
        context,
        ranking=list(ranking) or [(intent, 0.9)],
        parts=list(parts),
        background=background,
    )
    return advisor.answer(question)


def then(advisor: Advisor, first: Answer) -> Context:
    """The context after an answer, as the action's slots carry it to the next turn."""
    from bot.advice.types import context_after

    return context_after(Context(), first.updates)


# -- what engineering managers do ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("are budgets an engineering manager's job?", ["budgets"]),
        ("do EMs weigh up project risks?", ["risks"]),
        ("how much stakeholder wrangling does an EM do?", ["stakeholders"]),
        ("what fills an EM's week?", ["communicating", "mentoring", "allocating"]),
        ("is an engineering manager still technical?", ["technical knowledge"]),
    ],
)
def test_what_managers_do_gets_the_job_with_its_daily_work(wired: Advisor, text: str, words: List[str]) -> None:
    answer = ask(wired, "ask_manager_work", text)
    assert answer.kind == "answer"
    assert all(w in answer.text for w in words), answer.text
    assert "Leeds" in answer.text.split("\n\nSource")[1]


def test_the_subject_role_is_answered_with_the_same_depth(wired: Advisor) -> None:
    role = ask(wired, "ask_role", "what does an engineering manager do?", [("role", "engineering manager")])
    work = ask(wired, "ask_manager_work", "what does an EM do all week?")
    assert "managing budgets" in role.text and role.text.split("\n\n")[0] == work.text.split("\n\n")[0]
    assert role.updates["role"] == "engineering_manager" and role.updates["aspect"] == "daily_tasks"


def test_the_daily_work_of_another_role_is_that_roles(wired: Advisor) -> None:
    answer = ask(
        wired, "ask_manager_work", "what does a quality engineer do day to day?", [("role", "quality engineer")]
    )
    assert answer.text.startswith("Quality engineers") and "budgets" not in answer.text


def test_and_engineers_after_the_daily_work_gives_the_other_side(wired: Advisor) -> None:
    first = ask(wired, "ask_manager_work", "what do EMs do all day?")
    answer = ask(wired, "follow_up", "and engineers?", context=then(wired, first))
    assert "creating, testing and refining" in answer.text


# -- degrees, universities and what the sources leave out ---------------------------------------------


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("is computer science a better degree than engineering management?", "a degree in computer science"),
        ("should I take a data science degree or engineering management?", "a degree in data science"),
        ("would an MSc in civil engineering beat this?", "a master's in civil engineering"),
    ],
)
def test_a_degree_compared_with_ours_is_named(text: str, subject: str) -> None:
    assert other_degree(text) == subject


@pytest.mark.parametrize(
    "text",
    [
        "with a physics degree can I become an engineering manager?",
        "is an engineering degree enough?",
        "do I need a good degree?",
        "is a bachelor's degree enough to manage engineers?",
    ],
)
def test_a_degree_in_the_visitors_background_is_no_other_subject(text: str) -> None:
    assert other_degree(text) is None


@pytest.mark.parametrize(
    ("text", "other"),
    [
        ("tell me about the university of leeds engineering management course", None),
        ("is the leeds university course online?", None),
        ("what about the university of manchester msc?", "university of manchester msc"),
        ("does stanford university have a masters in this?", "stanford university"),
    ],
)
def test_another_university_is_told_from_the_two_the_sources_describe(wired: Advisor, text: str, other: str) -> None:
    assert other_institution(wired, text) == other


def test_a_degree_the_sources_dont_discuss_still_gets_what_employers_ask_for(wired: Advisor) -> None:
    answer = ask(
        wired,
        "ask_experience",
        "people say you need a PhD for engineering management, true?",
        [("gap", "PhD")],
        ranking=[("ask_experience", 0.5), ("ask_need_masters", 0.2)],
    )
    assert "don't cover degrees other than a master's" in answer.text
    assert "bachelor's degree" in answer.text and "five years" in answer.text


def test_a_degree_the_sources_dont_discuss_alone_gets_only_that(wired: Advisor) -> None:
    answer = ask(wired, "ask_good_career", "is a PhD a good idea?", [("gap", "PhD")])
    assert answer.kind == "not_covered" and "five years" not in answer.text


def test_before_or_after_tax_after_the_salary_says_the_sources_dont_say(wired: Advisor) -> None:
    salary = ask(wired, "ask_salary", "how much do engineering managers earn?")
    answer = ask(
        wired,
        "out_of_scope",
        "is that before or after tax?",
        [("gap", "after tax")],
        context=then(wired, salary),
        ranking=[("out_of_scope", 0.6)],
    )
    assert "before or after tax" in answer.text and "don't cover" in answer.text


# -- follow-ups that point back -------------------------------------------------------------------------


def test_a_feature_follow_up_is_about_the_program_just_discussed(wired: Advisor) -> None:
    leeds = ask(wired, "ask_program", "tell me about the leeds msc", [("program", "leeds msc")])
    answer = ask(
        wired,
        "out_of_scope",
        "is it accredited?",
        [("feature", "accredited")],
        context=then(wired, leeds),
        ranking=[("out_of_scope", 1.0)],
    )
    assert "Chartered Management Institute" in answer.text


def test_a_feature_the_program_in_context_lacks_is_not_borrowed_from_the_other(wired: Advisor) -> None:
    northeastern = ask(wired, "ask_program", "tell me about northeastern's ms", [("program", "northeastern")])
    answer = ask(
        wired,
        "out_of_scope",
        "is it accredited by the CMI?",
        [("feature", "cmi")],
        context=then(wired, northeastern),
        ranking=[("out_of_scope", 1.0)],
    )
    assert "About the University of Leeds" not in answer.text


def test_a_follow_up_takes_nlus_next_reading_when_it_names_a_question(wired: Advisor) -> None:
    salary = ask(wired, "ask_salary", "how much do EMs earn?")
    answer = ask(
        wired,
        "follow_up",
        "and how much more with a master's?",
        context=then(wired, salary),
        ranking=[("follow_up", 0.55), ("ask_earnings_boost", 0.4)],
    )
    assert "18%" in answer.text


# -- background and several questions -----------------------------------------------------------------------


def test_a_gap_in_the_background_does_not_pick_the_answer(wired: Advisor) -> None:
    text = "I juggle cost and scope every day on site. I've looked at the Leeds MSc. which frameworks does it teach?"
    question_at = text.index("which")
    answer = ask(
        wired,
        "ask_program",
        text,
        [("gap", "cost"), ("aspect", "scope"), ("program", "Leeds MSc"), ("feature", "frameworks")],
        ranking=[("ask_program", 0.24)],
        parts=[QuestionPart("ask_role_match", text[question_at:], [("feature", "frameworks")], 0.2)],
        background=text[:question_at],
    )
    assert "Iron Triangle" in answer.text and "tuition" not in answer.text


def test_it_in_a_lone_question_can_name_what_the_background_said(wired: Advisor) -> None:
    text = "My director keeps mentioning the Project Initiation Routemap. Where could I learn it?"
    question_at = text.index("Where")
    answer = ask(
        wired,
        "ask_program",
        text,
        [("feature", "Project Initiation Routemap")],
        ranking=[("ask_program", 0.32)],
        parts=[QuestionPart("ask_reading", text[question_at:], [], 0.16)],
        background=text[:question_at],
    )
    assert "Leeds" in answer.text and answer.kind == "answer"


def test_a_lone_question_is_read_with_the_whole_message_when_that_is_surer(wired: Advisor) -> None:
    text = "i love shaping a product from first idea to launch, what role is that?"
    question_at = text.index("what")
    answer = ask(
        wired,
        "ask_role_match",
        text,
        ranking=[("ask_role_match", 0.54)],
        parts=[QuestionPart("ask_sources", text[question_at:], [], 0.43)],
        background=text[:question_at],
    )
    assert "Product manager" in answer.text


def test_it_after_an_everyday_question_is_the_everyday_thing(wired: Advisor) -> None:
    text = "which phone has the best camera, and is it worth upgrading?"
    answer = ask(
        wired,
        "ask_worth_it",
        text,
        ranking=[("ask_worth_it", 0.6)],
        parts=[
            QuestionPart("ask_uncovered", "which phone has the best camera", [], 0.16),
            QuestionPart("ask_worth_it", "is it worth upgrading?", [], 0.7),
        ],
    )
    assert answer.declined and "$165,370" not in answer.text


def test_an_unsure_second_question_is_still_answered(wired: Advisor) -> None:
    text = "is the leeds msc online and who accredits it?"
    answer = ask(
        wired,
        "ask_program",
        text,
        [("program", "leeds msc"), ("feature", "online"), ("feature", "who accredits")],
        parts=[
            QuestionPart(
                "ask_program", "is the leeds msc online", [("program", "leeds msc"), ("feature", "online")], 0.97
            ),
            QuestionPart("ask_fit", "who accredits it?", [("feature", "who accredits")], 0.19),
        ],
    )
    assert "100% online" in answer.text and "Chartered Management Institute" in answer.text


# -- everyday requests NLU reads as small talk, sources or a role ----------------------------------------------


@pytest.mark.parametrize(
    ("intent", "text"),
    [
        ("ask_sources", "why was i charged an overdraft fee"),
        ("ask_sources", "the printer says it's offline"),
        ("goodbye", "switch off everything downstairs"),
        ("ask_role", "what does au revoir mean"),
    ],
)
def test_everyday_requests_read_as_meta_questions_are_declined(wired: Advisor, intent: str, text: str) -> None:
    assert ask(wired, intent, text).declined


@pytest.mark.parametrize(
    ("intent", "text"),
    [
        ("ask_sources", "where do your answers come from?"),
        ("goodbye", "bye, thanks for the help"),
        ("ask_role", "what does that job involve?"),
    ],
)
def test_the_real_meta_questions_still_get_answers(wired: Advisor, intent: str, text: str) -> None:
    assert not ask(wired, intent, text).declined


def test_another_jobs_growth_asked_as_a_follow_up_says_the_sources_dont_give_it(wired: Advisor) -> None:
    role = ask(wired, "ask_role", "what does a product manager do?", [("role", "product manager")])
    answer = ask(wired, "follow_up", "and is that job growing?", context=then(wired, role))
    assert "don't give a growth figure for the product manager role" in answer.text


def test_another_jobs_pay_read_as_out_of_scope_still_says_what_the_sources_give(wired: Advisor) -> None:
    answer = ask(wired, "out_of_scope", "what would a civil engineer earn in London?", ranking=[("out_of_scope", 0.7)])
    assert "don't give a salary for civil engineers" in answer.text and "$165,370" in answer.text


@pytest.mark.parametrize("text", ["is there a sale on at John Lewis", "the printer says it's offline"])
def test_a_program_question_naming_no_program_or_study_is_declined(wired: Advisor, text: str) -> None:
    assert ask(wired, "ask_program", text).declined


@pytest.mark.parametrize("text", ["which schools offer this?", "where could I study engineering management?"])
def test_a_program_question_about_study_is_answered(wired: Advisor, text: str) -> None:
    assert ask(wired, "ask_program", text).kind == "answer"


def test_did_you_mean_offers_each_topic_once(wired: Advisor) -> None:
    answer = ask(
        wired,
        "nlu_fallback",
        "is engineering management more people or tech?",
        ranking=[("nlu_fallback", 0.3), ("ask_definition", 0.25)],
    )
    assert len(answer.buttons) == len(set(answer.buttons))


def test_a_requirement_question_after_a_program_is_not_read_as_the_programs_length(wired: Advisor) -> None:
    program = ask(wired, "ask_program", "tell me about the Northeastern MS", [("program", "northeastern")])
    answer = ask(
        wired,
        "ask_experience",
        "how long should I have worked before applying for engineering manager jobs?",
        [("gap", "how long"), ("role", "engineering manager")],
        context=then(wired, program),
    )
    assert "five years" in answer.text and "don't cover" not in answer.text
    short = ask(wired, "ask_experience", "how long does it take?", [("gap", "how long")], context=then(wired, program))
    assert "don't cover how long" in short.text


@pytest.mark.parametrize("text", ["and what's the pay like?", "so what would that pay?", "what about the salary?"])
def test_pay_asked_leaning_on_another_role_says_the_sources_dont_give_it(wired: Advisor, text: str) -> None:
    role = ask(wired, "ask_role", "what does a quality engineer do?", [("role", "quality engineer")])
    answer = ask(wired, "ask_salary", text, context=then(wired, role))
    assert "don't give a salary for the quality engineer" in answer.text
