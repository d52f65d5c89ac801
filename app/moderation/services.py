"""Deliberation and care: comments, reports, hiding with tombstones, blocking, merges."""

from datetime import timedelta

from flask import current_app, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, func, select, update
from sqlalchemy.exc import IntegrityError

from app.accounts.logins import end_all_logins
from app.accounts.models import User
from app.accounts.notifications import SUBMITTED, notify
from app.audit.services import record_event
from app.calls.models import Phase
from app.core.clock import now
from app.core.errors import DomainError, NotAllowed, flush_or_conflict
from app.extensions import db
from app.moderation.models import AUTO_HIDE_REASON, REPORT_REASONS, Comment, Report
from app.proposals.models import LISTED_STATUSES, Proposal
from app.voting.models import Ballot, Vote

EDIT_WINDOW = timedelta(minutes=15)
COMMENT_PHASES = (Phase.SUBMISSION, Phase.PRE_VOTING, Phase.VOTING)
MERGE_PHASES = (Phase.UPCOMING, Phase.SUBMISSION, Phase.PRE_VOTING, Phase.VOTING)
# An automatic hide stores AUTO_HIDE_REASON; readers see AUTO_HIDE_PUBLIC in their language.
AUTO_HIDE_PUBLIC = _l("several people reported it, and it stays hidden until a moderator "
                      "reviews it")


class CommentsClosed(DomainError):
    status = 409
    message = _l("Comments are closed for this call.")


class CannotComment(NotAllowed):
    message = _l("Confirm your email address to comment.")


class EditWindowOver(DomainError):
    status = 409
    message = _l("Comments can be edited for 15 minutes after posting.")


class AlreadyReported(DomainError):
    status = 409
    message = _l("You already reported this. Moderators will look at it.")


class InvalidInput(DomainError):
    pass


class Answered(DomainError):
    status = 409
    message = _l("The Working Group has answered this comment: it stays as it was answered.")


class NotModerator(NotAllowed):
    message = _l("Only moderators can do this.")


class NotHidden(DomainError):
    status = 409
    message = _l("This is not hidden: there is nothing to restore.")


class InvalidMerge(DomainError):
    pass


# --- comments -----------------------------------------------------------------------------

def comment_refusal(user, proposal: Proposal) -> DomainError | None:
    call = proposal.call
    if not call.comments_open or call.phase(now()) not in COMMENT_PHASES:
        return CommentsClosed()
    if not (user and user.is_authenticated):
        return NotAllowed(_l("Log in to comment."))
    if not user.is_verified or user.blocked_at is not None:
        return CannotComment()
    if proposal.status not in LISTED_STATUSES:
        return CommentsClosed(_l("This proposal no longer takes comments."))
    return None


def clean_body(body: str) -> str:
    """The comment's text, trimmed, or the reason it cannot be one.

    :raises InvalidInput:
    """
    body = (body or "").strip()
    if not body:
        raise InvalidInput(_l("Write your comment first."), field="body")
    if len(body) > 5000:
        raise InvalidInput(_l("A comment can be at most 5,000 characters."), field="body")
    return body


def add_comment(user, proposal: Proposal, body: str, parent: Comment | None = None) -> Comment:
    """:raises CommentsClosed, CannotComment, NotAllowed, InvalidInput:"""
    refusal = comment_refusal(user, proposal)
    if refusal is not None:
        raise refusal
    if parent is not None and (parent.proposal_id != proposal.id or parent.parent_id is not None
                               or not parent.visible):
        raise InvalidInput(_l("You can only reply to a visible comment on this proposal."))
    comment = Comment(proposal_id=proposal.id, author_id=user.id, body=clean_body(body),
                      parent_id=parent.id if parent else None, created_at=now())
    db.session.add(comment)
    db.session.flush()
    record_event(user, "comment.added", comment)
    replied_to = parent.author_id if parent is not None else None
    if replied_to not in (None, user.id):
        notify(parent.author, "reply", _l("%(name)s replied to your comment on %(ref)s",
                                          name=user.name, ref=proposal.reference),
               "mail/reply.txt", comment=comment, parent=parent, proposal=proposal,
               link=_page(proposal))
    # One message per comment: the author who is also the one replied to got it above.
    if proposal.author_id not in (user.id, replied_to):
        notify(proposal.author, "comment", _l("New comment on your proposal %(ref)s",
                                              ref=proposal.reference),
               "mail/comment.txt", comment=comment, link=_page(proposal))
    return comment


