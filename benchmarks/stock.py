"""Train the baseline: Rasa's stock starter pipeline (the config.yml `rasa init`
writes, taken from the installed Rasa) on this project's own data."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import rasa

from bot.nlu.train import train
from bot.paths import BUILD_DIR, PROJECT_ROOT

STOCK_CONFIG = Path(rasa.__file__).parent / "cli" / "initial_project" / "config.yml"


def main() -> int:
    BUILD_DIR.mkdir(exist_ok=True)
    config = BUILD_DIR / "stock_config.yml"
    shutil.copyfile(STOCK_CONFIG, config)
    train(config, "stock", PROJECT_ROOT / "models")
    return 0


if __name__ == "__main__":
    sys.exit(main())
