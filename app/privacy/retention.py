"""How long Minga keeps what: the periodic job (every hour, from the worker `make run`
starts) and `flask privacy retention` (for cron) apply the retention settings, which the
privacy notice states:

- the link between voters and their votes, PRIVACY_VOTE_LINK_MONTHS after a call's
  results are published (counts stay: ballots and votes remain, linked to nobody);
- accounts never verified, PRIVACY_UNVERIFIED_DAYS after registration;
- logins unused for their lifetime, failed-login counters a day after the last failure;
- downloads of one's data once expired (the file), building ones that never finished.
"""

import calendar
import logging
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import String, cast, delete, select
from sqlalchemy.exc import IntegrityError

from app.accounts import logins, throttle
from app.accounts.models import Login, User
from app.audit.models import AuditEvent
from app.audit.services import record_event
from app.calls.models import Call
from app.core.clock import now
from app.extensions import db
from app.privacy import portability
from app.privacy.erasure import erase_account
from app.privacy.models import BUILDING, READY, DataExport
from app.priorities.personal_data import drop_choice_links
from app.privacy.providers import unlink_votes
from app.proposals.models import Proposal
from app.voting.models import Ballot

log = logging.getLogger(__name__)
VOTE_LINKS_DROPPED = "call.voter_links_dropped"


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time `months` earlier (the month's last day if it is shorter)."""
    year, month = divmod(moment.year * 12 + moment.month - 1 - months, 12)
    last_day = calendar.monthrange(year, month + 1)[1]
    return moment.replace(year=year, month=month + 1, day=min(moment.day, last_day))


def retention_values() -> dict:
    """The settings the privacy notice and the register quote, by name."""
    config = current_app.config
    return {"vote_link_months": config["PRIVACY_VOTE_LINK_MONTHS"],
            "unverified_days": config["PRIVACY_UNVERIFIED_DAYS"],
            "export_hours": config["DATA_EXPORT_HOURS"]}


def drop_vote_links() -> int:
    """Unlink voters from their votes in every call past its retention; return how many
    calls had links to drop. Every count, and `flask votes verify`, stay as they were."""
    cutoff = months_before(now(), current_app.config["PRIVACY_VOTE_LINK_MONTHS"])
    calls = db.session.scalars(select(Call).where(Call.results_published_at.is_not(None),
                                                  Call.results_published_at <= cutoff)).all()
    dropped = 0
    for call in calls:
        linked = db.session.scalar(select(Ballot.id).where(
            Ballot.call_id == call.id, Ballot.user_id.is_not(None)).limit(1))
        events = select(cast(Proposal.id, String)).where(Proposal.call_id == call.id)
        if linked is None and db.session.scalar(select(AuditEvent.id).where(
                AuditEvent.target_type == Proposal.__tablename__,
                AuditEvent.target_id.in_(events), AuditEvent.actor_id.is_not(None),
                AuditEvent.action.in_(("vote.cast", "vote.withdrawn"))).limit(1)) is None:
            continue
        unlink_votes(Ballot.call_id == call.id,
                     (AuditEvent.target_type == Proposal.__tablename__)
                     & AuditEvent.target_id.in_(events))
        record_event(None, VOTE_LINKS_DROPPED, call)
        dropped += 1
    return dropped


def forget_unverified_accounts() -> int:
    """Delete accounts never verified after PRIVACY_UNVERIFIED_DAYS; return how many.

    One that left something behind (a moderator blocked it, say) is erased instead: the
    rows that point to it keep a pseudonym.
    """
    cutoff = now() - timedelta(days=current_app.config["PRIVACY_UNVERIFIED_DAYS"])
    stale = db.session.scalars(select(User).where(
        User.email_verified_at.is_(None), User.erased_at.is_(None),
        User.created_at <= cutoff).limit(500)).all()
    for user in stale:
        throttle.clear(throttle.address_key(user.email))
        try:
            with db.session.begin_nested():
                db.session.execute(delete(AuditEvent).where(
                    (AuditEvent.actor_id == user.id)
                    | ((AuditEvent.target_type == User.__tablename__)
                       & (AuditEvent.target_id == str(user.id)))))
                db.session.execute(delete(Login).where(Login.user_id == user.id))
                db.session.delete(user)
                db.session.flush()
        except IntegrityError:
            user = db.session.get(User, user.id)
            erase_account(user)
    return len(stale)


def forget_expired_downloads() -> int:
    moment = now()
    return portability.discard(db.session.scalars(select(DataExport).where(
        ((DataExport.status == READY) & (DataExport.expires_at <= moment))
        | ((DataExport.status == BUILDING)
           & (DataExport.created_at <= moment - timedelta(days=1))))))


def apply_retention() -> dict:
    """The periodic job: everything past its retention goes; returns what went, by kind."""
    done = {
        "vote_links": drop_vote_links(),
        "priority_choice_links": drop_choice_links(
            months_before(now(), current_app.config["PRIVACY_VOTE_LINK_MONTHS"])),
        "unverified_accounts": forget_unverified_accounts(),
        "logins": logins.forget_expired_logins(),
        "failed_logins": throttle.forget_old_failures(),
        "downloads": forget_expired_downloads(),
    }
    db.session.commit()
    if any(done.values()):
        log.info("retention applied: %s", done)
    return done
