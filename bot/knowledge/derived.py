"""What is worked out from a knowledge base once, not on every question: a cache keyed by the KB itself.

A KnowledgeBase holds lists, so it can't be a dict key; the cache keys by its id and keeps the KB beside
the value, so an id reused by a later KB is never mistaken for it.
"""

from __future__ import annotations

from functools import wraps
from typing import Any, Callable, Dict, Hashable, Tuple, TypeVar

from bot.knowledge.model import KnowledgeBase

T = TypeVar("T")
MAX_KBS = 8  # tests build many KBs; a process serves one


def per_kb(build: Callable[..., T]) -> Callable[..., T]:
    """`build(kb, *args)`, worked out once per KB and arguments."""
    cache: Dict[Tuple[int, Tuple[Hashable, ...]], Tuple[KnowledgeBase, Any]] = {}

    @wraps(build)
    def cached(kb: KnowledgeBase, *args: Hashable) -> T:
        key = (id(kb), args)
        found = cache.get(key)
        if found is None or found[0] is not kb:
            if len(cache) > MAX_KBS:
                cache.clear()
            found = cache[key] = (kb, build(kb, *args))
        return found[1]

    return cached
