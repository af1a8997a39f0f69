"""The production topology on one machine: nginx, Rasa replicas, action servers,
PostgreSQL (tracker store) and Redis (lock store). `python -m bot.serving.cluster`
is what `make cluster` runs; deploy/ holds the same configuration for a real server.
"""
