from flask import (
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required, login_user, logout_user

from app.accounts import bp, logins, services, throttle
from app.accounts.forms import (
    ChangeEmailForm,
    ChangePasswordForm,
    EmailOnlyForm,
    LocaleForm,
    LoginForm,
    NewPasswordForm,
    ProfileForm,
    RegisterForm,
    SimpleForm,
)
from app.core.db.engine import done_writing, reads_first
from app.privacy.consent import needs_consent
from app.core.errors import DomainError
from app.extensions import csrf, db, limiter
from app.web.forms import apply_form, form_status, show_domain_error
from app.web.redirects import safe_next


def _login_rate_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _mail_rate_limit() -> str:
    return current_app.config["MAIL_RATE_LIMIT"]


# Forms that send mail: limited per address so nobody floods an inbox through us.
limit_mail = limiter.limit(_mail_rate_limit, methods=["POST"])


@bp.after_request
def never_kept(response):
    """Pages under /accounts/ are about one person, and some are reached without a session
    (a link from a mail): no browser or proxy may keep any of them."""
    response.headers["Cache-Control"] = "no-store"
    return response


def _start_session(user, remember: bool) -> None:
    """Log `user` in on this browser; the caller commits.

    A fresh session with a new id: nothing set before it (by anyone) survives, and an
    id planted by someone else is not the one that ends up logged in.
    """
    locale = session.get("locale")
    current_app.session_interface.regenerate(session)
    session.clear()
    if locale:
        session["locale"] = locale
    logins.start_login(user, logins.browser_family(request.user_agent.string), remember)
    login_user(user, remember=remember)
    session.permanent = True


def _end_session() -> None:
    """Log this browser out: the session's data goes, and its id with it."""
    # A new id first (its stored data is deleted): the old one, wherever it was copied,
    # points to nothing, and what follows (a message) is stored under the new one.
    current_app.session_interface.regenerate(session)
    # Clear before logout_user(), which leaves the flag that deletes the remember-me cookie.
    session.clear()
    logout_user()


def _trust_this_browser(response, email: str):
    """Give this browser the device cookie of `email` (app/accounts/throttle.py)."""
    response.set_cookie(
        throttle.DEVICE_COOKIE,
        throttle.device_cookie_value(request.cookies.get(throttle.DEVICE_COOKIE), email),
        expires=throttle.device_cookie_expires(), path=throttle.DEVICE_COOKIE_PATH,
        secure=current_app.config["SESSION_COOKIE_SECURE"], httponly=True, samesite="Lax")
    return response


@bp.route("/register", methods=["GET", "POST"])
@limit_mail
def register():
    if current_user.is_authenticated:
        return redirect(url_for("calls.home"))
    form = RegisterForm()
    form.fill_choices()
    outcome = apply_form(form, lambda: services.register_user(
        email=form.email.data, password=form.password.data, name=form.name.data,
        sector=form.sector.data, region=form.region.data,
        organisation=form.organisation.data, locale=session.get("locale")))
    if outcome.done:
        # The same answer whether the address was new or already had an account (its
        # owner is mailed instead): the form does not tell who has an account.
        flash(_("Check your email: we sent a message to %(email)s. Open the link in it to "
                "confirm your address, then log in.", email=form.email.data.strip()),
              "success")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/register.html", form=form), outcome.status


@bp.route("/verify/<token>")
def verify(token):
    try:
        user = services.verify_email(token)
    except services.AlreadyVerified as exc:
        flash(str(exc.message), "info")
        return redirect(url_for("accounts.login"))
    except DomainError as exc:
        return render_template("accounts/link_problem.html", message=exc.message,
                               resend_endpoint="accounts.resend_verification"), exc.status
    db.session.commit()
    flash(_("Thank you, your email address is confirmed."), "success")
    if current_user.is_authenticated and current_user.id == user.id:
        return redirect(url_for("calls.home"))
    return redirect(url_for("accounts.login"))


@bp.route("/verify/resend", methods=["GET", "POST"])
@limit_mail
def resend_verification():
    form = EmailOnlyForm()
    if request.method == "GET" and current_user.is_authenticated:
        form.email.data = current_user.email
    if form.validate_on_submit():
        services.resend_verification(form.email.data)
        db.session.commit()
        flash(_("If an unconfirmed account uses that address, we have sent it a new link."),
              "info")
        return redirect(url_for("calls.home"))
    return render_template("accounts/resend.html", form=form), form_status(form)


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_rate_limit, methods=["POST"],
               deduct_when=lambda response: response.status_code in (401, 429))
