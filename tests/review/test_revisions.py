"""A decision revised after publication: the public keeps the one that last stood until the
revision stands in turn (every voting constituency again, the call's rule met)."""

import json

from app.audit.services import events_for
from app.review import services
from tests.helpers import text_of
from tests.review.conftest import RESPONSE, publish
from tests.seating import decide, seat

EN = {"Accept-Language": "en"}
REVISED = ("Tras revisar la propuesta con el organismo responsable, la Mesa concluye que "
           "no puede incorporarse al plan en este ciclo: la medida ya figura en la ley de "
           "presupuestos y su seguimiento corresponde a la Contraloría, no al plan de acción "
           "de gobierno abierto que se discute.")


def published(db, review_call, proposals, admin, to_review):
    to_review()
    for proposal in proposals:
        decide(review_call, proposal, outcome="included", response=RESPONSE)
    publish(admin, review_call)
    db.session.commit()


def public_view(client, proposal):
    """What anyone reads of the proposal's decision: page, results, API and both exports."""
    page = text_of(client.get(f"/calls/nap/proposals/{proposal.reference}", headers=EN))
    results = text_of(client.get("/calls/nap/results", headers=EN))
    api = client.get(f"/api/v1/calls/nap/proposals/{proposal.reference}").get_json()
    ranking = client.get("/api/v1/calls/nap/results").get_json()["ranking"]
    export = json.loads(client.get("/calls/nap/export.json").get_data(as_text=True))
    csv = client.get("/calls/nap/export.csv").get_data(as_text=True)
    [record] = [d for d in export["decisions"] if d["reference"] == proposal.reference]
    return {"page": page, "results": results, "api": api["outcome"],
            "ranking": next(r["outcome"] for r in ranking
                            if r["reference"] == proposal.reference),
            "export": record, "csv": csv}


def test_the_public_sees_a_revision_only_once_it_stands(client, db, review_call, proposals,
                                                        group, admin, login, to_review):
    published(db, review_call, proposals, admin, to_review)
    target = proposals[0]
    login(group["academia"])
    response = client.post(f"/review/nap/proposals/{target.reference}/decision", data={
        "outcome": "not_included", "response": REVISED, "position": "agree"})
    assert response.status_code == 302
    own = text_of(client.get(f"/review/nap/proposals/{target.reference}", headers=EN))
    assert "the public sees the decision as it last stood: Included in the plan" in own
    client.post("/accounts/logout")

    seen = public_view(client, target)
    assert "Included in the plan" in seen["page"] and RESPONSE[:40] in seen["page"]
    assert REVISED[:40] not in seen["page"] and "revised on" not in seen["page"]
    assert REVISED[:40] not in seen["results"] and "revised on" not in seen["results"]
    assert seen["api"] == seen["ranking"] == "included"
    assert seen["export"]["outcome"] == "included" and seen["export"]["revised_at"] is None
    assert seen["export"]["position_government"] == "agree"
    assert REVISED[:40] not in seen["csv"]

    decide(review_call, target, outcome="not_included", response=REVISED,
           positions={"government": "agree", "civil_society": "agree"})
    db.session.commit()
    seen = public_view(client, target)
    assert "Not included" in seen["page"] and REVISED[:40] in seen["page"]
    assert "revised on" in seen["page"] and "revised on" in seen["results"]
    assert seen["api"] == seen["ranking"] == "not_included"
    assert seen["export"]["outcome"] == "not_included" and seen["export"]["revised_at"]
    assert REVISED[:40] in seen["csv"]


def test_a_revision_keeps_the_standing_decision_and_status_until_it_stands(
        db, review_call, proposals, group, admin, to_review):
    published(db, review_call, proposals, admin, to_review)
    target = proposals[0]
    decision = services.record_decision(group["academia"], review_call, target,
                                        outcome="out_of_scope", response=REVISED,
                                        position="agree")
    standing = decision.standing()
    assert (standing.outcome, standing.response, standing.revised_at) == (
        "included", RESPONSE, None)
    assert standing.positions() == {"government": "agree", "civil_society": "agree",
                                    "academia": "agree"}
    assert target.status == "included"
    # One more constituency is not enough: the rule needs all three.
    services.record_decision(group["government"], review_call, target, outcome="out_of_scope",
                             response=REVISED, position="agree")
    assert decision.standing().outcome == "included" and target.status == "included"
    services.record_decision(group["civil_society"], review_call, target,
                             outcome="out_of_scope", response=REVISED, position="agree")
    standing = decision.standing()
    assert (standing.outcome, standing.response) == ("out_of_scope", REVISED)
    assert standing.revised_at is not None and target.status == "not_selected"


