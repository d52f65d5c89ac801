from flask import render_template
from flask_login import current_user

from app.core.clock import now
from app.moderation.forms import ReportForm
from app.moderation.services import can_edit
from app.plans import bp, comments, consultation, follows, readings, reporting, services
from app.plans.forms import CommitmentCommentForm
from app.plans.dashboard import dashboard
from app.plans.models import FOLLOW_FREQUENCIES, TEMPLATE_TEXTS
from app.plans.progress import SELF_STATUSES, SHARE_DONE, progress_of
from app.plans.scales import CODERS, COMPLETION, POTENTIAL


@bp.route("/plans/")
def index():
    return render_template("plans/index.html", plans=services.list_plans(current_user))


@bp.route("/plans/<slug>/")
def show(slug):
    plan = services.get_plan_or_404(slug, current_user)
    return render_template("plans/show.html", plan=plan, board=dashboard(plan),
                           following=follows.follow_of(current_user, plan),
                           frequencies=FOLLOW_FREQUENCIES,
                           can_follow=follows.can_follow(current_user),
                           can_run_consultation=consultation.can_run(current_user)
                           and plan.status in consultation.DRAFT_STATUSES,
                           can_manage=services.can_manage(current_user))


@bp.route("/plans/<slug>/report")
def report(slug):
    """The self-assessment report, in the shape of OGP's template; printable."""
    plan = services.get_plan_or_404(slug, current_user)
    updates = reporting.current_updates(c.id for c in plan.commitments)
    by_commitment = {}
    for update in updates:
        by_commitment.setdefault(update.commitment_id, []).append(update)
    return render_template("plans/report.html", plan=plan, board=dashboard(plan),
                           updates=by_commitment, template_texts=TEMPLATE_TEXTS,
                           codings={c.id: reporting.latest_codings(c) for c in plan.commitments},
                           statuses=SELF_STATUSES, completion=COMPLETION, potential=POTENTIAL,
                           coders=CODERS, now=now())


@bp.route("/plans/<slug>/commitments/<reference>")
def commitment(slug, reference):
    plan = services.get_plan_or_404(slug, current_user)
    found = services.get_commitment_or_404(plan, reference)
    updates = reporting.current_updates([found.id])
    statuses = reporting.milestone_statuses(updates)
    found_readings = readings.readings_of(u.thread_id for u in updates)
    top, replies = comments.thread(found)
    return render_template("plans/commitment.html", plan=plan, commitment=found,
                           comments=top, replies=replies,
                           comment_refusal=comments.comment_refusal(current_user, found),
                           comment_form=CommitmentCommentForm(), report_form=ReportForm(),
                           can_edit_comment=lambda c: can_edit(current_user, c),
                           consultation_state=consultation.window_state(plan),
                           progress=progress_of(found.milestones, statuses),
                           readings=found_readings,
                           disputed=readings.disputed_threads(found_readings),
                           overdue={m.id for m in readings.overdue(found.milestones, statuses,
                                                                   readings.today())},
                           stances=readings.STANCES,
                           can_read=readings.can_read(current_user),
                           following=follows.follow_of(current_user, found),
                           frequencies=FOLLOW_FREQUENCIES,
                           can_follow=follows.can_follow(current_user),
                           voted_for=follows.voted_sources(current_user, found),
                           updates=updates, implementers=reporting.implementers(found),
                           codings=reporting.latest_codings(found), coders=CODERS,
                           completion=COMPLETION, potential=POTENTIAL,
                           template_texts=TEMPLATE_TEXTS, statuses=SELF_STATUSES,
                           shares=SHARE_DONE, now=now(),
                           can_manage=services.can_manage(current_user),
                           can_report_progress=reporting.can_report(current_user, found)
                           and plan.status in reporting.REPORTING_STATUSES,
                           can_record_irm=reporting.can_record_irm(current_user))
