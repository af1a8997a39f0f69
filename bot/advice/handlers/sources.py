"""Where an answer comes from: the articles, by section (`bot.advice.answers.sources`)."""

from bot.advice.answers.sources import answer_sources
from bot.advice.registry import handles

handles("ask_sources")(answer_sources)
