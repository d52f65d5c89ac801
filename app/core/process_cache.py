"""Figures a process keeps a short while, where their cost matters more than a minute's lag.

Each store lives in `app.extensions` and holds one entry per slot (a call, say). An entry
is replaced once it is older than the time-to-live or when its variant (what may be shown)
changes, so a store grows with its slots, never with time. Ages come from the app clock.
"""

from collections.abc import Callable, Hashable
from typing import TypeVar

from flask import current_app

from app.core.clock import now

T = TypeVar("T")


def remembered(store: str, slot: Hashable, ttl_seconds: float, compute: Callable[[], T],
               variant: Hashable = None) -> T:
    """`compute()`'s value for `slot`, kept `ttl_seconds` while `variant` stays the same."""
    if ttl_seconds <= 0:
        return compute()
    entries = current_app.extensions.setdefault(store, {})
    at = now()
    entry = entries.get(slot)
    if entry is not None:
        kept_at, kept_variant, value = entry
        if kept_variant == variant and 0 <= (at - kept_at).total_seconds() < ttl_seconds:
            return value
    value = compute()
    entries[slot] = (at, variant, value)
    return value
