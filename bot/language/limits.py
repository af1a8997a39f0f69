"""How long a message may be: one limit for the request screen (`bot.serving.inbound`, which refuses a
longer message) and the answers (`bot.advice.screening`, which say so to a visitor who typed one)."""

MAX_MESSAGE_CHARS = 1000
