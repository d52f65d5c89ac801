"""Civil society's readings of progress updates, and the implementers' answers."""

from flask import flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.plans import bp, readings, reporting, services
from app.plans.forms import AnswerForm, ReadingForm
from app.plans.progress import SELF_STATUSES
from app.web.forms import apply_form


def _back(plan, commitment, thread_id):
    return redirect(url_for("plans.commitment", slug=plan.slug, reference=commitment.reference,
                            _anchor=f"update-{thread_id}"))


@bp.route("/plans/<slug>/commitments/<reference>/updates/<int(max=2147483647):update_id>"
          "/reading", methods=["GET", "POST"])
@login_required
def give_reading(slug, reference, update_id):
    plan = services.get_plan_or_404(slug, current_user)
    commitment = services.get_commitment_or_404(plan, reference)
    update = reporting.get_update_or_404(commitment, update_id)
    if not readings.can_read(current_user):
        flash(str(readings.NotCivilSociety.message), "error")
        return _back(plan, commitment, update.thread_id)
    form = ReadingForm()
    outcome = apply_form(form, lambda: readings.give_reading(
        current_user, update, form.stance.data, form.reasons.data, form.evidence_url.data))
    if outcome.done:
        flash(_("Your reading has been published beside the update."), "success")
        return _back(plan, commitment, update.thread_id)
    return render_template("plans/reading_form.html", form=form, plan=plan,
                           commitment=commitment, update=update,
                           statuses=SELF_STATUSES), outcome.status


@bp.route("/plans/<slug>/commitments/<reference>/readings/<int(max=2147483647):reading_id>"
          "/answer", methods=["GET", "POST"])
@login_required
def answer_reading(slug, reference, reading_id):
    plan = services.get_plan_or_404(slug, current_user)
    commitment = services.get_commitment_or_404(plan, reference)
    reading = readings.get_reading_or_404(commitment, reading_id)
    if not reporting.can_report(current_user, commitment):
        flash(str(reporting.NotImplementer.message), "error")
        return _back(plan, commitment, reading.thread_id)
    form = AnswerForm()
    outcome = apply_form(form, lambda: readings.answer_reading(current_user, reading,
                                                               form.answer.data))
    if outcome.done:
        flash(_("Your answer has been published."), "success")
        return _back(plan, commitment, reading.thread_id)
    return render_template("plans/answer_form.html", form=form, plan=plan,
                           commitment=commitment, reading=reading), outcome.status
