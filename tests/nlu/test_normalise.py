"""The normaliser before NLU (bot/nlu/normalise.py) and the build's typo and shorthand variants (bot/nlu/augment.py)."""

from __future__ import annotations

import random
from pathlib import Path
from typing import List

import pytest
import yaml
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.knowledge.model import KnowledgeBase, strings_in
from bot.knowledge.terms import Resolver, terms
from bot.knowledge.text import words
from bot.nlu.augment import TRIED_RATIO, TYPOS, Augmenter, example_lines, write_augmented
from bot.nlu.build import training_examples
from bot.nlu.components import TEXT_ORIGINAL, TextNormaliser
from bot.nlu.normalise import Normaliser, Shorthand, english_words, from_build, load_shorthand
from bot.paths import AUGMENTED_NLU, KNOWN_WORDS, PROJECT_ROOT, PROJECT_WORDS

EVERYDAY = PROJECT_ROOT / "tests" / "eval" / "everyday.yml"


@pytest.fixture(scope="module")
def normaliser() -> Normaliser:
    if not PROJECT_WORDS.exists():
        pytest.fail("run `python -m bot build` (make test does it)")
    return from_build()


@pytest.mark.parametrize(
    "typed, meant",
    [
        ("wat is enginering managment", "what is engineering management"),
        ("how many yrs xp do u need b4 eng mgr", "how many years experience do you need before engineering manager"),
        ("is eng mgmt growin", "is engineering management growing"),
        ("is eng mgmt even growin or nah", "is engineering management even growing or nah"),
        ("wat even is CMI lvl 7 lol", "what even is CMI level 7 lol"),
        (
            "whats the diffrence between an enginer and a managr?",
            "whats the difference between an engineer and a manager?",
        ),
        ("Wat does the Routmap cover?", "What does the Routemap cover?"),
        ("tell me abt the Northestern program pls", "tell me about the Northeastern program please"),
        ("I have 5yrs exp w/ python, thx", "I have 5 years experience with python, thanks"),
        ("is the salry good tbh", "is the salary good to be honest"),
        ("sys engineer vs prod mgr", "systems engineer vs product manager"),
    ],
)
def test_typos_and_shorthand_are_mended(normaliser: Normaliser, typed: str, meant: str) -> None:
    assert normaliser.normalise(typed) == meant


def test_the_projects_own_word_wins_a_tie(normaliser: Normaliser) -> None:
    # "enginer" is one edit from "engine" and from "engineer"; "northestern" from "northwestern" and "northeastern".
    assert normaliser.normalise("enginer") == "engineer"
    assert normaliser.normalise("northestern") == "northeastern"


def test_the_knowledge_base_is_left_as_it_is(normaliser: Normaliser, kb: KnowledgeBase) -> None:
    """No text of the KB (names, figures, URLs, titles) is corrected; a synonym in shorthand is expanded."""
    names = {t.text for t in terms(kb)}
    changed = [(s, normaliser.normalise(s)) for s in strings_in(kb.to_dict()) if normaliser.normalise(s) != s]
    assert changed and all(s in names for s, _ in changed), changed  # "eng manager": see the next test
    assert not [c for s in strings_in(kb.to_dict()) for c in normaliser.changes(s) if c.kind == "spelling"]
    for name in ("Leeds", "Northeastern", "CMI", "Routemap", "Boston", "University of Leeds", "Chartered Management"):
        assert normaliser.normalise(f"tell me about {name}") == f"tell me about {name}"


def test_entity_names_still_name_their_entry_after_shorthand(normaliser: Normaliser, kb: KnowledgeBase) -> None:
    """A KB name that holds shorthand ("eng manager") still names the same entry once expanded."""
    resolver = Resolver(kb)
    for term in terms(kb):
        expanded = normaliser.normalise(term.text)
        assert resolver.resolve(term.label, expanded) == resolver.resolve(term.label, term.text), term
    assert normaliser.normalise("what does an EM earn") == "what does an EM earn"  # the ruler reads "EM" itself


@pytest.mark.parametrize(
    "text",
    [
        "how do I manage my money",
        "master chef recipes",
        "what is my compensation",
        "manage my subscriptions",
        "the median is $165,370 a year, 18% more, 4% growth, 165k, 5+ years, 2019-2029, 1.5x",
        "see https://www.leeds.ac.uk/engineering-management or write to admissions@northeastern.edu",
        "Can I do EM after B.Com? I'm at Tesla with Elon",
        "favorite color, reddit, pharma",
        "lol ok haha",
        "hw do i",
    ],
)
def test_real_words_numbers_and_names_are_not_changed(normaliser: Normaliser, text: str) -> None:
    assert normaliser.normalise(text) == text


def test_no_english_word_is_corrected(normaliser: Normaliser) -> None:
    shorthand = load_shorthand()
    words = [w for w in english_words() if w.isalpha() and shorthand.expansion(w) is None]
    sample = random.Random(5).sample(words, 3000)
    assert [w for w in sample if normaliser.normalise(w) != w] == []


