"""Public pages of the Working Group: who sits for whom, its rules."""

from flask import abort, render_template, request
from flask_babel import format_date
from flask_login import current_user

from app.extensions import db
from app.working_group import bp, compliance, meetings, rules, seats
from app.working_group.models import RulesVersion


@bp.app_template_filter("day")
def day_filter(value, fmt="d MMM y"):
    return format_date(value, fmt) if value else ""


@bp.route("/working-group/")
def show():
    return render_template("working_group/show.html", name=seats.group_name(),
                           seats=seats.seats(), today=seats.today(),
                           rules=rules.current(), upcoming=meetings.upcoming()[:3],
                           standing=compliance.standing(),
                           reviews=compliance.implementation_reviews(),
                           reviews_needed=compliance.REVIEWS_A_YEAR,
                           is_admin=current_user.is_authenticated and current_user.is_admin)


def _version(arg: str) -> RulesVersion | None:
    value = request.args.get(arg, "")
    if not value:
        return None
    if not value.isdigit() or len(value) > 9:
        abort(404)
    return db.get_or_404(RulesVersion, int(value))


@bp.route("/working-group/rules/")
def rules_page():
    versions = rules.versions()
    older, newer = _version("from"), _version("to")
    if older is None and newer is None and len(versions) > 1:
        older, newer = versions[1], versions[0]
    changes = rules.diff(older, newer) if older is not None and newer is not None else None
    return render_template("working_group/rules.html", name=seats.group_name(), versions=versions,
                           older=older, newer=newer, changes=changes)
