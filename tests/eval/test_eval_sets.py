"""The held-out realistic and everyday sets are well formed, and their scoring counts what it says."""

from __future__ import annotations

from collections import Counter

import yaml

from benchmarks.eval import (
    ANSWERS,
    EVERYDAY,
    OOS,
    REALISTIC,
    VISITOR_FACTS,
    figure_patterns,
    figures_in,
    invents_fact,
    load_everyday,
    load_realistic,
    passes,
    score_everyday,
    score_realistic,
)
from benchmarks.fresh import EVAL_DIR, fresh_sets
from bot.knowledge.model import KnowledgeBase
from bot.paths import PROJECT_ROOT

# Messages of the fresh sets that were already training examples when their independent writers wrote
# them (data/nlu at 959961a; at 3548a44 for D and E, at ee9a8dc for F, at 4acbede for H, at 8b8fe88
# for I, at b90fb80 for J, at 8a974aa for K to N): common wordings, not leaks. Anything else in data/nlu is a leak.
TRAINING_BEFORE_FRESH_SETS = frozenset(
    {
        "Is engineering management a good career choice?",
        "Is engineering management a good career?",
        "What is engineering management?",
        "Who is engineering management for?",
        "says who?",
        "what frameworks does the leeds course teach?",
        "who says so?",
        # In data/nlu (unchanged this round) before sets D and E were written:
        "What's a good recipe for lasagna?",
        "What's the Iron Triangle?",
        "What's the salary of a systems engineer?",
        "and a manufacturing engineer?",
        # In data/nlu at ee9a8dc, before set F was written:
        "What does a product manager do?",
        "and a systems engineer?",
        # In data/nlu at 4acbede, before set H was written:
        "and a quality engineer?",
        # In data/nlu at 8b8fe88, before set I was written:
        "What is the median salary for engineering managers?",
        "What's the job outlook for engineering managers?",
        # In data/nlu at b90fb80, before set J was written:
        "How much do engineering managers earn?",
        # In data/nlu at 8a974aa (unchanged since), before sets K to N were written:
        "Is engineering management a growing field?",
        "tell me a joke",
        # In data/nlu at f446a3c, before sets Q and R were written:
        "What does a business analyst do in engineering?",
        "what about the other one?",
        # In data/nlu at 0805706 (unchanged since f446a3c), before sets S and T were written:
        "Is a master's in engineering management worth it?",
        "What accreditation does the Leeds course have?",
        # In data/nlu at 4f0a739 (unchanged since f446a3c), before sets U and V were written:
        "What is the Project Initiation Routemap?",
        # In data/nlu at d5335cf (unchanged since f446a3c), before sets W and X were written:
        "What does an engineering manager do day to day?",
        "which article says that?",
        # In data/nlu at 8671f49 (unchanged since f446a3c), before sets Y and Z were written:
        "How fast are engineering manager positions growing?",
        # In data/nlu at 1a5e4ef (unchanged since f446a3c), before sets AC and AD were written:
        "and a business analyst?",
    }
)
CATEGORIES = {"visitor_facts", "multi_question", "other_subject", "topic_choice", "long_message", "follow_up"}


def test_realistic_set_is_well_formed() -> None:
    cases, markers = load_realistic()
    assert len(cases) >= 150 and markers
    assert len({c["id"] for c in cases}) == len(cases), "ids must be unique"
    counts = Counter(c["category"] for c in cases)
    assert set(counts) == CATEGORIES | {"out_of_scope"}
    assert min(counts.values()) >= 25, counts
    for case in cases:
        assert case["turns"] and all(isinstance(t, str) and t.strip() for t in case["turns"]), case["id"]
        assert case.get("decline") or case.get("expect"), f"{case['id']} checks nothing"
        for group in case.get("expect", []):
            assert group and all(isinstance(alt, str) and alt for alt in group), case["id"]
        assert all(isinstance(bad, str) and bad for bad in case.get("forbid", [])), case["id"]
        assert case.get("decline", False) == (case["category"] == "out_of_scope"), case["id"]
    assert sum(1 for c in cases if c["category"] == VISITOR_FACTS and c.get("forbid")) >= 20


def test_everyday_set_is_well_formed() -> None:
    requests = load_everyday()
    assert len(requests) >= 200
    assert len(set(requests)) == len(requests)
    assert all(isinstance(r, str) and r.strip() for r in requests)


