"""Reporting pages: progress updates and their versions, codings on the IRM's scales, and
the administrators' page naming a commitment's implementers."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.accounts import services as accounts
from app.accounts.forms import SimpleForm
from app.extensions import db
from app.plans import bp, reporting, services
from app.plans.forms import CodingForm, ImplementerForm, UpdateForm
from app.plans.models import Implementer
from app.plans.progress import SELF_STATUSES
from app.plans.scales import CODERS
from app.web.access import admin_required
from app.web.forms import apply_form, choices_from
from app.working_group import documents as repository


def _document_choices(form: UpdateForm) -> UpdateForm:
    form.documents.choices = [(d.id, f"{d.title} ({d.dated_on.isoformat()})")
                              for d in repository.listed(repository.Filter())]
    return form


def _commitment(slug, reference):
    plan = services.get_plan_or_404(slug, current_user)
    return plan, services.get_commitment_or_404(plan, reference)


def _back(plan, commitment, anchor=None):
    return redirect(url_for("plans.commitment", slug=plan.slug, reference=commitment.reference,
                            _anchor=anchor))


def _refuse_unless_reporter(plan, commitment):
    """Anyone else is sent back to the commitment with the reason."""
    if not reporting.can_report(current_user, commitment):
        flash(str(reporting.NotImplementer.message), "error")
        return _back(plan, commitment)
    if plan.status not in reporting.REPORTING_STATUSES:
        flash(str(reporting.NotReporting.message), "error")
        return _back(plan, commitment)
    return None


@bp.route("/plans/<slug>/commitments/<reference>/updates/new", methods=["GET", "POST"])
@login_required
def new_update(slug, reference):
    plan, commitment = _commitment(slug, reference)
    refused = _refuse_unless_reporter(plan, commitment)
    if refused:
        return refused
    form = _document_choices(UpdateForm())
    form.milestone_id.choices = choices_from((m.id, m.deliverable)
                                             for m in commitment.milestones)
    outcome = apply_form(form, lambda: reporting.post_update(
        current_user, commitment, services.find_milestone(commitment, form.milestone_id.data),
        form.status.data, form.narrative.data, form.links(), form.documents.data))
    if outcome.done:
        flash(_("Your progress update has been published."), "success")
        return _back(plan, commitment, f"update-{outcome.value.thread_id}")
    return render_template("plans/update_form.html", form=form, plan=plan,
                           commitment=commitment, previous=None), outcome.status


@bp.route("/plans/<slug>/commitments/<reference>/updates/<int(max=2147483647):update_id>")
def update(slug, reference, update_id):
    plan, commitment = _commitment(slug, reference)
    found = reporting.get_update_or_404(commitment, update_id)
    return render_template("plans/update.html", plan=plan, commitment=commitment,
                           versions=reporting.versions(found.thread_id), statuses=SELF_STATUSES,
                           can_report=reporting.can_report(current_user, commitment))


@bp.route("/plans/<slug>/commitments/<reference>/updates/<int(max=2147483647):update_id>"
          "/revise", methods=["GET", "POST"])
@login_required
def revise_update(slug, reference, update_id):
    plan, commitment = _commitment(slug, reference)
    previous = reporting.get_update_or_404(commitment, update_id)
    refused = _refuse_unless_reporter(plan, commitment)
    if refused:
        return refused
    form = _document_choices(UpdateForm(data={
        "status": previous.status, "narrative": previous.narrative,
        "evidence": "\n".join(f"{e.url} {e.label}".strip()
                              for e in previous.evidence if e.document_id is None),
        "documents": [e.document_id for e in previous.evidence if e.document_id]}
        if request.method == "GET" else None))
    del form.milestone_id  # a correction is about the same milestone
    outcome = apply_form(form, lambda: reporting.revise_update(
        current_user, previous, form.status.data, form.narrative.data, form.links(),
        form.documents.data))
    if outcome.done:
        flash(_("The corrected version has been published; the earlier one stays readable."),
              "success")
        return _back(plan, commitment, f"update-{outcome.value.thread_id}")
    return render_template("plans/update_form.html", form=form, plan=plan,
                           commitment=commitment, previous=previous), outcome.status


@bp.route("/plans/<slug>/commitments/<reference>/codings/<by>", methods=["GET", "POST"])
@login_required
def coding(slug, reference, by):
    plan, commitment = _commitment(slug, reference)
    if by not in CODERS:
        abort(404)
    if by == "irm" and not reporting.can_record_irm(current_user):
        abort(403)
    if by == "government":
        refused = _refuse_unless_reporter(plan, commitment)
        if refused:
            return refused
    form = CodingForm()
    outcome = apply_form(form, lambda: reporting.record_coding(
        current_user, commitment, by, form.completion.data, form.potential.data,
        form.verifiable.data == "yes", form.source_title.data, form.source_url.data))
    if outcome.done:
        flash(_("The coding has been recorded."), "success")
        return _back(plan, commitment, "irm-scales")
    return render_template("plans/coding_form.html", form=form, plan=plan,
                           commitment=commitment, by=by, coder=CODERS[by]), outcome.status


@bp.route("/admin/plans/<slug>/commitments/<reference>/implementers", methods=["GET", "POST"])
@admin_required
def implementers(slug, reference):
    plan, commitment = _commitment(slug, reference)
    form = ImplementerForm()

    def assign():
        user = accounts.find_by_email(form.email.data)
        if user is None:
            raise services.InvalidChoice(_("No account uses this address; ask the person to "
                                           "register first."), field="email")
        return reporting.assign_implementer(current_user, commitment, user)

    outcome = apply_form(form, assign)
    if outcome.done:
        flash(_("%(name)s now reports on this commitment.", name=outcome.value.user.name),
              "success")
        return redirect(url_for("plans.implementers", slug=slug, reference=reference))
    return render_template("plans/implementers.html", form=form, plan=plan,
                           commitment=commitment, remove_form=SimpleForm(),
                           implementers=reporting.implementers(commitment)), outcome.status


@bp.route("/admin/plans/<slug>/commitments/<reference>/implementers/"
          "<int(max=2147483647):implementer_id>/remove", methods=["POST"])
@admin_required
def remove_implementer(slug, reference, implementer_id):
    _plan, commitment = _commitment(slug, reference)
    found = db.get_or_404(Implementer, implementer_id)
    if found.commitment_id != commitment.id:
        abort(404)
    if SimpleForm().validate_on_submit():
        reporting.remove_implementer(current_user, found)
        db.session.commit()
        flash(_("The official no longer reports on this commitment."), "success")
    return redirect(url_for("plans.implementers", slug=slug, reference=reference))
