"""The consultation on the draft plan, and comments on commitments."""

import re

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.core.timezones import utc_to_local
from app.extensions import db, limiter
from app.moderation.models import Comment
from app.moderation.rate_limits import account_key, comment_limit
from app.plans import bp, comments, consultation, services
from app.plans.forms import (
    CommitmentCommentForm,
    ConsultationAnswerForm,
    ConsultationWindowForm,
)
from app.web.forms import apply_form

ASCII_NUMBER = re.compile(r"[0-9]{1,9}")


@bp.route("/plans/<slug>/consultation")
def consultation_page(slug):
    plan = services.get_plan_or_404(slug, current_user)
    found = consultation.consultation_comments(plan)
    by_commitment: dict[int, list[Comment]] = {}
    for comment in found:
        by_commitment.setdefault(comment.commitment_id, []).append(comment)
    total, answered = consultation.consultation_stats(plan)
    can_run = consultation.can_run(current_user)
    return render_template("plans/consultation.html", plan=plan, by_commitment=by_commitment,
                           state=consultation.window_state(plan), total=total,
                           answered=answered, fields=consultation.FIELDS, can_run=can_run,
                           unanswered=consultation.unanswered(plan) if can_run else [])


@bp.route("/plans/<slug>/consultation/window", methods=["GET", "POST"])
@login_required
def consultation_window(slug):
    if not consultation.can_run(current_user):
        services.get_plan_or_404(slug, current_user)  # what does not exist for them: 404
        abort(403)
    # The Working Group opens the consultation on a draft only administrators see yet.
    plan = services.get_plan_or_404(slug, current_user, drafts=True)
    form = ConsultationWindowForm()
    if not form.is_submitted() and plan.consultation_opens_at:
        form.opens_at.data = utc_to_local(plan.consultation_opens_at)
        form.closes_at.data = utc_to_local(plan.consultation_closes_at)
    outcome = apply_form(form, lambda: consultation.open_consultation(
        current_user, plan, **form.data_for_service()))
    if outcome.done:
        flash(_("The consultation window has been saved."), "success")
        return redirect(url_for("plans.consultation_page", slug=plan.slug))
    return render_template("plans/consultation_window.html", form=form, plan=plan), \
        outcome.status


def _parent(raw: str | None) -> Comment | None:
    if not raw:
        return None
    # ASCII digits only, bounded like the id converters (PostgreSQL's integer).
    if not ASCII_NUMBER.fullmatch(raw):
        abort(400)
    parent = db.session.get(Comment, int(raw))
    if parent is None:
        abort(404)
    return parent


@bp.route("/plans/<slug>/commitments/<reference>/comments", methods=["POST"])
@login_required
@limiter.limit(comment_limit, key_func=account_key)
def comment_on_commitment(slug, reference):
    plan = services.get_plan_or_404(slug, current_user)
    commitment = services.get_commitment_or_404(plan, reference)
    form = CommitmentCommentForm()
    parent = _parent(form.parent_id.data)
    outcome = apply_form(form, lambda: comments.add_comment(
        current_user, commitment, form.body.data, form.field.data, parent))
    if outcome.done:
        flash(_("Your comment is published."), "success")
        return redirect(outcome.value.page_url())
    return render_template("plans/comment_form.html", form=form, plan=plan,
                           commitment=commitment), outcome.status


@bp.route("/plans/<slug>/consultation/comments/<int(max=2147483647):comment_id>/answer",
          methods=["GET", "POST"])
@login_required
def answer_comment(slug, comment_id):
    plan = services.get_plan_or_404(slug, current_user)
    comment = db.session.get(Comment, comment_id)
    if comment is None or comment.commitment_id is None or comment.commitment.plan_id != plan.id:
        abort(404)
    if not consultation.can_run(current_user):
        abort(403)
    if not (comment.consultation and comment.visible):
        abort(404)  # a hidden or deleted text is not shown again here, even to the group
    form = ConsultationAnswerForm()
    outcome = apply_form(form, lambda: consultation.answer_comment(current_user, comment,
                                                                   form.answer.data))
    if outcome.done:
        flash(_("The response has been published."), "success")
        return redirect(url_for("plans.consultation_page", slug=plan.slug,
                                _anchor=f"comment-{comment.id}"))
    return render_template("plans/consultation_answer.html", form=form, plan=plan,
                           comment=comment), \
        outcome.status
