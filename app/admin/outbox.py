"""The outbox page: mail not delivered yet, and a retry for what failed."""

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.accounts.forms import SimpleForm
from app.admin import bp
from app.core import outbox
from app.core.errors import DomainError
from app.extensions import db
from app.web.access import admin_required
from app.web.paging import page_number


@bp.route("/outbox")
@admin_required
def outbox_page():
    return _page()


def _page(status: int = 200):
    messages = outbox.waiting(page=page_number(request.args.get("page")))
    return render_template("admin/outbox.html", messages=messages, form=SimpleForm()), status


@bp.route("/outbox/<int(max=2147483647):message_id>/retry", methods=["POST"])
@admin_required
def retry_mail(message_id):
    form = SimpleForm()
    if form.validate_on_submit():
        try:
            outbox.retry(current_user, message_id)
        except DomainError as exc:
            db.session.rollback()
            flash(str(exc.message), "error")
            return _page(exc.status)
        db.session.commit()
        flash(_("The message will be sent again."), "success")
    return redirect(url_for("admin.outbox_page", page=request.args.get("page", type=int)))
