"""The person's rights, from /accounts/data: download, stop mail, freeze, delete."""

import io

from flask import (
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, logout_user

from app.accounts.forms import SimpleForm
from app.core.clock import now
from app.core.errors import DomainError
from app.core.db.engine import done_writing, reads_first
from app.extensions import db, limiter
from app.privacy import bp, consent, erasure, objection, portability
from app.privacy.forms import (
    AcceptNoticeForm,
    EraseConfirmForm,
    FreezeForm,
    MailSwitchForm,
    PasswordOnlyForm,
    UnfreezeForm,
)
from app.web.forms import apply_form, form_status, show_domain_error
from app.web.redirects import safe_next


@bp.after_request
def never_kept(response):
    """Every page here is about one person."""
    response.headers["Cache-Control"] = "no-store"
    return response


def _end_session() -> None:
    # As logging out does (app/accounts/routes.py): the session's id goes with its data.
    current_app.session_interface.regenerate(session)
    session.clear()
    logout_user()


@bp.route("/data")
@login_required
def data():
    """Every right over one's data, in one place."""
    return _data_page(FreezeForm())


def _data_page(freeze_form, status=200):
    mail_form = MailSwitchForm(formdata=None, stop=current_user.mail_stopped)
    return render_template("privacy/data.html", form=SimpleForm(), mail_form=mail_form,
                           freeze_form=freeze_form,
                           hours=current_app.config["DATA_EXPORT_HOURS"]), status


@bp.route("/data/mail", methods=["POST"])
@login_required
def mail_switch():
    form = MailSwitchForm()
    outcome = apply_form(form, lambda: objection.set_mail_stopped(current_user,
                                                                  bool(form.stop.data)))
    if outcome.done:
        flash(_("Minga sends you no email any more, except what you ask for yourself.")
              if form.stop.data else _("Your email choices apply again."), "success")
    return redirect(url_for("privacy.data"))


@bp.route("/data/freeze", methods=["POST"])
@login_required
def freeze():
    form = FreezeForm()
    outcome = apply_form(form, lambda: objection.freeze(current_user,
                                                        form.freeze_password.data))
    if outcome.done:
        _end_session()
        flash(_("Your account is frozen: nobody can log in to it and Minga sends it no "
                "email until you lift the freeze."), "success")
        return redirect(url_for("calls.home"))
    return _data_page(form, outcome.status)


@bp.route("/privacy/accept", methods=["GET", "POST"])
@login_required
def accept():
    """The privacy notice changed materially since the person accepted it."""
    form = AcceptNoticeForm()
    if request.method == "GET":
        form.next.data = request.args.get("next", "")
    outcome = apply_form(form, lambda: consent.accept(current_user))
    if outcome.done:
        flash(_("Thank you. You have accepted the current privacy notice."), "success")
        return safe_next(form.next.data)
    return render_template("privacy/accept.html", form=form), outcome.status


def _login_rate_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


@bp.route("/unfreeze", methods=["GET", "POST"])
@limiter.limit(_login_rate_limit, methods=["POST"],
               deduct_when=lambda response: response.status_code in (401, 429))
@reads_first  # as a login: the password hash runs before any write lock
def unfreeze():
    form = UnfreezeForm()
    status = form_status(form)
    if form.validate_on_submit():
        try:
            objection.unfreeze(form.email.data, form.password.data)
        except DomainError as exc:
            db.session.commit()  # a wrong password counts toward the lockout, as a login
            done_writing()
            status = show_domain_error(form, exc)
        else:
            db.session.commit()
            done_writing()
            flash(_("The freeze is lifted. Log in to use your account."), "success")
            return redirect(url_for("accounts.login"))
    form.password.data = ""
    return render_template("privacy/unfreeze.html", form=form), status


@bp.route("/data/export", methods=["POST"])
@login_required
def export():
    form = SimpleForm()
    if not form.validate_on_submit():
        return redirect(url_for("privacy.data"))
    try:
        portability.request_download(current_user)
    except DomainError as exc:
        db.session.rollback()
        flash(str(exc.message), "info")
        return redirect(url_for("privacy.data")), 303
    db.session.commit()
    flash(_("We are preparing your download. We will email you a link to it in a few "
            "minutes."), "success")
    return redirect(url_for("privacy.data"))


@bp.route("/data/download/<token>")
@login_required
def download(token):
    try:
        content = portability.take_download(current_user, token)
    except DomainError as exc:
        db.session.rollback()
        return render_template("accounts/link_problem.html", message=exc.message,
                               resend_endpoint="privacy.data"), exc.status
    db.session.commit()
    return send_file(io.BytesIO(content), mimetype="application/zip", as_attachment=True,
                     download_name=f"minga-{now():%Y-%m-%d}.zip", max_age=0)


@bp.route("/delete", methods=["GET", "POST"])
@login_required
def erase():
    form = PasswordOnlyForm()
    outcome = apply_form(form, lambda: erasure.request_erasure(current_user, form.password.data))
    if outcome.done:
        flash(_("We sent you an email. Open the link in it to confirm that you want to "
                "delete your account."), "info")
        return redirect(url_for("privacy.erase"))
    form.password.data = ""
    return render_template("privacy/erase.html", form=form,
                           consequences=erasure.erasure_consequences(current_user)), \
        outcome.status


@bp.route("/delete/<token>", methods=["GET", "POST"])
@login_required
def erase_confirm(token):
    try:
        erasure.check_erasure_link(current_user, token)
    except DomainError as exc:
        return render_template("accounts/link_problem.html", message=exc.message,
                               resend_endpoint="privacy.erase"), exc.status
    form = EraseConfirmForm()
    outcome = apply_form(form, lambda: erasure.confirm_erasure(current_user, token,
                                                               form.confirmed()))
    if outcome.done:
        _end_session()
        flash(_("Your account has been deleted. What you published stays under the "
                "pseudonym %(name)s.", name=outcome.value), "success")
        return redirect(url_for("calls.home"))
    consequences = erasure.erasure_consequences(current_user)
    form.ask(consequences)
    return render_template("privacy/erase_confirm.html", form=form,
                           consequences=consequences), outcome.status

