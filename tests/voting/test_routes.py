import csv
import os
import re

import pytest

from app.voting.models import Vote
from tests.helpers import csrf_token_from, text_of
from tests.voting.conftest import PREFIX, _redis_available, _redis_url

EN = {"Accept-Language": "en"}
JSON = {"Accept": "application/json", "Accept-Language": "en"}


@pytest.fixture
def call(create_call, clock):
    call = create_call(slug="nap", votes_per_voter=2)
    clock.advance(days=16)
    return call


@pytest.fixture
def proposals(call, create_proposal):
    return [create_proposal(call, title=f"Propuesta {n}") for n in range(3)]


@pytest.fixture
def voter(create_user, login):
    user = create_user()
    login(user)
    return user


def url(proposal, action="vote"):
    base = f"/calls/nap/proposals/{proposal.reference}/vote"
    return base if action == "vote" else base + "/withdraw"


def count_votes(db):
    return db.session.scalar(db.select(db.func.count()).select_from(Vote))


def test_vote_without_javascript_redirects_back_with_the_budget(client, db, proposals, voter):
    response = client.post(url(proposals[0]), data={"next": "/calls/nap/proposals/"},
                           headers=EN)
    assert response.status_code == 302
    anchor = f"proposal-{proposals[0].reference}"
    assert response.headers["Location"] == f"/calls/nap/proposals/#{anchor}"
    page = text_of(client.get("/calls/nap/proposals/", headers=EN))
    assert "You have used 1 of 2 votes." in page
    card = re.search(rf'<li class="card proposal-card" id="{anchor}">(.*?)</li>\s*(<li|</ul>)',
                     page, re.S)
    assert card and "You support this proposal" in card.group(1)


@pytest.mark.parametrize("action", ["vote", "withdraw"])
def test_without_javascript_the_list_page_comes_back_at_the_card_voted_on(
        client, db, proposals, voter, action):
    if action == "withdraw":
        client.post(url(proposals[1]))
    listing = "/calls/nap/proposals/?page=2&sort=recent&theme=Agua"
    response = client.post(url(proposals[1], action), data={"next": listing + "#elsewhere"})
    assert response.status_code == 302
    # The page, filters and order kept; the fragment the form carried is replaced.
    assert response.headers["Location"] == f"{listing}#proposal-{proposals[1].reference}"


def test_without_javascript_the_proposal_page_comes_back_at_the_proposal(client, db,
                                                                         proposals, voter):
    reference = proposals[2].reference
    response = client.post(url(proposals[2]))
    assert response.headers["Location"] == (
        f"/calls/nap/proposals/{reference}#proposal-{reference}")
    assert f'<article class="proposal" id="proposal-{reference}">' in text_of(
        client.get(f"/calls/nap/proposals/{reference}"))


def test_a_refused_vote_without_javascript_links_back_to_the_card(client, db, proposals,
                                                                  voter):
    client.post(url(proposals[0]))
    client.post(url(proposals[1]))
    listing = "/calls/nap/proposals/?page=1&sort=recent"
    response = client.post(url(proposals[2]), data={"next": listing}, headers=EN)
    assert response.status_code == 409
    assert f'href="{listing.replace("&", "&amp;")}#proposal-{proposals[2].reference}"' in \
        text_of(response)


def test_vote_with_javascript_answers_json_with_what_the_page_shows(client, db, proposals,
                                                                  voter):
    response = client.post(url(proposals[0]), headers=JSON)
    assert response.status_code == 200
    data = response.json
    assert data["ok"] and data["voted"] and (data["used"], data["budget"], data["left"]) == (
        1, 2, 1)
    assert data["message"] == "Your vote is counted. You have used 1 of 2 votes."
    assert data["used_text"] == "You have used 1 of 2 votes."
    assert data["proposal"] == proposals[0].id
    assert "count_text" not in data  # the call hides counts until voting closes
    data = client.post(url(proposals[0], "withdraw"), headers=JSON).json
    assert data["ok"] and not data["voted"] and data["used"] == 0


def test_where_counts_are_public_the_json_answer_carries_the_new_count(
        client, db, proposals, voter, call):
    call.hide_counts_until_close = False
    db.session.commit()
    assert client.post(url(proposals[0]), headers=JSON).json["count_text"] == "1 vote"
    data = client.post(url(proposals[0], "withdraw"), headers=JSON).json
    assert data["count_text"] == "0 votes"


