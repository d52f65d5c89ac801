"""The plans' personal data (app/privacy/registry.py).

What a person follows and the commitments they report on are theirs alone: an erasure
deletes them. Progress updates and civil society's readings are the public record of the
plan's monitoring: they stay, shown under the account's pseudonym."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select

from app.extensions import db
from app.plans.models import Counterassessment, Follow, Implementer, ProgressUpdate
from app.privacy.registry import PersonalData, iso, provide


def _export_follows(user) -> list[dict]:
    return [{"follows": follow.target_type, "id": follow.target_id,
             "frequency": follow.frequency}
            for follow in db.session.scalars(select(Follow).where(Follow.user_id == user.id)
                                             .order_by(Follow.id))]


def _erase_follows(user, _pseudonym: str) -> None:
    db.session.execute(delete(Follow).where(Follow.user_id == user.id)
                       .execution_options(synchronize_session=False))


def _export_implementing(user) -> list[dict]:
    return [{"commitment_id": row.commitment_id, "assigned_at": iso(row.assigned_at)}
            for row in db.session.scalars(select(Implementer)
                                          .where(Implementer.user_id == user.id)
                                          .order_by(Implementer.id))]


def _erase_implementing(user, _pseudonym: str) -> None:
    db.session.execute(delete(Implementer).where(Implementer.user_id == user.id)
                       .execution_options(synchronize_session=False))


def _export_reports(user) -> list[dict]:
    updates = [{"kind": "progress update", "commitment_id": u.commitment_id,
                "status": u.status, "text": u.narrative, "at": iso(u.published_at)}
               for u in db.session.scalars(select(ProgressUpdate)
                                           .where(ProgressUpdate.author_id == user.id)
                                           .order_by(ProgressUpdate.id))]
    readings = [{"kind": "reading", "commitment_id": None, "status": r.stance,
                 "text": r.reasons, "at": iso(r.created_at)}
                for r in db.session.scalars(select(Counterassessment)
                                            .where(Counterassessment.author_id == user.id)
                                            .order_by(Counterassessment.id))]
    return updates + readings


provide(PersonalData(
    name="plan_follows", what=_l("Plans and commitments you follow"), where="plan_follows",
    why=_l("To mail you when what you follow moves."),
    kept=_l("Until you stop following, or delete your account."),
    export=_export_follows, erase=_erase_follows, order=60))
provide(PersonalData(
    name="implementing", what=_l("Commitments you report on"), where="implementers",
    why=_l("To let you post progress updates on them."),
    kept=_l("Until an administrator removes you, or you delete your account."),
    export=_export_implementing, erase=_erase_implementing, order=60))
provide(PersonalData(
    name="plan_reports", what=_l("Your progress updates and readings of them"),
    where="progress_updates, counterassessments",
    why=_l("The monitoring of the plan is public."),
    kept=_l("For good, under a pseudonym once your account is deleted."),
    export=_export_reports, order=60))
