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
