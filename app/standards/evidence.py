"""The minimum requirements of OGP's Participation & Co-Creation Standards (2022), each with
the evidence this deployment holds, computed from its data, and a status: met, at risk,
not met, or not applicable yet.

Thresholds OGP leaves to judgement (how early the timeline, how long the open period) are
Minga's, named below, and the page says so.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from flask import url_for
from flask_babel import format_date, format_decimal, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from app.calls.models import Call, Phase
from app.calls.services import list_calls
from app.core.clock import now
from app.extensions import db
from app.plans import consultation
from app.plans.models import Plan
from app.plans.services import list_plans
from app.proposals.models import Proposal, PUBLIC_STATUSES
from app.working_group import compliance, meetings, rules
from app.working_group.document_models import Document

MET, AT_RISK, NOT_MET, NOT_APPLICABLE = "met", "at_risk", "not_met", "not_applicable"
STATUSES = {
    MET: _l("Met"),
    AT_RISK: _l("At risk"),
    NOT_MET: _l("Not met"),
    NOT_APPLICABLE: _l("Not applicable yet"),
}
# Minga's thresholds, where the Standards ask for "in advance" and "an open period".
TIMELINE_AHEAD = timedelta(days=14)
OPEN_PERIOD = timedelta(days=14)
# How long after the vote closes the results may take before they count as missing.
RESULTS_GRACE = timedelta(days=90)
REPOSITORY_YEAR = timedelta(days=365)
REPOSITORY_UPDATES = 2
OGP_STANDARDS_URL = "https://www.opengovpartnership.org/ogp-participation-co-creation-standards/"
# OGP's published wording (English), quoted only where we could check it; the page links to
# the Standards for the rest.
QUOTES = {
    "1.1": "A space for ongoing dialogue with participation from both government and civil "
           "society members, and other non-governmental representatives as appropriate that "
           "meets regularly (at least every six months) is established. Its basic rules on "
           "participation are public.",
    "2.1": "A public OGP website dedicated to the member's participation in OGP is maintained.",
}


@dataclass
class Finding:
    """What the data says about one requirement, for the deployment, a call or a plan."""

    status: str
    facts: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (label, address)

    @property
    def status_label(self) -> str:
        return str(STATUSES[self.status])


@dataclass
class Requirement:
    code: str  # the Standards' number, or the Standard's alone where we are not sure of it
    title: str
    quote: str  # OGP's own words in English, only where we are sure of them; else empty
    findings: list[tuple[str, Finding]]  # (what it is about, the finding)


def _day(value: date | datetime) -> str:
    return format_date(value.date() if isinstance(value, datetime) else value, "d MMM y")


def worst(statuses) -> str:
    order = (NOT_MET, AT_RISK, MET, NOT_APPLICABLE)
    found = set(statuses)
    return next((s for s in order if s in found), NOT_APPLICABLE)


# --- 1.1 a space for dialogue -------------------------------------------------------------

def dialogue_space(at: datetime) -> Finding:
    standing = compliance.standing(at)
    held = [m for m in meetings.past(at) if m.starts_at >= at - compliance.WINDOW]
    facts = [ngettext("%(num)d meeting held in the last two years.",
                      "%(num)d meetings held in the last two years.", len(held)),
             _("Longest time without a meeting: %(days)s days (at most 182).",
               days=format_decimal(standing.longest_gap_days))]
    if held:
        facts.append(_("Last meeting: %(date)s.",
                       date=_day(max(m.starts_at for m in held))))
    if standing.next_due:
        facts.append(_("Next meeting due by %(date)s.", date=_day(standing.next_due)))
    current = rules.current()
    facts.append(_("Rules in force: %(title)s, adopted %(date)s.", title=current.title,
                   date=_day(current.adopted_on)) if current
                 else _("No rules of participation are published."))
    links = [(_("Meetings"), url_for("working_group.meetings_page")),
             (_("Rules"), url_for("working_group.rules_page"))]
    if not standing.rules_public or not standing.met_every_six_months:
        status = NOT_MET
    elif standing.due_soon:
        status = AT_RISK
    else:
        status = MET
    return Finding(status, facts, links)


# --- 2.1 a public website; 2.2 a repository kept up to date --------------------------------

def public_website(at: datetime) -> Finding:
    calls = [c for c in list_calls() if c.submission_opens_at <= at]
    plans = list_plans(None)
    facts = [ngettext("%(num)d call for proposals published on this site.",
                      "%(num)d calls for proposals published on this site.", len(calls)),
             ngettext("%(num)d action plan published with its progress.",
                      "%(num)d action plans published with their progress.", len(plans))]
    links = [(_("Calls"), url_for("calls.index")), (_("Plans"), url_for("plans.index"))]
    return Finding(MET if calls or plans else AT_RISK, facts, links)


def repository(at: datetime) -> Finding:
    dates = list(db.session.scalars(select(Document.dated_on)))
    recent = sorted({d for d in dates if d > (at - REPOSITORY_YEAR).date() and d <= at.date()})
    by_year = Counter(d.year for d in dates)
    facts = [ngettext("%(num)d document in the repository.",
                      "%(num)d documents in the repository.", len(dates)),
             ngettext("Documents dated on %(num)d day in the last twelve months.",
                      "Documents dated on %(num)d days in the last twelve months.",
                      len(recent))]
    if dates:
        facts.append(_("Latest document: %(date)s.", date=_day(max(dates))))
        facts.append(_("Documents by year: %(years)s.", years=", ".join(
            f"{year}: {count}" for year, count in sorted(by_year.items(), reverse=True))))
    if len(recent) >= REPOSITORY_UPDATES and recent[-1] > (at - REPOSITORY_YEAR / 2).date():
        status = MET
    elif recent:
        status = AT_RISK
    else:
        status = NOT_MET
    return Finding(status, facts, [(_("Documents"), url_for("working_group.documents_page"))])


# --- informed participation, per call ------------------------------------------------------

def timeline_published(call: Call, at: datetime) -> Finding:
    """The call's dates and ways to take part were public before submissions opened."""
    ahead = call.submission_opens_at - call.created_at
    facts = [_("Call published with its dates on %(published)s; submissions opened on "
               "%(opens)s.", published=_day(call.created_at), opens=_day(call.submission_opens_at)),
             _("Published %(days)s days ahead (Minga asks at least %(minimum)s).",
               days=format_decimal(max(ahead.days, 0)), minimum=TIMELINE_AHEAD.days)]
    if ahead >= TIMELINE_AHEAD:
        status = MET
    elif ahead > timedelta(0):
        status = AT_RISK
    else:
        status = NOT_MET
    return Finding(status, facts, [(_("Call page"), url_for("calls.show", slug=call.slug))])


