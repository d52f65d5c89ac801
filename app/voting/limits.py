"""The vote rate limits: per address and per voter, counted in one round trip to Redis.

Casting and withdrawing share one budget of requests per client address (generous: a
dialogue session votes from one network) and one per voter (tighter). They are the
limits Flask-Limiter's `shared_limit` kept, with its keys, its fixed windows and its
settings (RATELIMIT_ENABLED, RATELIMIT_KEY_PREFIX, RATELIMIT_STORAGE_URI), but every
counter of a vote moves in one Lua call: a vote is the busiest request of the site, and
two round trips and Flask-Limiter's per-request bookkeeping were a fifth of its cost.

The call goes on a connection each process (and thread) keeps for it, with the command
written out by hand: redis-py's pool bookkeeping, retries and command packing cost more
processor time than Redis takes to run the script (measured: 117 µs a call through
`Script`, 59 µs here). Any trouble on that connection sends the call once through
redis-py's own path, with its reconnects and retries.

With the storage unreachable, RATELIMIT_SWALLOW_ERRORS decides, as it does for
Flask-Limiter's own limits: votes go through uncounted (and the outage is logged), or
are refused with 503 and nothing written.

Other strategies or storages than a fixed window in plain Redis (memory in tests, a
Redis cluster, a moving window) go through the limiter's own strategy, limit by limit.
"""

import logging
import os
import threading
from contextlib import suppress
from functools import lru_cache
from weakref import WeakKeyDictionary

from flask import current_app
from flask_babel import lazy_gettext as _l
from limits import parse_many
from limits.storage import RedisStorage
from limits.strategies import FixedWindowRateLimiter
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import ResponseError
from redis.exceptions import TimeoutError as RedisTimeoutError
from werkzeug.exceptions import TooManyRequests

from app.errors import DomainError
from app.extensions import limiter

log = logging.getLogger(__name__)

ADDRESS_SCOPE = "votes-by-address"
VOTER_SCOPE = "votes-by-voter"

# KEYS: the counters; ARGV: for each its window in seconds, then its allowance. Counts one
# request on each counter in turn and stops at the first that is over its allowance (as
# Flask-Limiter stops at the first breach), so a refused request spends nothing further.
# Returns the index (1-based) of the breached counter, or 0.
HIT_ALL = """
local n = #KEYS
for i = 1, n do
  local current = redis.call("incrby", KEYS[i], 1)
  if current == 1 then
    redis.call("expire", KEYS[i], ARGV[i])
  end
  if current > tonumber(ARGV[n + i]) then
    return i
  end
end
return 0
"""

STORAGE_DOWN = (RedisConnectionError, RedisTimeoutError, OSError)


class LimitsUnavailable(DomainError):
    status = 503
    message = _l("Votes cannot be counted just now. Nothing was changed: please try again "
                 "in a minute.")


def _breached(count):
    """`count()`, or with the storage down: 0 (nothing breached) where
    RATELIMIT_SWALLOW_ERRORS lets requests through, else LimitsUnavailable."""
    try:
        return count()
    except STORAGE_DOWN:
        if not current_app.config.get("RATELIMIT_SWALLOW_ERRORS"):
            raise LimitsUnavailable from None
        log.warning("vote rate limits not counted: their storage is unreachable")
        return 0


_scripts: "WeakKeyDictionary[RedisStorage, object]" = WeakKeyDictionary()


@lru_cache(maxsize=32)
def _items(setting: str) -> tuple:
    """'600 per minute;10000 per day' as limit items (parsed once per distinct setting)."""
    return tuple(parse_many(setting))


def _script(storage: RedisStorage):
    script = _scripts.get(storage)
    if script is None:
        script = _scripts[storage] = storage.get_connection().register_script(HIT_ALL)
    return script