def test_a_button_payload_is_not_touched(normaliser: Normaliser) -> None:
    assert normaliser.normalise("/ask_salary") == "/ask_salary"


def test_case_of_shorthand() -> None:
    table = Shorthand(any_case={"u": "you", "im": "I'm"}, exact={"EM": "engineering manager"}, keep=frozenset())
    assert table.expansion("U") == "You" and table.expansion("u") == "you" and table.expansion("Im") == "I'm"
    assert table.expansion("EM") == "engineering manager" and table.expansion("em") is None


def everyday_requests() -> List[str]:
    return list(yaml.safe_load(EVERYDAY.read_text(encoding="utf-8"))["requests"])


def test_everyday_requests_are_not_made_on_topic(normaliser: Normaliser) -> None:
    """tests/eval/everyday.yml as written, and with three seeded typos each: none is put on the subject."""
    made_on_topic = []
    rng = random.Random(11)
    for request in everyday_requests():
        typed = [request]
        for _ in range(3):
            words = request.split()
            i = rng.randrange(len(words))
            if len(words[i]) >= 4 and words[i].isalpha():
                words[i] = rng.choice(TYPOS)(words[i], rng)
            typed.append(" ".join(words))
        for text in typed:
            if not normaliser.touches_subject(request) and normaliser.touches_subject(normaliser.normalise(text)):
                made_on_topic.append((text, normaliser.normalise(text)))
    assert made_on_topic == []


def test_a_correction_into_the_subject_needs_the_message_on_it_or_one_edit() -> None:
    """The guard: two edits into a word of the subject only in a message that already touches it."""
    project = {"salary": 50, "engineering": 80, "weather": 1}
    english = {"hello": 100, "tomorrow": 90, "is": 500, "what": 400, "the": 900, "weather": 80}
    subject = frozenset({"salary", "engineering"})
    normaliser = Normaliser(project, subject, subject, load_shorthand(), english)
    assert normaliser.normalise("what is the weather tomorrow slarry") == "what is the weather tomorrow slarry"
    assert normaliser.normalise("what is the weather tomorrow salarry") == "what is the weather tomorrow salary"
    assert normaliser.normalise("what is the engineering slarry") == "what is the engineering salary"


def test_the_normaliser_is_first_in_the_pipeline() -> None:
    config = yaml.safe_load((PROJECT_ROOT / "config.yml").read_text(encoding="utf-8"))
    assert config["pipeline"][0]["name"] == "bot.nlu.components.TextNormaliser"
    assert [c["name"] for c in config["pipeline"]].index("SpacyNLP") == 1


def test_the_component_keeps_the_typed_text(normaliser: Normaliser) -> None:
    component = TextNormaliser(normaliser)
    typed, button = Message(data={TEXT: "wat is enginering managment"}), Message(data={TEXT: "/greet"})
    component.process([typed, button])
    assert typed.get(TEXT) == "what is engineering management"
    assert typed.as_dict(only_output_properties=True)[TEXT_ORIGINAL] == "wat is enginering managment"
    assert button.get(TEXT) == "/greet" and button.get(TEXT_ORIGINAL) is None


# -- the build's variants ---------------------------------------------------------------------------------------
def hand_examples() -> List[tuple]:
    return example_lines(training_examples())


def test_variants_are_seeded_bounded_and_new(tmp_path: Path) -> None:
    known = set()
    first, second = tmp_path / "a.yml", tmp_path / "b.yml"
    count = write_augmented(training_examples(), known, first, TRIED_RATIO)
    write_augmented(training_examples(), known, second, TRIED_RATIO)
    assert first.read_text() == second.read_text(), "the same training data gives the same variants"
    examples = hand_examples()
    per_intent: dict = {}
    for intent, _ in examples:
        per_intent[intent] = per_intent.get(intent, 0) + 1
    variants = example_lines(
        (b["intent"], b["examples"]) for b in yaml.safe_load(first.read_text())["nlu"] if "intent" in b
    )
    assert len(variants) == count and 0.08 * len(examples) < count <= TRIED_RATIO * len(examples) + len(per_intent)
    for intent, n in per_intent.items():
        assert sum(1 for i, _ in variants if i == intent) <= n * TRIED_RATIO + 1, "every intent grows by the same share"
    taken = {e.lower() for _, e in examples}
    assert not [v for _, v in variants if v.lower() in taken]
    assert len({v.lower() for _, v in variants}) == len(variants)


def test_a_variant_has_a_typo_or_shorthand() -> None:
    augmenter = Augmenter(load_shorthand(), lambda w: w in english_words())
    years = augmenter.with_shorthand("how many years of experience do you need", random.Random(1))
    assert years is not None and years != "how many years of experience do you need"
    typo = augmenter.with_typos("what does an engineering manager do", random.Random(2))
    assert typo is not None and typo != "what does an engineering manager do"
    changed = [w for w in typo.split() if w not in "what does an engineering manager do".split()]
    assert changed and not any(w in english_words() for w in changed), "a typo that makes a real word is no typo"


