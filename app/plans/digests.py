"""Daily and weekly digests for those who follow a plan or a commitment and would rather
not get a mail on each piece of news: one mail per person, gathering every update,
dispute and overdue milestone since their follow's last digest, and none when nothing
happened.

The job runs every hour; a follow is due once its period has passed since its last
digest. Each follow is claimed with a conditional UPDATE on `last_digest_at` before its
mail is queued, so a second run (or a second worker at the same time) finds nothing due.
"""

from collections import defaultdict
from datetime import datetime, timedelta

from flask import current_app, render_template, url_for
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from app.accounts.notifications import reachable
from app.audit.models import AuditEvent
from app.core.clock import now
from app.core.mail import send_mail
from app.extensions import db
from app.plans.follows import OVERDUE_TOLD, unfollow_token
from app.plans.models import (
    Commitment,
    Counterassessment,
    Follow,
    Milestone,
    Plan,
    ProgressUpdate,
)
from app.plans.progress import SELF_STATUSES

PERIODS = {"daily": timedelta(days=1), "weekly": timedelta(days=7)}
# The job runs hourly at a fixed minute: without this slack a daily digest would slip an
# hour later each day.
SLACK = timedelta(minutes=30)
SUBJECTS = {
    "daily": _l("Your daily digest of the plans and commitments you follow"),
    "weekly": _l("Your weekly digest of the plans and commitments you follow"),
}


def _since(found: Follow) -> datetime:
    return found.last_digest_at or found.created_at


def is_due(found: Follow, at: datetime) -> bool:
    period = PERIODS.get(found.frequency)
    return period is not None and at - _since(found) >= period - SLACK


def _claim(found: Follow, at: datetime) -> bool:
    """Mark the follow's digest as sent at `at`, unless another run did it first."""
    seen = (Follow.last_digest_at.is_(None) if found.last_digest_at is None
            else Follow.last_digest_at == found.last_digest_at)
    done = db.session.execute(update(Follow).where(Follow.id == found.id, seen)
                              .values(last_digest_at=at)
                              .execution_options(synchronize_session=False))
    return done.rowcount == 1


def _covered(found: Follow, direct: set[int]) -> list[Commitment]:
    """The commitments a follow's digest speaks for: a plan's, less those the person
    follows one by one (that follow decides how they hear of it)."""
    if found.target_type == "commitment":
        commitment = db.session.get(Commitment, found.target_id)
        return [commitment] if commitment else []
    return [c for c in db.session.scalars(select(Commitment).where(
        Commitment.plan_id == found.target_id).order_by(Commitment.reference))
        if c.id not in direct]


def _news(user, commitments: list[Commitment], since: datetime, until: datetime) -> list:
    """(commitment, kind, thing) for what happened to these commitments in [since, until),
    leaving out what the person did themself."""
    ids = [c.id for c in commitments]
    if not ids:
        return []
    found = []
    for item in db.session.scalars(select(ProgressUpdate).where(
            ProgressUpdate.commitment_id.in_(ids), ProgressUpdate.author_id != user.id,
            ProgressUpdate.published_at >= since, ProgressUpdate.published_at < until)
            .order_by(ProgressUpdate.published_at, ProgressUpdate.id)):
        found.append((item.commitment, "update", item, item.published_at))
    for item in db.session.scalars(select(Counterassessment).join(
            ProgressUpdate, ProgressUpdate.id == Counterassessment.update_id).where(
            ProgressUpdate.commitment_id.in_(ids), Counterassessment.stance == "disagree",
            Counterassessment.author_id != user.id, Counterassessment.created_at >= since,
            Counterassessment.created_at < until)
            .order_by(Counterassessment.created_at, Counterassessment.id)):
        found.append((item.update.commitment, "dispute", item, item.created_at))
    milestones = {str(m.id): m for m in db.session.scalars(
        select(Milestone).where(Milestone.commitment_id.in_(ids)))}
    if milestones:
        for told in db.session.scalars(select(AuditEvent).where(
                AuditEvent.action == OVERDUE_TOLD,
                AuditEvent.target_id.in_(list(milestones)),
                AuditEvent.occurred_at >= since, AuditEvent.occurred_at < until)
                .order_by(AuditEvent.id)):
            milestone = milestones[told.target_id]
            found.append((milestone.commitment, "overdue", milestone, told.occurred_at))
    return found


def _send(user, frequency: str, claimed: list[Follow], items: list) -> None:
    by_commitment = defaultdict(list)
    for commitment, kind, thing, _when in sorted(items, key=lambda i: (i[0].reference, i[3])):
        by_commitment[commitment].append((kind, thing))
    sections = [(c, url_for("plans.commitment", slug=c.plan.slug, reference=c.reference,
                            _external=True), news) for c, news in by_commitment.items()]
    stops = []
    for found in claimed:
        model = Plan if found.target_type == "plan" else Commitment
        thing = db.session.get(model, found.target_id)
        label = thing.title if found.target_type == "plan" else (
            f"{thing.reference} · {thing.title}")
        stops.append((found.target_type, label,
                      url_for("plans.unfollow", token=unfollow_token(found), _external=True)))
    with force_locale(user.locale or current_app.config["MINGA_DEFAULT_LOCALE"]):
        subject = str(SUBJECTS[frequency])
        body = render_template("mail/plan_digest.txt", user=user, frequency=frequency,
                               sections=sections, stops=stops, statuses=SELF_STATUSES)
    headers = {}
    if len(stops) == 1:  # one-click unsubscribe names one follow; several are in the body
        headers = {"List-Unsubscribe": f"<{stops[0][2]}>",
                   "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    send_mail(user.email, subject, body, headers=headers)


def send_digests() -> int:
    """The periodic job: each person with a digest due gets one mail, if anything
    happened. Returns the mails queued."""
    at = now()
    every = db.session.scalars(select(Follow).order_by(Follow.user_id, Follow.id)).all()
    direct = defaultdict(set)
    due = defaultdict(list)
    for found in every:
        if found.target_type == "commitment":
            direct[found.user_id].add(found.target_id)
        if is_due(found, at):
            due[found.user_id].append(found)
    mailed = 0
    for user_id, follows in due.items():
        claimed, items = [], []
        for found in follows:
            since = _since(found)
            if not _claim(found, at):
                continue
            claimed.append(found)
            items += _news(found.user, _covered(found, direct[user_id]), since, at)
        user = claimed[0].user if claimed else None
        if not items or not reachable(user):
            continue
        # The person's digest is as frequent as the most frequent of their due follows.
        frequency = "daily" if any(f.frequency == "daily" for f in claimed) else "weekly"
        _send(user, frequency, claimed, items)
        mailed += 1
    db.session.commit()
    return mailed
