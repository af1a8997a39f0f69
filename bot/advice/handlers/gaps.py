"""What the sources don't cover: said plainly, never guessed (`bot.advice.answers.gaps`)."""

from bot.advice.answers.gaps import answer_uncovered
from bot.advice.registry import handles

handles("ask_uncovered")(answer_uncovered)
