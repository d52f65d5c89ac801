"""Comments on commitments: the proposals' comment rules (verified accounts, one level of
replies, the same moderation), open while the plan is consulted or carried out."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.accounts.notifications import notify
from app.audit.services import record_event
from app.core.clock import now
from app.core.errors import DomainError, NotAllowed
from app.extensions import db
from app.moderation.models import Comment
from app.moderation.services import CannotComment, InvalidInput, clean_body
from app.plans import consultation
from app.plans.models import Commitment

# Once adopted, a plan's commitments take comments until the plan closes.
OPEN_STATUSES = ("adopted", "implementation")


class CommentsClosed(DomainError):
    status = 409
    message = _l("This plan no longer takes comments.")


class OutsideConsultation(DomainError):
    status = 409
    message = _l("This draft plan takes comments only during its public consultation, which "
                 "is not open now.")


def comment_refusal(user, commitment: Commitment) -> DomainError | None:
    """Why `user` may not comment on `commitment` now, or None if they may."""
    plan = commitment.plan
    if plan.status in consultation.DRAFT_STATUSES:
        if not consultation.is_open(plan):
            return OutsideConsultation()
    elif plan.status not in OPEN_STATUSES:
        return CommentsClosed()
    if not (user and user.is_authenticated):
        return NotAllowed(_l("Log in to comment."))
    if not user.is_verified or user.blocked_at is not None:
        return CannotComment()
    return None


def add_comment(user, commitment: Commitment, body: str, field: str | None = None,
                parent: Comment | None = None) -> Comment:
    """Comment on a commitment, or on one of its parts (`field`), or reply to a comment.

    In the plan's consultation window the comment is a consultation comment, which the
    Working Group must answer; a reply is about what its parent is about.

    :raises OutsideConsultation, CommentsClosed, CannotComment, NotAllowed, InvalidInput:
    """
    refusal = comment_refusal(user, commitment)
    if refusal is not None:
        raise refusal
    if parent is not None:
        if parent.commitment_id != commitment.id or parent.parent_id is not None \
                or not parent.visible:
            raise InvalidInput(_l("You can only reply to a visible comment on this "
                                  "commitment."))
        field = parent.field
    field = field or None
    if field is not None and field not in consultation.FIELDS:
        raise InvalidInput(_l("Choose one of the listed options."), field="field")
    comment = Comment(commitment_id=commitment.id, author_id=user.id, body=clean_body(body),
                      field=field, parent_id=parent.id if parent else None,
                      # A reply is conversation; the group answers the comment it belongs to.
                      consultation=parent is None and consultation.is_open(commitment.plan),
                      created_at=now())
    db.session.add(comment)
    db.session.flush()
    record_event(user, "comment.added", comment)
    if parent is not None and parent.author_id != user.id:
        notify(parent.author, "reply", _l("%(name)s replied to your comment on %(ref)s",
                                          name=user.name, ref=commitment.reference),
               "mail/commitment_reply.txt", comment=comment, commitment=commitment,
               link=comment.page_url(external=True))
    return comment


def thread(commitment: Commitment) -> tuple[list[Comment], dict[int, list[Comment]]]:
    """The commitment's top-level comments, oldest first, and the replies under each."""
    found = db.session.scalars(select(Comment).where(Comment.commitment_id == commitment.id)
                               .order_by(Comment.created_at, Comment.id)).all()
    top = [c for c in found if c.parent_id is None]
    replies: dict[int, list[Comment]] = {}
    for comment in found:
        if comment.parent_id is not None:
            replies.setdefault(comment.parent_id, []).append(comment)
    return top, replies

