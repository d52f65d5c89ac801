"""Which themes a person chose is a political opinion (app/privacy/registry.py): it is in
their download; an erasure, or the retention period after the poll closes, unlinks it from
them, and every count stays as it was."""

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from app.audit.models import AuditEvent
from app.calls.models import Call
from app.extensions import db
from app.priorities.models import PriorityBallot, PriorityPick, PriorityPoll, PriorityTheme
from app.privacy.registry import PersonalData, iso, provide

CHOSEN = "priorities.chosen"


def _export_choices(user) -> list[dict]:
    ballots = db.session.execute(
        select(PriorityBallot, Call.slug).join(PriorityPoll, PriorityPoll.id ==
                                               PriorityBallot.poll_id)
        .join(Call, Call.id == PriorityPoll.call_id)
        .where(PriorityBallot.user_id == user.id).order_by(PriorityBallot.id)).all()
    rows = []
    for ballot, slug in ballots:
        themes = db.session.scalars(select(PriorityTheme.name).join(
            PriorityPick, PriorityPick.theme_id == PriorityTheme.id)
            .where(PriorityPick.ballot_id == ballot.id).order_by(PriorityTheme.name))
        rows.append({"call": slug, "themes": "; ".join(themes), "at": iso(ballot.created_at)})
    return rows


def unlink_choices(ballots, events) -> None:
    """Drop the link between people and their choices; `ballots` is a condition on
    PriorityBallot, `events` one on AuditEvent for the same choices."""
    db.session.execute(update(PriorityBallot).where(ballots, PriorityBallot.user_id.is_not(None))
                       .values(user_id=None).execution_options(synchronize_session=False))
    db.session.execute(update(AuditEvent).where(AuditEvent.action == CHOSEN, events)
                       .values(actor_id=None).execution_options(synchronize_session=False))


def _erase_choices(user, _pseudonym: str) -> None:
    unlink_choices(PriorityBallot.user_id == user.id, AuditEvent.actor_id == user.id)


def drop_choice_links(cutoff: datetime) -> int:
    """Retention: unlink every choice of the polls closed before `cutoff`; returns how many
    polls still had links."""
    polls = db.session.scalars(select(PriorityPoll.id).where(
        PriorityPoll.closes_at <= cutoff,
        PriorityPoll.id.in_(select(PriorityBallot.poll_id).where(
            PriorityBallot.user_id.is_not(None))))).all()
    for poll_id in polls:
        unlink_choices(PriorityBallot.poll_id == poll_id,
                       (AuditEvent.target_type == PriorityPoll.__tablename__)
                       & (AuditEvent.target_id == str(poll_id)))
    return len(polls)


provide(PersonalData(
    name="priority_choices", what=_l("Themes you chose in priorities polls"),
    where="priority_ballots, priority_picks",
    why=_l("To count your choice and to let you choose only once."),
    kept=_l("Counted for good; the link to you is dropped %(vote_link_months)s months "
            "after the poll closes, or when you delete your account."),
    export=_export_choices, erase=_erase_choices, order=60))
