"""The two master's programs: one program, a feature of it, or both compared (`bot.advice.answers.programs`)."""

from bot.advice.answers.programs import answer_program
from bot.advice.registry import handles

handles("ask_program")(answer_program)
