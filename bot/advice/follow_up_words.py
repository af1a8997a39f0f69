"""How a short follow-up points at the last answer: "like what?", "what are they called?", "and what…?".

The advisor reads these against the last answer's entry (`answers/last_answer.py`).
"""

from __future__ import annotations

import re

# A follow-up that points back at what the last answer was about: "what technologies did it mention?"
# "Like what?", "such as?", "for example?": the last answer's entry, in its own texts.
ASKS_FOR_EXAMPLES = re.compile(
    r"^\W*(?:like what|such as( what)?|for example|for instance|examples?|e\.?g\.?)"
    r"(?:\W+(?:exactly|then|though|specifically|precisely))?\W*$"
)
# "What are they called?", "what's it called?", "names?": what the last answer named, again.
ASKS_FOR_NAMES = re.compile(
    r"^\W*(?:(?:and|so|ok|okay|oh)\W+)*(?:what|whats|what's) (?:are|is|were|was|r)? ?"
    r"(?:they|it|those|these|that|its|their)(?: called| named| names?)\W*$"
    r"|^\W*(?:(?:and|so|ok|okay)\W+)*(?:names?|name them|their names|called what)\W*$"
)
ASKS_HOW_MUCH = re.compile(r"\bhow (?:much|many|fast)\b|\bby how\b")
POINTS_BACK = re.compile(r"\b(?:it|that|this|they|them|those|these|ones)\b")
ASKS_BY_WH = re.compile(
    r"^\W*(?:(?:and|so|ok|okay|but|then|right|well|alright)\W+)*(?:what|whats|which|how|who|whom|whose|why|when|where)\b"
)
MIN_SHARED_WORDS = 2  # with the last answer's texts, for a question NLU read as small talk
CONTINUES = re.compile(r"\W*(?:and|so|also|plus|what about|how about)\b")  # "and what technical stuff…?"
