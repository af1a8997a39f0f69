"""Reading English, below both the answers (`bot.advice`) and the NLU pipeline (`bot.nlu`).

- `vocabulary`: the word lists the build writes and the answers read, and content words;
- `scope`: `ScopeGuard`, which spots a question about a profession or subject outside the sources;
- `limits`: how long a message may be, for the request screen and the answers alike.

Plain Python over `bot.knowledge`: the action server imports it without Rasa or spaCy.
"""
