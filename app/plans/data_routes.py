"""A plan's open data files, and the administrators' import page."""

import tempfile
from pathlib import Path

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.core.errors import DomainError
from app.extensions import db
from app.plans import bp, importer, open_data, services
from app.plans.forms import ImportForm
from app.results.exports import FORMATS, MIMETYPES
from app.web.access import admin_required
from app.web.forms import show_domain_error


@bp.route("/plans/<slug>/export.<fmt>")
def export(slug, fmt):
    plan = services.get_plan_or_404(slug, current_user)
    if fmt not in FORMATS:
        abort(404)
    filename = f"minga-plan-{plan.slug}.{fmt}"
    if fmt == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            path = open_data.build_sqlite(plan, Path(folder) / filename)
            data = path.read_bytes()
        return Response(data, mimetype=MIMETYPES[fmt], headers={
            "Content-Disposition": f'attachment; filename="{filename}"'})
    body = open_data.csv_text(plan) if fmt == "csv" else open_data.json_text(plan)
    return Response(body, mimetype=MIMETYPES[fmt], headers={
        "Content-Disposition": f'attachment; filename="{filename}"'})


@bp.route("/plans/<slug>/comments.csv")
def comments_export(slug):
    """The comments and responses as their own CSV: export.csv is the import format."""
    plan = services.get_plan_or_404(slug, current_user)
    return Response(open_data.comments_csv_text(plan), mimetype=MIMETYPES["csv"], headers={
        "Content-Disposition": f'attachment; filename="minga-plan-{plan.slug}-comments.csv"'})


@bp.route("/admin/plans/<slug>/import", methods=["GET", "POST"])
@admin_required
def import_page(slug):
    plan = services.get_plan_or_404(slug, current_user)
    form = ImportForm()
    result, status = None, 200
    if form.validate_on_submit():
        try:
            result = importer.import_plan(current_user, plan, form.file.data.read(),
                                          dry_run=form.dry_run.data)
        except DomainError as exc:
            db.session.rollback()
            status = show_domain_error(form, exc)
        else:
            if result.ok and not result.dry_run:
                db.session.commit()
                flash(_("Imported %(c)s commitments and %(m)s milestones.",
                        c=result.commitments, m=result.milestones), "success")
                return redirect(url_for("plans.show", slug=plan.slug))
            db.session.rollback()
            status = 200 if result.ok else 422
    elif form.errors:
        status = 422
    return render_template("plans/import.html", form=form, plan=plan, result=result), status
