from app.accounts.models import User
from app.calls.models import Call, Phase


def test_demo_loads_into_an_empty_database(runner, db, app, clock):
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    call = db.session.scalar(db.select(Call).where(Call.slug == "nap-2026"))
    assert call.phase(clock.now()) == Phase.SUBMISSION
    assert len(call.themes) >= 5
    admin = db.session.scalar(db.select(User).where(User.role == "admin"))
    assert admin.email in result.output
    # The printed password is the real one.
    line = next(line for line in result.output.splitlines() if admin.email in line)
    password = line.split()[-1]
    client = app.test_client()
    response = client.post("/accounts/login", data={"email": admin.email, "password": password})
    assert response.status_code == 302


def test_demo_refuses_a_database_with_data(runner, db, create_user):
    create_user()
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 1
    assert "not empty" in result.output
    assert db.session.scalar(db.select(Call)) is None


def test_demo_if_empty_is_a_quiet_no_op(runner, db, create_user):
    create_user()
    result = runner.invoke(args=["demo", "load", "--if-empty"])
    assert result.exit_code == 0
    assert db.session.scalar(db.select(Call)) is None


def test_create_admin_with_password(runner, db):
    result = runner.invoke(args=["users", "create-admin", "Boss@Example.org",
                                 "--password", "long-enough-secret-1"])
    assert result.exit_code == 0, result.output
    user = db.session.scalar(db.select(User))
    assert user.email == "boss@example.org" and user.is_admin and user.is_verified


def test_create_admin_prompts_for_the_password(runner, db):
    result = runner.invoke(args=["users", "create-admin", "boss@example.org"],
                           input="long-enough-secret-1\nlong-enough-secret-1\n")
    assert result.exit_code == 0, result.output
    assert db.session.scalar(db.select(User)).is_admin


def test_create_admin_refuses_a_weak_password(runner, db):
    result = runner.invoke(args=["users", "create-admin", "boss@example.org",
                                 "--password", "password"])
    assert result.exit_code == 1
    assert db.session.scalar(db.select(User)) is None


def test_create_admin_promotes_an_existing_account(runner, db, create_user):
    user = create_user()
    result = runner.invoke(args=["users", "create-admin", user.email])
    assert result.exit_code == 0 and "Promoted" in result.output
    db.session.expire_all()
    assert db.session.get(User, user.id).is_admin


def test_demo_call_is_a_living_open_call(runner, db, app):
    from app.proposals.models import Proposal

    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    proposals = list(db.session.scalars(db.select(Proposal)))
    assert len(proposals) >= 40
    call = db.session.scalar(db.select(Call).where(Call.slug == "nap-2026"))
    assert {p.theme for p in proposals} == set(call.themes)
    assert len({p.region for p in proposals}) >= 8
    assert len({p.organisation for p in proposals if p.organisation}) >= 5
    assert len({p.reference for p in proposals}) == len(proposals)
    client = app.test_client()
    html = client.get("/calls/nap-2026/proposals/?q=lobby").get_data(as_text=True)
    assert "lobby municipal" in html.lower()


def test_demo_has_a_closed_cycle_with_long_tailed_votes(runner, db, app, clock):
    from app.calls.models import Phase
    from app.voting import services
    from app.voting.models import Vote
    from app.voting.ranking import ranked_proposals

    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    past = db.session.scalar(db.select(Call).where(Call.slug == "nap-2023"))
    assert past.phase(clock.now()) == Phase.RESULTS
    votes = db.session.scalar(db.select(db.func.count()).select_from(Vote))
    assert 2000 <= votes <= 6000
    assert services.count_mismatches(past) == []
    ranking = ranked_proposals(past)
    assert ranking[0].votes > 4 * ranking[len(ranking) // 2].votes  # a long tail
    html = app.test_client().get("/calls/nap-2023/results").get_data(as_text=True)
    assert ranking[0].proposal.title in html


def test_accounts_can_register_after_the_demo(runner, db, client):
    """Bulk-loaded demo rows must leave the id sequences usable (PostgreSQL)."""
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    response = client.post("/accounts/register", data={
        "name": "Nueva", "email": "nueva@example.org", "password": "quiet-harbour-lantern-42",
        "sector": "citizen", "region": "Maule", "accept_privacy": "y"})
    assert response.status_code == 302


def test_demo_past_cycle_has_a_working_group_and_published_decisions(runner, db, app):
    from app.review import services as review

    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0
    assert "mesa-observador@demo.minga.cl" in result.output  # member passwords printed
    past = db.session.scalar(db.select(Call).where(Call.slug == "nap-2023"))
    assert {m.constituency for m in review.members(past)} == {
        "government", "civil_society", "academia", "observer"}
    assert review.undecided(past) == []
    decisions = review.decisions_by_proposal(past)
    assert {d.outcome for d in decisions.values()} >= {"included", "not_included"}
    assert all(len(d.response) >= 200 for d in decisions.values())
    client = app.test_client()
    assert "Incluida en el plan" in client.get("/calls/nap-2023/results").get_data(as_text=True)
    assert client.get("/review/nap-2023/shortlist").status_code == 200


def test_demo_has_comments_a_report_and_a_merge(runner, db):
    from app.moderation import services as moderation
    from app.moderation.models import Comment
    from app.proposals.models import Proposal

    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    assert db.session.scalar(db.select(db.func.count()).select_from(Comment)) >= 5
    assert len(moderation.queue()) == 1
    merged = db.session.scalar(db.select(Proposal).where(Proposal.merged_into_id.is_not(None)))
    assert merged is not None and merged.status == "merged"


def test_demo_has_action_plans_with_overdue_and_disputed_commitments(runner, db, app, client):
    from app.plans.dashboard import dashboard
    from app.plans.models import Plan

    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    plans = {p.slug: p for p in db.session.scalars(db.select(Plan))}
    assert plans["plan-2014"].status == "closed"
    board = dashboard(plans["plan-2016"])
    assert len(board.rows) == 19 and board.disputed == 2 and board.overdue > 0
    draft = plans["plan-siguiente"]
    assert draft.commitments and all(c.sources for c in draft.commitments)
    assert client.get("/plans/plan-2016/").status_code == 200


def test_demo_has_a_consultation_on_the_next_plan_with_every_comment_answered(runner, db,
                                                                             client):
    from app.plans import consultation
    from app.plans.models import Plan

    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    draft = db.session.scalar(db.select(Plan).where(Plan.slug == "plan-siguiente"))
    assert consultation.window_state(draft) == "open"
    total, answered = consultation.consultation_stats(draft)
    assert total >= 3 and answered == total
    page = client.get("/plans/plan-siguiente/consultation").get_data(as_text=True)
    assert "Respuesta de demostración" in page and "Sobre: Hitos" in page
