"""/documents/: the public repository, its filters, each document and its file."""

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from app.calls.models import Call
from app.extensions import db
from app.working_group import bp, documents
from app.working_group.document_models import DOCUMENT_KINDS, Document
from app.working_group.forms import DocumentForm
from app.working_group.meeting_models import Meeting
from app.web.access import admin_required
from app.web.forms import apply_form

ID = "int(max=2147483647)"


@bp.route("/documents/")
def documents_page():
    wanted = documents.Filter(**{k: request.args.get(k, "")[:64]
                                 for k in ("kind", "year", "meeting", "call")})
    return render_template("working_group/documents.html", found=documents.listed(wanted),
                           wanted=wanted, kinds=DOCUMENT_KINDS, years=documents.years())


@bp.route(f"/documents/<{ID}:document_id>")
def document(document_id):
    return render_template("working_group/document.html",
                           document=db.get_or_404(Document, document_id))


@bp.route(f"/documents/<{ID}:document_id>/file")
def document_file(document_id):
    found = db.get_or_404(Document, document_id)
    try:
        data, media_type, name = documents.file_of(found)
    except KeyError:
        abort(404)
    return Response(data, mimetype=media_type, headers={
        "Content-Disposition": f'attachment; filename="{name}"',
        "X-Content-Type-Options": "nosniff"})


def _choices(form: DocumentForm) -> DocumentForm:
    form.meeting.choices = [("", _("No meeting"))] + [
        (str(m.id), m.title) for m in db.session.scalars(
            select(Meeting).order_by(Meeting.starts_at.desc()))]
    form.call.choices = [("", _("No call"))] + [
        (c.slug, c.title) for c in db.session.scalars(
            select(Call).order_by(Call.submission_opens_at.desc()))]
    return form


@bp.route("/admin/documents/new", methods=["GET", "POST"])
@admin_required
def new_document():
    form = _choices(DocumentForm())

    def upload():
        sent = form.file.data
        meeting = form.meeting.data
        return documents.upload(
            current_user, title=form.title.data, kind=form.kind.data,
            dated_on=form.dated_on.data, data=sent.read() if sent else None,
            meeting_id=int(meeting) if meeting and meeting.isdigit() and len(meeting) < 10
            else None, call_slug=form.call.data or "")

    outcome = apply_form(form, upload)
    if outcome.done:
        flash(_("The document is in the repository."), "success")
        return redirect(url_for("working_group.document", document_id=outcome.value.id))
    return render_template("working_group/document_form.html", form=form), outcome.status