def edit_refusal(user, comment: Comment) -> DomainError | None:
    """Return why `user` may not edit `comment` now, or None if they may."""
    if not (user and user.is_authenticated) or user.id != comment.author_id:
        return NotAllowed()
    if not comment.visible or now() - comment.created_at > EDIT_WINDOW:
        return EditWindowOver()
    if comment.answered_at is not None:
        return Answered()
    return None


def can_edit(user, comment: Comment) -> bool:
    return edit_refusal(user, comment) is None


def edit_comment(user, comment: Comment, body: str) -> Comment:
    """:raises NotAllowed, EditWindowOver, InvalidInput:"""
    refusal = edit_refusal(user, comment)
    if refusal is not None:
        raise refusal
    before = comment.body
    comment.body = clean_body(body)
    comment.edited_at = now()
    record_event(user, "comment.edited", comment, before={"body": before},
                 after={"body": comment.body})
    return comment


def delete_comment(user, comment: Comment) -> None:
    """Delete one's own comment; with replies under it, a 'comment deleted' marker stays.

    :raises NotAllowed:
    """
    if not (user and user.is_authenticated) or user.id != comment.author_id:
        raise NotAllowed
    if comment.answered_at is not None:
        raise Answered
    record_event(user, "comment.deleted", comment)
    has_replies = db.session.scalar(select(func.count()).select_from(Comment)
                                    .where(Comment.parent_id == comment.id))
    if has_replies:
        comment.deleted_at = now()
        return
    db.session.execute(delete(Report).where(Report.target_type == "comment",
                                            Report.target_id == comment.id))
    db.session.delete(comment)


def comment_page(proposal: Proposal, page: int, newest_first: bool, per_page: int = 10):
    """A page of top-level comments with their replies (oldest first under each)."""
    order = Comment.created_at.desc() if newest_first else Comment.created_at
    top = db.paginate(select(Comment).where(Comment.proposal_id == proposal.id,
                                            Comment.parent_id.is_(None))
                      .order_by(order, Comment.id), page=page, per_page=per_page,
                      error_out=False)
    ids = [c.id for c in top.items]
    replies: dict[int, list[Comment]] = {}
    if ids:
        for reply in db.session.scalars(select(Comment).where(Comment.parent_id.in_(ids))
                                        .order_by(Comment.created_at, Comment.id)):
            replies.setdefault(reply.parent_id, []).append(reply)
    return top, replies


def comment_count(proposal: Proposal) -> int:
    """Every comment in the proposal's thread, replies included (as the thread shows them)."""
    return db.session.scalar(select(func.count()).select_from(Comment)
                             .where(Comment.proposal_id == proposal.id)) or 0


# --- reports ------------------------------------------------------------------------------

def _target(target_type: str, target_id: int):
    model = {"proposal": Proposal, "comment": Comment}.get(target_type)
    return db.session.get(model, target_id) if model else None


def can_report(user) -> bool:
    """Verified accounts only: three throwaway accounts must not be able to hide anything."""
    return bool(user and user.is_authenticated and user.blocked_at is None
                and user.is_verified)


def in_the_vote(target) -> bool:
    """A proposal whose call is voting now: reports never take it out of the vote."""
    return isinstance(target, Proposal) and target.call.phase(now()) == Phase.VOTING


