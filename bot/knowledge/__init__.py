"""Structured knowledge base: typed model, YAML loader with validation."""

from bot.knowledge.loader import KnowledgeBaseError, load_compiled, load_knowledge_base
from bot.knowledge.model import KnowledgeBase

__all__ = ["KnowledgeBase", "KnowledgeBaseError", "load_knowledge_base", "load_compiled"]
