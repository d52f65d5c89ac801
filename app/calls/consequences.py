"""What saving new dates would do to a call now: the phase it jumps to and whom that touches.

Each date is a phase boundary. A boundary moved from the future into the past happens at
once (submissions close now); one moved from the past into the future undoes what already
happened (voting reopens). Either way people are affected, and the admin is told how many.
"""

from datetime import datetime

from flask_babel import format_datetime, ngettext
from flask_babel import gettext as _
from sqlalchemy import func, select

from app.calls.models import DATE_FIELDS, PHASE_LABELS, Call, Phase, phase_at
from app.core.confirmation import Consequence
from app.core.timezones import SHOWN_DATETIME
from app.extensions import db
from app.proposals.models import Proposal
from app.review.models import Decision
from app.voting.models import Ballot


def phase_after(call: Call, dates: dict, at: datetime) -> Phase:
    """The phase `call` would be in at `at` with these dates."""
    return phase_at(at, *(dates[field] for field in DATE_FIELDS), call.results_published_at)


def date_change_consequences(call: Call, dates: dict, at: datetime) -> list[Consequence]:
    """What saving `dates` at `at` would do; nothing when the phase stays the same."""
    before, after = call.phase(at), phase_after(call, dates, at)
    if before == after:
        return []
    consequences = [Consequence(("phase", str(before), str(after)), _(
        "The call moves at once from “%(before)s” to “%(after)s”.",
        before=PHASE_LABELS[before], after=PHASE_LABELS[after]))]
    for field in DATE_FIELDS:
        was_past, will_be_past = getattr(call, field) <= at, dates[field] <= at
        if will_be_past and not was_past:
            consequences += BROUGHT_FORWARD[field](call, _shown(getattr(call, field)))
        elif was_past and not will_be_past:
            consequences += PUT_BACK[field](call, _shown(dates[field]))
    return consequences


def _shown(value: datetime) -> str:
    return format_datetime(value, SHOWN_DATETIME)


def _count(statement) -> int:
    return db.session.scalar(statement) or 0


# --- a boundary brought forward into the past: it happens now, not on its date ------------

def _submissions_open(call, date):
    return [Consequence(("submissions_open",), _(
        "Submissions open now, not on %(date)s.", date=date))]


def _submissions_close(call, date):
    drafts = _count(select(func.count()).select_from(Proposal).where(
        Proposal.call_id == call.id, Proposal.status == "draft"))
    found = [Consequence(("submissions_close",), _(
        "Submissions close now, not on %(date)s: nobody can submit, edit or withdraw a "
        "proposal any more.", date=date))]
    if drafts:
        found.append(Consequence(("drafts", drafts), ngettext(
            "%(num)d draft will never be published: its author can no longer submit it.",
            "%(num)d drafts will never be published: their authors can no longer submit "
            "them.", drafts)))
    return found


def _voting_opens(call, date):
    return [Consequence(("voting_opens",), _("Voting opens now, not on %(date)s.", date=date))]


def _voting_closes(call, date):
    votes = _count(select(func.sum(Ballot.used)).where(Ballot.call_id == call.id))
    # Not the count in the key: during a busy vote it moves by the second, and the admin
    # could never confirm. The consequence itself (voting stops now) is what they confirm.
    return [Consequence(("voting_closes",), ngettext(
        "Voting closes now, not on %(date)s: the %(num)d vote cast so far is final and "
        "nobody can vote any more.",
        "Voting closes now, not on %(date)s: the %(num)d votes cast so far are final and "
        "nobody can vote any more.", votes, date=date))]


BROUGHT_FORWARD = {"submission_opens_at": _submissions_open,
                   "submission_closes_at": _submissions_close,
                   "voting_opens_at": _voting_opens, "voting_closes_at": _voting_closes}


# --- a boundary put back into the future: what happened is undone until then --------------

def _submissions_wait(call, date):
    proposals = _count(select(func.count()).select_from(Proposal).where(
        Proposal.call_id == call.id))
    return [Consequence(("submissions_wait", proposals), ngettext(
        "Submissions close until %(date)s: the %(num)d proposal already written stays, but "
        "nobody can submit or change one until then.",
        "Submissions close until %(date)s: the %(num)d proposals already written stay, but "
        "nobody can submit or change one until then.", proposals, date=date))]


def _submissions_reopen(call, date):
    return [Consequence(("submissions_reopen",), _(
        "Submissions reopen until %(date)s: authors can submit, edit and withdraw proposals "
        "again.", date=date))]


def _voting_waits(call, date):
    # Voting's opening is locked once voting has opened (calls.services), so this is
    # reached only if that rule is ever relaxed.
    return [Consequence(("voting_waits",), _(
        "Voting stops until %(date)s.", date=date))]


def _voting_reopens(call, date):
    decisions = _count(select(func.count()).select_from(Decision).join(
        Proposal, Decision.proposal_id == Proposal.id).where(Proposal.call_id == call.id))
    found = [Consequence(("voting_reopens",), _(
        "Voting reopens until %(date)s: people can vote again, and the Working Group "
        "review waits until it closes.", date=date))]
    if decisions:
        found.append(Consequence(("decisions_wait", decisions), ngettext(
            "%(num)d decision already recorded stays, but cannot be changed until voting "
            "closes.",
            "%(num)d decisions already recorded stay, but cannot be changed until voting "
            "closes.", decisions)))
    return found


PUT_BACK = {"submission_opens_at": _submissions_wait,
            "submission_closes_at": _submissions_reopen,
            "voting_opens_at": _voting_waits, "voting_closes_at": _voting_reopens}
