from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.accounts.forms import SimpleForm
from app.calls.services import get_call_or_404
from app.core.clock import now
from app.core.errors import DomainError
from app.extensions import db
from app.moderation import services as moderation
from app.moderation.forms import CommentForm, ReportForm
from app.plans import services as plans
from app.proposals import bp, queries, services
from app.proposals.forms import ProposalForm, WithdrawForm
from app.proposals.models import NATIONAL, OGP_VALUES, STATUSES
from app.review import services as review
from app.voting.visitor import voting_state
from app.web import page_cache
from app.web.error_summary import form_error_links
from app.web.forms import apply_form, show_domain_error
from app.web.requests import client_address

# Ids fit PostgreSQL's integer column; a larger number is simply not found.
DRAFT = "/calls/<slug>/proposals/drafts/<int(max=2147483647):proposal_id>"


def _shuffle_seed() -> int:
    at = now()
    if page_cache.is_reader():
        # Readers without a session share one order an hour, so their pages can be kept
        # (app/page_cache.py). Voting needs a session, so each voter keeps an order of
        # their own, and over a day readers' attention still spreads over every proposal.
        return queries.visitor_seed(current_app.config["SECRET_KEY"], "reader", str(at.hour),
                                    at.date())
    return queries.visitor_seed(current_app.config["SECRET_KEY"], client_address(),
                                request.headers.get("User-Agent", ""), at.date())


def _regions():
    return current_app.config["MINGA_REGIONS"]


@bp.route("/calls/<slug>/proposals/")
def index(slug):
    call = get_call_or_404(slug)
    at = now()
    listing = queries.listing_from(request.args, call, at)
    pagination = queries.list_proposals(call, listing, _shuffle_seed())
    return render_template(
        "proposals/index.html", call=call, now=at, listing=listing, pagination=pagination,
        sorts=queries.allowed_sorts(call, at, listing.q), ogp_values=OGP_VALUES,
        statuses={k: STATUSES[k] for k in queries.PUBLIC_STATUSES},
        bodies=queries.responsible_bodies(call), regions=queries.regions_in_use(call),
        national=NATIONAL, counts_public=call.counts_public(at),
        can_submit=services.can_submit(current_user, call), voting=voting_state(call))


def _form_page(call, form, proposal=None, status=200):
    return render_template(
        "proposals/form.html", call=call, form=form, proposal=proposal,
        bodies=queries.responsible_bodies(call)), status


@bp.route("/calls/<slug>/proposals/new", methods=["GET", "POST"])
@login_required
def new(slug):
    call = get_call_or_404(slug)
    refusal = services.submission_refusal(current_user, call)
    if refusal is not None:
        return render_template("proposals/cannot_submit.html", call=call,
                               reason=refusal.message), refusal.status
    form = _proposal_form(call)
    if request.method == "GET":
        form.organisation.data = current_user.organisation
    outcome = apply_form(form, lambda: services.create_draft(
        current_user, call, form.data_for_service(), _regions()))
    if outcome.done:
        return _after_draft_saved(call, outcome.value)
    return _form_page(call, form, status=outcome.status)


def _proposal_form(call, proposal=None) -> ProposalForm:
    form = ProposalForm()
    form.fill_choices(call)
    # A draft is saved with its title alone; what readers may see needs the whole template.
    form.whole_template = "preview" in request.form or (
        proposal is not None and not proposal.is_draft)
    return form


def _after_draft_saved(call, proposal):
    if "preview" in request.form:
        return redirect(url_for("proposals.preview", slug=call.slug, proposal_id=proposal.id))
    flash(_("Your draft is saved. Only you can see it until you publish it."), "success")
    return redirect(url_for("proposals.edit_draft", slug=call.slug, proposal_id=proposal.id))


@bp.route(DRAFT)
@login_required
def preview(slug, proposal_id):
    call = get_call_or_404(slug)
    proposal = queries.own_proposal_or_404(current_user, call, proposal_id)
    if not proposal.is_draft:
        return redirect(url_for("proposals.show", slug=slug, reference=proposal.reference))
    similar = queries.similar_proposals(call, proposal.title, proposal.summary, proposal.id)
    return _preview_page(call, proposal, SimpleForm(), similar)


def _preview_page(call, proposal, action_form, similar=(), refusal=None, status=200):
    """The draft as it would be published; what keeps it from being published (a field
    it lacks, a refusal) is in the page's error summary, fields linked on the edit page."""
    missing = services.completeness_refusal(services.values_of(proposal))
    fields = ProposalForm(formdata=None, meta={"csrf": False})
    for reason in (refusal, missing):
        if reason is not None:
            show_domain_error(fields, reason)
    edit_page = url_for("proposals.edit_draft", slug=call.slug, proposal_id=proposal.id)
    return render_template("proposals/preview.html", call=call, proposal=proposal,
                           similar=similar, action_form=action_form, complete=missing is None,
                           error_links=form_error_links(fields, page=edit_page),
                           can_change=services.can_change(current_user, proposal)), status


@bp.route(DRAFT + "/edit", methods=["GET", "POST"])
@login_required
def edit_draft(slug, proposal_id):
    call = get_call_or_404(slug)
    proposal = queries.own_proposal_or_404(current_user, call, proposal_id)
    if not proposal.is_draft:
        return redirect(url_for("proposals.edit", slug=slug, reference=proposal.reference))
    return _edit(call, proposal)


