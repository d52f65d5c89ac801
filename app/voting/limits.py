"""The vote rate limits: per address and per voter, counted in one round trip to Redis.

Casting and withdrawing share one budget of requests per client address (generous: a
dialogue session votes from one network) and one per voter (tighter). They are the
limits Flask-Limiter's `shared_limit` kept, with its keys, its fixed windows and its
settings (RATELIMIT_ENABLED, RATELIMIT_KEY_PREFIX, RATELIMIT_STORAGE_URI), but every
counter of a vote moves in one Lua call: a vote is the busiest request of the site, and
two round trips and Flask-Limiter's per-request bookkeeping were a fifth of its cost.

Other strategies or storages than a fixed window in plain Redis (memory in tests, a
Redis cluster, a moving window) go through the limiter's own strategy, limit by limit.
"""

from functools import lru_cache
from weakref import WeakKeyDictionary

from flask import current_app
from limits import parse_many
from limits.storage import RedisStorage
from limits.strategies import FixedWindowRateLimiter
from werkzeug.exceptions import TooManyRequests

from app.extensions import limiter

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


def hit_vote_limits(address: str, voter: str) -> None:
    """Count one vote request against the address's and the voter's limits.

    :raises TooManyRequests: (HTTP 429) when either is used up.
    """
    if not limiter.enabled:
        return
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
        if _script(storage)(keys=keys, args=args):
            raise TooManyRequests
        return
    for item, identifiers in hits:
        if not strategy.hit(item, *identifiers):
            raise TooManyRequests
