from flask import (
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from sqlalchemy import select

from app.calls.services import get_call_or_404
from app.core.clock import now
from app.core.db.engine import done_writing, reads_first
from app.core.errors import DomainError
from app.extensions import db, limiter
from app.proposals.models import Proposal
from app.proposals.queries import public_proposal_or_404
from app.voting import bp, services
from app.voting.forms import CodeForm, VoteForm
from app.voting.limits import per_address, per_voter
from app.voting.visitor import (
    code_ballot,
    forget_code_ballot,
    remember_code_ballot,
    voting_state,
)
from app.web.forms import apply_form
from app.web.redirects import next_url
from app.web.requests import client_address, prefers_json


def _back_to(slug, reference, anchor) -> str:
    """Where a plain form returns: the page it was sent from, else the proposal's page,
    at the proposal voted on (a list page can be many screens long)."""
    return next_url(request.form.get("next"), "proposals.show", anchor=anchor, slug=slug,
                    reference=reference)


def _used_sentence(ballot) -> str:
    return _("You have used %(used)d of %(budget)d votes.", used=ballot.used,
             budget=ballot.budget)


def _refused(call, proposal, exc: DomainError):
    if prefers_json():
        return jsonify(ok=False, message=str(exc.message)), exc.status
    return render_template("voting/refused.html", call=call, proposal=proposal,
                           message=exc.message,
                           back=_back_to(call.slug, proposal.reference, proposal.anchor)
                           ), exc.status


def _vote_action(slug, reference, action, done_message):
    """Read the call, proposal and ballot, then write the vote under the write lock.

    On SQLite the reads take no lock (`reads_first`); the service takes it for its
    conditional writes (app/voting/services.py), and the view commits once. The form
    holds only its CSRF token, which CSRFProtect checked before the view ran.
    """
    call = get_call_or_404(slug)
    proposal = public_proposal_or_404(call, reference, with_relations=False)
    try:
        ballot = action(call, proposal, current_user, code_ballot(call))
    except DomainError as exc:
        db.session.rollback()
        done_writing()  # the refusal's page reads without the lock
        return _refused(call, proposal, exc)
    # Everything the answer says, read before the commit expires the objects it reads.
    answer = {"ok": True, "message": done_message(ballot), "proposal": proposal.id,
              "voted": action is services.cast_vote, "used": ballot.used,
              "budget": ballot.budget, "left": ballot.left,
              "used_text": _used_sentence(ballot)}
    counts_public = call.counts_public(now())
    anchor = proposal.anchor
    db.session.commit()
    done_writing()
    if not prefers_json():
        flash(answer["message"], "success")
        return redirect(_back_to(slug, reference, anchor))
    if counts_public:  # one read: the count other voters moved too
        count = db.session.scalar(select(Proposal.vote_count).where(
            Proposal.id == answer["proposal"]))
        answer["count_text"] = ngettext("%(num)d vote", "%(num)d votes", count)
    return jsonify(answer)


@bp.route("/calls/<slug>/proposals/<reference>/vote", methods=["POST"])
@per_voter
@per_address
@reads_first
def cast(slug, reference):
    return _vote_action(slug, reference, services.cast_vote, lambda ballot: _(
        "Your vote is counted. You have used %(used)d of %(budget)d votes.",
        used=ballot.used, budget=ballot.budget))


@bp.route("/calls/<slug>/proposals/<reference>/vote/withdraw", methods=["POST"])
@per_voter
@per_address
@reads_first
def withdraw(slug, reference):
    return _vote_action(slug, reference, services.withdraw_vote, lambda ballot: _(
        "Your vote is withdrawn. You have used %(used)d of %(budget)d votes.",
        used=ballot.used, budget=ballot.budget))


@bp.route("/calls/<slug>/vote/code", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["VOTE_RATE_LIMIT_ADDRESS"], key_func=client_address,
               methods=["POST"])
def redeem(slug):
    call = get_call_or_404(slug)
    form = CodeForm()
    outcome = apply_form(form, lambda: services.redeem_code(call, form.code.data))
    if outcome.done:
        remember_code_ballot(call, outcome.value)
        flash(_("Your code is accepted: you have %(n)d votes. Choose the proposals you "
                "support.", n=outcome.value.budget), "success")
        return redirect(url_for("proposals.index", slug=call.slug))
    return render_template("voting/code.html", call=call, form=form, done_form=VoteForm(),
                           state=voting_state(call)), outcome.status


@bp.route("/calls/<slug>/vote/code/done", methods=["POST"])
def forget_code(slug):
    """End a code voter's turn on a shared device, so the next person can enter theirs."""
    call = get_call_or_404(slug)
    if VoteForm().validate_on_submit():
        forget_code_ballot(call)
        flash(_("Thank you for voting. This device is ready for the next person."), "success")
    return redirect(url_for("voting.redeem", slug=call.slug))


@bp.route("/accounts/me/votes")
@login_required
def mine():
    return render_template("voting/mine.html", votes=services.votes_of(current_user), now=now())
