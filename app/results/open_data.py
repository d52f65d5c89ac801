"""The public record of a call as rows: the one source for exports, the API and the page.

Only what is public goes in. Never an email, an account id, a vote tied to a person or
an internal note; vote counts only once they are public; decisions only once the
results are published.
"""

from collections.abc import Iterator
from datetime import datetime

from flask import current_app
from sqlalchemy import func, select

from app.calls.models import Call
from app.core.clock import now
from app.extensions import db
from app.proposals.models import PUBLIC_STATUSES, Proposal
from app.review.models import StandingDecision
from app.review.services import decisions_by_proposal, results_published
from app.voting.models import Ballot, Vote

LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
PROPOSAL_FIELDS = ("reference", "title", "summary", "problem", "commitment", "solution",
                   "expected_results", "theme", "ogp_values", "region", "responsible_body",
                   "organisation", "status", "published_at", "edited_at", "withdrawn_at",
                   "withdrawal_reason", "votes", "outcome", "response", "merged_into",
                   "credited_author", "origin", "dialogue_session", "entered_by", "origin_note")
DECISION_FIELDS = ("reference", "outcome", "response", "merged_into", "position_government",
                   "position_civil_society", "position_academia", "decided_at", "revised_at")


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def call_record(call: Call, at=None) -> dict:
    at = at or now()
    return {
        "slug": call.slug, "title": call.title, "description": call.description,
        "phase": str(call.phase(at)),
        "submission_opens_at": iso(call.submission_opens_at),
        "submission_closes_at": iso(call.submission_closes_at),
        "voting_opens_at": iso(call.voting_opens_at),
        "voting_closes_at": iso(call.voting_closes_at),
        "results_published_at": iso(call.results_published_at)
        if results_published(call, at) else None,
        "votes_per_voter": call.votes_per_voter, "themes": list(call.themes),
        "eligibility": call.eligibility, "decision_rule": call.decision_rule,
        "hide_counts_until_close": call.hide_counts_until_close,
        "counts_public": call.counts_public(at), "rules": call.rules,
        # title, description and rules above are in this language; the others follow.
        "language": current_app.config["MINGA_DEFAULT_LOCALE"],
        "translations": {code: dict(texts) for code, texts in (call.translations or {}).items()},
    }


def proposal_record(proposal: Proposal, counts_public: bool,
                    decision: StandingDecision | None) -> dict:
    return {
        "reference": proposal.reference, "title": proposal.title, "summary": proposal.summary,
        "problem": proposal.problem, "commitment": proposal.commitment,
        "solution": proposal.solution, "expected_results": proposal.expected_results,
        "theme": proposal.theme, "ogp_values": list(proposal.ogp_values),
        "region": proposal.region, "responsible_body": proposal.responsible_body,
        "organisation": proposal.organisation, "status": proposal.status,
        "published_at": iso(proposal.published_at), "edited_at": iso(proposal.edited_at),
        "withdrawn_at": iso(proposal.withdrawn_at),
        "withdrawal_reason": proposal.withdrawal_reason,
        "votes": proposal.vote_count if counts_public else None,
        "outcome": decision.outcome if decision else None,
        "response": decision.response if decision else None,
        "merged_into": (decision.merged_into.reference if decision and decision.merged_into
                        else proposal.merged_into.reference if proposal.merged_into else None),
        **provenance_record(proposal),
    }


def provenance_record(proposal: Proposal) -> dict:
    """Who proposed what was gathered offline, and where and by whom it was entered; all
    None for a proposal its author submitted online."""
    if not proposal.origin:
        return dict.fromkeys(("credited_author", "origin", "dialogue_session", "entered_by",
                              "origin_note"))
    session = proposal.dialogue_session
    return {"credited_author": proposal.credited_author, "origin": proposal.origin,
            "dialogue_session": session.title if session else None,
            "entered_by": proposal.author.name, "origin_note": proposal.origin_note}


