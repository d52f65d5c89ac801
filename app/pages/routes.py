from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from app.core.errors import DomainError
from app.pages import bp, services
from app.pages.forms import PageForm
from app.privacy import consent
from app.web.access import admin_required
from app.web.forms import apply_form


def _shown(slug: str, locale: str) -> services.ShownPage:
    try:
        return services.page(slug, locale)
    except DomainError:
        abort(404)


def _show(slug: str):
    return render_template("pages/show.html", page=_shown(slug, str(get_locale())))


@bp.route("/help")
def help_page():
    return _show("help")


@bp.route("/privacy")
def privacy():
    return _show("privacy")


@bp.route("/terms")
def terms():
    return _show("terms")


@bp.route("/accessibility")
def accessibility():
    return _show("accessibility")


@bp.route("/admin/pages/")
@admin_required
def admin_list():
    return render_template("pages/admin_list.html", pages=services.PAGES,
                           page_locales=current_app.config["MINGA_LOCALES"])


@bp.route("/admin/pages/<slug>/<locale>", methods=["GET", "POST"])
@admin_required
def admin_edit(slug, locale):
    if slug not in services.PAGES or locale not in current_app.config["MINGA_LOCALES"]:
        abort(404)
    title, body, row = services.editable_text(slug, locale)
    form = PageForm(data={"title": title, "body": body} if request.method == "GET" else None)

    def save():
        if form.restore_default.data:
            return services.restore_default(current_user, slug, locale)
        saved = services.save_page(current_user, slug, locale, form.title.data,
                                   form.body.data)
        if slug == "privacy" and form.material_change.data:
            consent.publish_material_change(current_user)
        return saved

    outcome = apply_form(form, save)
    if outcome.done:
        flash(_("The page has been saved."), "success")
        return redirect(url_for("pages.admin_list"))
    return render_template("pages/admin_edit.html", form=form, slug=slug, locale=locale,
                           customised=row is not None), outcome.status
