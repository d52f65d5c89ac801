"""Erasure ("delete my account"): asked with the password, confirmed from a mailed link.

What the person published in a public process stays as its record under a pseudonym
("Participante 7F3A", kept in the account row, which every contribution and audit entry
points to); everything else they left is deleted or unlinked by the hooks of the
registry (app/privacy/registry.py), the account's own last. Votes stay counted, so every
tally and `flask votes verify` are unchanged.
"""

import secrets

from flask import current_app, url_for
from flask_babel import force_locale, ngettext
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.accounts import passwords, tokens
from app.accounts.models import User
from app.accounts.services import LastAdmin, LinkExpired, LinkInvalid, WrongPassword
from app.audit.services import record_event
from app.core.clock import now
from app.core.confirmation import Consequence, require_confirmation
from app.core.errors import DomainError, NotAllowed
from app.extensions import db
from app.moderation.models import Comment
from app.privacy.mail import send_requested
from app.privacy.registry import providers
from app.proposals.models import Proposal
from app.voting.models import Ballot, Vote

ERASE = "erase"


class AlreadyErased(DomainError):
    status = 409
    message = _l("This account has already been deleted.")


def can_erase(user) -> bool:
    return bool(user and user.is_authenticated and not user.is_erased)


def request_erasure(user: User, password: str) -> None:
    """Check the password, then mail the link that confirms the erasure.

    :raises NotAllowed, WrongPassword:
    """
    if not can_erase(user):
        raise NotAllowed
    if not passwords.password_matches(user.password_hash, password or ""):
        raise WrongPassword(field="password")
    # Bound to the password hash: a password change, or the erasure itself, spends it.
    token = tokens.make_token(ERASE, user.id, user.password_hash)
    hours = current_app.config["ERASE_TOKEN_MAX_AGE"] // 3600
    send_requested(user, _l("Confirm that you want to delete your account"),
                   "mail/erase.txt", link=url_for("privacy.erase_confirm", token=token,
                                                  _external=True), hours=hours)
    record_event(user, "user.erasure_requested", user)


def check_erasure_link(user: User, token: str) -> None:
    """The link must be this account's, unused and recent.

    :raises LinkInvalid, LinkExpired:
    """
    try:
        user_id, print_ = tokens.read_token(ERASE, token,
                                            current_app.config["ERASE_TOKEN_MAX_AGE"])
    except tokens.TokenExpired as exc:
        raise LinkExpired from exc
    except tokens.TokenInvalid as exc:
        raise LinkInvalid from exc
    if user_id != user.id or tokens.fingerprint(user.password_hash) != print_:
        raise LinkInvalid


def _count(query) -> int:
    return db.session.scalar(query) or 0


def erasure_consequences(user: User) -> list[Consequence]:
    """What deleting this account will do, in figures."""
    published = _count(select(func.count()).select_from(Proposal).where(
        Proposal.author_id == user.id, Proposal.status != "draft"))
    drafts = _count(select(func.count()).select_from(Proposal).where(
        Proposal.author_id == user.id, Proposal.status == "draft"))
    comments = _count(select(func.count()).select_from(Comment).where(
        Comment.author_id == user.id))
    votes = _count(select(func.count()).select_from(Vote).join(
        Ballot, Vote.ballot_id == Ballot.id).where(Ballot.user_id == user.id))
    found = [Consequence(("account",), _l(
        "Your email address, name, organisation, region, sessions and settings are "
        "deleted. You will not be able to log in again."))]
    if published or comments:
        found.append(Consequence(("public", published, comments), ngettext(
            "%(num)d published proposal and your comments stay, as part of the public "
            "record, under a pseudonym instead of your name.",
            "%(num)d published proposals and your comments stay, as part of the public "
            "record, under a pseudonym instead of your name.", published)))
    if drafts:
        found.append(Consequence(("drafts", drafts), ngettext(
            "%(num)d draft is deleted.", "%(num)d drafts are deleted.", drafts)))
    if votes:
        found.append(Consequence(("votes", votes), ngettext(
            "%(num)d vote stays counted, but nothing links it to you any more.",
            "%(num)d votes stay counted, but nothing links them to you any more.", votes)))
    return found


def new_pseudonym() -> str:
    # Random, not derived from anything about the person: it leads back to nobody.
    with force_locale(current_app.config["MINGA_DEFAULT_LOCALE"]):
        return str(_l("Participant %(code)s", code=secrets.token_hex(2).upper()))


def confirm_erasure(user: User, token: str, confirmed: str | None) -> str:
    """Delete the account as its consequences were shown; return the pseudonym.

    :raises NotAllowed, LinkInvalid, LinkExpired, ConfirmationRequired, LastAdmin:
    """
    if not can_erase(user):
        raise NotAllowed
    check_erasure_link(user, token)
    require_confirmation(erasure_consequences(user), confirmed)
    return erase_account(user)


def erase_account(user: User) -> str:
    """Run every erasure hook for `user`, then mark the account erased; return the pseudonym.

    :raises AlreadyErased, LastAdmin:
    """
    if user.is_erased:
        raise AlreadyErased
    if user.role == "admin" and db.session.scalar(select(func.count()).select_from(User).where(
            User.role == "admin")) <= 1:
        raise LastAdmin
    pseudonym = new_pseudonym()
    for data in providers():
        if data.erase is not None:
            data.erase(user, pseudonym)
    user.erased_at = now()
    record_event(None, "user.erased", user)
    return pseudonym
