"""Implementers, progress updates (versioned, never edited) and the IRM's scales."""

import pytest

from app.audit.services import events_for
from app.core.errors import Conflict, NotAllowed
from app.plans import reporting
from app.plans.progress import progress_of
from tests.helpers import text_of


@pytest.fixture
def reported(create_plan, create_commitment, implementer):
    commitment = create_commitment(create_plan(slug="nap"), milestones=[1, 3])
    return commitment, implementer(commitment, name="Iván Implementador")


def test_only_the_commitments_implementers_and_admins_report(
        db, admin, create_user, create_commitment, reported):
    commitment, official = reported
    other = create_commitment(commitment.plan)
    milestone = commitment.milestones[0]
    reporting.post_update(official, commitment, milestone, "limited", "Avanzamos.")
    reporting.post_update(admin, commitment, milestone, "substantial", "Más avance.")
    with pytest.raises(NotAllowed):
        reporting.post_update(create_user(), commitment, milestone, "limited", "No.")
    with pytest.raises(NotAllowed):  # scoped: an implementer of one commitment only
        reporting.post_update(official, other, milestone, "limited", "No.")


def test_a_closed_plan_takes_no_more_reports(db, reported):
    commitment, official = reported
    commitment.plan.status = "closed"
    with pytest.raises(reporting.NotReporting):
        reporting.post_update(official, commitment, commitment.milestones[0], "limited", "X")


def test_a_correction_is_a_new_version_and_the_old_one_stays(db, reported):
    commitment, official = reported
    first = reporting.post_update(official, commitment, commitment.milestones[1], "complete",
                                  "Terminado.", [("https://ejemplo.cl/acta.pdf", "Acta")])
    db.session.commit()
    second = reporting.revise_update(official, first, "substantial", "Casi terminado.")
    db.session.commit()
    assert (first.status, first.narrative) == ("complete", "Terminado.")  # untouched
    assert [v.version for v in reporting.versions(first.thread_id)] == [1, 2]
    assert reporting.current_updates([commitment.id]) == [second]
    with pytest.raises(Conflict):  # a correction of a version already corrected
        reporting.revise_update(official, first, "limited", "Otra.")
    statuses = reporting.milestone_statuses(reporting.current_updates([commitment.id]))
    # (1 × 0 + 3 × 75) ÷ 4 = 56.25
    assert progress_of(commitment.milestones, statuses).percent == 56
    assert events_for(second)[0].action == "progress_update.revised"


def test_evidence_must_be_web_links(db, reported):
    commitment, official = reported
    with pytest.raises(reporting.BadLink):
        reporting.post_update(official, commitment, commitment.milestones[0], "limited", "X",
                              [("javascript:alert(1)", "")])


def test_irm_codings_need_a_source_and_an_admin(db, admin, reported):
    commitment, official = reported
    reporting.record_coding(official, commitment, "government", "substantial", "modest", True)
    with pytest.raises(NotAllowed):
        reporting.record_coding(official, commitment, "irm", "limited", "modest", True,
                                source_url="https://www.opengovpartnership.org/irm")
    with pytest.raises(reporting.Missing):
        reporting.record_coding(admin, commitment, "irm", "limited", "modest", True)
    reporting.record_coding(admin, commitment, "irm", "limited", "unclear", False,
                            "Informe IRM", "https://www.opengovpartnership.org/irm")
    codings = reporting.latest_codings(commitment)
    assert (codings["government"].completion, codings["irm"].completion) == ("substantial",
                                                                             "limited")


def test_an_implementer_reports_through_the_pages(db, client, login, reported):
    commitment, official = reported
    login(official)
    base = f"/plans/nap/commitments/{commitment.reference}"
    page = text_of(client.get(base))
    assert "Reportar avance" in page and "Iván Implementador" in page
    posted = client.post(f"{base}/updates/new", data={
        "milestone_id": str(commitment.milestones[0].id), "status": "complete",
        "narrative": "Portal publicado.",
        "evidence": "https://ejemplo.cl/portal Portal en línea"})
    assert posted.status_code == 302
    page = text_of(client.get(base))
    assert "Portal publicado." in page and "Portal en línea" in page
    update = reporting.current_updates([commitment.id])[0]
    revised = client.post(f"{base}/updates/{update.id}/revise", data={
        "status": "substantial", "narrative": "Portal publicado, falta una sección."})
    assert revised.status_code == 302
    history = text_of(client.get(f"{base}/updates/{update.id}"))
    assert "Portal publicado." in history and "falta una sección" in history
    refused = client.post(f"{base}/updates/new", data={
        "milestone_id": str(commitment.milestones[0].id), "status": "complete",
        "narrative": "Con mala evidencia", "evidence": "ftp://x"})
    assert refused.status_code == 422 and "Con mala evidencia" in text_of(refused)


def test_anyone_else_is_sent_back_with_the_reason(db, client, login, create_user, reported):
    commitment, _official = reported
    login(create_user())
    response = client.get(f"/plans/nap/commitments/{commitment.reference}/updates/new",
                          follow_redirects=True)
    assert "Solo los funcionarios" in text_of(response)


def test_an_admin_names_implementers(db, client, login, admin, create_user, reported):
    commitment, _official = reported
    newcomer = create_user(name="Nora Nueva")
    login(admin)
    url = f"/admin/plans/nap/commitments/{commitment.reference}/implementers"
    assert client.post(url, data={"email": newcomer.email}).status_code == 302
    assert client.post(url, data={"email": newcomer.email}).status_code == 409
    assert reporting.is_implementer(newcomer, commitment)