def _packed(*parts) -> bytes:
    """A command in Redis's protocol (RESP): an array of bulk strings."""
    out = [b"*%d\r\n" % len(parts)]
    for part in parts:
        data = part if isinstance(part, bytes) else str(part).encode()
        out.append(b"$%d\r\n%s\r\n" % (len(data), data))
    return b"".join(out)


class _Kept(threading.local):
    """This thread's connection for the call, and whether a reply is still to be read."""

    pid: int | None = None
    storage: RedisStorage | None = None
    connection = None
    pending = False


_kept = _Kept()


def _kept_connection(storage: RedisStorage):
    # A forked worker must not share its parent's socket.
    if _kept.connection is None or _kept.pid != os.getpid() or _kept.storage is not storage:
        _kept.pid, _kept.storage, _kept.pending = os.getpid(), storage, False
        _kept.connection = storage.get_connection().connection_pool.make_connection()
    return _kept.connection


def _drop_kept() -> None:
    if _kept.connection is not None:
        _kept.connection.disconnect()
    _kept.connection, _kept.pending = None, False


def _send_hit_all(storage: RedisStorage, keys: list[str], args: list[int]):
    """Send HIT_ALL on the kept connection; return a function that reads its verdict.

    On any trouble (Redis restarted: no script, or a dropped connection) the call goes
    through redis-py's `Script` at once, with its reconnects and retries.
    """
    script = _script(storage)  # registering asks Redis nothing: it only hashes the script
    try:
        connection = _kept_connection(storage)
        if _kept.pending:  # a request failed between sending and reading: drain its reply
            _kept.pending = False
            # An answer that was an error (NOSCRIPT) is drained all the same.
            with suppress(ResponseError):
                connection.read_response()
        connection.send_packed_command(
            [_packed("EVALSHA", script.sha, len(keys), *keys, *args)], check_health=False)
        _kept.pending = True
    except STORAGE_DOWN:
        _drop_kept()
        breached = _breached(lambda: script(keys=keys, args=args))
        return lambda: breached

    def verdict() -> int:
        try:
            _kept.pending = False
            return connection.read_response()
        except (ResponseError, *STORAGE_DOWN):
            _drop_kept()  # NOSCRIPT (a ResponseError) included: redis-py's Script loads it
            return _breached(lambda: script(keys=keys, args=args))

    return verdict


def account_voter(account_id: int) -> str:
    """The per-voter limit's key for a logged-in account (a stale login included)."""
    return f"voter:user:{account_id}"


def _refuse_if(breached) -> None:
    if breached:
        raise TooManyRequests


def count_vote_request(address: str, voter: str):
    """Count one vote request against the address's and the voter's limits.

    Returns a function that raises TooManyRequests (HTTP 429) if either is used up. In
    Redis the count is sent at once and its answer read when that function is called,
    so the request can do its own reads while Redis works.
    """
    if not limiter.enabled:
        return _no_limits
    config = current_app.config
    prefix = config.get("RATELIMIT_KEY_PREFIX") or ""
    # The voter first: one voter over their limit does not eat into their network's.
    hits = []
    for setting, key, scope in ((config["VOTE_RATE_LIMIT_VOTER"], voter, VOTER_SCOPE),
                                (config["VOTE_RATE_LIMIT_ADDRESS"], address, ADDRESS_SCOPE)):
        identifiers = (prefix, key, scope) if prefix else (key, scope)
        hits.extend((item, identifiers) for item in _items(setting))
    strategy = limiter.limiter
    storage = strategy.storage
    if type(strategy) is FixedWindowRateLimiter and type(storage) is RedisStorage:
        keys = [storage.prefixed_key(item.key_for(*ids)) for item, ids in hits]
        args = [item.get_expiry() for item, _ in hits] + [item.amount for item, _ in hits]
        verdict = _send_hit_all(storage, keys, args)
        return lambda: _refuse_if(verdict())
    breached = _breached(lambda: not all(strategy.hit(item, *identifiers)
                                         for item, identifiers in hits))
    return lambda: _refuse_if(breached)


def _no_limits() -> None:
    return None
