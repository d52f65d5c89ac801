import pytest

from app.audit.services import events_for
from app.core.errors import Conflict, NotAllowed
from app.review import queries, services
from app.review.models import Decision
from tests.review.conftest import RESPONSE, publish
from tests.seating import decide as decide_all
from tests.seating import seat

SCORES = {"relevance": 3, "specificity": 2, "measurability": 2, "feasibility": 1, "impact": 3}


def decide(user, call, proposal, **overrides):
    """`user` records their own constituency's position (agreeing unless told)."""
    values = {"outcome": "included", "response": RESPONSE, "position": "agree"}
    values.update(overrides)
    return services.record_decision(user, call, proposal, **values)


def decide_for_all(call, proposal, **overrides):
    """Every voting constituency records its position: the decision stands."""
    values = {"outcome": "included", "response": RESPONSE}
    values.update(overrides)
    return decide_all(call, proposal, **values)


def test_nothing_before_voting_closes(db, review_call, proposals, group):
    with pytest.raises(services.ReviewNotOpen):
        services.save_assessment(group["academia"], review_call, proposals[0], SCORES, "")
    with pytest.raises(services.ReviewNotOpen):
        decide(group["academia"], review_call, proposals[0])


@pytest.mark.parametrize("who, error", [("observer", services.ObserversTakeNoPosition),
                                        ("outsider", services.NotMember),
                                        ("admin", services.NotMember)])
def test_only_voting_members_assess_and_decide(db, review_call, proposals, group, admin,
                                               create_user, to_review, who, error):
    to_review()
    user = {"observer": group["observer"], "outsider": create_user(), "admin": admin}[who]
    with pytest.raises(error) as raised:
        services.save_assessment(user, review_call, proposals[0], SCORES, "")
    assert raised.value.status == 403
    with pytest.raises(error):
        decide(user, review_call, proposals[0])


def test_assessment_is_saved_updated_and_audited(db, review_call, proposals, group, to_review):
    to_review()
    member = group["academia"]
    services.save_assessment(member, review_call, proposals[0], SCORES, "Buena")
    services.save_assessment(member, review_call, proposals[0], dict(SCORES, impact=1), "")
    [assessment] = services.assessments(proposals[0])
    assert assessment.impact == 1
    assert [e.action for e in events_for(proposals[0])].count("review.assessed") == 2


def test_scores_must_be_zero_to_three(db, review_call, proposals, group, to_review):
    to_review()
    with pytest.raises(services.InvalidChoice) as raised:
        services.save_assessment(group["academia"], review_call, proposals[0],
                                 dict(SCORES, measurability=4), "")
    assert raised.value.field == "measurability"


def test_conflicted_members_are_left_out_of_the_aggregates(db, review_call, proposals, group,
                                                           to_review):
    to_review()
    services.save_assessment(group["academia"], review_call, proposals[0], SCORES, "")
    services.save_assessment(group["civil_society"], review_call, proposals[0],
                             {k: 0 for k in SCORES}, "")
    services.declare_conflict(group["civil_society"], review_call, proposals[0],
                              "Mi organización presentó la propuesta")
    [row] = [r for r in queries.queue(review_call, None, queries.QueueFilter()).rows
             if r.ranked.proposal.id == proposals[0].id]
    assert row.aggregate.count == 1 and row.aggregate.means["relevance"] == 3
    with pytest.raises(services.ConflictDeclared):
        services.save_assessment(group["civil_society"], review_call, proposals[0], SCORES, "")


def test_queue_means_and_disagreement(db, review_call, proposals, group, to_review):
    to_review()
    services.save_assessment(group["academia"], review_call, proposals[1], SCORES, "")
    services.save_assessment(group["government"], review_call, proposals[1],
                             dict(SCORES, relevance=0), "")
    rows = queries.queue(review_call, None, queries.QueueFilter()).rows
    assert [r.ranked.proposal.id for r in rows] == [p.id for p in proposals]  # by votes
    row = rows[1]
    assert row.aggregate.means["relevance"] == 1.5 and row.aggregate.spreads["relevance"] == 3
    assert row.aggregate.max_spread == 3