def report(user, target, reason: str) -> Report:
    """Report a proposal or comment; enough distinct reports hide it pending review.

    A proposal in the public vote is never hidden by reports: it goes to the top of the
    moderators' queue instead, and only a moderator (with a public reason) hides it.

    :raises NotAllowed, InvalidInput, AlreadyReported:
    """
    if not (user and user.is_authenticated) or user.blocked_at is not None:
        raise NotAllowed(_l("Log in to report."))
    if not user.is_verified:
        raise NotAllowed(_l("Confirm your email address to report."))
    if reason not in REPORT_REASONS:
        raise InvalidInput(_l("Choose a reason."), field="reason")
    target_type = target.__tablename__.rstrip("s")
    entry = Report(target_type=target_type, target_id=target.id, reporter_id=user.id,
                   reason=reason, created_at=now())
    try:
        with db.session.begin_nested():
            db.session.add(entry)
    except IntegrityError as exc:
        raise AlreadyReported from exc
    record_event(user, "report.filed", target, after={"reason": reason})
    if open_report_count(target_type, target.id) >= current_app.config["REPORT_THRESHOLD"] \
            and not is_hidden(target) and not in_the_vote(target):
        _hide(None, target, AUTO_HIDE_REASON)
    return entry


def open_report_count(target_type: str, target_id: int) -> int:
    return db.session.scalar(select(func.count()).select_from(Report).where(
        Report.target_type == target_type, Report.target_id == target_id,
        Report.resolved_at.is_(None)))


def queue() -> list[dict]:
    """Reported items with open reports: counts and reasons, most reported first."""
    rows = db.session.execute(
        select(Report.target_type, Report.target_id, Report.reason, func.count())
        .where(Report.resolved_at.is_(None))
        .group_by(Report.target_type, Report.target_id, Report.reason)).all()
    items: dict[tuple[str, int], dict] = {}
    for target_type, target_id, reason, count in rows:
        item = items.setdefault((target_type, target_id), {
            "type": target_type, "target": _target(target_type, target_id), "reasons": {},
            "total": 0})
        item["reasons"][reason] = count
        item["total"] += count
    found = [item for item in items.values() if item["target"] is not None]
    for item in found:
        item["in_vote"] = in_the_vote(item["target"])
        item["hidden"] = is_hidden(item["target"])
    # Proposals in the public vote first: reports do not hide them, a moderator decides.
    return sorted(found, key=lambda item: (not item["in_vote"], -item["total"], item["type"],
                                           item["target"].id))


# --- moderation actions -------------------------------------------------------------------

def can_moderate(user) -> bool:
    """Moderators and administrators hide and restore content, reported or not."""
    return bool(user and user.is_authenticated and user.is_moderator)


def _require_moderator(actor) -> None:
    if not can_moderate(actor):
        raise NotModerator


def is_hidden(target) -> bool:
    if isinstance(target, Proposal):
        return target.status == "hidden"
    return target.hidden_at is not None


def hidden_automatically(target) -> bool:
    """Hidden by reports reaching the threshold, and no moderator has taken it up since."""
    return is_hidden(target) and target.hidden_by_id is None


def public_reason(target):
    """The reason a hidden item's tombstone shows (an automatic hide's in the reader's
    language)."""
    if not is_hidden(target):
        return None
    if hidden_automatically(target):
        return AUTO_HIDE_PUBLIC
    return target.moderation_reason if isinstance(target, Proposal) else target.hidden_reason


def _set_reason(target, reason: str | None) -> None:
    if isinstance(target, Proposal):
        target.moderation_reason = reason
    else:
        target.hidden_reason = reason


def _hidden_state(target) -> dict:
    reason = target.moderation_reason if isinstance(target, Proposal) else target.hidden_reason
    return {"reason": reason, "hidden_by_id": target.hidden_by_id,
            "hidden_at": target.hidden_at.isoformat() if target.hidden_at else None}


def _page(proposal: Proposal, anchor: str | None = None) -> str:
    return url_for("proposals.show", slug=proposal.call.slug, reference=proposal.reference,
                   _anchor=anchor, _external=True)