@reads_first  # the password hash runs before any write lock (services.authenticate)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("calls.home"))
    form = LoginForm()
    if request.method == "GET":
        form.next.data = request.args.get("next", "")
    status = 200
    if form.validate_on_submit():
        device = throttle.device_nonce(request.cookies.get(throttle.DEVICE_COOKIE),
                                       form.email.data)
        try:
            user = services.authenticate(form.email.data, form.password.data, device=device)
        except DomainError as exc:
            db.session.commit()  # the failure counters are the point: keep them
            done_writing()
            status = show_domain_error(form, exc)
        else:
            _start_session(user, remember=form.remember.data)
            db.session.commit()
            done_writing()
            flash(_("You are logged in."), "success")
            if needs_consent(user):  # the notice changed materially since they accepted
                return _trust_this_browser(redirect(url_for(
                    "privacy.accept", next=form.next.data or None)), user.email)
            return _trust_this_browser(safe_next(form.next.data), user.email)
    else:
        status = form_status(form)
    form.password.data = ""
    return render_template("accounts/login.html", form=form), status


@bp.route("/logout", methods=["GET", "POST"])
def logout():
    form = SimpleForm()
    if form.validate_on_submit():
        if current_user.is_authenticated:  # its login ends here, on the server
            logins.end_current_login(current_user)
            db.session.commit()
        _end_session()
        flash(_("You are logged out."), "success")
        return redirect(url_for("calls.home"))
    return render_template("accounts/logout.html", form=form), form_status(form)


@bp.route("/reset", methods=["GET", "POST"])
@limit_mail
def reset():
    form = EmailOnlyForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        db.session.commit()
        flash(_("If an account uses that address, we have sent it a link to choose a new "
                "password. The link works for a limited time."), "info")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/reset.html", form=form), form_status(form)


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset_with_token(token):
    try:
        services.check_reset_token(token)
    except DomainError as exc:
        return render_template("accounts/link_problem.html", message=exc.message,
                               resend_endpoint="accounts.reset"), exc.status
    form = NewPasswordForm()
    outcome = apply_form(form, lambda: services.reset_password(token, form.password.data))
    if outcome.done:
        _end_session()
        flash(_("Your password has been changed. Log in with the new one."), "success")
        # The link came through the owner's mail: this browser may log in during a lockout.
        return _trust_this_browser(redirect(url_for("accounts.login")), outcome.value.email)
    return render_template("accounts/reset_token.html", form=form), outcome.status


@bp.route("/me", methods=["GET", "POST"])
@login_required
def profile():
    form = ProfileForm(obj=current_user)
    form.fill_choices()
    outcome = apply_form(form, lambda: services.update_profile(
        current_user, name=form.name.data, sector=form.sector.data, region=form.region.data,
        organisation=form.organisation.data, notify_by_email=form.notify_by_email.data,
        notify_comments=form.notify_comments.data,
        notify_moderation=form.notify_moderation.data, notify_merges=form.notify_merges.data,
        notify_replies=form.notify_replies.data, notify_outcomes=form.notify_outcomes.data))
    if outcome.done:
        flash(_("Your profile has been saved."), "success")
        return redirect(url_for("accounts.profile"))
    return render_template("accounts/profile.html", form=form,
                           password_form=ChangePasswordForm(prefix="pw"),
                           email_form=ChangeEmailForm(prefix="em")), outcome.status


@bp.route("/me/password", methods=["POST"])
@login_required
def change_password():
    password_form = ChangePasswordForm(prefix="pw")
    outcome = apply_form(password_form, lambda: services.change_password(
        current_user, password_form.current_password.data, password_form.new_password.data))
    if outcome.done:
        # Every login ended with the old password: log in again here, the others are out.
        _start_session(current_user._get_current_object(), remember=False)
        db.session.commit()
        flash(_("Your password has been changed. Other devices have been logged out."),
              "success")
        return redirect(url_for("accounts.profile"))
    form = ProfileForm(obj=current_user, formdata=None)
    form.fill_choices()
    return render_template("accounts/profile.html", form=form,
                           password_form=password_form,
                           email_form=ChangeEmailForm(prefix="em")), outcome.status


