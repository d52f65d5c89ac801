"""Each minimum requirement read from built data: met, at risk, not met."""

from datetime import UTC, date, datetime, timedelta

import pytest

from app.plans import services as plans
from app.review.models import Decision
from app.standards import evidence
from app.standards.evidence import AT_RISK, MET, NOT_APPLICABLE, NOT_MET
from app.working_group import documents, meetings, rules

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
AT = datetime(2026, 3, 10, 15, tzinfo=UTC)


def _meet(admin, *days_ago, kind="ordinary"):
    for days in days_ago:
        meetings.schedule(admin, kind=kind, title=f"Sesión {days}",
                          starts_at=AT - timedelta(days=days))


def _rules(admin):
    rules.adopt(admin, title="Resolución 852", body="La Mesa sesiona cada trimestre.",
                adopted_on=date(2017, 7, 31))


# --- 1.1 ----------------------------------------------------------------------------------

def test_dialogue_space_met_every_six_months_with_public_rules(db, admin):
    _rules(admin)
    _meet(admin, 700, 550, 400, 250, 100)
    meetings.schedule(admin, kind="ordinary", title="Próxima", starts_at=AT + timedelta(days=30))
    db.session.commit()
    found = evidence.dialogue_space(AT)
    assert found.status == MET
    assert "5 reuniones realizadas en los últimos dos años." in found.facts


def test_dialogue_space_at_risk_when_the_next_meeting_is_due_and_none_scheduled(db, admin):
    _rules(admin)
    _meet(admin, 700, 550, 400, 250, 170)
    db.session.commit()
    assert evidence.dialogue_space(AT).status == AT_RISK


def test_dialogue_space_not_met_without_rules_or_with_a_long_gap(db, admin):
    _meet(admin, 100, 20)
    db.session.commit()
    assert evidence.dialogue_space(AT).status == NOT_MET  # a gap of 630 days, no rules
    _rules(admin)
    db.session.commit()
    assert evidence.dialogue_space(AT).status == NOT_MET  # rules, but the gap stays


# --- 2.1 and 2.2 --------------------------------------------------------------------------

def test_public_website_met_once_a_call_or_plan_is_public(db, create_call):
    assert evidence.public_website(AT).status == AT_RISK
    create_call()
    assert evidence.public_website(AT).status == MET


def _document(admin, dated_on):
    documents.upload(admin, title=f"Acta {dated_on}", kind="minutes", dated_on=dated_on,
                     data=PDF)


@pytest.mark.parametrize(("dates", "status"), [
    ([date(2025, 6, 1), date(2026, 1, 15)], MET),
    ([date(2025, 4, 1), date(2025, 5, 1)], AT_RISK),  # twice, but nothing in six months
    ([date(2026, 2, 1)], AT_RISK),  # once this year
    ([date(2019, 2, 1), date(2020, 2, 1)], NOT_MET),  # nothing this year
    ([], NOT_MET),
])
def test_repository_updated_at_least_twice_a_year(db, admin, dates, status):
    for dated_on in dates:
        _document(admin, dated_on)
    db.session.commit()
    assert evidence.repository(AT).status == status


# --- informed participation ---------------------------------------------------------------

@pytest.mark.parametrize(("ahead", "status"), [
    (timedelta(days=30), MET), (timedelta(days=3), AT_RISK), (timedelta(days=-2), NOT_MET)])
def test_timeline_published_before_submissions_open(db, create_call, ahead, status):
    opens = AT - timedelta(days=5)
    call = create_call(submission_opens_at=opens, created_at=opens - ahead)
    assert evidence.timeline_published(call, AT).status == status


@pytest.mark.parametrize(("days", "status"), [(28, MET), (7, AT_RISK)])
def test_an_open_period_for_input(db, create_call, days, status):
    opens = AT - timedelta(days=5)
    call = create_call(submission_opens_at=opens, submission_closes_at=opens + timedelta(days))
    assert evidence.open_period(call, AT).status == status


def _closed_call(create_call, voting_closed_days_ago, published=False):
    closes = AT - timedelta(days=voting_closed_days_ago)
    return create_call(submission_opens_at=closes - timedelta(days=60),
                       submission_closes_at=closes - timedelta(days=30),
                       voting_opens_at=closes - timedelta(days=20), voting_closes_at=closes,
                       results_published_at=closes + timedelta(days=5) if published else None)


def test_input_and_summary_published(db, create_call, create_proposal):
    during = create_call()
    assert evidence.input_published(during, AT).status == NOT_APPLICABLE
    reviewing = _closed_call(create_call, 10)
    create_proposal(reviewing)
    found = evidence.input_published(reviewing, AT)
    assert (found.status, found.facts[0]) == (AT_RISK, "1 propuesta pública.")
    published = _closed_call(create_call, 30, published=True)
    assert evidence.input_published(published, AT).status == MET
    forgotten = _closed_call(create_call, 200)
    assert evidence.input_published(forgotten, AT).status == NOT_MET


