"""The answer logic: plain Python over the knowledge base, no Rasa types.

`Advisor.answer(Question) -> Answer` is the entry point; `ReadinessCheck`
(in `bot.advice.readiness`) runs the five-question fit check.
"""

from bot.advice.advisor import Advisor
from bot.advice.types import Answer, AnswerKind, Button, Citation, Context, Question

__all__ = ["Advisor", "Answer", "AnswerKind", "Button", "Citation", "Context", "Question"]
