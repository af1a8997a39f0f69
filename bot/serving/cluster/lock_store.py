"""Rasa's Redis lock store, with every change to a lock made atomically.

Rasa 3.6's `RedisLockStore` issues a ticket by reading the lock, adding the
ticket and writing it back: two replicas doing that at the same moment both
read "no lock", both take ticket 0, and both process the conversation at once.
`make test-cluster` showed it: of 6 conversations whose next two messages hit
the two replicas together, 4 got "Question 2 of 5" twice, and the second write
to PostgreSQL dropped events. Here each read-change-write runs in a Redis
transaction (WATCH/MULTI/EXEC) and is retried if another replica changed the
lock in between, so ticket numbers are unique and a lock is never deleted
while someone holds a ticket. Configure it in deploy/endpoints.cluster.yml as
`type: bot.serving.cluster.lock_store.AtomicRedisLockStore`.
"""

from __future__ import annotations

import json
import logging
from typing import Any, Callable, Optional, Tuple, TypeVar

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore

logger = logging.getLogger(__name__)
T = TypeVar("T")
# What a change does to the stored lock: write it back, delete it, or leave it as it was.
KEEP = "keep"
DELETE = "delete"
WRITE = "write"
Change = Callable[[Optional[TicketLock]], Tuple[str, Optional[TicketLock], T]]


class AtomicRedisLockStore(RedisLockStore):
    def __init__(self, endpoint_config: Any = None, **kwargs: Any) -> None:
        # Rasa builds a lock store named by module path with the endpoint config alone.
        if endpoint_config is not None:
            kwargs = {"host": endpoint_config.url or "localhost", **endpoint_config.kwargs, **kwargs}
        super().__init__(**kwargs)

    def _change(self, conversation_id: str, change: Change[T]) -> T:
        """Apply `change` to the stored lock in one transaction, retried until no one raced us."""
        import redis

        key = self.key_prefix + conversation_id
        with self.red.pipeline() as pipe:
            while True:
                try:
                    pipe.watch(key)
                    stored = pipe.get(key)
                    action, lock, result = change(TicketLock.from_dict(json.loads(stored)) if stored else None)
                    pipe.multi()
                    if action == WRITE and lock is not None:
                        pipe.set(key, lock.dumps())
                    elif action == DELETE:
                        pipe.delete(key)
                    pipe.execute()  # raises WatchError if another replica changed the key since WATCH
                    return result
                except redis.WatchError:
                    continue

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def take_ticket(lock: Optional[TicketLock]) -> Tuple[str, Optional[TicketLock], int]:
            lock = lock or TicketLock(conversation_id)
            return WRITE, lock, lock.issue_ticket(lock_lifetime)

        try:
            return self._change(conversation_id, take_ticket)
        except Exception as e:
            raise LockError(f"Error while acquiring lock. Error:\n{e}") from e

    def update_lock(self, conversation_id: str) -> None:
        def drop_expired(lock: Optional[TicketLock]) -> Tuple[str, Optional[TicketLock], None]:
            if lock is None:
                return KEEP, None, None
            lock.remove_expired_tickets()
            return WRITE, lock, None

        self._change(conversation_id, drop_expired)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Give back a ticket; delete the lock only if no other ticket waits (one transaction).

        Runs after the turn is saved. If Redis is down just then, the turn still stands, so the
        error is logged, not raised: raising would answer 503 for a saved turn, and the visitor's
        retry would be processed a second time (tests/cluster saw it). The ticket expires anyway.
        """
        try:
            self._give_back(conversation_id, ticket_number)
        except Exception as e:
            logger.warning(f"Could not release the lock of a conversation (it expires by itself): {e}")

    def _give_back(self, conversation_id: str, ticket_number: int) -> None:
        def give_back(lock: Optional[TicketLock]) -> Tuple[str, Optional[TicketLock], None]:
            if lock is None:
                return KEEP, None, None
            lock.remove_ticket_for(ticket_number)
            return (WRITE if lock.is_someone_waiting() else DELETE), lock, None

        self._change(conversation_id, give_back)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        self._give_back(conversation_id, ticket_number)
