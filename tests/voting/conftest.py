"""Voting fixtures shared by its test modules: the test Redis and its keys."""

import os
import uuid

import pytest


def _redis_url():
    return os.environ.get("MINGA_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _redis_available() -> bool:
    try:
        import redis

        return redis.Redis.from_url(_redis_url(), socket_connect_timeout=1).ping()
    except Exception:
        return False


# Flask-Limiter keeps the first RATELIMIT_KEY_PREFIX it is given for the whole process, so
# the Redis tests share this one; `redis_store` empties it before and after each of them.
PREFIX = f"minga-test-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def redis_store():
    """The test Redis, holding none of this suite's keys when a test starts or ends."""
    import redis

    store = redis.Redis.from_url(_redis_url())

    def clear():
        store.delete(*store.keys(f"*{PREFIX}*") or ["-"])

    clear()
    yield store
    clear()
