from flask import Response, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from app.accounts import services as accounts
from app.accounts.forms import SimpleForm
from app.calls.services import get_call_or_404
from app.core.clock import now
from app.core.errors import DomainError
from app.dialogues import bp, imports, services
from app.dialogues.forms import FacilitatorForm, ImportForm, OnBehalfForm, SessionForm
from app.extensions import db
from app.web.access import admin_required
from app.web.forms import apply_form

ID = "<int(max=2147483647):session_id>"


@bp.route("/calls/<slug>/dialogues/")
def index(slug):
    call = get_call_or_404(slug)
    regions = services.regions_of(call)
    region = request.args.get("region") or None
    if region not in regions:
        region = None
    return render_template("dialogues/index.html", call=call, regions=regions, region=region,
                           sessions=services.sessions_of(call, region))


@bp.route(f"/calls/<slug>/dialogues/{ID}")
def show(slug, session_id):
    call = get_call_or_404(slug)
    session = services.session_or_404(call, session_id)
    return render_template("dialogues/show.html", call=call, session=session,
                           proposals=services.proposals_entered_at(session),
                           can_enter=services.can_enter(current_user, session))


@bp.route(f"/calls/<slug>/dialogues/{ID}/proposals/new", methods=["GET", "POST"])
@login_required
def enter(slug, session_id):
    call = get_call_or_404(slug)
    session = services.session_or_404(call, session_id)
    refusal = services.entry_refusal(current_user, session)
    if refusal is not None:
        flash(str(refusal.message), "error")
        return redirect(url_for("dialogues.show", slug=slug, session_id=session.id), 303)
    form = OnBehalfForm()
    form.fill_choices(call)
    outcome = apply_form(form, lambda: services.enter_proposal(
        current_user, session, form.data_for_service(), current_app.config["MINGA_REGIONS"],
        form.credited_author.data))
    if outcome.done:
        flash(_("The proposal is published as %(ref)s, credited to %(name)s.",
                ref=outcome.value.reference, name=outcome.value.credited_author), "success")
        return redirect(url_for("dialogues.show", slug=slug, session_id=session.id))
    return render_template("dialogues/enter.html", call=call, session=session,
                           form=form), outcome.status


@bp.route("/calls/<slug>/import-template.csv")
def template(slug):
    call = get_call_or_404(slug)
    return Response(imports.template_csv(), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{call.slug}-proposals-template.csv"'})


# --- administration --------------------------------------------------------------------------

def _regions():
    return current_app.config["MINGA_REGIONS"]


@bp.route("/admin/calls/<slug>/dialogues", methods=["GET", "POST"])
@admin_required
def admin_list(slug):
    call = get_call_or_404(slug)
    form = SessionForm()
    form.fill_choices()
    outcome = apply_form(form, lambda: services.create_session(
        current_user, call, form.data_for_service(), _regions()))
    if outcome.done:
        flash(_("The session is recorded. Add its facilitators."), "success")
        return redirect(url_for("dialogues.admin_edit", slug=slug, session_id=outcome.value.id))
    return render_template("dialogues/admin_list.html", call=call, form=form,
                           sessions=services.sessions_of(call)), outcome.status


@bp.route(f"/admin/calls/<slug>/dialogues/{ID}", methods=["GET", "POST"])
@admin_required
def admin_edit(slug, session_id):
    call = get_call_or_404(slug)
    session = services.session_or_404(call, session_id)
    form = SessionForm()
    form.fill_choices()
    if request.method == "GET":
        form.fill_from(session)
    outcome = apply_form(form, lambda: services.update_session(
        current_user, session, form.data_for_service(), _regions()))
    if outcome.done:
        flash(_("The session is saved."), "success")
        return redirect(url_for("dialogues.admin_edit", slug=slug, session_id=session.id))
    return _edit_page(call, session, form, FacilitatorForm(formdata=None), outcome.status)


def _edit_page(call, session, form, facilitator_form, status=200):
    return render_template("dialogues/admin_edit.html", call=call, session=session, form=form,
                           facilitator_form=facilitator_form,
                           remove_form=SimpleForm(formdata=None)), status


@bp.route(f"/admin/calls/<slug>/dialogues/{ID}/facilitators", methods=["POST"])
@admin_required
def add_facilitator(slug, session_id):
    call = get_call_or_404(slug)
    session = services.session_or_404(call, session_id)
    form = FacilitatorForm()

    def add():
        user = accounts.find_by_email(form.email.data)
        if user is None:
            raise services.InvalidSession(_("No account uses this address; ask the person to "
                                            "register first."), field="email")
        return services.add_facilitator(current_user, session, user)

    outcome = apply_form(form, add)
    if outcome.done:
        flash(_("The facilitator is added."), "success")
        return redirect(url_for("dialogues.admin_edit", slug=slug, session_id=session.id))
    edit_form = SessionForm(formdata=None)
    edit_form.fill_choices()
    edit_form.fill_from(session)
    return _edit_page(call, session, edit_form, form, outcome.status)


@bp.route(f"/admin/calls/<slug>/dialogues/{ID}/facilitators/"
          "<int(max=2147483647):facilitator_id>/remove", methods=["POST"])
@admin_required
def remove_facilitator(slug, session_id, facilitator_id):
    call = get_call_or_404(slug)
    session = services.session_or_404(call, session_id)
    outcome = apply_form(SimpleForm(), lambda: services.remove_facilitator(
        current_user, session, facilitator_id))
    if outcome.done:
        flash(_("The facilitator is removed."), "success")
    return redirect(url_for("dialogues.admin_edit", slug=slug, session_id=session.id))


@bp.route("/admin/calls/<slug>/import", methods=["GET", "POST"])
@admin_required
def admin_import(slug):
    call = get_call_or_404(slug)
    form = ImportForm()
    report, status = None, 200
    if form.validate_on_submit():
        upload = form.file.data
        try:
            report = imports.import_submissions(
                current_user, call, upload.read(imports.MAX_BYTES + 1), upload.filename,
                _regions(), dry_run=form.dry_run.data)
        except DomainError as exc:
            db.session.rollback()
            form.file.errors = [*form.file.errors, str(exc.message)]
            status = exc.status
        else:
            if report.ok and not report.dry_run:
                db.session.commit()
                flash(ngettext("%(num)d proposal is imported and published.",
                               "%(num)d proposals are imported and published.",
                               len(report.references)), "success")
                return redirect(url_for("proposals.index", slug=slug, sort="recent"))
            db.session.rollback()
            status = 200 if report.ok else 422
    elif request.method == "POST":
        status = 422
    return render_template("dialogues/import.html", call=call, form=form, report=report,
                           columns=imports.COLUMNS, at=now()), status
