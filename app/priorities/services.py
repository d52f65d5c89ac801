"""Thematic priorities poll: candidate themes, one ballot per voter, public counts, adoption.

A ballot is written whole in one transaction: the ballot row (whose unique indexes refuse
a second ballot of the same account or code), one pick per theme (unique per ballot),
and each theme's counter moved by one `UPDATE … SET vote_count = vote_count + 1`. Two
requests at once can neither count a voter twice nor lose a pick, on SQLite or PostgreSQL.
"""

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from sqlalchemy import bindparam, select, update
from sqlalchemy.exc import IntegrityError

from app.audit.services import append_event, record_event
from app.calls.models import Call
from app.core.clock import now
from app.core.db.engine import begin_writing
from app.core.errors import DomainError, NotAllowed
from app.extensions import db
from app.priorities.models import PriorityBallot, PriorityPick, PriorityPoll, PriorityTheme
from app.voting.models import VotingCode
from app.voting.services import code_hash


class PollClosed(DomainError):
    status = 409
    message = _l("The priorities poll is not open.")


class PollNotEligible(DomainError):
    status = 403
    message = _l("Log in with a confirmed account, or enter a voting code, to take part.")


class AlreadyChose(DomainError):
    status = 409
    message = _l("This account or code has already chosen its priorities.")


class TooManyPicks(DomainError):
    pass


class NoPick(DomainError):
    message = _l("Choose at least one theme.")


class InvalidPollSetting(DomainError):
    pass


class ThemeExists(DomainError):
    status = 409
    message = _l("The poll already has a theme with this name.")


class PollStarted(DomainError):
    status = 409
    message = _l("The poll has opened: its themes can no longer change.")


class PollNotClosed(DomainError):
    status = 409
    message = _l("Adopt the themes once the poll has closed.")


class NothingToAdopt(DomainError):
    pass


def poll_of(call: Call) -> PriorityPoll | None:
    return db.session.scalar(select(PriorityPoll).where(PriorityPoll.call_id == call.id))


def themes_of(poll: PriorityPoll) -> list[PriorityTheme]:
    """Candidate themes in the order they were added."""
    return list(db.session.scalars(select(PriorityTheme).where(PriorityTheme.poll_id == poll.id)
                                   .order_by(PriorityTheme.id)))


def ranked_themes(poll: PriorityPoll) -> list[PriorityTheme]:
    """Candidate themes, most chosen first; ties keep the order they were added in."""
    return list(db.session.scalars(select(PriorityTheme).where(PriorityTheme.poll_id == poll.id)
                                   .order_by(PriorityTheme.vote_count.desc(),
                                             PriorityTheme.id)))


def ballot_count(poll: PriorityPoll) -> int:
    return db.session.scalar(select(db.func.count()).select_from(PriorityBallot)
                             .where(PriorityBallot.poll_id == poll.id))


def _check_admin(user) -> None:
    if not (user and user.is_authenticated and user.is_admin):
        raise NotAllowed


# --- the admin sets the poll up -----------------------------------------------------------

def save_poll(user, call: Call, max_picks: int, opens_at, closes_at) -> PriorityPoll:
    """Create or change the call's poll settings (audited).

    :raises NotAllowed, InvalidPollSetting:
    """
    _check_admin(user)
    if max_picks is None or max_picks < 1:
        raise InvalidPollSetting(_l("Let each voter choose at least one theme."),
                                 field="max_picks")
    if not (opens_at and closes_at) or closes_at <= opens_at:
        raise InvalidPollSetting(_l("The poll must close after it opens."), field="closes_at")
    poll = poll_of(call)
    before = None
    if poll is None:
        poll = PriorityPoll(call_id=call.id, created_at=now())
        db.session.add(poll)
    else:
        before = {"max_picks": poll.max_picks, "opens_at": poll.opens_at.isoformat(),
                  "closes_at": poll.closes_at.isoformat()}
    poll.max_picks, poll.opens_at, poll.closes_at = max_picks, opens_at, closes_at
    db.session.flush()
    record_event(user, "priorities.poll_saved", poll, before=before,
                 after={"max_picks": max_picks, "opens_at": opens_at.isoformat(),
                        "closes_at": closes_at.isoformat()})
    return poll


def add_theme(user, poll: PriorityPoll, name: str, description: str) -> PriorityTheme:
    """Add a candidate theme before the poll opens.

    :raises NotAllowed, PollStarted, InvalidPollSetting, ThemeExists:
    """
    _check_admin(user)
    if now() >= poll.opens_at:
        raise PollStarted
    name = " ".join((name or "").split())
    if not name:
        raise InvalidPollSetting(_l("Give the theme a name."), field="name")
    if db.session.scalar(select(PriorityTheme.id).where(PriorityTheme.poll_id == poll.id,
                                                        PriorityTheme.name == name)):
        raise ThemeExists(field="name")
    theme = PriorityTheme(poll_id=poll.id, name=name, description=(description or "").strip(),
                          vote_count=0, created_at=now())
    db.session.add(theme)
    db.session.flush()
    record_event(user, "priorities.theme_added", theme, after={"name": name})
    return theme


