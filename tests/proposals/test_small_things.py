"""Small things users notice (issue 19, item 12)."""

from datetime import timedelta

from app.moderation import services as moderation
from tests.helpers import text_of

EN = {"Accept-Language": "en"}


def test_government_accounts_are_not_offered_a_submission_they_cannot_make(
        client, login, create_call, create_user):
    create_call(slug="nap")
    login(create_user(sector="government"))
    for url in ("/", "/calls/nap/"):
        response = client.get(url, headers=EN)
        assert response.status_code == 200, url
        assert "/calls/nap/proposals/new" not in text_of(response), url
    client.post("/accounts/logout")
    login(create_user(sector="civil_society"))
    for url in ("/", "/calls/nap/"):
        assert "/calls/nap/proposals/new" in text_of(client.get(url, headers=EN)), url


def test_a_merged_proposal_does_not_invite_anyone_to_vote_on_it(
        client, create_call, create_proposal, clock, db):
    call = create_call(slug="nap")
    merged = create_proposal(call, status="merged")
    open_one = create_proposal(call)
    clock.set(call.voting_opens_at + timedelta(hours=1))
    html = text_of(client.get(f"/calls/nap/proposals/{merged.reference}", headers=EN))
    assert "/accounts/login?next=" not in html
    html = text_of(client.get(f"/calls/nap/proposals/{open_one.reference}", headers=EN))
    assert "/accounts/login?next=" in html  # a proposal in the vote still does


def test_the_comment_count_includes_the_replies(client, create_call, create_proposal,
                                                create_user, db):
    proposal = create_proposal(create_call(slug="nap"))
    people = [create_user() for _ in range(3)]
    tops = [moderation.add_comment(p, proposal, f"Idea {n}") for n, p in enumerate(people)]
    moderation.add_comment(people[1], proposal, "Respuesta", parent=tops[0])
    moderation.add_comment(people[2], proposal, "Otra", parent=tops[0])
    db.session.commit()
    html = text_of(client.get(f"/calls/nap/proposals/{proposal.reference}", headers=EN))
    assert '<span class="muted">(5)</span>' in html
