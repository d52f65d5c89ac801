"""The vote rate limits: per voter and per address, shared by casting and withdrawing.

Generous per address (a dialogue session votes from one network), tighter per voter.
Flask-Limiter counts them (in Redis when RATELIMIT_STORAGE_URI names it) with the
settings VOTE_RATE_LIMIT_VOTER and VOTE_RATE_LIMIT_ADDRESS; RATELIMIT_SWALLOW_ERRORS
decides what happens while the storage is unreachable (see config.py).
"""

from flask import current_app, session
from flask_login import current_user

from app.extensions import limiter
from app.voting.visitor import SESSION_KEY
from app.web.requests import client_address

VOTER_SCOPE = "votes-by-voter"
ADDRESS_SCOPE = "votes-by-address"


def voter_key() -> str:
    """Whom the per-voter limit counts: the account, else the session's code ballots
    (code voters at a dialogue session share one network), else the address."""
    if current_user.is_authenticated:
        return f"voter:user:{current_user.id}"
    ballots = session.get(SESSION_KEY) or {}
    if ballots:
        return "voter:code:" + ",".join(str(b) for b in sorted(ballots.values()))
    return f"voter:anonymous:{client_address()}"


per_voter = limiter.shared_limit(lambda: current_app.config["VOTE_RATE_LIMIT_VOTER"],
                                 scope=VOTER_SCOPE, key_func=voter_key)
per_address = limiter.shared_limit(lambda: current_app.config["VOTE_RATE_LIMIT_ADDRESS"],
                                   scope=ADDRESS_SCOPE, key_func=client_address)
