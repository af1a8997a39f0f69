"""The rasa-sdk action server's own command line, without library deprecation warnings.

Usage: `python -m bot.serving.actions_main --actions actions -p 5055` (any `rasa_sdk` arguments).
"""

from __future__ import annotations

from bot.serving.quiet import silence_library_warnings


def main() -> None:
    silence_library_warnings()
    from rasa_sdk.__main__ import main as sdk_main

    sdk_main()


if __name__ == "__main__":
    main()