# --- 4.1 ----------------------------------------------------------------------------------

def _decide(admin, proposal):
    db_session = Decision.query.session
    db_session.add(Decision(proposal_id=proposal.id, outcome="included",
                            response="Entra al plan porque es viable.",
                            position_government="agree", position_civil_society="agree",
                            position_academia="agree", decided_by_id=admin.id, decided_at=AT))
    db_session.commit()


def test_a_reasoned_response_to_every_proposal(db, admin, create_call, create_proposal):
    assert evidence.reasoned_responses(create_call(), AT).status == NOT_APPLICABLE
    call = _closed_call(create_call, 10)
    first, second = create_proposal(call), create_proposal(call)
    _decide(admin, first)
    found = evidence.reasoned_responses(call, AT)
    assert found.status == AT_RISK
    assert found.facts == ["1 de 2 propuestas priorizadas tienen una decisión con su "
                           "respuesta fundamentada."]
    _decide(admin, second)
    call.results_published_at = AT - timedelta(days=1)
    db.session.commit()
    assert evidence.reasoned_responses(call, AT).status == MET
    unanswered = _closed_call(create_call, 30, published=True)
    create_proposal(unanswered)
    assert evidence.reasoned_responses(unanswered, AT).status == NOT_MET


def test_comments_are_not_applicable_without_a_consultation(db, admin):
    plan = plans.create_plan(admin, "plan-2026", title="Plan 2026", starts_on=date(2026, 9, 1),
                             ends_on=date(2028, 8, 31), status="consultation")
    assert evidence.consultation_figures(plan) is None
    assert evidence.comment_responses(plan, AT).status == NOT_APPLICABLE


def test_comment_responses_from_the_figures(db, admin, monkeypatch):
    plan = plans.create_plan(admin, "plan-2026", title="Plan 2026", starts_on=date(2026, 9, 1),
                             ends_on=date(2028, 8, 31), status="consultation")
    for figures, status in (((4, 4), MET), ((4, 3), AT_RISK)):
        monkeypatch.setattr(evidence, "consultation_figures",
                            lambda _plan, f=figures: evidence.ConsultationFigures(*f, "/x"))
        assert evidence.comment_responses(plan, AT).status == status
    plan.status = "adopted"
    assert evidence.comment_responses(plan, AT).status == NOT_MET


def test_comment_responses_count_the_consultation_s_answers(app, db, admin, create_user,
                                                            clock):
    from app.moderation import services as moderation
    from app.plans import comments, consultation

    plan = plans.create_plan(admin, "plan-2026", title="Plan 2026", starts_on=date(2026, 9, 1),
                             ends_on=date(2028, 8, 31))
    commitment = plans.create_commitment(admin, plan, title="Datos", lead_agency="Agencia")
    consultation.open_consultation(admin, plan, clock.now() - timedelta(days=1),
                                   clock.now() + timedelta(days=9))
    first = comments.add_comment(create_user(), commitment, "Falta un hito.")
    hidden = comments.add_comment(create_user(), commitment, "Spam")
    with app.test_request_context():
        figures = evidence.consultation_figures(plan)
        assert (figures.comments, figures.answered) == (2, 0)
        assert figures.url.endswith("/plans/plan-2026/consultation")
        assert evidence.comment_responses(plan, clock.now()).status == AT_RISK
        consultation.answer_comment(admin, first, "Se agrega el hito pedido. " * 10)
        moderation.hide(admin, hidden, "Publicidad")
        assert evidence.comment_responses(plan, clock.now()).status == MET


# --- 5.1 ----------------------------------------------------------------------------------

def _plan(admin, starts_on):
    return plans.create_plan(admin, "plan-impl", title="Plan en implementación",
                             starts_on=starts_on, ends_on=starts_on + timedelta(days=730),
                             status="implementation", adopted_on=starts_on)


@pytest.mark.parametrize(("reviews_days_ago", "status"), [
    ((300, 100), MET),  # two in the year begun 1 April 2025
    ((100,), AT_RISK),  # one so far, the year still running
])
def test_implementation_reviews_in_the_current_year(db, admin, reviews_days_ago, status):
    plan = _plan(admin, date(2025, 4, 1))
    _meet(admin, *reviews_days_ago, kind="implementation_review")
    db.session.commit()
    from app.working_group import compliance
    found = evidence.implementation_reviews(plan, compliance.implementation_reviews(AT))
    assert found.status == status


def test_implementation_reviews_not_met_for_a_finished_year(db, admin):
    from app.working_group import compliance
    plan = _plan(admin, date(2024, 1, 1))
    _meet(admin, 300, 100, kind="implementation_review")  # only in the second year
    db.session.commit()
    found = evidence.implementation_reviews(plan, compliance.implementation_reviews(AT))
    assert found.status == NOT_MET  # the second year's two do not make up for the first
    assert found.facts[0].startswith("Año 1 ene 2024 – 31 dic 2024: 0 reuniones")
