from flask import render_template

from app.core.clock import now
from app.standards import bp, evidence


@bp.route("/standards")
def index():
    at = now()
    return render_template("standards/index.html", requirements=evidence.requirements(at),
                           statuses=evidence.STATUSES, worst=evidence.worst, at=at,
                           ogp_url=evidence.OGP_STANDARDS_URL,
                           timeline_ahead=evidence.TIMELINE_AHEAD.days,
                           open_period=evidence.OPEN_PERIOD.days)