def priorities_record(poll) -> dict:
    """A priorities poll and its counts: public while it runs and after."""
    from app.priorities.services import ballot_count, ranked_themes

    return {"max_picks": poll.max_picks, "opens_at": iso(poll.opens_at),
            "closes_at": iso(poll.closes_at), "adopted_at": iso(poll.adopted_at),
            "ballots": ballot_count(poll),
            "themes": [{"name": t.name, "description": t.description, "votes": t.vote_count}
                       for t in ranked_themes(poll)]}


def dialogue_record(session) -> dict:
    """A dialogue session as published: attendance by sector only, never names of those
    who attended; its facilitators by public name."""
    from app.dialogues.services import proposals_entered_at, published_documents

    return {"id": session.id, "title": session.title, "kind": session.kind,
            "region": session.region, "city": session.city, "held_at": iso(session.held_at),
            "convened_by": session.convened_by,
            "facilitators": [f.user.name for f in session.facilitators],
            "attendance": dict(session.attendance or {}), "agenda": session.agenda,
            "minutes": session.minutes, "documents": published_documents(session),
            "proposals": [p.reference for p in proposals_entered_at(session)]}


def decision_record(reference: str, decision: StandingDecision) -> dict:
    return {"reference": reference, "outcome": decision.outcome, "response": decision.response,
            "merged_into": decision.merged_into.reference if decision.merged_into else None,
            **{f"position_{c}": p for c, p in decision.positions().items()},
            "decided_at": iso(decision.decided_at), "revised_at": iso(decision.revised_at)}


def published_decisions(call: Call, at=None,
                        proposal_ids=None) -> dict[int, StandingDecision]:
    """Decisions by proposal id (of `proposal_ids` only, when given), each as it last stood
    (never a revision still gathering positions), or nothing before the results are
    published."""
    if not results_published(call, at):
        return {}
    found = {pid: d.standing() for pid, d in decisions_by_proposal(call, proposal_ids).items()}
    return {pid: standing for pid, standing in found.items() if standing is not None}


def public_proposals_query(call: Call):
    return (select(Proposal).where(Proposal.call_id == call.id,
                                   Proposal.status.in_(PUBLIC_STATUSES))
            .order_by(Proposal.reference))


def proposal_rows(call: Call, at=None) -> Iterator[dict]:
    """Every public proposal of the call, in reference order, streamed from the database."""
    at = at or now()
    counts_public = call.counts_public(at)
    decisions = published_decisions(call, at)
    # 100 proposals at a time: with 500, a worker serving the export grew 16 MiB, not 10.
    for proposal in db.session.scalars(public_proposals_query(call)
                                       .execution_options(yield_per=100)):
        yield proposal_record(proposal, counts_public, decisions.get(proposal.id))


def decision_rows(call: Call, at=None) -> Iterator[dict]:
    decisions = published_decisions(call, at)
    if not decisions:
        return
    references = dict(db.session.execute(select(Proposal.id, Proposal.reference)
                                          .where(Proposal.id.in_(decisions))).all())
    for proposal_id in sorted(decisions, key=lambda pid: references[pid]):
        yield decision_record(references[proposal_id], decisions[proposal_id])


def votes_per_day(call: Call, at=None) -> list[dict]:
    """Votes cast per calendar day (UTC), only once counts are public."""
    if not call.counts_public(at or now()):
        return []
    day = func.date(Vote.created_at)
    rows = db.session.execute(
        select(day, func.count(Vote.id)).join(Ballot, Vote.ballot_id == Ballot.id)
        .where(Ballot.call_id == call.id).group_by(day).order_by(day)).all()
    return [{"day": str(d), "votes": n} for d, n in rows]


def metadata(call: Call, at=None) -> dict:
    return {"call": call.slug, "title": call.title, "licence": LICENCE,
            "licence_url": LICENCE_URL, "generated_at": iso(at or now()),
            "publisher": "Minga", "counts_public": call.counts_public(at or now()),
            "results_published": results_published(call, at)}
