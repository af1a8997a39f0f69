"""`python -m bot build`: validate the KB and write everything generated from it.

The compiled KB, the spaCy pipeline (entity ruler), the NLU synonyms and
examples, the intent rules, and the word lists the answer layer screens with.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import FrozenSet, List, Optional, Set, Tuple

import yaml

from bot.knowledge.loader import load_knowledge_base, write_compiled
from bot.knowledge.model import KnowledgeBase, strings_in
from bot.knowledge.terms import PROGRAM, ROLE, terms
from bot.knowledge.text import singular
from bot.language.vocabulary import SMALL_TALK, content_words, known_words, save_counts, save_words, word_counts
from bot.nlu.forms import check_readiness_form
from bot.nlu.rules import check_topic_intents, domain_intents, write_rules
from bot.paths import (
    AUGMENTED_NLU,
    CHAT_WORDS,
    COMPILED_KB,
    DOMAIN_FILE,
    GENERATED_NLU,
    GENERATED_RULES,
    KNOWN_WORDS,
    NLU_DIR,
    PROJECT_WORDS,
    SPACY_MODEL_DIR,
    STOP_WORDS_FILE,
    SUBJECT_WORDS_FILE,
    TOPIC_WORDS,
    WEB_WORDS,
)

Example = Tuple[Optional[str], str]  # (intent, examples); intent is None for synonym blocks

OUT_OF_SCOPE = "out_of_scope"
# Intents whose examples are not about the subject (their words don't make a message on topic).
OFF_TOPIC_INTENTS = SMALL_TALK | {OUT_OF_SCOPE}
# Words that name the subject even where an everyday request uses them too ("salary", "degree").
SUBJECT_WORDS = frozenset(
    """engineer engineering manager management managing manage leader leadership lead director analyst master
    masters msc ms mba degree career job role em eng mgmt mgr pm tech technical salary salaries pay paid earn
    earning earnings wage income money worth growth grow growing demand experience qualification requirement
    required skill sector industry promotion team project budget stakeholder risk strategy mentor mentoring program
    programme course module university online study accreditation accredited""".split()
)


def build(knowledge_dir: Path, quiet: bool = False) -> int:
    """Validate the KB, then write every artefact generated from it."""
    from spacy.lang.en.stop_words import STOP_WORDS

    from bot.nlu.augment import write_augmented
    from bot.nlu.normalise import english_words, web_words
    from bot.nlu.pipeline import save_pipeline
    from bot.nlu.training_data import write_generated_nlu

    kb = load_knowledge_base(knowledge_dir)
    check_topic_intents(kb, domain_intents(DOMAIN_FILE))
    check_readiness_form(kb, DOMAIN_FILE)
    write_compiled(kb, COMPILED_KB)
    save_pipeline(kb, SPACY_MODEL_DIR)
    write_generated_nlu(kb, GENERATED_NLU)
    write_rules(DOMAIN_FILE, GENERATED_RULES)
    examples = training_examples()
    known = vocabulary(kb, examples)
    save_words(known, KNOWN_WORDS)
    save_counts(word_counts(list(strings_in(kb.to_dict())) + [text for _, text in examples]), PROJECT_WORDS)
    save_words(web_words(english_words()), WEB_WORDS)
    variants = write_augmented(
        examples, set(known), AUGMENTED_NLU, names=article_names(kb), attributed=attributed_intents(kb)
    )
    save_words(frozenset(STOP_WORDS), STOP_WORDS_FILE)  # read by the action server without spaCy
    save_words(topic_vocabulary(kb, examples), TOPIC_WORDS)
    save_words(subject_vocabulary(kb), SUBJECT_WORDS_FILE)
    save_words(chat_vocabulary(examples), CHAT_WORDS)
    if not quiet:
        count = sum(1 for _ in kb.entries())
        print(f"knowledge base OK: {count} entries from {knowledge_dir}")
        print(f"wrote {COMPILED_KB}, {SPACY_MODEL_DIR}, {GENERATED_NLU}, {GENERATED_RULES}")
        print(f"wrote {variants} variants of the training examples (typos, shorthand, attributions) to {AUGMENTED_NLU}")
    return 0


# Topics whose questions name no article of their own: the program question names its university anyway.
NOT_ATTRIBUTED = frozenset({"ask_program", "ask_reading"})
OUT_OF_SCOPE = "out_of_scope"


def article_names(kb: KnowledgeBase) -> List[str]:
    """How a visitor names each article: its publisher's own word ("Leeds", "Northeastern")."""
    generic = {"university", "of", "online", "the", "college", "school"}
    return [w.title() for s in kb.sources for w in re.findall(r"[a-z]+", s.publisher.lower()) if w not in generic]


def attributed_intents(kb: KnowledgeBase) -> Set[str]:
    """The topics' intents, and out of scope: a name makes no request about the articles' subject."""
    return ({t.intent for t in kb.topics} | {OUT_OF_SCOPE}) - NOT_ATTRIBUTED


def training_examples() -> List[Example]:
    """(intent, examples) of every NLU block in data/nlu/, generated.yml included.

    Not augmented.yml: its typos are no words of the project ("enginering" would never be corrected).
    """
    return [
        (block.get("intent"), str(block.get("examples", "")))
        for path in sorted(NLU_DIR.glob("*.yml"))
        if path.name != AUGMENTED_NLU.name
        for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", [])
    ]


def vocabulary(kb: KnowledgeBase, examples: List[Example]) -> FrozenSet[str]:
    """Words of the NLU training data and the KB: what the bot can be said to know."""
    return known_words(list(strings_in(kb.to_dict())) + [text for _, text in examples])


def topic_vocabulary(kb: KnowledgeBase, examples: List[Example]) -> FrozenSet[str]:
    """Words that mark a message as on the subject.

    Content words of the KB and of the on-topic training examples, less those the out-of-scope
    examples use too ("day", "best", "time"), unless they name the subject (KB names, career words).
    """
    on_topic = list(strings_in(kb.to_dict()))
    on_topic += [text for intent, text in examples if intent and intent not in OFF_TOPIC_INTENTS]
    everyday = [text for intent, text in examples if intent == OUT_OF_SCOPE]
    shared = {w for t in everyday for w in content_words(t)} - subject_vocabulary(kb)
    return frozenset(w for t in on_topic for w in content_words(t)) - shared


def subject_vocabulary(kb: KnowledgeBase) -> FrozenSet[str]:
    """Words that name the subject: those of the roles' and programs' names, and the career words."""
    names = [t.text for t in terms(kb) if t.label in (ROLE, PROGRAM)]  # not gaps or features: "how long", "where"
    return frozenset({w for name in names for w in content_words(name)} | {singular(w) for w in SUBJECT_WORDS})


def chat_vocabulary(examples: List[Example]) -> FrozenSet[str]:
    """Content words of small talk's training examples ("hello", "thanks", "bye")."""
    return frozenset(w for intent, text in examples if intent in SMALL_TALK for w in content_words(text))
