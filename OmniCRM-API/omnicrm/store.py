"""Short-lived shared state (token deny-lists, rate-limit counters, cache) in Redis.

One connection from `redis.url`. Without Redis (the demo and a developer's laptop) the same calls work
on an in-process store, which is only correct for a single API process; `redis.required: true`
(CI, production) refuses that fallback.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Protocol

import redis

from omnicrm.config import Settings

log = logging.getLogger(__name__)


class Store(Protocol):
    backend: str

    def get(self, key: str) -> str | None: ...
    def set(self, key: str, value: str, ttl_seconds: int | None = None) -> None: ...
    def delete(self, key: str) -> None: ...
    def incr(self, key: str, ttl_seconds: int) -> int: ...
    def add(self, key: str, value: str, ttl_seconds: int) -> bool: ...
    def status(self) -> str: ...


class RedisStore:
    backend = "redis"

    def __init__(self, client: redis.Redis) -> None:
        self.client = client

    def get(self, key: str) -> str | None:
        return self.client.get(key)

    def set(self, key: str, value: str, ttl_seconds: int | None = None) -> None:
        self.client.set(key, value, ex=ttl_seconds)

    def delete(self, key: str) -> None:
        self.client.delete(key)

    def add(self, key: str, value: str, ttl_seconds: int) -> bool:
        """Set only when absent (atomic): False when someone else holds the key."""
        return bool(self.client.set(key, value, ex=ttl_seconds, nx=True))

    def incr(self, key: str, ttl_seconds: int) -> int:
        """Count within a window that starts at the first increment."""
        with self.client.pipeline() as pipe:
            pipe.incr(key)
            pipe.expire(key, ttl_seconds, nx=True)
            count, _ = pipe.execute()
        return int(count)

    def status(self) -> str:
        try:
            self.client.ping()
        except redis.RedisError:
            return "unavailable"
        return "ok"


class MemoryStore:
    backend = "in-process"

    def __init__(self) -> None:
        self._values: dict[str, tuple[str, float | None]] = {}
        self._lock = threading.Lock()

    def _live(self, key: str) -> str | None:
        item = self._values.get(key)
        if item is None:
            return None
        value, expires = item
        if expires is not None and expires <= time.monotonic():
            del self._values[key]
            return None
        return value

    def get(self, key: str) -> str | None:
        with self._lock:
            return self._live(key)

    def set(self, key: str, value: str, ttl_seconds: int | None = None) -> None:
        with self._lock:
            self._values[key] = (value, time.monotonic() + ttl_seconds if ttl_seconds else None)

    def delete(self, key: str) -> None:
        with self._lock:
            self._values.pop(key, None)

    def add(self, key: str, value: str, ttl_seconds: int) -> bool:
        with self._lock:
            if self._live(key) is not None:
                return False
            self._values[key] = (value, time.monotonic() + ttl_seconds)
            return True

    def incr(self, key: str, ttl_seconds: int) -> int:
        with self._lock:
            current = self._live(key)
            count = int(current or 0) + 1
            expires = self._values[key][1] if current is not None else time.monotonic() + ttl_seconds
            self._values[key] = (str(count), expires)
            return count

    def status(self) -> str:
        return "ok"


def redis_client(settings: Settings) -> redis.Redis | None:
    """A Redis client for `redis.url`, or None when Redis is not configured or (if allowed) not reachable."""
    if not settings.redis.url:
        if settings.redis.required:
            raise RuntimeError("redis.url: Redis is required (redis.required: true) but not configured")
        return None
    client = redis.Redis.from_url(settings.redis.url, decode_responses=True, socket_connect_timeout=2)
    try:
        client.ping()
    except redis.RedisError as exc:
        if settings.redis.required:
            raise RuntimeError(f"redis.url: cannot reach Redis at {settings.redis.url}: {exc}") from None
        log.warning("Redis at %s unreachable (%s): using the in-process store", settings.redis.url, exc)
        return None
    return client


def connect(settings: Settings) -> Store:
    client = redis_client(settings)
    return RedisStore(client) if client is not None else MemoryStore()