def test_the_page_holds_both_forms_and_shows_the_one_that_applies(client, db, proposals,
                                                                  voter):
    client.post(url(proposals[0]), headers=JSON)
    html = client.get(f"/calls/nap/proposals/{proposals[0].reference}", headers=EN).get_data(
        as_text=True)
    voted = html.split("data-when-voted")[1].split(">")[0]
    not_voted = html.split("data-when-not-voted")[1].split(">")[0]
    assert "hidden" not in voted and "hidden" in not_voted


@pytest.mark.config(WTF_CSRF_ENABLED=True)
def test_a_vote_without_its_form_token_is_refused_in_json_and_counts_nothing(
        client, db, proposals, voter):
    response = client.post(url(proposals[0]), headers=JSON)
    assert response.status_code == 400 and "form expired" in response.json["error"]["message"]
    assert count_votes(db) == 0


def test_double_click_counts_once(client, db, proposals, voter):
    client.post(url(proposals[0]), headers=EN)
    response = client.post(url(proposals[0]), headers=EN)
    assert response.status_code == 409
    assert "already support" in text_of(response)
    assert count_votes(db) == 1


def test_budget_exhausted_says_how_to_continue(client, db, proposals, voter):
    client.post(url(proposals[0]))
    client.post(url(proposals[1]))
    response = client.post(url(proposals[2]), headers=JSON)
    assert response.status_code == 409
    assert response.json["message"] == \
        "You have used all 2 votes; withdraw one to vote for this."
    assert count_votes(db) == 2


def test_withdraw_and_vote_again(client, db, proposals, voter):
    client.post(url(proposals[0]))
    client.post(url(proposals[1]))
    assert client.post(url(proposals[0], "withdraw"), headers=EN).status_code == 302
    assert client.post(url(proposals[2]), headers=EN).status_code == 302
    assert count_votes(db) == 2
    assert client.post(url(proposals[0], "withdraw"), headers=EN).status_code == 409


def test_anonymous_visitors_are_asked_to_log_in(client, db, proposals):
    response = client.post(url(proposals[0]), headers=EN)
    assert response.status_code == 403
    assert count_votes(db) == 0
    page = text_of(client.get(f"/calls/nap/proposals/{proposals[0].reference}", headers=EN))
    assert "Log in to vote." in page


def test_voting_outside_the_window_is_refused(client, db, proposals, voter, clock):
    clock.advance(days=30)
    assert client.post(url(proposals[0]), headers=EN).status_code == 409
    assert count_votes(db) == 0


@pytest.mark.config(WTF_CSRF_ENABLED=True)
def test_forged_vote_is_refused(client, db, proposals, create_user):
    user = create_user()
    token = csrf_token_from(text_of(client.get("/accounts/login")))
    client.post("/accounts/login", data={"email": user.email,
                                         "password": "quiet-harbour-lantern-42",
                                         "csrf_token": token})
    assert client.post(url(proposals[0])).status_code == 400
    assert count_votes(db) == 0
    page = text_of(client.get(f"/calls/nap/proposals/{proposals[0].reference}"))
    assert client.post(url(proposals[0]), data={"csrf_token": csrf_token_from(page)}
                       ).status_code == 302
    assert count_votes(db) == 1


def test_my_votes_lists_only_mine(client, db, app, proposals, voter, create_user):
    client.post(url(proposals[1]))
    other = app.test_client()
    other.post("/accounts/login", data={"email": create_user().email,
                                        "password": "quiet-harbour-lantern-42"})
    other.post(url(proposals[2]))
    page = text_of(client.get("/accounts/me/votes"))
    assert "Propuesta 1" in page and "Propuesta 2" not in page