def test_queue_filters(db, review_call, proposals, group, to_review):
    to_review()
    member = group["academia"]
    services.save_assessment(member, review_call, proposals[2], SCORES, "")
    decide(member, review_call, proposals[1])  # one constituency of three: not decided
    decide_for_all(review_call, proposals[0])
    mine = services.member_of(review_call, member).id
    ids = lambda **f: [r.ranked.proposal.id for r in queries.queue(  # noqa: E731
        review_call, mine, queries.QueueFilter(**f)).rows]
    assert ids(decision="decided") == [proposals[0].id]
    assert ids(decision="undecided") == [proposals[1].id, proposals[2].id]
    assert ids(mine="assessed") == [proposals[2].id]
    assert ids(mine="not_assessed") == [proposals[0].id, proposals[1].id]


def test_the_queue_counts_as_decided_only_what_the_publication_guard_does(
        db, review_call, proposals, group, to_review):
    to_review()
    decide_for_all(review_call, proposals[0])
    decide_for_all(review_call, proposals[1], positions={"government": "agree",
                                                         "civil_society": "agree",
                                                         "academia": "abstain"})
    pending = {p.proposal.id for p in services.undecided(review_call)}
    assert services.pending_ids(review_call) == pending == {proposals[1].id, proposals[2].id}
    found = queries.queue(review_call, None, queries.QueueFilter(decision="decided"))
    assert [r.ranked.proposal.id for r in found.rows] == [proposals[0].id]
    assert (found.decided, found.total) == (1, 3)


def test_decision_needs_a_long_enough_response(db, review_call, proposals, group, to_review):
    to_review()
    with pytest.raises(services.ResponseTooShort) as raised:
        decide(group["academia"], review_call, proposals[0], response="Muy corta.")
    assert raised.value.status == 422 and raised.value.field == "response"


def test_consensus_needs_every_constituency(db, review_call, proposals, group, to_review):
    to_review()
    decision = decide_for_all(review_call, proposals[0],
                              positions={"government": "agree", "civil_society": "agree",
                                         "academia": "abstain"})
    assert decision.missing() == []
    assert not services.stands(review_call, decision, set())
    [pending, *_] = services.undecided(review_call)
    assert pending.proposal.id == proposals[0].id and pending.no_agreement


def test_majority_needs_two_of_three(db, create_call, create_proposal, admin, create_user,
                                     clock):
    from datetime import timedelta

    call = create_call(decision_rule="majority")
    proposal = create_proposal(call)
    users = {}
    for constituency in ("government", "civil_society", "academia"):
        users[constituency] = create_user()
        seat(users[constituency], constituency)
    clock.set(call.voting_closes_at + timedelta(hours=1))
    decision = decide_all(call, proposal, outcome="included", response=RESPONSE,
                          positions={"government": "agree", "civil_society": "abstain",
                                     "academia": "disagree"})
    assert not services.stands(call, decision, set())
    decision = decide(users["civil_society"], call, proposal)
    assert services.stands(call, decision, set())


def test_a_fully_conflicted_constituency_is_recused(db, review_call, proposals, group,
                                                    to_review):
    to_review()
    services.declare_conflict(group["civil_society"], review_call, proposals[0],
                              "Mi organización presentó la propuesta")
    decision = decide_for_all(review_call, proposals[0])
    assert decision.position_civil_society == "recused"
    assert services.stands(review_call, decision, {"civil_society"})


def test_merge_rules(db, review_call, proposals, group, create_call, create_proposal,
                     to_review):
    to_review()
    other_call_proposal = create_proposal(create_call())
    for target in (None, proposals[0], other_call_proposal):
        with pytest.raises(services.InvalidMerge) as raised:
            decide(group["academia"], review_call, proposals[0], outcome="merged",
                   merged_into=target)
        assert raised.value.status == 422
    decision = decide(group["academia"], review_call, proposals[0], outcome="merged",
                      merged_into=proposals[1])
    assert decision.merged_into_id == proposals[1].id


def test_decisions_are_audited_with_positions(db, review_call, proposals, group, to_review):
    to_review()
    decide_for_all(review_call, proposals[0])
    actions = [e.action for e in events_for(proposals[0])]
    assert actions.count("review.position") == 3
    assert "review.decision_recorded" in actions


def test_stale_decision_form_is_a_conflict(db, review_call, proposals, group, to_review):
    to_review()
    decision = decide(group["government"], review_call, proposals[0])
    version = decision.version
    decide(group["academia"], review_call, proposals[0], outcome="not_included",
           expected_version=version)
    with pytest.raises(Conflict):
        decide(group["academia"], review_call, proposals[0], expected_version=version)


