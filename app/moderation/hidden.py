"""The moderators' list of hidden proposals and comments, whoever hid them, to restore them.

Content a moderator hid leaves the reports queue (its reports are resolved), so without
this list nobody could find it again.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, literal, or_, select, union_all
from sqlalchemy.orm import selectinload

from app.accounts.models import User
from app.core.timezones import local_to_utc
from app.extensions import db
from app.moderation.models import Comment
from app.moderation.services import NotModerator, can_moderate
from app.proposals.models import Proposal
from app.web.paging import Page

PER_PAGE = 25
AUTOMATIC = "auto"  # the "who hid it" filter's value for hides by reports


@dataclass(frozen=True)
class HiddenFilter:
    """What a moderator asked the list for, already checked against the choices offered."""

    call_id: int | None = None
    kind: str = ""  # "", "proposal" or "comment"
    hidden_by: str = ""  # "", AUTOMATIC, or a user id as text
    hidden_from: date | None = None  # days in the site's timezone, both included
    hidden_to: date | None = None


@dataclass(frozen=True)
class HiddenItem:
    kind: str
    target: Proposal | Comment

    @property
    def subject(self):
        """The proposal, or the proposal or commitment a comment is on."""
        return self.target if self.kind == "proposal" else self.target.subject

    @property
    def context_title(self) -> str:
        """The call of a proposal, or the plan of a commitment."""
        subject = self.subject
        return subject.call.title if isinstance(subject, Proposal) else subject.plan.title


def _start_of(day: date) -> datetime:
    return local_to_utc(datetime.combine(day, time.min))


def _filtered(stmt, filters: HiddenFilter, hidden_at, hidden_by_id):
    if filters.call_id is not None:
        stmt = stmt.where(Proposal.call_id == filters.call_id)
    if filters.hidden_by == AUTOMATIC:
        stmt = stmt.where(hidden_by_id.is_(None))
    elif filters.hidden_by:
        stmt = stmt.where(hidden_by_id == int(filters.hidden_by))
    if filters.hidden_from:
        stmt = stmt.where(hidden_at >= _start_of(filters.hidden_from))
    if filters.hidden_to:
        stmt = stmt.where(hidden_at < _start_of(filters.hidden_to + timedelta(days=1)))
    return stmt


def _hidden_rows(filters: HiddenFilter):
    """(kind, id, hidden_at) of every hidden proposal and comment the filters keep."""
    parts = []
    if filters.kind in ("", "proposal"):
        parts.append(_filtered(
            select(literal("proposal").label("kind"), Proposal.id.label("id"),
                   Proposal.hidden_at.label("hidden_at"))
            .where(Proposal.status == "hidden"),
            filters, Proposal.hidden_at, Proposal.hidden_by_id))
    if filters.kind in ("", "comment"):
        # A hidden comment its author has since deleted has nothing left to restore.
        parts.append(_filtered(
            select(literal("comment").label("kind"), Comment.id.label("id"),
                   Comment.hidden_at.label("hidden_at"))
            .outerjoin(Proposal, Comment.proposal_id == Proposal.id)
            .where(Comment.hidden_at.is_not(None), Comment.deleted_at.is_(None)),
            filters, Comment.hidden_at, Comment.hidden_by_id))
    return union_all(*parts).subquery() if len(parts) > 1 else parts[0].subquery()


def hidden_items(actor, filters: HiddenFilter, page: int, per_page: int = PER_PAGE) -> Page:
    """A page of hidden content, most recently hidden first; past the end, the last page.

    :raises NotModerator:
    """
    if not can_moderate(actor):
        raise NotModerator
    rows = _hidden_rows(filters)
    total = db.session.scalar(select(func.count()).select_from(rows))
    page = max(1, min(page, -(-total // per_page)))
    found = db.session.execute(
        select(rows.c.kind, rows.c.id)
        .order_by(rows.c.hidden_at.desc(), rows.c.kind, rows.c.id.desc())
        .limit(per_page).offset((page - 1) * per_page)).all()
    targets = {}
    for kind, model in (("proposal", Proposal), ("comment", Comment)):
        ids = [item_id for row_kind, item_id in found if row_kind == kind]
        if ids:
            targets.update(((kind, target.id), target) for target in db.session.scalars(
                select(model).where(model.id.in_(ids)).options(selectinload(model.hidden_by))))
    items = [HiddenItem(kind, targets[kind, item_id]) for kind, item_id in found]
    return Page(items=items, page=page, per_page=per_page, total=total)


def people_who_hide() -> list[User]:
    """Moderators and administrators, and anyone else who hid what is still hidden."""
    hid = union_all(
        select(Proposal.hidden_by_id.label("id")).where(Proposal.hidden_by_id.is_not(None)),
        select(Comment.hidden_by_id.label("id")).where(Comment.hidden_by_id.is_not(None)))
    return list(db.session.scalars(
        select(User).where(or_(User.role.in_(("moderator", "admin")),
                               User.id.in_(select(hid.subquery().c.id))))
        .order_by(User.name, User.id)))
