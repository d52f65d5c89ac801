"""Administrators' pages: create and edit plans, commitments and milestones."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from app.calls.models import Call
from app.extensions import db
from app.plans import bp, consultation, services
from app.plans.forms import CommitmentForm, MilestoneForm, PlanForm
from app.plans.models import COMMITMENT_FIELDS, MILESTONE_FIELDS
from app.web.access import admin_required
from app.web.forms import apply_form, choices_from, show_domain_error
from app.core.errors import DomainError


def _call_choices() -> list[tuple[int, str]]:
    calls = db.session.execute(select(Call.id, Call.title).order_by(Call.voting_closes_at.desc()))
    return [(0, _("None (adopted before Minga)")), *((i, t) for i, t in calls)]


@bp.route("/admin/plans/")
@admin_required
def admin_list():
    return render_template("plans/admin_list.html", plans=services.list_plans(current_user))


@bp.route("/admin/plans/new", methods=["GET", "POST"])
@admin_required
def new_plan():
    form = PlanForm()
    form.call_id.choices = choices_from(_call_choices())
    outcome = apply_form(form, lambda: services.create_plan(
        current_user, form.slug.data, **form.data_for_service()))
    if outcome.done:
        flash(_("The plan has been created."), "success")
        return redirect(url_for("plans.show", slug=outcome.value.slug))
    return render_template("plans/plan_form.html", form=form, plan=None), outcome.status


@bp.route("/admin/plans/<slug>/edit", methods=["GET", "POST"])
@admin_required
def edit_plan(slug):
    plan = services.get_plan_or_404(slug, current_user)
    form = PlanForm(obj=plan if request.method == "GET" else None)
    form.call_id.choices = choices_from(_call_choices())
    if request.method == "GET":
        form.call_id.data = plan.call_id or 0
    del form.slug  # the address is permanent: links to the plan must keep working
    outcome = apply_form(form, lambda: services.update_plan(
        current_user, plan, **form.data_for_service()))
    if outcome.done:
        flash(_("The plan has been saved."), "success")
        return redirect(url_for("plans.show", slug=plan.slug))
    return render_template("plans/plan_form.html", form=form, plan=plan,
                           unanswered=consultation.unanswered(plan)), outcome.status


def _source_choices(plan):
    return [(p.reference, f"{p.reference} · {p.title}")
            for p in services.candidate_proposals(plan)]


@bp.route("/admin/plans/<slug>/commitments/new", methods=["GET", "POST"])
@admin_required
def new_commitment(slug):
    plan = services.get_plan_or_404(slug, current_user)
    form = CommitmentForm()
    form.sources.choices = choices_from(_source_choices(plan))
    if request.method == "GET" and request.args.getlist("from"):
        form.sources.data = request.args.getlist("from")
    status = 200
    if (request.method == "GET" and form.sources.data) or "copy" in request.form:
        # Fill the template from the chosen proposals; nothing is saved yet.
        try:
            form.fill_from(services.copied_from(
                services.proposals_by_reference(plan, form.sources.data or [])))
        except DomainError as exc:
            status = show_domain_error(form, exc)
        return render_template("plans/commitment_form.html", form=form, plan=plan,
                               commitment=None), status
    outcome = apply_form(form, lambda: services.create_commitment(
        current_user, plan, sources=form.sources.data or [], **form.data_for_service()))
    if outcome.done:
        flash(_("The commitment has been created."), "success")
        return redirect(url_for("plans.commitment", slug=plan.slug,
                                reference=outcome.value.reference))
    return render_template("plans/commitment_form.html", form=form, plan=plan,
                           commitment=None), outcome.status


@bp.route("/admin/plans/<slug>/commitments/<reference>/edit", methods=["GET", "POST"])
@admin_required
def edit_commitment(slug, reference):
    plan = services.get_plan_or_404(slug, current_user)
    commitment = services.get_commitment_or_404(plan, reference)
    form = CommitmentForm()
    del form.sources  # where it came from is history: it does not change
    if request.method == "GET":
        form.fill_from({name: getattr(commitment, name) for name in COMMITMENT_FIELDS})
        form.version.data = commitment.version
    outcome = apply_form(form, lambda: services.update_commitment(
        current_user, commitment, form.version_number(), **form.data_for_service()))
    if outcome.done:
        flash(_("The commitment has been saved."), "success")
        return redirect(url_for("plans.commitment", slug=plan.slug, reference=reference))
    return render_template("plans/commitment_form.html", form=form, plan=plan,
                           commitment=commitment), outcome.status


@bp.route("/admin/plans/<slug>/commitments/<reference>/milestones/new",
          methods=["GET", "POST"])
@admin_required
def new_milestone(slug, reference):
    plan = services.get_plan_or_404(slug, current_user)
    commitment = services.get_commitment_or_404(plan, reference)
    form = MilestoneForm()
    outcome = apply_form(form, lambda: services.add_milestone(
        current_user, commitment, **form.data_for_service()))
    if outcome.done:
        flash(_("The milestone has been added."), "success")
        return redirect(url_for("plans.commitment", slug=plan.slug, reference=reference))
    return render_template("plans/milestone_form.html", form=form, plan=plan,
                           commitment=commitment, milestone=None), outcome.status


@bp.route("/admin/plans/<slug>/commitments/<reference>/milestones/<int:milestone_id>/edit",
          methods=["GET", "POST"])
@admin_required
def edit_milestone(slug, reference, milestone_id):
    plan = services.get_plan_or_404(slug, current_user)
    commitment = services.get_commitment_or_404(plan, reference)
    milestone = services.get_milestone_or_404(commitment, milestone_id)
    form = MilestoneForm(data={n: getattr(milestone, n) for n in MILESTONE_FIELDS}
                         if request.method == "GET" else None)
    outcome = apply_form(form, lambda: services.update_milestone(
        current_user, milestone, **form.data_for_service()))
    if outcome.done:
        flash(_("The milestone has been saved."), "success")
        return redirect(url_for("plans.commitment", slug=plan.slug, reference=reference))
    return render_template("plans/milestone_form.html", form=form, plan=plan,
                           commitment=commitment, milestone=milestone), outcome.status