@bp.route("/me/email", methods=["POST"])
@login_required
def change_email():
    email_form = ChangeEmailForm(prefix="em")
    outcome = apply_form(email_form, lambda: services.request_email_change(
        current_user, email_form.new_email.data, email_form.email_password.data))
    if outcome.done:
        flash(_("We sent a link to the new address: your address changes when you open it."),
              "success")
        return redirect(url_for("accounts.profile"))
    form = ProfileForm(obj=current_user, formdata=None)
    form.fill_choices()
    return render_template("accounts/profile.html", form=form,
                           password_form=ChangePasswordForm(prefix="pw"),
                           email_form=email_form), outcome.status


@bp.route("/email/<token>")
def confirm_email_change(token):
    try:
        services.confirm_email_change(token)
    except DomainError as exc:
        db.session.rollback()
        # A new link is asked for from the profile, where the password is.
        return render_template("accounts/link_problem.html", message=exc.message,
                               resend_endpoint="accounts.profile"), exc.status
    db.session.commit()
    flash(_("Your email address has been changed."), "success")
    return redirect(url_for("accounts.profile") if current_user.is_authenticated
                    else url_for("accounts.login"))


@bp.route("/locale/<code>")
def choose_locale(code):
    """A reader's language, by link: kept in the session only, so a GET changes no record.

    Readers without an account get links rather than a form, so their pages carry no
    CSRF token and set no cookie until they choose (see app/page_cache.py).
    """
    if code not in current_app.config["MINGA_LOCALES"]:
        abort(404)
    session["locale"] = code
    return safe_next(request.args.get("next"))


@bp.route("/locale", methods=["POST"])
def set_locale():
    form = LocaleForm()
    if form.validate_on_submit() and form.locale.data in current_app.config["MINGA_LOCALES"]:
        session["locale"] = form.locale.data
        if current_user.is_authenticated:
            services.set_locale(current_user, form.locale.data)
            db.session.commit()
        return safe_next(form.next.data)
    return redirect(url_for("calls.home")), 303


@bp.route("/unsubscribe/<token>", methods=["GET", "POST"])
@csrf.exempt  # mail clients' one-click unsubscribe (RFC 8058) posts without a form
def unsubscribe(token):
    from app.accounts.notifications import KIND_LABELS

    try:
        _user, kind = services.unsubscribe(token)
    except DomainError as exc:
        return render_template("accounts/link_problem.html", message=exc.message,
                               resend_endpoint="accounts.profile"), exc.status
    db.session.commit()
    return render_template("accounts/unsubscribed.html", kind=KIND_LABELS[kind])


@bp.route("/privacy")
def privacy():
    """Its first address, kept for links already out there."""
    return redirect(url_for("pages.privacy"), 301)


@bp.route("/sessions")
@login_required
def sessions():
    """Where the account is logged in, with a way to end each login or all the others."""
    return render_template("accounts/sessions.html", logins=logins.live_logins(current_user),
                           current=current_user.login, form=SimpleForm())


@bp.route("/sessions/others/end", methods=["POST"])
@login_required
def end_other_sessions():
    form = SimpleForm()
    if form.validate_on_submit():
        ended = logins.end_other_logins(current_user)
        db.session.commit()
        flash(ngettext("%(num)d other session was logged out.",
                       "%(num)d other sessions were logged out.", ended), "success")
    return redirect(url_for("accounts.sessions"))


@bp.route("/sessions/<int:login_id>/end", methods=["POST"])
@login_required
def end_session(login_id):
    form = SimpleForm()
    if not form.validate_on_submit():
        return redirect(url_for("accounts.sessions"))
    this_one = current_user.login is not None and current_user.login.id == login_id
    try:
        logins.end_login(current_user, login_id)
    except DomainError:
        db.session.rollback()
        flash(_("That session has already ended."), "info")
        return redirect(url_for("accounts.sessions")), 303
    db.session.commit()
    if this_one:
        _end_session()
        flash(_("You are logged out."), "success")
        return redirect(url_for("calls.home"))
    flash(_("That session was logged out."), "success")
    return redirect(url_for("accounts.sessions"))
