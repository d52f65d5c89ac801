from flask import (
    abort,
    current_app,
    flash,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.accounts.login import account_from_row, login_of
from app.calls.services import get_call_or_404
from app.clock import now
from app.database import begin_writing, done_writing, own_connection, reads_first
from app.errors import DomainError
from app.extensions import client_address, limiter, login_manager
from app.form_actions import apply_form
from app.notices import leave_notice, notice_text
from app.proposals.queries import public_proposal_or_404
from app.redirects import safe_next
from app.voting import bp, services
from app.voting.fast_path import LIMITS_COUNTED
from app.voting.forms import CodeForm, VoteForm
from app.voting.limits import account_voter, count_vote_request
from app.voting.visitor import (
    SESSION_KEY,
    forget_code_ballot,
    remember_code_ballot,
    voting_state,
)


def _per_address() -> str:
    return current_app.config["VOTE_RATE_LIMIT_ADDRESS"]


def _voter_key(login: tuple[int, str] | None) -> str:
    """Whom the per-voter limit counts: the session's account (checked or not: a stale
    login counts against the account it names), else its code ballots, else the address."""
    if login is not None:
        return account_voter(login[0])
    # Code voters at a dialogue session share one network: key them by their ballots.
    ballots = session.get(SESSION_KEY) or {}
    if ballots:
        return "voter:code:" + ",".join(str(b) for b in sorted(ballots.values()))
    return f"voter:anonymous:{client_address()}"


# Flask-Limiter leaves them alone: `count_vote_request` counts them, in one round trip.
limiter.counts_itself("voting.cast", "voting.withdraw")


def _wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json"


def _form_is_fresh() -> bool:
    """The vote form's CSRF token holds: the form has no other field to check.

    CSRFProtect checks every POST before the view runs and marks the request; the form is
    built to check only when it did not (and with CSRF switched off, as in tests, there
    is nothing to check).
    """
    return (g.get("csrf_valid", False) or not current_app.config["WTF_CSRF_ENABLED"]
            or VoteForm().validate_on_submit())


def _back_to(slug, reference):
    """Where a plain form returns: the page it was sent from, else the proposal's page."""
    return safe_next(request.form.get("next"), "proposals.show", slug=slug,
                     reference=reference)


def _answer(slug, reference, message: str, status: int = 200):
    """JSON with fresh fragments for the in-page enhancement, else a page saying no.

    (A plain form's success is a flash and a redirect: see `_vote_action`.) Pages and
    fragments are rendered from the models, loaded here after the vote's transaction.
    """
    call = get_call_or_404(slug)
    proposal = public_proposal_or_404(call, reference, with_relations=False)
    if _wants_json():
        state = voting_state(call)
        return_to = _back_to(slug, reference).location
        parts = {part: render_template("voting/fragment.html", part=part, call=call,
                                       proposal=proposal, voting=state, return_to=return_to)
                 for part in ("box", "budget")}
        return jsonify(ok=status < 400, message=message, voted=proposal.id in state.voted,
                       used=state.used, budget=state.budget, html=parts), status
    return render_template("voting/refused.html", call=call, proposal=proposal,
                           message=message), status


def _voter(target, login) -> tuple[object, bool]:
    """The current user, and whether the ballot `vote_target` read is theirs.

    The login's account came with the vote's query: if it holds, it becomes the current
    user without loading the account's model (app/accounts/login.py).
    """
    if target is not None and login is not None:
        account = account_from_row(login, target.account)
        if account is not None and login_manager.adopt(account):
            return account, True
    user = current_user._get_current_object()
    return user, target is not None and target.call.eligibility == "code"


def _vote_action(slug, reference, action, notice):
    """Read what the vote is about, then write it in a transaction of its own.

    The whole path reads and writes rows, not models, on a connection of its own (not the
    ORM session's): one SELECT (call, proposal, the voter's ballot and login), the limits
    in one Redis call, the service's prepared writes, one commit. A plain form's success
    is a redirect carrying a notice (app/notices.py): the session is not written again.
    """
    if not _form_is_fresh():
        return _answer(slug, reference, _("The form expired. Reload the page and try again."),
                       400)
    login = login_of(session.get("_user_id"))
    # Casting and withdrawing share one budget of requests, per address and per voter:
    # counted in Redis while the vote's row is read (or already, by the fast path).
    refuse_if_over_limits = request.environ.pop(LIMITS_COUNTED, None) \
        or count_vote_request(client_address(), _voter_key(login))
    with own_connection() as connection:
        target = services.vote_target(slug, reference, login[0] if login else None,
                                      session.get(SESSION_KEY), connection)
        user, ballot_read = _voter(target, login)
        refuse_if_over_limits()
        if target is None:
            abort(404)
        transaction = begin_writing(connection)
        try:
            ballot = action(target.call, target.proposal, user, connection=connection,
                            ballot=target.ballot if ballot_read else services.UNREAD)
        except DomainError as exc:
            transaction.rollback()
            refusal = exc
        else:
            transaction.commit()
            refusal = None
        done_writing()
    if refusal is not None:
        return _answer(slug, reference, str(refusal.message), refusal.status)
    numbers = {"used": ballot.used, "budget": ballot.budget}
    if _wants_json():  # the fragments read the new counts
        return _answer(slug, reference, notice_text(notice, **numbers))
    return leave_notice(_back_to(slug, reference), notice, **numbers)


@bp.route("/calls/<slug>/proposals/<reference>/vote", methods=["POST"])
@reads_first
def cast(slug, reference):
    return _vote_action(slug, reference, services.cast_vote, "vote-cast")


@bp.route("/calls/<slug>/proposals/<reference>/vote/withdraw", methods=["POST"])
@reads_first
def withdraw(slug, reference):
    return _vote_action(slug, reference, services.withdraw_vote, "vote-withdrawn")


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
