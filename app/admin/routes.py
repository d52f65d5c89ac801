from flask import current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.accounts import services as accounts
from app.accounts.forms import RoleForm
from app.accounts.models import User
from app.admin import bp
from app.calls import services as calls
from app.calls.forms import LANGUAGE_NAMES, CallForm
from app.core.clock import now
from app.core.confirmation import ConfirmationRequired
from app.core.errors import DomainError
from app.extensions import db
from app.review import services as review
from app.review import panel
from app.web.access import admin_required
from app.web.forms import apply_form


@bp.route("/")
@admin_required
def dashboard():
    return render_template("admin/dashboard.html", calls=calls.list_calls(), now=now())


def _call_form_page(form, call, status, consequences=()):
    form.ask(consequences)
    return render_template(
        "admin/call_form.html", form=form, call=call, consequences=consequences,
        default_language=LANGUAGE_NAMES[current_app.config["MINGA_DEFAULT_LOCALE"]],
        languages=[(code, LANGUAGE_NAMES[code]) for code in calls.other_locales()]), status


@bp.route("/calls/new", methods=["GET", "POST"])
@admin_required
def new_call():
    form = CallForm()
    outcome = apply_form(form, lambda: calls.create_call(
        current_user, form.slug.data, **form.data_for_service()))
    if outcome.done:
        flash(_("The call has been created."), "success")
        return redirect(url_for("calls.show", slug=outcome.value.slug))
    return _call_form_page(form, None, outcome.status)


@bp.route("/calls/<slug>/edit", methods=["GET", "POST"])
@admin_required
def edit_call(slug):
    call = calls.get_call_or_404(slug)
    form = CallForm()
    del form.slug  # the address is permanent: links to the call must keep working
    if request.method == "GET":
        form.fill_from(call)
    outcome = apply_form(form, lambda: calls.update_call(
        current_user, call, form.version_number(), form.confirmed(),
        **form.data_for_service()))
    if outcome.done:
        flash(_("The call has been saved."), "success")
        return redirect(url_for("calls.show", slug=call.slug))
    asked = outcome.error.consequences if isinstance(outcome.error, ConfirmationRequired) else ()
    return _call_form_page(form, call, outcome.status, asked)


@bp.route("/calls/<slug>/members")
@admin_required
def members(slug):
    """Who reviews the call, read from the seats: they are changed on the Working Group's
    seats page, never per call."""
    call = calls.get_call_or_404(slug)
    return render_template("admin/members.html", call=call, members=review.members(call),
                           terms=panel.terms_of_panel(call))


@bp.route("/users")
@admin_required
def users():
    query = request.args.get("q", "")[:100]
    page = request.args.get("page", 1, type=int)
    pagination = accounts.list_users(query, page=min(max(page, 1), 100_000))
    return render_template("admin/users.html", pagination=pagination, query=query,
                           role_form=RoleForm())


@bp.route("/users/<int(max=2147483647):user_id>/role", methods=["POST"])
@admin_required
def change_role(user_id):
    user = db.get_or_404(User, user_id)
    form = RoleForm()
    if not form.validate_on_submit():
        flash(_("Choose one of the listed roles."), "error")
        return redirect(url_for("admin.users")), 303
    try:
        accounts.change_role(current_user, user, form.role.data)
    except DomainError as exc:
        db.session.rollback()
        flash(str(exc.message), "error")
        return render_template("admin/users.html", pagination=accounts.list_users(),
                               query="", role_form=RoleForm()), exc.status
    db.session.commit()
    flash(_("%(name)s is now: %(role)s.", name=user.name, role=user.role_label), "success")
    return redirect(url_for("admin.users", q=request.args.get("q", "")))


@bp.route("/personal-data")
@admin_required
def personal_data():
    """The register a data controller keeps: each kind of personal data, where, why and for
    how long, from the one declaration the download and the erasure also use."""
    from app.privacy.registry import providers
    from app.privacy.retention import retention_values

    values = retention_values()
    kinds = [(data, str(data.kept) % values) for data in providers()]
    return render_template("admin/personal_data.html", kinds=kinds)
