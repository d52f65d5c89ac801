"""An earlier demo cycle whose voting has closed: proposals, voters and a long tail of votes.

Bulk inserts (one executemany per table) keep `flask demo load` quick; the
counters are then set from the rows, exactly as `flask votes verify --fix` would.
"""

import random
from datetime import timedelta

from flask import current_app
from sqlalchemy import func, insert, select

from app.accounts.models import SECTORS, User
from app.calls.models import Call
from app.calls.services import create_call
from app.core.clock import now
from app.demo.content import demo_proposals
from app.demo.publishing import publish_demo_proposal
from app.extensions import db
from app.proposals.models import Proposal
from app.voting.models import Ballot, Vote

VOTERS = 900
UNUSABLE_PASSWORD = "!"  # demo voters never log in

PAST_DESCRIPTION = """\
Ciclo anterior de co-creación (demostración). La convocatoria y la votación ya cerraron: \
la Mesa de Gobierno Abierto revisó los resultados ordenados por votos y respondió cada \
propuesta.
"""

PAST_TEXTS_EN = {
    "title": "Open Government Action Plan 2023–2025 (demo)",
    "description": """\
Earlier co-creation cycle (demo). Submissions and voting have closed: the Working Group \
reviewed the ranked results and answered every proposal.
""",
}


def load_past_cycle(admin: User, authors: list[User], themes: list[str],
                    rules: tuple[str, str]) -> Call:
    """Create the closed cycle with about 30 proposals and a few thousand votes.

    `rules` is the Working Group's rules in Spanish and in English.
    """
    at = now()
    rng = random.Random(2023)
    opens = (at - timedelta(days=400)).replace(hour=9, minute=0, second=0, microsecond=0)
    rules_es, rules_en = rules
    call = create_call(
        admin, "nap-2023", title="Plan de Acción de Gobierno Abierto 2023–2025 (demo)",
        description=PAST_DESCRIPTION, submission_opens_at=opens,
        submission_closes_at=opens + timedelta(days=30),
        voting_opens_at=opens + timedelta(days=40), voting_closes_at=opens + timedelta(days=61),
        votes_per_voter=10, themes=themes, allow_vote_withdrawal=True,
        hide_counts_until_close=True, max_proposals_per_author=5, eligibility="email",
        decision_rule="consensus", rules=rules_es, comments_open=True,
        translations={"en": {**PAST_TEXTS_EN, "rules": rules_en}})
    call.created_at = opens - timedelta(days=21)  # announced with its dates three weeks ahead
    proposals = _proposals(call, authors, opens, rng)
    _votes(call, proposals, rng)
    return call


def _proposals(call, authors, opens, rng) -> list[Proposal]:
    proposals = []
    for item in demo_proposals()[-30:]:
        published = opens + timedelta(days=rng.uniform(0.5, 29.5))
        proposal = publish_demo_proposal(call, authors[item["author"]], item, published)
        proposals.append(proposal)
    return proposals


def _votes(call, proposals, rng) -> None:
    at, regions = now(), current_app.config["MINGA_REGIONS"]
    sectors = [s for s in SECTORS if s != "government"] * 3 + ["government"]
    # RETURNING keeps PostgreSQL's id sequences right (explicit ids would not advance them).
    user_ids = db.session.scalars(insert(User).returning(User.id, sort_by_parameter_order=True), [
        {"email": f"votante-{n:04d}@demo.minga.cl",
         "password_hash": UNUSABLE_PASSWORD, "name": f"Votante {n:04d}",
         "sector": rng.choice(sectors), "region": rng.choice(regions), "role": "participant",
         "email_verified_at": at, "privacy_accepted_at": at, "created_at": at,
         # Invented voters: the demo mails none of them (900 outcome messages).
         "notify_by_email": False, "notify_outcomes": False}
        for n in range(VOTERS)]).all()
    # Zipf-like popularity: a few proposals gather most votes, as in real calls.
    order = list(range(len(proposals)))
    rng.shuffle(order)
    weights = [1 / (rank + 1) ** 1.1 for rank in range(len(proposals))]
    window = (call.voting_closes_at - call.voting_opens_at).total_seconds()
    ballots, votes = [], []
    for n in range(VOTERS):
        picks = set()
        for _ in range(min(10, max(1, int(rng.expovariate(1 / 4))))):
            picks.add(order[rng.choices(range(len(proposals)), weights)[0]])
        ballots.append({"call_id": call.id, "user_id": user_ids[n],
                        "budget": call.votes_per_voter, "used": len(picks), "created_at": at})
        # More votes early and on the last day, as reminders go out.
        moments = sorted(call.voting_opens_at + timedelta(
            seconds=window * min(rng.betavariate(0.8, 1.4), 0.999)) for _ in picks)
        votes.append(list(zip(sorted(picks), moments, strict=True)))
    ballot_ids = db.session.scalars(
        insert(Ballot).returning(Ballot.id, sort_by_parameter_order=True), ballots).all()
    db.session.execute(insert(Vote), [
        {"ballot_id": ballot_ids[n], "proposal_id": proposals[index].id, "created_at": moment}
        for n, picks in enumerate(votes) for index, moment in picks])
    counts = dict(db.session.execute(
        select(Vote.proposal_id, func.count()).group_by(Vote.proposal_id)).all())
    for proposal in proposals:
        proposal.vote_count = counts.get(proposal.id, 0)
    db.session.flush()