def test_figures_come_from_the_knowledge_base(kb: KnowledgeBase) -> None:
    patterns = figure_patterns(kb)
    assert set(patterns) == {s.id for s in kb.statistics}
    for stat in kb.statistics:
        assert figures_in(f"It is {stat.value}.", patterns) == [stat.id]
    assert figures_in("The median is 165370 dollars, 18 percent more, four per cent growth, 5+ years", patterns)
    for clean in ("Sorry, I can only help with engineering management.", "14% or 0.4% or 25 years or $1,165,370"):
        assert figures_in(clean, patterns) == []


def test_scoring_counts_passes_declines_and_invented_facts(kb: KnowledgeBase) -> None:
    markers = ["sorry", "don't give"]
    fact = {"id": "f", "category": VISITOR_FACTS, "turns": ["q"], "expect": [["five years"]], "forbid": ["for you:"]}
    oos = {"id": "o", "category": "out_of_scope", "turns": ["q"], "decline": True}
    replies = {"f": "Most want five years. For you: with about 12 years...", "o": "Sorry, I can't help with that."}
    assert passes(oos, replies["o"], markers) and not passes(oos, "Engineering managers earn...", markers)
    assert invents_fact(fact, replies["f"]) and not passes(fact, replies["f"], markers)
    result = score_realistic(
        lambda turns: replies["f" if turns == ["fact"] else "o"], [{**fact, "turns": ["fact"]}, oos], markers
    )
    assert result["realistic_correctness"] == 0.0 and result["realistic_oos_recall"] == 1.0
    assert result["invented_facts"] == 1 and result["realistic_by_category"][VISITOR_FACTS]["total"] == 1
    everyday = {"pay me": "Sorry, the only figure I have: a median of $165,370.", "hi": "Sorry, I can't help."}
    every = score_everyday(lambda turns: everyday[turns[0]], list(everyday), markers, figure_patterns(kb))
    assert every["everyday_declined"] == 0.5, "a reply stating a KB figure is no decline"
    assert every["everyday_figures"] == 1 and every["everyday_with_figures"][0]["figures"] == ["median_salary"]


def test_no_evaluation_message_is_a_training_example() -> None:
    """The sets are held out: the message each case is judged on never appears in data/nlu/."""
    import glob

    training = set()
    for path in glob.glob(str(PROJECT_ROOT / "data" / "nlu" / "*.yml")):
        for block in (yaml.safe_load(open(path, encoding="utf-8")) or {}).get("nlu", []):
            training |= {
                line.strip().lstrip("- ").strip().lower() for line in str(block.get("examples", "")).splitlines()
            }
    judged = [case["turns"][-1] for case in yaml.safe_load(REALISTIC.read_text())["cases"]]
    judged += yaml.safe_load(EVERYDAY.read_text())["requests"]
    judged += yaml.safe_load(OOS.read_text())["questions"]
    judged += [case["turns"][-1] for case in yaml.safe_load(ANSWERS.read_text())["cases"]]
    for entry in fresh_sets().values():  # issue #17's fresh sets, less what was a training example before them
        judged += [
            case["turns"][-1]
            for case in yaml.safe_load((EVAL_DIR / entry["file"]).read_text())["cases"]
            if case["turns"][-1] not in TRAINING_BEFORE_FRESH_SETS
        ]
    leaked = sorted({text for text in judged if text.strip().lower() in training})
    assert not leaked, f"evaluation messages found in the training data: {leaked}"


def test_fresh_sets_are_well_formed_and_have_their_first_scores() -> None:
    kinds = {
        "typo_shorthand",
        "provenance",
        "follow_up",
        "counts_lists",
        "compound",
        "narrower_subject",
        "background",
        "general",
        "task_roleplay",
        "out_of_scope",
    }
    for name, entry in fresh_sets().items():
        cases = yaml.safe_load((EVAL_DIR / entry["file"]).read_text())["cases"]
        assert len(cases) >= 120, name
        assert len({c["id"] for c in cases}) == len(cases), name
        assert {c["category"] for c in cases} <= kinds, name
        first = entry["first_score"]
        assert 0 <= first["answerable"] <= 1 and 0 <= first["declined"] <= 1, name