def test_the_variants_are_no_words_of_the_project(tmp_path: Path) -> None:
    """augmented.yml is not read for the vocabulary: its typos would never be corrected."""
    if not KNOWN_WORDS.exists():
        pytest.fail("run `python -m bot build` (make test does it)")
    assert AUGMENTED_NLU.exists(), "the build writes it (empty while RATIO is 0)"
    known = set(yaml.safe_load(KNOWN_WORDS.read_text()))
    variants = tmp_path / "augmented.yml"
    write_augmented(training_examples(), known, variants, TRIED_RATIO)
    hand = {w for _, e in hand_examples() for w in words(e)}
    shorthand = {w for short, _ in load_shorthand().pairs() for w in words(short)}
    typos = {w for b in yaml.safe_load(variants.read_text())["nlu"] for w in words(b["examples"])} - hand - shorthand
    assert len(typos) > 50 and not (typos & known), sorted(typos & known)


def test_attributions_name_an_article_of_the_kb_and_only_attributed_intents(tmp_path: Path) -> None:
    from bot.knowledge.loader import load_knowledge_base
    from bot.nlu.augment import TRIED_ATTRIBUTION_RATIO, attributed_variants
    from bot.nlu.build import NOT_ATTRIBUTED, article_names, attributed_intents
    from bot.paths import KNOWLEDGE_DIR

    kb = load_knowledge_base(KNOWLEDGE_DIR)
    names = article_names(kb)
    assert sorted(n.lower() for n in names) == sorted({s.id for s in kb.sources})
    intents = attributed_intents(kb)
    assert intents and not intents & NOT_ATTRIBUTED
    examples = hand_examples()
    first = attributed_variants(examples, names, intents, ratio=TRIED_ATTRIBUTION_RATIO)
    assert first == attributed_variants(examples, names, intents, ratio=TRIED_ATTRIBUTION_RATIO), "seeded"
    assert set(first) <= intents and first
    taken = {e.lower() for _, e in examples}
    for items in first.values():
        for variant in items:
            assert sum(name in variant for name in names) == 1, variant
            assert variant.lower() not in taken
    assert attributed_variants(examples, names, intents, ratio=0.0) == {}


@pytest.mark.parametrize(
    "typed, meant",
    [
        ("is a principal eng paid well?", "is a principal engineer paid well?"),
        ("my partner is a mechanical eng, and", "my partner is a mechanical engineer, and"),
        ("what's eng mgmt", "what's engineering management"),
        ("any eng degree will do", "any engineering degree will do"),
        ("interested in eng", "interested in engineering"),
    ],
)
def test_eng_heading_its_phrase_is_a_person_else_the_field(normaliser: Normaliser, typed: str, meant: str) -> None:
    assert normaliser.normalise(typed) == meant


def test_more_spellings_are_read_but_never_written_back() -> None:
    shorthand = load_shorthand()
    assert shorthand.expansion("kno") == "know" and shorthand.expansion("Wats") == "What's"
    assert all(short not in shorthand.also_read for short, _ in shorthand.pairs())


def test_a_near_miss_of_a_shorthand_is_that_shorthand_expanded(normaliser: Normaliser) -> None:
    assert normaliser.normalise("a systems engnr") == "a systems engineer"


@pytest.mark.parametrize(
    "typed, meant",
    [
        ("would an EM degree pay off", "would an engineering management degree pay off"),
        ("em masters or mba?", "engineering management masters or mba?"),
        ("do EMs code", "do EMs code"),
        ("EM vs PM", "EM vs PM"),
    ],
)
def test_the_roles_short_name_before_a_word_of_study_is_the_field(
    normaliser: Normaliser, typed: str, meant: str
) -> None:
    assert normaliser.normalise(typed) == meant


@pytest.mark.parametrize(
    "typed, meant",
    [
        ("how do i move 2 management", "how do i move to management"),
        ("is it worth it 4 someone like me", "is it worth it for someone like me"),
        ("what else should i look 4?", "what else should i look for?"),
        ("which roles acc 2 the leeds piece", "which roles according to the leeds piece"),
        ("roles acc to northeastern", "roles according to northeastern"),
    ],
)
def test_digits_and_phrases_of_chat_are_read(normaliser: Normaliser, typed: str, meant: str) -> None:
    assert normaliser.normalise(typed) == meant


@pytest.mark.parametrize(
    "text", ["i have 2 years and 4 certs", "is 4% a year a lot?", "2 or 3 years", "$4 a day", "top 4 things to weigh"]
)
def test_digits_that_count_are_kept(normaliser: Normaliser, text: str) -> None:
    assert normaliser.normalise(text) == text


def test_a_three_letter_word_with_several_near_words_is_left(normaliser: Normaliser) -> None:
    # "shd" is one edit from several words ("she", "phd"…): too little to pick one, so it is read as typed,
    # unless the shorthand table knows it.
    assert "phd" not in normaliser.normalise("what else xyq i do").lower()
    assert normaliser.only_near_word("shd") is False
