import re

import pytest

from app.voting import services as voting
from app.voting.models import Ballot, Vote
from tests.conftest import PASSWORD
from tests.helpers import assert_error_summary, text_of
from tests.http_client import Browser, all_at_once

EN = {"Accept-Language": "en"}


@pytest.fixture
def call(create_call):
    return create_call(slug="nap")


@pytest.fixture
def proposal(call, create_proposal, create_user):
    return create_proposal(call, author=create_user(name="Autora"), title="Lobby municipal")


def page(proposal):
    return f"/calls/nap/proposals/{proposal.reference}"


def test_comment_reply_and_author_marker(client, db, proposal, create_user, login):
    login(proposal.author)
    client.post(page(proposal) + "/comments", data={"body": "Comentario de la autora"})
    html = text_of(client.get(page(proposal), headers=EN))
    assert "Comentario de la autora" in html and "proposal author" in html
    assert "/edit" in html  # within 15 minutes


def test_empty_comment_keeps_the_form_with_a_message(client, db, proposal, create_user, login):
    login(create_user())
    response = client.post(page(proposal) + "/comments", data={"body": "  "}, headers=EN)
    assert response.status_code == 422


def test_someone_elses_comment_is_refused_as_theirs_not_as_too_old(client, db, proposal,
                                                                    create_user, login):
    from app.moderation import services

    comment = services.add_comment(create_user(), proposal, "Comentario ajeno")
    db.session.commit()
    login(create_user())
    response = client.get(f"/comments/{comment.id}/edit", headers=EN)
    assert response.status_code == 403
    assert "15 minutes" not in text_of(response)


def test_comment_xss_is_harmless(client, db, proposal, create_user, login):
    from tests.helpers import dangerous_markup

    login(create_user())
    client.post(page(proposal) + "/comments", data={"body": '<img src=x onerror="alert(1)">'})
    assert dangerous_markup(text_of(client.get(page(proposal)))) == []


@pytest.mark.config(RATELIMIT_ENABLED=True, COMMENT_RATE_LIMIT="2 per minute")
def test_comment_spam_is_rate_limited_per_account(client, db, proposal, create_user, login):
    login(create_user())
    statuses = [client.post(page(proposal) + "/comments", data={"body": f"Hola {n}"}
                            ).status_code for n in range(3)]
    assert statuses == [302, 302, 429]


def test_report_then_moderator_hides_and_restores(client, app, db, proposal, create_user,
                                                  login):
    login(create_user())
    assert client.post(page(proposal) + "/report", data={"reason": "offensive"}
                       ).status_code == 302
    again = client.post(page(proposal) + "/report", data={"reason": "spam"}, headers=EN)
    assert again.status_code == 409 and "already reported" in text_of(again)
    participant_queue = client.get("/moderation/")
    assert participant_queue.status_code == 403
    moderator = app.test_client()
    moderator.post("/accounts/login", data={"email": create_user(role="moderator").email,
                                            "password": PASSWORD})
    queue = text_of(moderator.get("/moderation/", headers=EN))
    assert "Lobby municipal" in queue and "1 report" in queue
    moderator.post(f"/moderation/proposal/{proposal.id}/hide",
                   data={"reason": "Lenguaje ofensivo"})
    public = text_of(app.test_client().get(page(proposal), headers=EN))
    assert "Hidden by moderation: Lenguaje ofensivo" in public
    assert proposal.summary not in public
    assert "Lobby municipal" not in text_of(app.test_client().get("/calls/nap/proposals/"))
    moderator.post(f"/moderation/proposal/{proposal.id}/restore")
    assert "Hidden by moderation" not in text_of(app.test_client().get(page(proposal)))


def test_participants_cannot_moderate(client, db, proposal, create_user, login):
    login(create_user())
    assert client.post(f"/moderation/proposal/{proposal.id}/hide",
                       data={"reason": "porque sí"}).status_code == 403
    db.session.expire_all()
    assert proposal.status == "published"


