"""Running the bot: the supervised servers (`processes`, and `cluster` for the production topology),
Rasa's entry points and fixes, the tracker store, the inbound checks, feedback and the web channel.

Nothing is imported here: each server process imports only the modules it runs.
"""
