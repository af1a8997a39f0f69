"""Fail when `rasa test nlu` intent accuracy on the held-out set is below a threshold."""

import argparse
import json
import sys


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("report")
    parser.add_argument("--min-accuracy", type=float, default=0.90)
    args = parser.parse_args()
    report = json.load(open(args.report))
    accuracy = report["accuracy"]
    macro_f1 = report["macro avg"]["f1-score"]
    print(f"held-out NLU: intent accuracy {accuracy:.3f}, macro-F1 {macro_f1:.3f} (threshold {args.min_accuracy:.2f})")
    if accuracy < args.min_accuracy:
        print("FAIL: held-out intent accuracy below threshold", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