def remove_theme(user, theme: PriorityTheme) -> None:
    """Remove a candidate theme before the poll opens.

    :raises NotAllowed, PollStarted:
    """
    _check_admin(user)
    poll = db.session.get(PriorityPoll, theme.poll_id)
    if now() >= poll.opens_at:
        raise PollStarted
    record_event(user, "priorities.theme_removed", theme, before={"name": theme.name})
    db.session.delete(theme)
    db.session.flush()


# --- the public chooses ---------------------------------------------------------------------

def choice_refusal(poll: PriorityPoll, user, at=None) -> DomainError | None:
    """Why this visitor may not choose now (a code may still be typed), or None."""
    if not poll.is_open(at or now()):
        return PollClosed()
    return None


def has_chosen(poll: PriorityPoll, user) -> bool:
    if not (user and user.is_authenticated):
        return False
    return db.session.scalar(select(PriorityBallot.id).where(
        PriorityBallot.poll_id == poll.id, PriorityBallot.user_id == user.id)) is not None


def _voter(poll: PriorityPoll, user, code: str | None) -> dict:
    """The ballot's owner: the verified account, else the call's voting code typed."""
    if code and code.strip():
        found = db.session.scalar(select(VotingCode.id).where(
            VotingCode.call_id == poll.call_id, VotingCode.code_hash == code_hash(code)))
        if found is None:
            raise PollNotEligible(_l("This code is not valid for this call. Check it and "
                                     "type it again."), field="code")
        return {"user_id": None, "code_id": found}
    if user and user.is_authenticated:
        if not user.is_verified:
            raise PollNotEligible(_l("Confirm your email address to take part."))
        return {"user_id": user.id, "code_id": None}
    raise PollNotEligible


_COUNT = (update(PriorityTheme.__table__)
          .where(PriorityTheme.__table__.c.id == bindparam("theme_id"))
          .values(vote_count=PriorityTheme.__table__.c.vote_count + 1))


def choose_priorities(poll: PriorityPoll, user, theme_ids, code: str | None = None
                      ) -> PriorityBallot:
    """Record one voter's choice of up to `max_picks` themes, once for good.

    :raises PollClosed, PollNotEligible, NoPick, TooManyPicks, AlreadyChose:
    """
    refusal = choice_refusal(poll, user)
    if refusal is not None:
        raise refusal
    voter = _voter(poll, user, code)
    valid = {theme.id for theme in themes_of(poll)}
    try:
        picked = {int(t) for t in theme_ids or ()}
    except (TypeError, ValueError):
        picked = {-1}
    if not picked:
        raise NoPick(field="themes")
    if not picked <= valid:
        raise NoPick(_l("Choose among the listed themes."), field="themes")
    if len(picked) > poll.max_picks:
        raise TooManyPicks(ngettext("Choose at most %(num)d theme.",
                                         "Choose at most %(num)d themes.", poll.max_picks),
                           field="themes")
    begin_writing()
    ballot = PriorityBallot(poll_id=poll.id, created_at=now(), **voter)
    try:
        with db.session.begin_nested():  # a savepoint: the refusal leaves the request usable
            db.session.add(ballot)
    except IntegrityError:
        raise AlreadyChose from None
    for theme_id in sorted(picked):  # one lock order for every ballot
        db.session.add(PriorityPick(ballot_id=ballot.id, theme_id=theme_id))
        db.session.execute(_COUNT, {"theme_id": theme_id})
    db.session.flush()
    # A code's choice stays anonymous: the audit trail ties it to no one.
    append_event(voter["user_id"], "priorities.chosen", "priority_polls", poll.id,
                 after={"themes": sorted(picked)})
    return ballot


# --- adopting the result ----------------------------------------------------------------------

def adopt_top_themes(user, poll: PriorityPoll, count: int) -> list[str]:
    """Make the `count` most chosen themes the call's themes, in one audited step.

    :raises NotAllowed, PollNotClosed, NothingToAdopt:
    """
    _check_admin(user)
    if not poll.has_closed(now()):
        raise PollNotClosed
    ranked = ranked_themes(poll)
    if not ranked:
        raise NothingToAdopt(_l("The poll has no themes to adopt."))
    if count is None or not 1 <= count <= len(ranked):
        raise NothingToAdopt(_l("Adopt between 1 and %(n)d themes.", n=len(ranked)),
                             field="count")
    call = db.session.get(Call, poll.call_id)
    before = list(call.themes or [])
    adopted = [theme.name for theme in ranked[:count]]
    call.themes = adopted
    call.updated_at = poll.adopted_at = now()
    db.session.flush()
    record_event(user, "priorities.adopted", call, before={"themes": before},
                 after={"themes": adopted,
                        "counts": {theme.name: theme.vote_count for theme in ranked[:count]}})
    return adopted
