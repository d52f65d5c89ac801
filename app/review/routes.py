from functools import wraps

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from app.calls.services import get_call_or_404
from app.core.clock import now
from app.extensions import db
from app.proposals.models import OGP_VALUES, Proposal
from app.proposals.queries import public_proposal_or_404
from app.review import bp, queries, services
from app.review.forms import AssessmentForm, ConflictForm, DecisionForm, NoteForm, PublishForm
from app.review.models import (
    CRITERIA,
    CRITERIA_ABBREVIATED,
    CRITERIA_SHORT,
    STANCES,
    VOTING_CONSTITUENCIES,
)
from app.voting import ranking
from app.web.forms import apply_form
from app.working_group.meetings import meeting_choices


def members_only(view):
    """Members and administrators only; services check again for every change."""
    @wraps(view)
    @login_required
    def wrapped(slug, *args, **kwargs):
        call = get_call_or_404(slug)
        if not services.can_view(current_user, call):
            abort(403)
        return view(call, *args, **kwargs)

    return wrapped


@bp.app_context_processor
def review_menu():
    """Links to the reviews the visitor sits on, looked up only when the account menu is
    drawn (templates/base.html, for a logged-in visitor)."""
    return {"reviews_in_menu": lambda: services.calls_in_review_for(current_user)}


@bp.route("/<slug>/")
@members_only
def queue(call):
    wanted = queries.QueueFilter(**{k: request.args.get(k, "")[:200]
                                    for k in ("theme", "value", "decision", "mine")})
    member = services.member_of(call, current_user)
    counts_public = call.counts_public(now())
    found = queries.queue(call, member.id if member else None, wanted, counts_public,
                          ranking.page_number(request.args.get("page")))
    return render_template("review/queue.html", call=call, rows=found.rows,
                           pages=found.pages, wanted=wanted, decided=found.decided,
                           total=found.total, criteria=CRITERIA,
                           criteria_short=CRITERIA_SHORT,
                           criteria_abbreviated=CRITERIA_ABBREVIATED,
                           ogp_values=OGP_VALUES, member=member, now=now(),
                           counts_public=counts_public,
                           can_act=services.can_act(current_user, call))


def _detail(call, proposal, status=200, **forms):
    member = services.member_of(call, current_user)
    decision = services.decision_for(proposal)
    assessments = services.assessments(proposal)
    decision_form = forms.get("decision_form") or DecisionForm(formdata=None)
    decision_form.meeting.choices = meeting_choices()
    if "decision_form" not in forms and decision is not None:
        decision_form.fill_from(decision)
        own = decision.positions().get(member.constituency) if member else None
        if own in services.POSITIONS:
            decision_form.position.data = own
    assessment_form = forms.get("assessment_form") or AssessmentForm(formdata=None)
    mine = next((a for a in assessments if member and a.member_id == member.id), None)
    if "assessment_form" not in forms and mine is not None:
        for criterion, score in mine.scores().items():
            getattr(assessment_form, criterion).data = score
        assessment_form.comment.data = mine.comment
    ranked = ranking.rank_of(call, proposal) if call.counts_public(now()) else None
    conflicted = services.conflicted_member_ids(proposal)
    recused = services.recused_constituencies(call, proposal)
    return render_template(
        "review/proposal.html", call=call, proposal=proposal, member=member,
        ranked=ranked, decision=decision,
        assessments=assessments, conflicted=conflicted,
        aggregate=queries.aggregate(assessments, conflicted),
        conflicts=services.conflicts(proposal), notes=services.notes(proposal),
        recused=recused, criteria=CRITERIA,
        missing=services.missing_constituencies(decision, recused),
        stands=services.stands(call, decision, recused),
        can_decide=services.can_decide(current_user, call, proposal),
        stances=STANCES, constituencies=VOTING_CONSTITUENCIES,
        can_act=services.can_act(current_user, call),
        can_assess=services.can_assess(current_user, call),
        can_add_note=services.can_add_note(current_user, call),
        can_declare_conflict=services.can_declare_conflict(current_user, call),
        published=services.results_published(call),
        decision_form=decision_form, assessment_form=assessment_form,
        conflict_form=forms.get("conflict_form") or ConflictForm(formdata=None),
        note_form=forms.get("note_form") or NoteForm(formdata=None)), status


