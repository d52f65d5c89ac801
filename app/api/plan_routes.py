"""The plans in the read-only API: the same public record as the plan pages and exports."""

from flask import jsonify, url_for

from app.api import bp
from app.plans import consultation, open_data, readings, reporting, services
from app.plans.dashboard import dashboard


def _plan(plan) -> dict:
    return {**open_data.plan_record(plan), "links": {
        "self": url_for("api.plan", slug=plan.slug, _external=True),
        "html": url_for("plans.show", slug=plan.slug, _external=True),
        "exports": {fmt: url_for("plans.export", slug=plan.slug, fmt=fmt, _external=True)
                    for fmt in ("csv", "json", "sqlite")},
        "comments_csv": url_for("plans.comments_export", slug=plan.slug, _external=True)}}


def _consultation(plan) -> dict:
    total, answered = consultation.consultation_stats(plan)
    return {"state": consultation.window_state(plan),
            "opens_at": _iso(plan.consultation_opens_at),
            "closes_at": _iso(plan.consultation_closes_at),
            "comments": total, "answered": answered,
            "html": url_for("plans.consultation_page", slug=plan.slug, _external=True)}


def _iso(value):
    return value.isoformat() if value else None


@bp.route("/plans")
def plans():
    # Anonymous: the API shows what the public pages show, drafts never.
    return jsonify(items=[_plan(p) for p in services.list_plans(None)])


@bp.route("/plans/<slug>")
def plan(slug):
    found = services.get_plan_or_404(slug, None)
    board = dashboard(found)
    return jsonify({**_plan(found), "consultation": _consultation(found), "commitments": [
        {"reference": c.reference, "title": c.title, "lead_agency": c.lead_agency,
         "theme": c.theme, "progress": progress.percent, "overdue_milestones": overdue,
         "disputed": disputed}
        for c, progress, overdue, disputed in board.rows]})


@bp.route("/plans/<slug>/commitments/<reference>")
def commitment(slug, reference):
    found = services.get_commitment_or_404(services.get_plan_or_404(slug, None), reference)
    threads = [u.thread_id for u in reporting.current_updates([found.id])]
    versions = [v for thread in threads for v in reporting.versions(thread)]
    found_readings = readings.readings_of(threads)
    return jsonify({
        **open_data.commitment_record(found),
        "milestones": [open_data.milestone_record(m) for m in found.milestones],
        "updates": [open_data.update_record(u) for u in versions],
        "counterassessments": [open_data.reading_record(r) for rows in found_readings.values()
                               for r in rows],
        "comments": [open_data.comment_record(c) for c in open_data.public_comments([found.id])]})
