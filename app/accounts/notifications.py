"""Notifications to authors by email: one switch per kind, a signed one-click unsubscribe.

Transactional mail (verification, password reset) does not come through here: it is
not optional.
"""

from flask import current_app, render_template, url_for
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import and_

from app.accounts.models import User
from app.core.mail import send_mail

# kind -> the User column that switches it
KINDS = {
    "comment": "notify_comments",
    "moderation": "notify_moderation",
    "merge": "notify_merges",
    "decision": "notify_by_email",
    "reply": "notify_replies",
    "outcome": "notify_outcomes",
}
# Why someone gets each kind of mail, said above the link that stops it; a sender whose
# recipients differ (moderation: a proposal's author, a comment's, an account) says it itself.
SUBMITTED = _l("You receive this message because you submitted the proposal.")
WHY = {
    "comment": _l("You receive this message because someone commented on a proposal you "
                  "submitted."),
    "moderation": _l("You receive this message because the moderators acted on something "
                     "you published."),
    "merge": SUBMITTED,
    "decision": SUBMITTED,
    "reply": _l("You receive this message because you commented on this proposal."),
    "outcome": _l("You receive this message because you voted in this call. Your votes "
                  "stay private: only you received this list."),
}
KIND_LABELS = {
    "comment": _l("comments on my proposals"),
    "moderation": _l("moderation of what I published"),
    "merge": _l("merges of my proposals"),
    "decision": _l("the Working Group's answer to my proposals"),
    "reply": _l("replies to my comments"),
    "outcome": _l("the outcome of the proposals I voted for"),
}


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="minga.unsubscribe")


def unsubscribe_token(user, kind: str) -> str:
    return _serializer().dumps({"u": user.id, "k": kind})


def read_unsubscribe_token(token: str) -> tuple[int, str] | None:
    try:
        data = _serializer().loads(token)
        user_id, kind = int(data["u"]), str(data["k"])
    except (BadSignature, KeyError, TypeError, ValueError):
        return None
    return (user_id, kind) if kind in KINDS else None


def reachable(user) -> bool:
    """Whether any mail may go to `user` unasked: stopped mail (opposition), a frozen
    account (blocking), an erased or a blocked one get none."""
    return bool(user is not None and user.blocked_at is None and user.frozen_at is None
                and user.erased_at is None and not user.mail_stopped)


def wants(user, kind: str) -> bool:
    return reachable(user) and bool(getattr(user, KINDS[kind]))


def wanted_by(kind: str):
    """The SQL condition on User that `wants` checks in Python: to count recipients ahead."""
    return and_(User.blocked_at.is_(None), User.frozen_at.is_(None), User.erased_at.is_(None),
                User.mail_stopped.is_(False), getattr(User, KINDS[kind]).is_(True))


def notify(user, kind: str, subject, template: str, why=None, **context) -> bool:
    """Email `user` about something of `kind` if they want it; return whether it was sent.

    `why` (lazy text) says why this person gets it, when that is not the kind's `WHY`.
    """
    if not wants(user, kind):
        return False
    link = url_for("accounts.unsubscribe", token=unsubscribe_token(user, kind), _external=True)
    with force_locale(user.locale or current_app.config["MINGA_DEFAULT_LOCALE"]):
        body = render_template(template, user=user, unsubscribe=link, why=why or WHY[kind],
                               **context)
        return send_mail(user.email, str(subject), body, headers={
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"})
