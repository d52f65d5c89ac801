"""Plans, commitments and milestones: the rules of their services."""

from datetime import date

import pytest

from app.audit.services import events_for
from app.core.errors import NotAllowed
from app.plans import services
from app.plans.progress import progress_of


def test_commitment_references_are_unique_in_the_deployment_with_the_configured_prefix(
        app, db, create_plan, create_commitment):
    first, second = create_plan(), create_plan()
    made = [create_commitment(first), create_commitment(second), create_commitment(first)]
    assert [c.reference for c in made] == ["CL0001", "CL0002", "CL0003"]
    app.config["MINGA_COMMITMENT_PREFIX"] = "MX"
    assert create_commitment(second).reference == "MX0001"


def test_a_commitment_from_shortlisted_proposals_copies_their_text(
        db, admin, create_call, create_proposal, create_plan):
    call = create_call()
    one = create_proposal(call, status="shortlisted", title="Registro abierto")
    two = create_proposal(call, status="included", problem="Otro problema",
                          ogp_values=["participation"])
    create_proposal(call, status="not_selected")
    plan = create_plan(call)
    assert {p.reference for p in services.candidate_proposals(plan)} == {one.reference,
                                                                          two.reference}
    copied = services.copied_from(services.proposals_by_reference(
        plan, [one.reference, two.reference]))
    assert copied["title"] == "Registro abierto"
    assert f"{two.reference}: Otro problema" in copied["problem"]
    assert copied["ogp_values"] == ["transparency", "accountability", "participation"]
    commitment = services.create_commitment(admin, plan, sources=[one.reference], **copied)
    db.session.commit()
    assert [s.proposal for s in commitment.sources] == [one]
    assert services.commitments_from(one) == [commitment]
    assert events_for(commitment)[0].after["sources"] == [one.reference]


def test_only_the_calls_shortlisted_proposals_can_be_sources(
        db, admin, create_call, create_proposal, create_plan):
    call = create_call()
    rejected = create_proposal(call, status="not_selected")
    elsewhere = create_proposal(create_call(), status="shortlisted")
    plan = create_plan(call)
    for reference in (rejected.reference, elsewhere.reference, "2099-0001"):
        with pytest.raises(services.NotASource):
            services.create_commitment(admin, plan, sources=[reference], title="X",
                                       lead_agency="Y")


def test_only_administrators_manage_plans(db, create_user, create_plan):
    with pytest.raises(NotAllowed):
        services.create_plan(create_user(), "nap", title="Plan", starts_on=date(2016, 1, 1),
                             ends_on=date(2018, 1, 1))


def test_rules_refuse_bad_input(db, admin, create_plan, create_commitment):
    with pytest.raises(services.DatesOutOfOrder):
        create_plan(starts_on=date(2018, 1, 1), ends_on=date(2016, 1, 1))
    with pytest.raises(services.InvalidSlug):
        services.create_plan(admin, "Con Espacios", title="P", starts_on=date(2016, 1, 1),
                             ends_on=date(2018, 1, 1))
    commitment = create_commitment(create_plan())
    with pytest.raises(services.InvalidWeight):
        services.add_milestone(admin, commitment, deliverable="Hito", weight=0)
    with pytest.raises(services.Missing):
        services.add_milestone(admin, commitment, deliverable=" ", weight=1)


def test_progress_is_the_weighted_sum_anyone_can_redo(db, create_plan, create_commitment):
    commitment = create_commitment(create_plan(), milestones=[1, 2, 3])
    first, second, _third = commitment.milestones
    progress = progress_of(commitment.milestones, {first.id: "complete",
                                                   second.id: "substantial"})
    # (1 × 100 + 2 × 75 + 3 × 0) ÷ 6 = 41.67
    assert (progress.weighted_sum, progress.total_weight, progress.percent) == (250, 6, 42)
    assert progress_of([], {}).percent == 0


def test_changes_are_audited(db, admin, create_plan, create_commitment):
    commitment = create_commitment(create_plan(), milestones=[1])
    services.update_commitment(admin, commitment, commitment.version, title="Nuevo título",
                               lead_agency="Otra agencia")
    services.update_milestone(admin, commitment.milestones[0], deliverable="Otro", weight=4)
    db.session.commit()
    assert [e.action for e in events_for(commitment)] == ["commitment.created",
                                                          "commitment.updated"]
    assert events_for(commitment)[-1].before["title"] == "Registro de beneficiarios finales"
    assert events_for(commitment.milestones[0])[-1].after["weight"] == 4
