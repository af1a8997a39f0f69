"""Train a Rasa model and record how long it took (results/train_<name>.json)."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

from bot.paths import CONFIG_FILE, MODELS_DIR, PROJECT_ROOT, RESULTS_DIR


def train(config: Path, name: str, out: Path) -> float:
    start = time.monotonic()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "rasa",
            "train",
            "--config",
            str(config),
            "--out",
            str(out),
            "--fixed-model-name",
            name,
            "--force",
        ],
        cwd=PROJECT_ROOT,
        check=True,
    )
    seconds = time.monotonic() - start
    RESULTS_DIR.mkdir(exist_ok=True)
    (RESULTS_DIR / f"train_{name}.json").write_text(
        json.dumps(
            {"model": name, "config": str(config), "seconds": round(seconds, 1), "cores": os.cpu_count()}, indent=1
        )
    )
    print(f"trained {name} in {seconds:.1f} s")
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--config", type=Path, default=CONFIG_FILE)
    parser.add_argument("--name", default="advisor")
    parser.add_argument("--out", type=Path, default=MODELS_DIR)
    args = parser.parse_args()
    train(args.config, args.name, args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
