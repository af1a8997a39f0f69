"""Extracting years of experience and field from what visitors say."""

import pytest

from bot.advice.profile import profile_from, years_of_experience


@pytest.mark.parametrize(
    "text,years",
    [
        ("I've been a civil engineer for 2 years", 2),
        ("I have 10 years of experience", 10),
        ("three years in industry", 3),
        ("a couple of years as a developer", 2),
        ("a few years", 3),
        ("over a decade in aerospace", 11),
        ("about a decade", 10),
        ("six months", 0.5),
        ("7 yrs", 7),
        ("5+ years", 5.5),
        ("more than 8 years", 8.5),
        ("I just graduated", 0),
        ("a year", 1),
        ("half a decade", 5),
        ("twelve years", 12),
    ],
)
def test_years(text: str, years: float) -> None:
    assert years_of_experience(text) == pytest.approx(years)


@pytest.mark.parametrize("text", ["do I need a master's?", "is it worth it", "what about the 18% figure?"])
def test_no_years(text: str) -> None:
    assert years_of_experience(text) is None


def test_field_and_degree() -> None:
    p = profile_from("I'm a civil engineer with two years of experience")
    assert (p.field, p.years) == ("civil", 2)
    p = profile_from("my degree is in history, do I need a master's?")
    assert p.degree_field == "history" and p.degree_outside_engineering
    assert not profile_from("I studied mechanical engineering").degree_outside_engineering


# Sentences that say nothing about the visitor's own experience or degree: no profile, ever.
NOT_ABOUT_THE_VISITOR = [
    "My mentor says it takes 12 years before anyone becomes an engineering manager. Do I need a master's too?",
    "a colleague told me you need 15 years in the field before anyone makes you a manager, true?",
    "My boss reckons 10 years is the minimum",
    "I heard you need at least 8 years of experience",
    "I think it takes about 7 years to get promoted",
    "I've been told it takes 10 years",
    "people say 5 years is enough",
    "apparently employers want 6 years of experience",
    "according to my dad you need 20 years",
    "I'm a 29-year-old engineer, do I need a masters?",
    "I'm 41 and wondering about management",
    "as a thirty five year old, is it too late?",
    "I'm twenty nine years old, is a master's worth it?",
    "aged 33, should I do the MSc?",
    "how many years do employers want?",
    "would 10 years of experience be enough for me?",
    "Is 5 years enough to become an engineering manager?",
    "is three years enough?",
    "I want to know if 5 years is enough",
    "I wonder whether 4 years of experience is what they ask for",
    "Do I need a master's with 3 years of experience?",
    "should I wait 5 years before applying?",
    "how long does it take, 2 years?",
    "Would a BEng be enough to become an engineering manager?",
    "the degree is worth it?",
    "is a degree in engineering management useful?",
    "does the degree is required thing apply in the UK?",
    "what does a product manager do?",
    "my team has 12 engineers",
    "my company was founded 30 years ago",
    "I need a master's within 2 years",
    "someone with a degree in art, can they become an engineering manager?",
    "what if my degree is worth nothing?",
    "our project ran for 3 years",
    "the MSc takes 2 years part time?",
    "will it take me 5 years?",
    "could I do it in two years?",
    "my friend has 6 years of experience and a master's",
    "do employers ask for 5 years or 10 years?",
    "ten years ago I would not have asked this",
]


@pytest.mark.parametrize("text", NOT_ABOUT_THE_VISITOR)
def test_no_profile_from_what_is_not_the_visitors_own(text: str) -> None:
    profile = profile_from(text)
    assert profile.years is None and profile.degree_field is None, profile


# First-person statements: the profile holds what was said.
ABOUT_THE_VISITOR = [
    ("I've been a civil engineer for two years, do I need a master's?", 2, None),
    ("I'm 41, a mechanical engineer for the last 6 years. is a masters necessary?", 6, None),
    ("I have over a decade of experience, should I get a master's?", 11, None),
    ("In my 8 years as an engineer I have never managed anyone", 8, None),
    ("Six years as a process engineer in a brewery, planning maintenance. What does a program manager do?", 6, None),
    ("I have a BSc in chemistry and 3 years of experience", 3, "chemistry"),
    ("my degree is in history, do I need a master's?", None, "history"),
    ("my bachelor's was in economics", None, "economics"),
    ("I studied music, then worked 4 years as a technician", 4, "music"),
    ("I'm a 30-year-old engineer with 5 years of experience", 5, None),
    ("I just graduated with a degree in physics", 0, "physics"),
]


@pytest.mark.parametrize("text,years,degree", ABOUT_THE_VISITOR)
def test_first_person_statements_give_the_profile(text: str, years: float, degree: str) -> None:
    profile = profile_from(text)
    assert profile.years == (None if years is None else pytest.approx(years))
    assert profile.degree_field == degree


def test_a_reply_to_the_experience_question_needs_no_i() -> None:
    profile = profile_from("about 3 years, degree in physics", answering=True)
    assert (profile.years, profile.degree_field) == (3, "physics")
    assert profile_from("about 3 years, degree in physics").years is None  # out of the blue: not a statement


def test_slot_updates_hold_only_what_was_said() -> None:
    assert profile_from("I have 4 years of experience").slot_updates() == {"experience_years": 4}
    assert profile_from("my mentor says 12 years").slot_updates() == {}