def test_publication_is_refused_while_any_proposal_lacks_a_decision(
        db, review_call, proposals, group, admin, to_review):
    to_review()
    decide_for_all(review_call, proposals[0])
    decide(group["academia"], review_call, proposals[1])
    with pytest.raises(services.Undecided):
        services.publish_results(admin, review_call)
    pending = services.undecided(review_call)
    assert [p.proposal.id for p in pending] == [proposals[1].id, proposals[2].id]
    assert pending[0].missing == ["government", "civil_society"]
    assert review_call.results_published_at is None


def test_publication_sets_statuses_and_emails_authors(db, review_call, proposals, group,
                                                      admin, to_review, outbox):
    to_review()
    proposals[2].author.notify_by_email = False
    decide_for_all(review_call, proposals[0])
    decide_for_all(review_call, proposals[1], outcome="merged", merged_into=proposals[0])
    decide_for_all(review_call, proposals[2], outcome="out_of_scope")
    with pytest.raises(NotAllowed):
        services.publish_results(group["academia"], review_call)
    assert publish(admin, review_call) == 2
    assert [p.status for p in proposals] == ["included", "merged", "not_selected"]
    assert len(outbox()) == 2
    with pytest.raises(services.AlreadyPublished):
        services.publish_results(admin, review_call)


def test_revision_after_publication_is_marked(db, review_call, proposals, group, admin,
                                              to_review):
    to_review()
    for proposal in proposals:
        decide_for_all(review_call, proposal)
    publish(admin, review_call)
    decision = decide_for_all(review_call, proposals[0], outcome="not_included")
    assert decision.revised_at is not None
    assert proposals[0].status == "not_selected"
    assert "review.decision_revised" in [e.action for e in events_for(proposals[0])]


def test_shortlist_groups_by_theme_and_body_with_merged_under_their_host(
        db, review_call, proposals, group, to_review):
    to_review()
    decide_for_all(review_call, proposals[0])
    decide_for_all(review_call, proposals[1], outcome="merged", merged_into=proposals[0])
    decide_for_all(review_call, proposals[2], outcome="partially_included")
    groups = queries.shortlist(review_call)
    [(key, items)] = groups.items()
    assert key == (proposals[0].theme, proposals[0].responsible_body)
    assert [i.proposal.id for i in items] == [proposals[0].id, proposals[2].id]
    assert [p.id for p in items[0].merged] == [proposals[1].id]


def test_only_one_decision_row_per_proposal(db, review_call, proposals, group, to_review):
    to_review()
    decide(group["academia"], review_call, proposals[0])
    decide(group["government"], review_call, proposals[0], outcome="partially_included")
    assert db.session.scalar(db.select(db.func.count()).select_from(Decision)) == 1


@pytest.mark.parametrize(("phase", "open_"), [
    ("submission", False), ("voting", True), ("review", True), ("published", False)])
def test_conflicts_are_declared_between_the_close_of_submissions_and_publication(
        db, review_call, proposals, group, clock, phase, open_):
    move_to(phase, review_call, proposals, group, clock, db)
    member = group["observer"]
    assert services.can_declare_conflict(member, review_call) is open_
    if open_:
        services.declare_conflict(member, review_call, proposals[0], "Mi organización la firmó")
    else:
        with pytest.raises(services.ConflictsClosed):
            services.declare_conflict(member, review_call, proposals[0], "Mi organización")


@pytest.mark.parametrize(("phase", "open_"), [
    ("submission", False), ("voting", False), ("review", True), ("published", False)])
def test_notes_and_assessments_belong_to_the_review(db, review_call, proposals, group, clock,
                                                    phase, open_):
    move_to(phase, review_call, proposals, group, clock, db)
    member = group["academia"]
    assert services.can_add_note(member, review_call) is open_
    assert services.can_assess(member, review_call) is open_
    if open_:
        services.add_note(member, review_call, proposals[0], "Revisar el presupuesto")
        services.save_assessment(member, review_call, proposals[0], SCORES, "")
        return
    with pytest.raises(services.NotesClosed):
        services.add_note(member, review_call, proposals[0], "Revisar el presupuesto")
    with pytest.raises((services.AssessmentsClosed, services.ReviewNotOpen)):
        services.save_assessment(member, review_call, proposals[0], SCORES, "")


def move_to(phase, call, proposals, group, clock, db):
    from datetime import timedelta

    from app.core.clock import now

    if phase == "voting":
        clock.set(call.voting_opens_at + timedelta(hours=1))
    elif phase in ("review", "published"):
        clock.set(call.voting_closes_at + timedelta(hours=1))
    if phase == "published":
        call.results_published_at = now()
        db.session.commit()