def test_merge_through_the_queue_and_lineage_everywhere(client, app, db, call, create_proposal,
                                                         create_user, login):
    duplicate, target = create_proposal(call, title="Duplicada"), create_proposal(call)
    login(create_user(role="moderator"))
    response = client.post(f"/moderation/proposal/{duplicate.id}/merge",
                           data={"target": duplicate.reference}, headers=EN)
    assert response.status_code == 422  # into itself
    client.post(f"/moderation/proposal/{duplicate.id}/merge", data={"target": target.reference})
    html = text_of(client.get(page(duplicate), headers=EN))
    assert "Merged into" in html and target.reference in html
    assert duplicate.reference in text_of(client.get(page(target), headers=EN))
    rows = client.get("/calls/nap/export.json").get_json()["proposals"]
    assert {r["reference"]: r["merged_into"] for r in rows}[duplicate.reference] == \
        target.reference


def test_a_refused_merge_links_to_the_box_of_that_proposal_in_the_queue(
        client, db, call, create_proposal, create_user, login):
    reported, other = create_proposal(call, title="Duplicada"), create_proposal(call)
    login(create_user())
    client.post(page(reported) + "/report", data={"reason": "spam"})
    client.post(page(other) + "/report", data={"reason": "spam"})
    client.post("/accounts/logout")
    login(create_user(role="moderator"))
    response = client.post(f"/moderation/proposal/{reported.id}/merge",
                           data={"target": "2026-9999"}, headers=EN)
    assert response.status_code == 422
    html = text_of(response)
    assert_error_summary(html, [(f"#target-{reported.id}", "Merge into (reference): No "
                                 "proposal of this call has that reference.")])
    # Its box is open and keeps what was typed; the other proposal's stays as it was.
    boxes = {int(item_id): (opened, attributes) for opened, item_id, attributes in re.findall(
        r'<details( open)?><summary>Merge as a duplicate</summary>.*?'
        r'<input id="target-(\d+)"([^>]*)>', html, re.S)}
    assert boxes[reported.id][0] == " open"
    assert 'value="2026-9999" aria-invalid="true"' in boxes[reported.id][1]
    assert boxes[other.id][0] == "" and "value=" not in boxes[other.id][1]


def test_merge_while_people_vote_keeps_counts_exact(live_server, db, call, create_proposal,
                                                    create_user, clock):
    duplicate, target = create_proposal(call), create_proposal(call)
    refs = (duplicate.reference, target.reference)
    clock.advance(days=16)
    voters = [create_user() for _ in range(20)]
    browsers = []
    for voter in voters:
        browser = Browser(live_server)
        browser.post("/accounts/login", {"email": voter.email, "password": PASSWORD})
        browsers.append(browser)
    moderator = Browser(live_server)
    moderator.post("/accounts/login", {"email": create_user(role="moderator").email,
                                       "password": PASSWORD})
    duplicate_id = duplicate.id
    jobs = [lambda b=b, r=refs[n % 2]: b.post(f"/calls/nap/proposals/{r}/vote")[0]
            for n, b in enumerate(browsers)]
    jobs += [lambda b=b: b.post(f"/calls/nap/proposals/{refs[1]}/vote")[0]
             for b in browsers[::3]]
    jobs.append(lambda: moderator.post(f"/moderation/proposal/{duplicate_id}/merge",
                                       {"target": refs[1]})[0])
    results = all_at_once(jobs)
    assert results[-1] == 302 and set(results) <= {302, 409}
    db.session.rollback()
    assert voting.count_mismatches(call) == [] and voting.votes_on_merged(call) == []
    for ballot_id, used in db.session.execute(db.select(Ballot.id, Ballot.used)).all():
        assert used == db.session.scalar(db.select(db.func.count()).select_from(Vote)
                                         .where(Vote.ballot_id == ballot_id))


@pytest.mark.parametrize("parent_id", ["99999999999999999999", "12345678901", "424242"])
def test_reply_to_a_comment_that_cannot_exist_is_404(client, db, proposal, create_user, login,
                                                     parent_id):
    login(create_user())
    response = client.post(page(proposal) + "/comments",
                           data={"body": "Respuesta", "parent_id": parent_id})
    assert response.status_code == 404


@pytest.mark.parametrize("parent_id", ["abc", "²", "١٢", "-1", "1.0"])
def test_reply_to_something_that_is_not_a_number_is_400(client, db, proposal, create_user,
                                                        login, parent_id):
    login(create_user())
    response = client.post(page(proposal) + "/comments",
                           data={"body": "Respuesta", "parent_id": parent_id})
    assert response.status_code == 400
