"""Short follow-ups ("and a quality engineer?", "why?", "tell me more"): the steps are in `bot.advice.answers`."""

from bot.advice.answers.follow_ups import answer_follow_up
from bot.advice.registry import handles

handles("follow_up")(answer_follow_up)
