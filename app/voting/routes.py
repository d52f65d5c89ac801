from flask import (
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.calls.services import get_call_or_404
from app.clock import now
from app.database import reads_first, start_writing
from app.errors import DomainError
from app.extensions import client_address, db, limiter
from app.form_actions import apply_form
from app.proposals.queries import public_proposal_or_404
from app.redirects import safe_next
from app.voting import bp, services
from app.voting.forms import CodeForm, VoteForm
from app.voting.visitor import (
    SESSION_KEY,
    code_ballot,
    forget_code_ballot,
    remember_code_ballot,
    voting_state,
)


def _per_address() -> str:
    return current_app.config["VOTE_RATE_LIMIT_ADDRESS"]


def _per_voter() -> str:
    return current_app.config["VOTE_RATE_LIMIT_VOTER"]


def _voter_key() -> str:
    if current_user.is_authenticated:
        return f"voter:user:{current_user.id}"
    # Code voters at a dialogue session share one network: key them by their ballots.
    ballots = session.get(SESSION_KEY) or {}
    if ballots:
        return "voter:code:" + ",".join(str(b) for b in sorted(ballots.values()))
    return f"voter:anonymous:{client_address()}"


# Casting and withdrawing share one budget of requests, per address and per voter.
limit_by_address = limiter.shared_limit(_per_address, scope="votes-by-address",
                                        key_func=client_address)
limit_by_voter = limiter.shared_limit(_per_voter, scope="votes-by-voter", key_func=_voter_key)


def _wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json"


def _back_to(call, proposal):
    """Where a plain form returns: the page it was sent from, else the proposal's page."""
    return safe_next(VoteForm().next.data, "proposals.show", slug=call.slug,
                     reference=proposal.reference)


def _answer(call, proposal, message: str, category: str, status: int = 200):
    """JSON for the in-page enhancement, a flash and a redirect for a plain form."""
    if _wants_json():
        state = voting_state(call)
        return_to = _back_to(call, proposal).location
        parts = {part: render_template("voting/fragment.html", part=part, call=call,
                                       proposal=proposal, voting=state, vote_form=VoteForm(),
                                       return_to=return_to)
                 for part in ("box", "budget")}
        return jsonify(ok=status < 400, message=message, voted=proposal.id in state.voted,
                       used=state.used, budget=state.budget, html=parts), status
    if status >= 400:
        return render_template("voting/refused.html", call=call, proposal=proposal,
                               message=message), status
    flash(message, category)
    return _back_to(call, proposal)


def _vote_action(slug, reference, action, success_message):
    call = get_call_or_404(slug)
    proposal = public_proposal_or_404(call, reference, with_relations=False)
    form = VoteForm()
    if not form.validate_on_submit():
        return _answer(call, proposal, _("The form expired. Reload the page and try again."),
                       "error", 400)
    ballot_of_code = code_ballot(call)
    start_writing()
    try:
        ballot = action(call, proposal, current_user, ballot_of_code)
    except DomainError as exc:
        db.session.rollback()
        return _answer(call, proposal, str(exc.message), "error", exc.status)
    message = success_message(ballot)
    if _wants_json():
        db.session.commit()  # the fragments then read the new counts
        return _answer(call, proposal, message, "success")
    # Built before the commit, which expires what was loaded: a plain form needs no reload.
    redirect_to = _back_to(call, proposal)
    db.session.commit()
    flash(message, "success")
    return redirect_to


@bp.route("/calls/<slug>/proposals/<reference>/vote", methods=["POST"])
@reads_first
@limit_by_address
@limit_by_voter
def cast(slug, reference):
    return _vote_action(slug, reference, services.cast_vote, lambda ballot: _(
        "Your vote is counted. You have used %(used)d of %(budget)d votes.",
        used=ballot.used, budget=ballot.budget))


@bp.route("/calls/<slug>/proposals/<reference>/vote/withdraw", methods=["POST"])
@reads_first
@limit_by_address
@limit_by_voter
def withdraw(slug, reference):
    return _vote_action(slug, reference, services.withdraw_vote, lambda ballot: _(
        "Your vote is withdrawn. You have used %(used)d of %(budget)d votes.",
        used=ballot.used, budget=ballot.budget))


@bp.route("/calls/<slug>/vote/code", methods=["GET", "POST"])
@limiter.limit(_per_address, key_func=client_address, methods=["POST"])
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