@bp.route("/calls/<slug>/proposals/<reference>/edit", methods=["GET", "POST"])
@login_required
def edit(slug, reference):
    call = get_call_or_404(slug)
    proposal = queries.public_proposal_or_404(call, reference)
    return _edit(call, proposal)


def _edit(call, proposal):
    form = _proposal_form(call, proposal)
    if request.method == "GET":
        form.fill_from(proposal)
    outcome = apply_form(form, lambda: services.update_proposal(
        current_user, proposal, form.data_for_service(), _regions(),
        form.version_number()))
    if outcome.done and proposal.is_draft:
        return _after_draft_saved(call, proposal)
    if outcome.done:
        flash(_("Your changes are published."), "success")
        return redirect(url_for("proposals.show", slug=call.slug, reference=proposal.reference))
    refusal = services.change_refusal(current_user, proposal)
    if request.method == "GET" and refusal is not None:
        # Say why before anyone types; a POST gets the same answer from the service.
        flash(str(refusal.message), "error")
        return redirect(_page_of(call, proposal), 303)
    return _form_page(call, form, proposal, outcome.status)


def _page_of(call, proposal) -> str:
    if proposal.is_draft:
        return url_for("proposals.preview", slug=call.slug, proposal_id=proposal.id)
    return url_for("proposals.show", slug=call.slug, reference=proposal.reference)


@bp.route(DRAFT + "/publish", methods=["POST"])
@login_required
def publish(slug, proposal_id):
    call = get_call_or_404(slug)
    proposal = queries.own_proposal_or_404(current_user, call, proposal_id)
    form = SimpleForm()
    if not form.validate_on_submit():
        return redirect(_page_of(call, proposal), 303)
    try:
        services.publish_proposal(current_user, proposal)
    except DomainError as exc:
        db.session.rollback()
        # The fields a draft lacks are listed on its preview whatever the refusal.
        refusal = None if isinstance(exc, services.IncompleteProposal) else exc
        return _preview_page(call, proposal, form, refusal=refusal, status=exc.status)
    db.session.commit()
    flash(_("Your proposal is published as %(ref)s. Share its page so people can read and, "
            "when voting opens, support it.", ref=proposal.reference), "success")
    return redirect(url_for("proposals.show", slug=slug, reference=proposal.reference))


@bp.route(DRAFT + "/delete", methods=["POST"])
@login_required
def delete_draft(slug, proposal_id):
    call = get_call_or_404(slug)
    proposal = queries.own_proposal_or_404(current_user, call, proposal_id)
    if SimpleForm().validate_on_submit():
        services.delete_draft(current_user, proposal)
        db.session.commit()
        flash(_("The draft has been deleted."), "success")
    return redirect(url_for("proposals.mine"))


@bp.route("/calls/<slug>/proposals/<reference>")
def show(slug, reference):
    call = get_call_or_404(slug)
    proposal = queries.public_proposal_or_404(call, reference, include_hidden=True)
    page = request.args.get("comments_page", 1, type=int)
    newest_first = request.args.get("comments_order") != "oldest"
    comments, replies = moderation.comment_page(proposal, max(1, min(page, 10_000)),
                                                newest_first)
    return render_template("proposals/show.html", call=call, proposal=proposal, now=now(),
                           comments=comments, replies=replies, newest_first=newest_first,
                           comment_count=moderation.comment_count(proposal),
                           comment_refusal=moderation.comment_refusal(current_user, proposal),
                           # Labels and choices only: each form's token comes from csrf_field(),
                           # so a reader's page makes no token and sets no cookie.
                           comment_form=CommentForm(formdata=None, meta={"csrf": False}),
                           report_form=ReportForm(formdata=None, meta={"csrf": False}),
                           can_edit_comment=lambda c: moderation.can_edit(current_user, c),
                           merged_from=moderation.merged_from(proposal),
                           can_change=services.can_change(current_user, proposal),
                           counts_public=call.counts_public(now()), voting=voting_state(call),
                           conflicts=review.conflicts(proposal),
                           became=plans.commitments_from(proposal),
                           decision=review.standing_decision(proposal)
                           if review.results_published(call) else None)


@bp.route("/calls/<slug>/proposals/<reference>/withdraw", methods=["GET", "POST"])
@login_required
def withdraw(slug, reference):
    call = get_call_or_404(slug)
    proposal = queries.public_proposal_or_404(call, reference)
    form = WithdrawForm()
    outcome = apply_form(form, lambda: services.withdraw_proposal(
        current_user, proposal, form.reason.data))
    if outcome.done:
        flash(_("Your proposal has been withdrawn. It stays readable, marked as withdrawn."),
              "success")
        return redirect(url_for("proposals.show", slug=slug, reference=reference))
    refusal = services.change_refusal(current_user, proposal)
    if request.method == "GET" and refusal is not None:
        flash(str(refusal.message), "error")
        return redirect(_page_of(call, proposal), 303)
    return render_template("proposals/withdraw.html", call=call, proposal=proposal,
                           form=form), outcome.status


@bp.route("/accounts/me/proposals")
@login_required
def mine():
    return render_template("proposals/mine.html", proposals=queries.proposals_of(current_user),
                           now=now())
