"""Structured knowledge base: typed model, YAML loader with validation."""
from bot.kb.model import KnowledgeBase
from bot.kb.loader import KnowledgeBaseError, load_knowledge_base, load_compiled

__all__ = ["KnowledgeBase", "KnowledgeBaseError", "load_knowledge_base", "load_compiled"]
