"""Where the project's files are: one module, so no path is spelled twice."""

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
KNOWLEDGE_DIR = PROJECT_ROOT / "data" / "knowledge"
BUILD_DIR = PROJECT_ROOT / "build"
MODELS_DIR = PROJECT_ROOT / "models"
RESULTS_DIR = PROJECT_ROOT / "results"
VAR_DIR = PROJECT_ROOT / "var"  # what the running bot writes: the tracker database, the cluster's state
DEPLOY_DIR = PROJECT_ROOT / "deploy"
CONFIG_FILE = PROJECT_ROOT / "config.yml"
MODEL = MODELS_DIR / "advisor.tar.gz"
STOCK_MODEL = MODELS_DIR / "stock.tar.gz"  # the baseline `make eval` and `make bench` compare against
FLOOR_MODEL = MODELS_DIR / "floor.tar.gz"  # Rasa's own per-message floor, for `make bench`
TRACKER_DB = VAR_DIR / "tracker.db"  # the default; TRACKER_DB in the environment wins
COMPILED_KB = BUILD_DIR / "knowledge.json"
SPACY_MODEL_DIR = BUILD_DIR / "spacy_model"
NLU_DIR = PROJECT_ROOT / "data" / "nlu"
GENERATED_NLU = NLU_DIR / "generated.yml"
AUGMENTED_NLU = NLU_DIR / "augmented.yml"  # typo and shorthand variants (bot/nlu/augment.py)
GENERATED_RULES = PROJECT_ROOT / "data" / "rules" / "generated.yml"
DOMAIN_FILE = PROJECT_ROOT / "domain.yml"
KNOWN_WORDS = BUILD_DIR / "known_words.json"
PROJECT_WORDS = BUILD_DIR / "project_words.json"  # known words with how often the project uses them
WEB_WORDS = BUILD_DIR / "web_words.json"  # common web words the English list lacks (bot/nlu/normalise.py)
TOPIC_WORDS = BUILD_DIR / "topic_words.json"
SUBJECT_WORDS_FILE = BUILD_DIR / "subject_words.json"  # the words that name the subject (a part of the topic words)
CHAT_WORDS = BUILD_DIR / "chat_words.json"
STOP_WORDS_FILE = BUILD_DIR / "stop_words.json"
