"""The monthly reminder to implementers: the milestones of their commitments that are past
their end date with no progress reported, each with the page to report on."""

from collections import defaultdict

from flask import current_app, render_template, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from app.accounts.notifications import reachable
from app.audit.models import AuditEvent
from app.audit.services import append_event
from app.core.mail import send_mail
from app.extensions import db
from app.plans.models import Commitment, Implementer, Milestone, Plan
from app.plans.readings import overdue, today
from app.plans.reporting import current_updates, milestone_statuses

REMINDED = "implementers.reminded"


def remind_implementers() -> int:
    """The periodic job (the 1st of each month): one mail per implementer with overdue
    milestones. Runs once a month however often it is started. Returns mails sent."""
    on = today()
    month = on.strftime("%Y-%m")
    if db.session.scalar(select(AuditEvent.id).where(
            AuditEvent.action == REMINDED, AuditEvent.target_id == month)):
        return 0
    late = db.session.scalars(select(Milestone).join(Commitment).join(Plan).where(
        Milestone.ends_on < on, Plan.status.in_(("adopted", "implementation")))).all()
    statuses = milestone_statuses(current_updates({m.commitment_id for m in late}))
    by_commitment = defaultdict(list)
    for milestone in overdue(late, statuses, on):
        by_commitment[milestone.commitment_id].append(milestone)
    by_person = defaultdict(list)
    for implementer in db.session.scalars(select(Implementer).where(
            Implementer.commitment_id.in_(by_commitment)).order_by(Implementer.id)):
        by_person[implementer.user].append(db.session.get(Commitment,
                                                          implementer.commitment_id))
    mailed = 0
    for user, commitments in by_person.items():
        if not reachable(user):
            continue
        items = [(c, by_commitment[c.id], url_for("plans.new_update", slug=c.plan.slug,
                                                   reference=c.reference, _external=True))
                 for c in sorted(commitments, key=lambda c: c.reference)]
        with force_locale(user.locale or current_app.config["MINGA_DEFAULT_LOCALE"]):
            subject = _("Milestones waiting for your progress report")
            body = render_template("mail/implementer_reminder.txt", user=user, items=items)
        send_mail(user.email, subject, body)
        mailed += 1
    append_event(None, REMINDED, "implementers", month, after={"mailed": mailed})
    db.session.commit()
    return mailed