def open_period(call: Call, at: datetime) -> Finding:
    window = call.submission_closes_at - call.submission_opens_at
    facts = [_("Submissions open from %(opens)s to %(closes)s: %(days)s days (Minga asks at "
               "least %(minimum)s).", opens=_day(call.submission_opens_at),
               closes=_day(call.submission_closes_at), days=format_decimal(window.days),
               minimum=OPEN_PERIOD.days)]
    status = MET if window >= OPEN_PERIOD else AT_RISK if window > timedelta(0) else NOT_MET
    return Finding(status, facts, [(_("Proposals"), url_for("proposals.index", slug=call.slug))])


def input_published(call: Call, at: datetime) -> Finding:
    """Every proposal public, and a summary of them: the results page."""
    counts = dict(db.session.execute(
        select(Proposal.status, func.count()).where(Proposal.call_id == call.id)
        .group_by(Proposal.status)).all())
    public = sum(n for status, n in counts.items() if status in PUBLIC_STATUSES)
    facts = [ngettext("%(num)d proposal public.", "%(num)d proposals public.", public)]
    links = [(_("Proposals"), url_for("proposals.index", slug=call.slug))]
    published = call.results_published_at is not None and call.results_published_at <= at
    if published:
        facts.append(_("Results and decisions published on %(date)s.",
                       date=_day(call.results_published_at)))
        links.append((_("Results"), url_for("results.show", slug=call.slug)))
    else:
        facts.append(_("Results not published yet."))
    if call.phase(at) in (Phase.UPCOMING, Phase.SUBMISSION):
        status = NOT_APPLICABLE
    elif published:
        status = MET
    elif at - call.voting_closes_at > RESULTS_GRACE:
        status = NOT_MET
    else:
        status = AT_RISK if call.phase(at) == Phase.REVIEW else NOT_APPLICABLE
    return Finding(status, facts, links)


# --- 4.1 a reasoned response ---------------------------------------------------------------