def test_code_voting_without_an_account(client, db, runner, create_call, create_proposal,
                                        clock, tmp_path):
    call = create_call(slug="codes", eligibility="code", votes_per_voter=1)
    proposal = create_proposal(call)
    out = tmp_path / "codes.csv"
    result = runner.invoke(args=["codes", "generate", "--call", "codes", "--count", "3",
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    codes = [row["code"] for row in csv.DictReader(out.open())]
    assert len(codes) == 3
    clock.advance(days=16)
    vote_url = f"/calls/codes/proposals/{proposal.reference}/vote"
    assert client.post(vote_url, headers=EN).status_code == 403
    bad = client.post("/calls/codes/vote/code", data={"code": "WRONG-CODE1"}, headers=EN)
    assert bad.status_code == 400 and "not valid" in text_of(bad)
    assert 'value="WRONG-CODE1"' in text_of(bad)
    assert client.post("/calls/codes/vote/code", data={"code": codes[0]}).status_code == 302
    assert client.post(vote_url, headers=EN).status_code == 302
    assert count_votes(db) == 1
    reused = client.application.test_client().post("/calls/codes/vote/code",
                                                   data={"code": codes[0]}, headers=EN)
    assert reused.status_code == 409 and "already been used" in text_of(reused)


def test_counts_never_leak_while_hidden(client, db, call, proposals, voter, clock):
    client.post(url(proposals[1]))
    client.post(url(proposals[2]))
    pages = ["/calls/nap/proposals/", "/calls/nap/proposals/?sort=votes",
             f"/calls/nap/proposals/{proposals[1].reference}", "/calls/nap/results",
             "/accounts/me/votes", "/calls/nap/"]
    for page in pages:
        html = text_of(client.get(page, headers=EN))
        assert " vote</strong>" not in html and " votes</strong>" not in html, page
        assert 'value="votes"' not in html, page
    results = text_of(client.get("/calls/nap/results", headers=EN))
    assert "hidden until voting closes" in results and "Propuesta 1" not in results
    # The order of the list does not follow the votes either: it is random or by date.
    listing = text_of(client.get("/calls/nap/proposals/?sort=votes", headers=EN))
    assert 'value="random" selected' in listing
    clock.advance(days=15)
    results = text_of(client.get("/calls/nap/results", headers=EN))
    assert "Propuesta 1" in results and "tie" in results


def test_results_rank_with_ties(client, db, call, proposals, create_user, app, clock):
    for target in (proposals[0], proposals[1], proposals[0]):
        browser = app.test_client()
        browser.post("/accounts/login", data={"email": create_user().email,
                                              "password": "quiet-harbour-lantern-42"})
        browser.post(url(target))
    clock.advance(days=15)
    html = text_of(client.get("/calls/nap/results", headers=EN))
    rows = html.split("<tbody>")[1]
    assert rows.index("Propuesta 0") < rows.index("Propuesta 1") < rows.index("Propuesta 2")
    assert '<td data-label="Rank">1</td>' in rows.replace("\n", "")


def test_votes_verify_cli(runner, db, call, proposals, create_user, clock):
    from app.voting import services

    services.cast_vote(call, proposals[0], create_user())
    db.session.commit()
    result = runner.invoke(args=["votes", "verify", "--call", "nap"])
    assert result.exit_code == 0 and "agree" in result.output
    proposals[0].vote_count = 5
    db.session.commit()
    result = runner.invoke(args=["votes", "verify", "--call", "nap"])
    assert result.exit_code == 1
    assert f"{proposals[0].reference}: counter 5, vote rows 1" in result.output
    clock.advance(days=20)  # repairs wait until voting has closed
    result = runner.invoke(args=["votes", "verify", "--call", "nap", "--fix"])
    assert result.exit_code == 0 and "Fixed 1" in result.output
    assert runner.invoke(args=["votes", "verify", "--call", "nap"]).exit_code == 0
    assert runner.invoke(args=["votes", "verify", "--call", "nope"]).exit_code == 1




@pytest.mark.skipif(not _redis_available() and not os.environ.get("CI"),
                    reason="needs a Redis server on 127.0.0.1:6379")
@pytest.mark.config(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI=_redis_url(),
                    RATELIMIT_KEY_PREFIX=PREFIX, VOTE_RATE_LIMIT_VOTER="3 per minute")
def test_votes_are_rate_limited_per_voter_in_redis(client, db, proposals, voter, redis_store):
    statuses = [client.post(url(proposals[0]) + ("/withdraw" if n % 2 else "")).status_code
                for n in range(4)]
    assert statuses == [302, 302, 302, 429]
    keys = redis_store.keys(f"*{PREFIX}*")
    assert any(f"voter:user:{voter.id}".encode() in key for key in keys)


def test_vote_with_a_crafted_next_still_redirects_safely(client, db, proposals, voter):
    response = client.post(url(proposals[0]), data={"next": "/\r\nSet-Cookie: x=1"})
    assert response.status_code == 302
    reference = proposals[0].reference
    assert response.headers["Location"] == (
        f"/calls/nap/proposals/{reference}#proposal-{reference}")


def test_the_list_s_forms_point_back_to_the_page_not_the_post_url(client, db, proposals,
                                                                  voter):
    html = client.get("/calls/nap/proposals/?page=1&sort=recent").get_data(as_text=True)
    assert 'name="next" value="/calls/nap/proposals/?page=1&amp;sort=recent"' in html


@pytest.mark.config(RATELIMIT_ENABLED=True, VOTE_RATE_LIMIT_VOTER="2 per minute")
def test_code_voters_sharing_a_network_have_their_own_limits(app, db, runner, create_call,
                                                             create_proposal, clock, tmp_path):
    call = create_call(slug="codes", eligibility="code", votes_per_voter=3)
    proposals = [create_proposal(call) for _ in range(2)]
    out = tmp_path / "codes.csv"
    runner.invoke(args=["codes", "generate", "--call", "codes", "--count", "3", "--out",
                        str(out)])
    codes = [row["code"] for row in csv.DictReader(out.open())]
    clock.advance(days=16)
    for code in codes:  # three people, one venue address
        person = app.test_client()
        assert person.post("/calls/codes/vote/code", data={"code": code}).status_code == 302
        for proposal in proposals:
            assert person.post(f"/calls/codes/proposals/{proposal.reference}/vote"
                               ).status_code == 302
    assert count_votes(db) == 6


def test_finished_code_voter_frees_the_device(client, db, runner, create_call, create_proposal,
                                              clock, tmp_path):
    call = create_call(slug="codes", eligibility="code")
    create_proposal(call)
    out = tmp_path / "codes.csv"
    runner.invoke(args=["codes", "generate", "--call", "codes", "--count", "2", "--out",
                        str(out)])
    first, second = [row["code"] for row in csv.DictReader(out.open())]
    clock.advance(days=16)
    client.post("/calls/codes/vote/code", data={"code": first})
    assert 'name="code"' not in text_of(client.get("/calls/codes/vote/code"))
    client.post("/calls/codes/vote/code/done")
    assert 'name="code"' in text_of(client.get("/calls/codes/vote/code"))
    assert client.post("/calls/codes/vote/code", data={"code": second}).status_code == 302


def test_verify_reports_ballot_drift_and_fix_waits_for_the_close(runner, db, call, proposals,
                                                                 create_user, clock):
    from app.voting import services
    from app.voting.models import Ballot

    services.cast_vote(call, proposals[0], create_user())
    db.session.commit()
    db.session.execute(db.update(Ballot).values(used=0))
    db.session.commit()
    result = runner.invoke(args=["votes", "verify", "--call", "nap"])
    assert result.exit_code == 1 and "used 0, vote rows 1" in result.output
    result = runner.invoke(args=["votes", "verify", "--call", "nap", "--fix"])
    assert result.exit_code == 1 and "Fixed" not in result.output  # refused while voting
    db.session.rollback()
    assert db.session.scalar(db.select(Ballot.used)) == 0
    clock.advance(days=20)
    assert runner.invoke(args=["votes", "verify", "--call", "nap", "--fix"]).exit_code == 0
    assert runner.invoke(args=["votes", "verify", "--call", "nap"]).exit_code == 0


def test_no_count_or_vote_order_leaks_anywhere_while_hidden(client, db, call, create_proposal,
                                                            voter, clock):
    # Distinctive counts, highest on the oldest proposal: any leak would show.
    counts = [4217, 3109, 2003]
    made = []
    for n, votes in enumerate(counts):
        clock.advance(minutes=1)
        made.append(create_proposal(call, title=f"Registro de lobby {n}", vote_count=votes))
    pages = ["/calls/nap/proposals/", "/calls/nap/proposals/?sort=votes",
             "/calls/nap/proposals/?q=lobby", "/calls/nap/results", "/calls/nap/",
             f"/calls/nap/proposals/{made[0].reference}", "/accounts/me/votes", "/"]
    bodies = [text_of(client.get(page)) for page in pages]
    bodies.append(str(client.post(url(made[1]), headers=JSON).json))
    client.post("/calls/nap/proposals/new", data={})  # voting: no drafts, but must not leak
    for body in bodies:
        for votes in counts:
            assert str(votes) not in body
    newest_first = text_of(client.get("/calls/nap/proposals/?sort=recent"))
    positions = [newest_first.index(f"Registro de lobby {n}") for n in range(3)]
    assert positions == sorted(positions, reverse=True)  # by date, not by votes
