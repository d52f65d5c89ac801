"""The plan pages as readers and administrators use them."""

from app.plans.models import Commitment
from tests.helpers import text_of


def test_the_plan_and_commitment_pages_show_lineage_both_ways_and_the_progress_sum(
        db, client, create_call, create_proposal, create_plan, create_commitment):
    call = create_call(slug="nap")
    proposal = create_proposal(call, status="included", title="Registro abierto",
                               vote_count=42)
    plan = create_plan(call, slug="nap-2016")
    commitment = create_commitment(plan, sources=[proposal.reference], milestones=[1, 3])
    listing = text_of(client.get("/plans/"))
    assert "Plan de Acción 2016–2018" in listing
    page = text_of(client.get("/plans/nap-2016/"))
    assert commitment.reference in page and "Ministerio de Hacienda" in page
    shown = text_of(client.get(f"/plans/nap-2016/commitments/{commitment.reference}"))
    assert proposal.reference in shown and "Registro abierto" in shown
    assert "Hito 2" in shown and "Peso × parte" in shown
    assert "0 ÷ 4 = 0" in shown
    on_proposal = text_of(client.get(f"/calls/nap/proposals/{proposal.reference}"))
    assert "Se convirtió en el compromiso" in on_proposal and commitment.reference in on_proposal
    assert client.get("/plans/nap-2016/commitments/CL9999").status_code == 404


def test_a_draft_plan_is_for_administrators_only(db, client, login, admin, create_plan,
                                                 create_user):
    create_plan(slug="borrador", status="draft")
    assert client.get("/plans/borrador/").status_code == 404
    assert "borrador" not in text_of(client.get("/plans/"))
    login(admin)
    assert client.get("/plans/borrador/").status_code == 200


def test_an_administrator_makes_a_commitment_from_shortlisted_proposals(
        db, client, login, admin, create_call, create_proposal, create_plan):
    call = create_call(slug="nap")
    source = create_proposal(call, status="shortlisted", title="Datos de compras",
                             problem="Las compras municipales son opacas.")
    plan = create_plan(call, slug="nap-2016")
    login(admin)
    form = client.get(f"/admin/plans/nap-2016/commitments/new?from={source.reference}")
    assert "Las compras municipales son opacas." in text_of(form)  # copied, not retyped
    copied = client.post("/admin/plans/nap-2016/commitments/new",
                         data={"sources": [source.reference], "copy": "1"})
    assert "Las compras municipales son opacas." in text_of(copied)
    saved = client.post("/admin/plans/nap-2016/commitments/new", data={
        "sources": [source.reference], "title": "Compras abiertas", "lead_agency": "ChileCompra",
        "problem": "Las compras municipales son opacas.", "starts_on": "2016-09-01",
        "ends_on": "2018-06-30"})
    assert saved.status_code == 302
    commitment = db.session.scalar(db.select(Commitment))
    assert [s.proposal_id for s in commitment.sources] == [source.id]
    added = client.post(f"/admin/plans/nap-2016/commitments/{commitment.reference}/milestones/new",
                        data={"deliverable": "Portal publicado", "weight": "2"})
    assert added.status_code == 302
    assert plan.commitments[0].milestones[0].weight == 2


def test_a_refused_form_keeps_what_was_typed(db, client, login, admin, create_plan):
    create_plan(slug="nap-2016")
    login(admin)
    refused = client.post("/admin/plans/nap-2016/commitments/new",
                          data={"title": "Sin agencia", "problem": "Lo que escribí"})
    assert refused.status_code == 422
    assert "Lo que escribí" in text_of(refused) and "Hay un problema" in text_of(refused)
    refused = client.post("/admin/plans/new", data={"slug": "x", "title": "P",
                                                   "starts_on": "2018-01-01",
                                                   "ends_on": "2016-01-01", "status": "draft",
                                                   "call_id": "0"})
    assert refused.status_code == 422 and "fecha de término" in text_of(refused)


def test_an_administrator_creates_and_edits_a_plan(db, client, login, admin):
    login(admin)
    made = client.post("/admin/plans/new", data={
        "slug": "nap-2018", "title": "Cuarto plan", "starts_on": "2018-09-01",
        "ends_on": "2020-08-31", "status": "consultation", "call_id": "0"})
    assert made.status_code == 302
    assert "Cuarto plan" in text_of(client.get("/admin/plans/nap-2018/edit"))
    edited = client.post("/admin/plans/nap-2018/edit", data={
        "title": "Cuarto Plan de Acción", "starts_on": "2018-09-01", "ends_on": "2020-08-31",
        "status": "adopted", "adopted_on": "2018-10-01", "call_id": "0"})
    assert edited.status_code == 302
    assert "Cuarto Plan de Acción" in text_of(client.get("/plans/nap-2018/"))


def test_the_dashboard_states_the_influence_of_the_public_and_the_report_prints(
        db, client, create_call, create_proposal, create_plan, create_commitment):
    call = create_call(slug="nap")
    voted = [create_proposal(call, status="included", vote_count=100 - n) for n in range(4)]
    plan = create_plan(call, slug="nap-2016")
    create_commitment(plan, sources=[voted[0].reference], milestones=[1], theme="Salud")
    create_commitment(plan, milestones=[2], lead_agency="Ministerio de Salud")
    from app.plans.dashboard import dashboard

    board = dashboard(plan)
    assert (board.traceable.part, board.traceable.whole) == (1, 2)
    assert (board.top_voted.part, board.top_voted.whole) == (1, 4)
    assert board.overdue == 2  # both milestones ended in 2017 with no update
    page = text_of(client.get("/plans/nap-2016/"))
    assert "chart-agency" in page and "Ministerio de Salud" in page
    report = text_of(client.get("/plans/nap-2016/report"))
    assert "Informe de autoevaluación" in report and "Hito 1" in report