def reasoned_responses(call: Call, at: datetime) -> Finding:
    """Every ranked proposal has a decision with its public, reasoned response."""
    from app.review import services as review

    if call.phase(at) in (Phase.UPCOMING, Phase.SUBMISSION, Phase.PRE_VOTING, Phase.VOTING):
        return Finding(NOT_APPLICABLE, [_("The Working Group answers once the vote closes.")])
    decided = len(review.decisions_by_proposal(call))
    waiting = len(review.undecided(call))
    facts = [_("%(decided)s of %(total)s ranked proposals have a decision with its reasoned "
               "response.", decided=format_decimal(decided),
               total=format_decimal(decided + waiting))]
    published = call.results_published_at is not None and call.results_published_at <= at
    links = [(_("Results"), url_for("results.show", slug=call.slug))] if published else []
    if published and not waiting:
        status = MET
    elif published or at - call.voting_closes_at > RESULTS_GRACE:
        status = NOT_MET
    else:
        status = AT_RISK
    return Finding(status, facts, links)


@dataclass(frozen=True)
class ConsultationFigures:
    comments: int
    answered: int
    url: str


def consultation_figures(plan: Plan) -> ConsultationFigures | None:
    """The comments on the draft plan's consultation and how many have a public answer;
    None when no consultation was ever opened on the plan (not applicable)."""
    if consultation.window_state(plan) == "none":
        return None
    comments, answered = consultation.consultation_stats(plan)
    return ConsultationFigures(comments, answered,
                               url_for("plans.consultation_page", slug=plan.slug))


def comment_responses(plan: Plan, at: datetime) -> Finding:
    figures = consultation_figures(plan)
    if figures is None:
        return Finding(NOT_APPLICABLE, [_("No consultation on the draft plan is recorded.")])
    facts = [_("%(answered)s of %(total)s comments on the draft plan have a public answer.",
               answered=format_decimal(figures.answered), total=format_decimal(figures.comments))]
    status = MET if figures.answered >= figures.comments else (
        NOT_MET if plan.status in ("adopted", "implementation", "closed") else AT_RISK)
    return Finding(status, facts, [(_("Consultation"), figures.url)])


# --- 5.1 dialogue during implementation ----------------------------------------------------

def implementation_reviews(plan: Plan, years: list) -> Finding:
    mine = [y for y in years if y.plan.id == plan.id]
    if not mine:
        return Finding(NOT_APPLICABLE, [_("The plan is not in implementation.")])
    facts = [ngettext("Year %(start)s – %(end)s: %(num)d implementation-review meeting "
                      "held (at least %(needed)s).",
                      "Year %(start)s – %(end)s: %(num)d implementation-review meetings "
                      "held (at least %(needed)s).", y.held, start=_day(y.starts_on),
                      end=_day(y.ends_on), needed=compliance.REVIEWS_A_YEAR) for y in mine]
    if any(y.finished and not y.met for y in mine):
        status = NOT_MET
    elif any(not y.met for y in mine):
        status = AT_RISK
    else:
        status = MET
    return Finding(status, facts, [(_("Meetings"), url_for("working_group.meetings_page",
                                                           kind="implementation_review"))])


# --- the page ------------------------------------------------------------------------------

def requirements(at: datetime | None = None) -> list[Requirement]:
    """Every minimum requirement with its findings, in the Standards' order."""
    at = at or now()
    calls = list_calls()
    plans = list_plans(None)
    years = compliance.implementation_reviews(at)
    whole = str(_l("This deployment"))

    def per_call(check):
        return [(call.title, check(call, at)) for call in calls]

    return [
        Requirement("1.1", _("A space for dialogue that meets regularly, with public rules"),
                    QUOTES["1.1"],
                    [(whole, dialogue_space(at))]),
        Requirement("2.1", _("A public OGP website"),
                    QUOTES["2.1"], [(whole, public_website(at))]),
        Requirement("2.2", _("A document repository updated at least twice a year"), "",
                    [(whole, repository(at))]),
        Requirement(_("Standard 3"), _("The timeline and ways to take part published before "
                             "co-creation"), "", per_call(timeline_published)),
        Requirement(_("Standard 3"), _("An open period in which anyone can submit input"), "",
                    per_call(open_period)),
        Requirement(_("Standard 3"), _("All input and a summary of it published"), "",
                    per_call(input_published)),
        Requirement("4.1", _("A reasoned response to every proposal and comment"), "",
                    per_call(reasoned_responses)
                    + [(plan.title, comment_responses(plan, at)) for plan in plans]),
        Requirement("5.1", _("At least two meetings a year with civil society on "
                             "implementation"), "",
                    [(plan.title, implementation_reviews(plan, years)) for plan in plans
                     if plan.status == "implementation"]),
    ]
