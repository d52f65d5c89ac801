import re
from functools import wraps

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from app.accounts.models import User
from app.calls.services import get_call_or_404, list_calls
from app.core.errors import DomainError
from app.extensions import db, limiter
from app.moderation import bp, hidden, services
from app.moderation.forms import (
    CommentForm,
    HiddenFilterForm,
    HideForm,
    MergeForm,
    ModerationForm,
    ReportForm,
)
from app.moderation.models import REPORT_REASONS, Comment
from app.moderation.rate_limits import account_key, comment_limit
from app.proposals.models import Proposal
from app.proposals.queries import public_proposal_or_404
from app.web.forms import apply_form
from app.web.paging import page_number
from app.web.redirects import is_safe_path

ID = "<int(max=2147483647):item_id>"
ASCII_NUMBER = re.compile(r"[0-9]+")


def _back_to(proposal, anchor="comments"):
    return redirect(url_for("proposals.show", slug=proposal.call.slug,
                            reference=proposal.reference, _anchor=anchor))


def _refused(proposal, exc: DomainError):
    db.session.rollback()
    return render_template("moderation/refused.html", proposal=proposal,
                           message=exc.message), exc.status


def _refused_on(comment: Comment, exc: DomainError):
    """Refuse an action on a comment, with a way back to the page that shows it."""
    if comment.proposal_id is not None:
        return _refused(comment.proposal, exc)
    db.session.rollback()
    return render_template("moderation/refused.html", message=exc.message,
                           back=comment.page_url(anchor=None)), exc.status


def _run(proposal, action, message, anchor="comments"):
    """Run a one-button action: commit and go back, or show why not with its status."""
    try:
        action()
    except DomainError as exc:
        return _refused(proposal, exc)
    db.session.commit()
    flash(str(message), "success")
    return _back_to(proposal, anchor)


@bp.route("/calls/<slug>/proposals/<reference>/comments", methods=["POST"])
@login_required
@limiter.limit(comment_limit, key_func=account_key)
def comment(slug, reference):
    proposal = public_proposal_or_404(get_call_or_404(slug), reference)
    form = CommentForm()
    parent = None
    if form.parent_id.data:
        raw = form.parent_id.data
        # ASCII digits only: str.isdigit() also takes "²", which int() refuses.
        if not ASCII_NUMBER.fullmatch(raw):
            abort(400)
        # Bounded like the id converters: a huge number would overflow PostgreSQL's integer.
        parent = db.session.get(Comment, int(raw)) if len(raw) <= 9 else None
        if parent is None:
            abort(404)
    outcome = apply_form(form, lambda: services.add_comment(current_user, proposal,
                                                            form.body.data, parent))
    if outcome.done:
        flash(_("Your comment is published."), "success")
        return _back_to(proposal, f"comment-{outcome.value.id}")
    return render_template("moderation/comment_form.html", proposal=proposal, form=form,
                           comment=None), outcome.status


def _own_comment(item_id) -> Comment:
    found = db.session.get(Comment, item_id)
    if found is None:
        abort(404)
    return found


@bp.route(f"/comments/{ID}/edit", methods=["GET", "POST"])
@login_required
def edit_comment(item_id):
    found = _own_comment(item_id)
    form = CommentForm(obj=found) if request.method == "GET" else CommentForm()
    outcome = apply_form(form, lambda: services.edit_comment(current_user, found,
                                                             form.body.data))
    if outcome.done:
        flash(_("Your comment is updated."), "success")
        return redirect(found.page_url())
    refusal = services.edit_refusal(current_user, found)
    if request.method == "GET" and refusal is not None:
        # Someone else's comment is refused as such (403), not as a window that closed.
        return _refused_on(found, refusal)
    return render_template("moderation/comment_form.html", proposal=found.proposal, form=form,
                           comment=found), outcome.status


@bp.route(f"/comments/{ID}/delete", methods=["POST"])
@login_required
def delete_comment(item_id):
    found = _own_comment(item_id)
    if found.proposal_id is not None:
        return _run(found.proposal, lambda: services.delete_comment(current_user, found),
                    _("Your comment is deleted."))
    back = found.page_url(anchor="comments")
    try:
        services.delete_comment(current_user, found)
    except DomainError as exc:
        return _refused_on(found, exc)
    db.session.commit()
    flash(_("Your comment is deleted."), "success")
    return redirect(back)


def _report(target, proposal):
    form = ReportForm()
    if not form.validate_on_submit():
        return _refused(proposal, services.InvalidInput(_("Choose a reason.")))
    return _run(proposal, lambda: services.report(current_user, target, form.reason.data),
                _("Thank you. Moderators will review your report."), anchor="main")


