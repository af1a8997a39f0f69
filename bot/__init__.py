"""The career advisor's own package: knowledge base, spaCy pipeline, answers.

Importable and testable without Rasa running; `actions/` only adapts it.
"""
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE_DIR = PROJECT_ROOT / "data" / "knowledge"
BUILD_DIR = PROJECT_ROOT / "build"
COMPILED_KB = BUILD_DIR / "knowledge.json"
SPACY_MODEL_DIR = BUILD_DIR / "spacy_model"
GENERATED_NLU = PROJECT_ROOT / "data" / "nlu" / "generated.yml"
KNOWN_WORDS = BUILD_DIR / "known_words.json"
DOMAIN_WORDS = BUILD_DIR / "domain_words.json"
STOP_WORDS_FILE = BUILD_DIR / "stop_words.json"