def _tell_author(target, hidden: bool, reason=None) -> None:
    """Tell whoever wrote a proposal or a comment that moderation hid it or put it back."""
    if isinstance(target, Proposal):
        names = {"title": target.title, "ref": target.reference}
        notify(target.author, "moderation", _l("About your proposal %(ref)s", **names),
               "mail/moderation.txt", why=SUBMITTED, reason=reason, link=_page(target),
               message=_l("Your proposal “%(title)s” (%(ref)s) has been hidden by moderation.",
                          **names) if hidden else
               _l("Your proposal “%(title)s” (%(ref)s) is visible again after review.", **names))
        return
    subject = target.subject
    names = {"title": subject.title, "ref": subject.reference}
    on_proposal = target.proposal_id is not None
    if hidden:
        message = _l("Your comment on the proposal “%(title)s” (%(ref)s) has been hidden by "
                     "moderation.", **names) if on_proposal else \
            _l("Your comment on the commitment “%(title)s” (%(ref)s) has been hidden by "
               "moderation.", **names)
    else:
        message = _l("Your comment on the proposal “%(title)s” (%(ref)s) is visible again "
                     "after review.", **names) if on_proposal else \
            _l("Your comment on the commitment “%(title)s” (%(ref)s) is visible again after "
               "review.", **names)
    notify(target.author, "moderation", _l("About your comment on %(ref)s", **names),
           "mail/moderation.txt", reason=reason,
           why=_l("You receive this message because you wrote the comment."),
           link=target.page_url(external=True), message=message)


def _resolve_reports(target) -> None:
    db.session.execute(update(Report).where(
        Report.target_type == target.__tablename__.rstrip("s"), Report.target_id == target.id,
        Report.resolved_at.is_(None)).values(resolved_at=now())
        .execution_options(synchronize_session=False))


def _hide(actor, target, reason: str) -> None:
    """Hide `target`; no actor means reports hid it, which dismissing them undoes."""
    if isinstance(target, Proposal):
        target.status_before_hidden = target.status
        target.status = "hidden"
    _set_reason(target, reason)
    target.hidden_at = now()
    target.hidden_by_id = actor.id if actor else None
    flush_or_conflict()
    record_event(actor, "moderation.hidden", target, after=_hidden_state(target))
    _tell_author(target, hidden=True, reason=public_reason(target))


def hide(actor, target, reason: str) -> None:
    """Hide with a public reason, reported or not; a tombstone stays in its place.

    Hiding what reports already hid makes it the moderator's decision: dismissing the
    reports no longer brings it back, only a restore does.

    :raises NotModerator, InvalidInput:
    """
    _require_moderator(actor)
    if isinstance(target, Proposal) and target.is_draft:
        raise InvalidInput(_l("Only published proposals can be hidden."))
    reason = " ".join((reason or "").split())
    if len(reason) < 5:
        raise InvalidInput(_l("Give the public reason for hiding it."), field="reason")
    if len(reason) > 300:
        raise InvalidInput(_l("The reason can be at most 300 characters."), field="reason")
    if is_hidden(target):
        before = _hidden_state(target)
        _set_reason(target, reason)
        target.hidden_by_id = actor.id
        flush_or_conflict()
        record_event(actor, "moderation.hidden", target, before=before,
                     after=_hidden_state(target))
    else:
        _hide(actor, target, reason)
    _resolve_reports(target)


def restore(actor, target) -> None:
    """Make hidden content public again, whoever hid it: a moderator or reports.

    :raises NotModerator, NotHidden:
    """
    _require_moderator(actor)
    if not is_hidden(target):
        raise NotHidden
    before = _hidden_state(target)
    if isinstance(target, Proposal):
        target.status = target.status_before_hidden or "published"
        target.status_before_hidden = None
    _set_reason(target, None)
    target.hidden_at = None
    target.hidden_by_id = None
    flush_or_conflict()
    _resolve_reports(target)
    record_event(actor, "moderation.restored", target, before=before)
    _tell_author(target, hidden=False)


def dismiss(actor, target) -> None:
    """Close the reports as unfounded; an automatic hide is undone, a moderator's stays.

    :raises NotModerator:
    """
    _require_moderator(actor)
    if hidden_automatically(target):
        restore(actor, target)
    _resolve_reports(target)
    record_event(actor, "moderation.reports_dismissed", target)