@bp.route(f"/comments/{ID}/report", methods=["POST"])
@login_required
def report_comment(item_id):
    found = _own_comment(item_id)
    if found.proposal_id is not None:
        return _report(found, found.proposal)
    form = ReportForm()
    try:
        if not form.validate_on_submit():
            raise services.InvalidInput(_("Choose a reason."))
        services.report(current_user, found, form.reason.data)
    except DomainError as exc:
        return _refused_on(found, exc)
    db.session.commit()
    flash(_("Thank you. Moderators will review your report."), "success")
    return redirect(found.page_url())


@bp.route("/calls/<slug>/proposals/<reference>/report", methods=["POST"])
@login_required
def report_proposal(slug, reference):
    proposal = public_proposal_or_404(get_call_or_404(slug), reference)
    return _report(proposal, proposal)


# --- the moderators' side -----------------------------------------------------------------

def moderators_only(view):
    @wraps(view)
    @login_required
    def wrapped(*args, **kwargs):
        if not current_user.is_moderator:
            abort(403)
        return view(*args, **kwargs)

    return wrapped


@bp.route("/moderation/")
@moderators_only
def queue():
    return render_template("moderation/queue.html", items=services.queue(),
                           reasons=REPORT_REASONS, form=ModerationForm(),
                           merge_form=MergeForm())


@bp.route("/moderation/hidden")
@moderators_only
def hidden_list():
    form = HiddenFilterForm(formdata=request.args)
    form.fill_choices(list_calls(), hidden.people_who_hide())
    if not form.validate():
        return render_template("moderation/hidden.html", form=form, items=None), 400
    items = hidden.hidden_items(current_user, form.filters(),
                                page_number(request.args.get("page")))
    return render_template("moderation/hidden.html", form=form, items=items,
                           query_args=form.query_args())


def _item(kind: str, item_id: int):
    """A published proposal or a comment; drafts are their author's alone."""
    model = {"proposal": Proposal, "comment": Comment}.get(kind)
    found = db.session.get(model, item_id) if model else None
    if found is None or (kind == "proposal" and found.is_draft):
        abort(404)
    return found


def _back_path() -> str:
    """Where the form came from (a proposal page, the list of hidden content), if ours."""
    target = request.form.get("next")
    return target if is_safe_path(target) else url_for("moderation.queue")


def _moderate(action, message):
    form = ModerationForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        action(form)
    except DomainError as exc:
        db.session.rollback()
        return render_template("moderation/refused.html", message=exc.message,
                               back=_back_path()), exc.status
    db.session.commit()
    flash(str(message), "success")
    return redirect(_back_path())


@bp.route(f"/moderation/<kind>/{ID}/hide", methods=["GET", "POST"])
@moderators_only
def hide(kind, item_id):
    """Hide from the queue, the proposal page or this page; a refusal shows this page."""
    target = _item(kind, item_id)
    form = HideForm()
    if request.method == "GET":
        form.next.data = request.args.get("next")
    outcome = apply_form(form, lambda: services.hide(current_user, target, form.reason.data))
    if outcome.done:
        flash(_("Hidden. A tombstone with your reason stays in its place."), "success")
        return redirect(_back_path())
    return render_template("moderation/hide.html", form=form, kind=kind, target=target,
                           back=form.next.data if is_safe_path(form.next.data) else None), \
        outcome.status


@bp.route(f"/moderation/<kind>/{ID}/restore", methods=["POST"])
@moderators_only
def restore(kind, item_id):
    target = _item(kind, item_id)
    return _moderate(lambda form: services.restore(current_user, target),
                     _("Restored."))


@bp.route(f"/moderation/<kind>/{ID}/dismiss", methods=["POST"])
@moderators_only
def dismiss(kind, item_id):
    target = _item(kind, item_id)
    return _moderate(lambda form: services.dismiss(current_user, target),
                     _("Reports dismissed."))


@bp.route(f"/moderation/users/{ID}/block", methods=["POST"])
@moderators_only
def block(item_id):
    user = db.get_or_404(User, item_id)
    return _moderate(lambda form: services.block(current_user, user, form.reason.data or ""),
                     _("The account is blocked."))


@bp.route(f"/moderation/proposal/{ID}/merge", methods=["POST"])
@moderators_only
def merge(item_id):
    duplicate = _item("proposal", item_id)
    form = MergeForm()

    def run():
        target = db.session.scalar(select(Proposal).where(
            Proposal.call_id == duplicate.call_id,
            Proposal.reference == (form.target.data or "").strip()))
        if target is None:
            raise services.InvalidMerge(_("No proposal of this call has that reference."),
                                        field="target")
        services.merge(current_user, duplicate, target)

    outcome = apply_form(form, run)
    if outcome.done:
        flash(_("Merged. Its votes now count for the proposal it joined."), "success")
        return redirect(url_for("moderation.queue"))
    # The queue has a merge box per proposal: the error summary links to this one's.
    form.target.id = f"target-{duplicate.id}"
    return render_template("moderation/queue.html", items=services.queue(),
                           reasons=REPORT_REASONS, form=ModerationForm(),
                           merge_form=form), outcome.status