def test_a_revision_that_does_not_meet_the_rule_stays_private(
        db, review_call, proposals, group, admin, to_review):
    published(db, review_call, proposals, admin, to_review)
    target = proposals[1]
    decision = decide(review_call, target, outcome="not_included", response=REVISED,
                      positions={"government": "agree", "civil_society": "agree",
                                 "academia": "disagree"})
    assert decision.missing() == [] and decision.standing().outcome == "included"
    assert decision.revised_at is None and target.status == "included"


def test_a_conflict_withdraws_the_members_position_for_the_alternate(
        client, db, review_call, proposals, create_user, login, to_review):
    holder, alternate = create_user(name="Titular"), create_user(name="Suplente")
    seat(holder, "academia", alternate=alternate)
    for constituency in ("government", "civil_society"):
        seat(create_user(name=f"Titular {constituency}"), constituency)
    to_review()
    target = proposals[0]
    decide(review_call, target, outcome="included", response=RESPONSE,
           by={"academia": holder})
    decision = services.decision_for(target)
    assert decision.position_academia_by_id == holder.id
    assert services.stands(review_call, decision, set())
    db.session.commit()

    login(holder)
    response = client.post(f"/review/nap/proposals/{target.reference}/conflict",
                           data={"reason": "Mi universidad presentó la propuesta"})
    assert response.status_code == 302
    db.session.expire_all()
    assert decision.position_academia is None
    page = text_of(client.get(f"/review/nap/proposals/{target.reference}", headers=EN))
    assert "waiting for the position of Academic network" in page
    assert target.id in services.pending_ids(review_call)
    [event] = [e for e in events_for(target) if e.action == "review.position_withdrawn"]
    assert event.before == {"constituency": "academia", "position": "agree"}

    client.post("/accounts/logout")
    login(alternate)
    response = client.post(f"/review/nap/proposals/{target.reference}/decision", data={
        "outcome": "included", "response": RESPONSE, "position": "agree",
        "version": str(decision.version)})
    assert response.status_code == 302
    db.session.expire_all()
    assert decision.position_academia == "agree"
    assert services.stands(review_call, decision, set())


def test_a_conflict_of_the_whole_constituency_recuses_it(db, review_call, proposals, group,
                                                         to_review):
    to_review()
    target = proposals[0]
    decision = decide(review_call, target, outcome="included", response=RESPONSE,
                      positions={"government": "agree", "civil_society": "disagree",
                                 "academia": "agree"})
    assert not services.stands(review_call, decision, set())
    services.declare_conflict(group["civil_society"], review_call, target,
                              "Mi organización presentó la propuesta")
    assert decision.position_civil_society == "recused"
    assert decision.position_civil_society_by_id is None
    recused = services.recused_constituencies(review_call, target)
    assert services.stands(review_call, decision, recused)
    assert decision.standing().positions()["civil_society"] == "recused"
    # Another member's conflict leaves a position they did not record alone.
    services.declare_conflict(group["observer"], review_call, target, "Conozco al autor")
    assert decision.position_government == "agree"


def test_rewording_the_response_asks_every_constituency_again(
        client, db, review_call, proposals, group, admin, to_review):
    """One constituency cannot put words in the others' mouths: a new text of the response,
    with the same outcome, clears their positions and the public keeps the text they agreed."""
    published(db, review_call, proposals, admin, to_review)
    target = proposals[0]
    decision = services.record_decision(group["government"], review_call, target,
                                        outcome="included", response=REVISED, position="agree")
    assert decision.positions() == {"government": "agree", "civil_society": None,
                                    "academia": None}
    db.session.commit()
    seen = public_view(client, target)
    assert RESPONSE[:40] in seen["page"] and REVISED[:40] not in seen["page"]
    assert seen["export"]["revised_at"] is None
    # Recording a position on the same text keeps the others'.
    services.record_decision(group["academia"], review_call, target, outcome="included",
                             response=REVISED, position="agree")
    assert decision.positions()["government"] == "agree"
    services.record_decision(group["civil_society"], review_call, target, outcome="included",
                             response=REVISED, position="agree")
    db.session.commit()
    seen = public_view(client, target)
    assert REVISED[:40] in seen["page"] and "revised on" in seen["page"]
