"""Plans in /api/v1, held to the OpenAPI document."""

from app.plans import readings, reporting
from tests.api.conftest import validate  # noqa: F401  (shared fixture)


def test_plan_endpoints_match_the_document(db, client, validate, create_user, create_plan,  # noqa: F811
                                            create_commitment, implementer):
    plan = create_plan(slug="nap-2016")
    create_plan(slug="borrador", status="draft")
    commitment = create_commitment(plan, milestones=[1, 2])
    create_commitment(plan)
    official = implementer(commitment)
    update = reporting.post_update(official, commitment, commitment.milestones[0], "complete",
                                   "Hecho.", [("https://ejemplo.cl/acta", "Acta")])
    readings.give_reading(create_user(), update, "disagree", "No del todo.")
    db.session.commit()
    listing = client.get("/api/v1/plans").json
    validate(listing, "PlanList")
    assert [p["slug"] for p in listing["items"]] == ["nap-2016"]  # drafts stay out
    detail = client.get("/api/v1/plans/nap-2016").json
    validate(detail, "PlanDetail")
    assert detail["commitments"][0]["disputed"] is True
    assert detail["commitments"][0]["progress"] == 33  # (1 × 100 + 2 × 0) ÷ 3
    found = client.get(f"/api/v1/plans/nap-2016/commitments/{commitment.reference}").json
    validate(found, "Commitment")
    assert found["counterassessments"][0]["stance"] == "disagree"
    assert client.get("/api/v1/plans/borrador").status_code == 404
    assert client.get("/api/v1/plans/nap-2016/commitments/CL9999").status_code == 404
    assert official.email not in str(found)
