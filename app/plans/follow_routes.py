"""Follow a plan or a commitment (at once or in a digest), stop from its page or from a
mail's one-click link."""

from flask import flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.accounts.forms import SimpleForm
from app.core.errors import DomainError
from app.extensions import csrf, db
from app.plans import bp, follows, services


def _toggle(thing, back):
    if not SimpleForm().validate_on_submit():
        return redirect(back)
    frequency = request.form.get("frequency")
    try:
        if frequency is not None:  # the "how often" form: follow, or change how
            follows.set_frequency(current_user, thing, frequency)
            message = _("Saved: you will hear of it as you chose.")
        elif follows.follow_of(current_user, thing) is not None:
            follows.unfollow(current_user, thing)
            message = _("You no longer follow it.")
        else:
            follows.follow(current_user, thing)
            message = _("You follow it now: you will get a mail on each progress update, "
                        "dispute and overdue milestone.")
    except DomainError as exc:
        db.session.rollback()
        flash(str(exc.message), "error")
        return redirect(back)
    db.session.commit()
    flash(message, "success")
    return redirect(back)


@bp.route("/plans/<slug>/follow", methods=["POST"])
@login_required
def follow_plan(slug):
    plan = services.get_plan_or_404(slug, current_user)
    return _toggle(plan, url_for("plans.show", slug=slug))


@bp.route("/plans/<slug>/commitments/<reference>/follow", methods=["POST"])
@login_required
def follow_commitment(slug, reference):
    plan = services.get_plan_or_404(slug, current_user)
    commitment = services.get_commitment_or_404(plan, reference)
    return _toggle(commitment, url_for("plans.commitment", slug=slug, reference=reference))


@bp.route("/plans/unfollow/<token>", methods=["GET", "POST"])
@csrf.exempt  # mail clients' one-click unsubscribe (RFC 8058) posts without a form
def unfollow(token):
    try:
        kind, thing = follows.unfollow_by_token(token)
    except DomainError as exc:
        return render_template("accounts/link_problem.html", message=exc.message,
                               resend_endpoint="plans.index"), exc.status
    db.session.commit()
    response = make_response(render_template("plans/unfollowed.html", kind=kind, thing=thing))
    # About one person, reached from their mail without a session: nobody may keep it.
    response.headers["Cache-Control"] = "no-store"
    return response
