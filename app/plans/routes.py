from flask import render_template
from flask_login import current_user

from app.core.clock import now
from app.plans import bp, reporting, services
from app.plans.models import TEMPLATE_TEXTS
from app.plans.progress import SELF_STATUSES, SHARE_DONE, progress_of
from app.plans.scales import CODERS, COMPLETION, POTENTIAL


@bp.route("/plans/")
def index():
    return render_template("plans/index.html", plans=services.list_plans(current_user))


@bp.route("/plans/<slug>/")
def show(slug):
    plan = services.get_plan_or_404(slug, current_user)
    updates = reporting.current_updates(c.id for c in plan.commitments)
    statuses = reporting.milestone_statuses(updates)
    rows = [(c, progress_of(c.milestones, statuses)) for c in plan.commitments]
    return render_template("plans/show.html", plan=plan, rows=rows,
                           can_manage=services.can_manage(current_user))


@bp.route("/plans/<slug>/commitments/<reference>")
def commitment(slug, reference):
    plan = services.get_plan_or_404(slug, current_user)
    found = services.get_commitment_or_404(plan, reference)
    updates = reporting.current_updates([found.id])
    return render_template("plans/commitment.html", plan=plan, commitment=found,
                           progress=progress_of(found.milestones,
                                                reporting.milestone_statuses(updates)),
                           updates=updates, implementers=reporting.implementers(found),
                           codings=reporting.latest_codings(found), coders=CODERS,
                           completion=COMPLETION, potential=POTENTIAL,
                           template_texts=TEMPLATE_TEXTS, statuses=SELF_STATUSES,
                           shares=SHARE_DONE, now=now(),
                           can_manage=services.can_manage(current_user),
                           can_report=reporting.can_report(current_user, found)
                           and plan.status in reporting.REPORTING_STATUSES,
                           can_record_irm=reporting.can_record_irm(current_user))