def block(actor, user: User, reason: str) -> None:
    """Stop an account from logging in; its content stays unless hidden.

    :raises NotModerator, InvalidInput:
    """
    _require_moderator(actor)
    if user.is_admin or user.id == actor.id:
        raise InvalidInput(_l("Administrators and yourself cannot be blocked here."))
    if user.blocked_at is None:
        # Told first: a blocked account gets no mail (notifications.wants).
        notify(user, "moderation", _l("Your account has been blocked"), "mail/moderation.txt",
               message=_l("Your account has been blocked by the moderators."), reason=reason,
               why=_l("You receive this message because the moderators acted on your account."),
               link=url_for("calls.home", _external=True))
        user.blocked_at = now()
        end_all_logins(user)
    record_event(actor, "moderation.account_blocked", user, after={"reason": reason})


# --- merging duplicates -------------------------------------------------------------------

def merge(actor, duplicate: Proposal, target: Proposal) -> None:
    """Fold `duplicate` into `target`: its votes move over, doubles go back to the budget.

    :raises NotModerator, InvalidMerge:
    """
    _require_moderator(actor)
    if duplicate.id == target.id:
        raise InvalidMerge(_l("A proposal cannot be merged into itself."), field="target")
    if duplicate.call_id != target.call_id:
        raise InvalidMerge(_l("Only proposals of the same call can be merged."), field="target")
    if duplicate.call.phase(now()) not in MERGE_PHASES:
        raise InvalidMerge(_l("Merges happen before voting closes."), field="target")
    # Lock both rows so votes cast meanwhile wait for the merge (PostgreSQL).
    statuses = dict(db.session.execute(
        select(Proposal.id, Proposal.status).where(Proposal.id.in_((duplicate.id, target.id)))
        .order_by(Proposal.id).with_for_update()).all())
    if statuses.get(duplicate.id) not in LISTED_STATUSES or \
            statuses.get(target.id) not in LISTED_STATUSES:
        raise InvalidMerge(_l("Both proposals must be active to merge them."), field="target")
    both = select(Vote.ballot_id).where(Vote.proposal_id == target.id)
    doubles = select(Vote.ballot_id).where(Vote.proposal_id == duplicate.id,
                                           Vote.ballot_id.in_(both))
    # Voters of both: their vote on the duplicate returns to their budget.
    db.session.execute(update(Ballot).where(Ballot.id.in_(doubles), Ballot.used > 0)
                       .values(used=Ballot.used - 1)
                       .execution_options(synchronize_session=False))
    db.session.execute(delete(Vote).where(Vote.proposal_id == duplicate.id,
                                          Vote.ballot_id.in_(both))
                       .execution_options(synchronize_session=False))
    # Everyone else's vote now counts for the target.
    db.session.execute(update(Vote).where(Vote.proposal_id == duplicate.id)
                       .values(proposal_id=target.id)
                       .execution_options(synchronize_session=False))
    for proposal in (duplicate, target):
        db.session.execute(update(Proposal).where(Proposal.id == proposal.id).values(
            vote_count=select(func.count(Vote.id)).where(Vote.proposal_id == proposal.id)
            .scalar_subquery()).execution_options(synchronize_session=False))
    db.session.refresh(duplicate)
    db.session.refresh(target)
    duplicate.status = "merged"
    duplicate.merged_into_id = target.id
    db.session.flush()
    record_event(actor, "moderation.merged", duplicate,
                 after={"into": target.reference, "votes_now": target.vote_count})
    notify(duplicate.author, "merge", _l("Your proposal %(ref)s was merged",
                                         ref=duplicate.reference),
           "mail/merge.txt", proposal=duplicate, target=target, link=_page(target))


def merged_from(proposal: Proposal) -> list[Proposal]:
    return list(db.session.scalars(select(Proposal).where(Proposal.merged_into_id == proposal.id)
                                   .order_by(Proposal.reference)))