@bp.route("/<slug>/proposals/<reference>")
@members_only
def proposal(call, reference):
    return _detail(call, _proposal(call, reference))


def _proposal(call, reference) -> Proposal:
    return public_proposal_or_404(call, reference)


def _back(call, proposal, message):
    flash(str(message), "success")
    return redirect(url_for("review.proposal", slug=call.slug, reference=proposal.reference))


@bp.route("/<slug>/proposals/<reference>/assessment", methods=["POST"])
@members_only
def assess(call, reference):
    proposal = _proposal(call, reference)
    form = AssessmentForm()
    outcome = apply_form(form, lambda: services.save_assessment(
        current_user, call, proposal, form.scores(), form.comment.data))
    if outcome.done:
        return _back(call, proposal, _("Your assessment is saved."))
    return _detail(call, proposal, outcome.status, assessment_form=form)


@bp.route("/<slug>/proposals/<reference>/conflict", methods=["POST"])
@members_only
def declare_conflict(call, reference):
    proposal = _proposal(call, reference)
    form = ConflictForm()
    outcome = apply_form(form, lambda: services.declare_conflict(
        current_user, call, proposal, form.reason.data))
    if outcome.done:
        return _back(call, proposal, _("Your declaration is published on the proposal's page."))
    return _detail(call, proposal, outcome.status, conflict_form=form)


@bp.route("/<slug>/proposals/<reference>/notes", methods=["POST"])
@members_only
def add_note(call, reference):
    proposal = _proposal(call, reference)
    form = NoteForm()
    outcome = apply_form(form, lambda: services.add_note(current_user, call, proposal,
                                                         form.body.data))
    if outcome.done:
        return _back(call, proposal, _("Your note is added."))
    return _detail(call, proposal, outcome.status, note_form=form)


@bp.route("/<slug>/proposals/<reference>/decision", methods=["POST"])
@members_only
def decide(call, reference):
    proposal = _proposal(call, reference)
    form = DecisionForm()

    def record():
        merged_into = None
        if form.merged_into.data:
            merged_into = db.session.scalar(db.select(Proposal).where(
                Proposal.call_id == call.id, Proposal.reference == form.merged_into.data))
        return services.record_decision(
            current_user, call, proposal, outcome=form.outcome.data,
            response=form.response.data, position=form.position.data, merged_into=merged_into,
            expected_version=form.version_number(), meeting_id=form.meeting_id())

    outcome = apply_form(form, record)
    if outcome.done:
        return _back(call, proposal, _("Your constituency’s position is recorded."))
    return _detail(call, proposal, outcome.status, decision_form=form)


@bp.route("/<slug>/publish", methods=["GET", "POST"])
@members_only
def publish(call):
    form = PublishForm()
    outcome = apply_form(form, lambda: services.publish_results(current_user, call,
                                                               form.confirmed()))
    if outcome.done:
        flash(ngettext("The results are published. %(num)d author was notified by email.",
                       "The results are published. %(num)d authors were notified by email.",
                       outcome.value), "success")
        return redirect(url_for("results.show", slug=call.slug))
    published = services.results_published(call)
    undecided = [] if published else services.undecided(call)
    consequences = [] if published or undecided else services.publication_consequences(call)
    form.ask(consequences)
    return render_template("review/publish.html", call=call, form=form, undecided=undecided,
                           consequences=consequences, published=published), outcome.status


@bp.route("/<slug>/shortlist")
def shortlist(slug):
    call = get_call_or_404(slug)
    if not (services.results_published(call) or services.can_view(current_user, call)):
        if not current_user.is_authenticated:
            return redirect(url_for("accounts.login", next=request.path))
        abort(403)
    return render_template("review/shortlist.html", call=call, groups=queries.shortlist(call),
                           published=services.results_published(call), now=now())
