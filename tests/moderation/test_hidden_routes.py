"""Moderators find hidden content, restore it, and moderate what nobody reported."""

import re

import pytest

from app.moderation import services
from tests.conftest import PASSWORD
from tests.helpers import text_of

EN = {"Accept-Language": "en"}
LIST = "/moderation/hidden"


@pytest.fixture
def proposal(create_call, create_proposal, create_user):
    return create_proposal(create_call(slug="nap", title="Plan 2026"), title="Lobby municipal",
                           author=create_user(name="Autora"))


@pytest.fixture
def moderator(create_user):
    return create_user(role="moderator", name="Moderadora Ana")


@pytest.fixture
def comment(db, proposal, create_user):
    found = services.add_comment(create_user(name="Comentarista"), proposal, "Nadie lo reportó")
    db.session.commit()
    return found


def page(proposal):
    return f"/calls/nap/proposals/{proposal.reference}"


def hidden_ids(html):
    return re.findall(r'id="hidden-(\w+-\d+)"', html)


@pytest.fixture
def both_hidden(app, db, proposal, comment, moderator, create_user, clock, login):
    """The comment hidden by the moderator, then the proposal an hour later by reports."""
    services.hide(moderator, comment, "Datos personales de un tercero")
    clock.advance(hours=1)
    for _ in range(app.config["REPORT_THRESHOLD"]):
        services.report(create_user(), proposal, "spam")
    db.session.commit()
    login(moderator)


def test_the_list_shows_who_hid_what_when_and_why(client, proposal, comment, both_hidden):
    response = client.get(LIST, headers=EN)
    html = text_of(response)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert hidden_ids(html) == [f"proposal-{proposal.id}", f"comment-{comment.id}"]
    assert "Public reason: Datos personales de un tercero" in html
    assert "Hidden by Moderadora Ana on 10 Mar 2026" in html
    assert "Hidden automatically by reports" in html
    assert ("Public reason: several people reported it, and it stays hidden until a "
            "moderator reviews it") in html
    assert f'href="{page(proposal)}#comment-{comment.id}"' in html
    assert html.count("Restore: make it public again") == 2


@pytest.mark.parametrize(("query", "expected"), [
    ("kind=comment", ["comment"]),
    ("kind=proposal", ["proposal"]),
    ("hidden_by=auto", ["proposal"]),
    ("hidden_by={moderator}", ["comment"]),
    ("call=nap&hidden_from=2026-03-10&hidden_to=2026-03-10", ["proposal", "comment"]),
    ("hidden_from=2026-03-11", []),
    ("call=otra", []),
])
def test_filters_in_the_query_string(client, proposal, comment, moderator, both_hidden,
                                     create_call, query, expected):
    create_call(slug="otra")
    response = client.get(f"{LIST}?{query.format(moderator=moderator.id)}", headers=EN)
    assert response.status_code == 200
    ids = {"proposal": f"proposal-{proposal.id}", "comment": f"comment-{comment.id}"}
    assert hidden_ids(text_of(response)) == [ids[kind] for kind in expected]


@pytest.mark.parametrize(("query", "message", "kept"), [
    ("hidden_from=10/03/2026", "Not a valid date value.", 'value="10/03/2026"'),
    ("hidden_from=2026-03-12&hidden_to=2026-03-10", "The end date is before the start date.",
     'value="2026-03-10"'),
    ("kind=votes", "Not a valid choice.", None),
    ("hidden_by=999999", "Not a valid choice.", None),
])
def test_bad_filters_say_what_is_wrong_and_keep_what_was_typed(client, db, moderator, login,
                                                               query, message, kept):
    login(moderator)
    response = client.get(f"{LIST}?{query}", headers=EN)
    html = text_of(response)
    assert response.status_code == 400
    assert message in html and 'aria-invalid="true"' in html
    assert kept is None or kept in html


def test_pages_keep_the_filters(client, db, proposal, moderator, create_user, clock, login):
    author = create_user()
    for n in range(26):
        clock.advance(minutes=1)
        services.hide(moderator, services.add_comment(author, proposal, f"Comentario {n}"),
                      "Spam repetido")
    db.session.commit()
    login(moderator)
    first = text_of(client.get(f"{LIST}?kind=comment", headers=EN))
    assert len(hidden_ids(first)) == 25 and "Page 1 of 2" in first
    assert 'href="/moderation/hidden?kind=comment&amp;page=2"' in first
    second = text_of(client.get(f"{LIST}?kind=comment&page=2", headers=EN))
    assert len(hidden_ids(second)) == 1 and "Comentario 0" in second


def test_restore_from_the_list_goes_back_to_it(client, db, proposal, comment, moderator,
                                               login):
    services.hide(moderator, comment, "Datos personales de un tercero")
    db.session.commit()
    login(moderator)
    response = client.post(f"/moderation/comment/{comment.id}/restore",
                           data={"next": f"{LIST}?kind=comment"})
    assert response.status_code == 302
    assert response.headers["Location"] == f"{LIST}?kind=comment"
    assert "Nadie lo reportó" in text_of(client.get(page(proposal)))
    assert hidden_ids(text_of(client.get(LIST))) == []
    again = client.post(f"/moderation/comment/{comment.id}/restore",
                        data={"next": LIST}, headers=EN)
    assert again.status_code == 409 and "nothing to restore" in text_of(again)
    assert f'href="{LIST}"' in text_of(again)


@pytest.mark.parametrize("role", ["participant", None])
def test_participants_and_visitors_cannot_list_or_restore(client, db, comment, moderator,
                                                          create_user, login, role):
    services.hide(moderator, comment, "Datos personales de un tercero")
    db.session.commit()
    if role:
        login(create_user(role=role))
    listing = client.get(LIST)
    restored = client.post(f"/moderation/comment/{comment.id}/restore")
    if role:
        assert (listing.status_code, restored.status_code) == (403, 403)
    else:
        assert listing.status_code == restored.status_code == 302
        assert "/accounts/login" in listing.headers["Location"]
    db.session.expire_all()
    assert comment.hidden_at is not None


def test_moderators_see_controls_on_unreported_content_and_others_do_not(
        client, app, db, proposal, comment, moderator, create_user, login):
    hide_comment = f"/moderation/comment/{comment.id}/hide"
    hide_proposal = f"/moderation/proposal/{proposal.id}/hide"
    assert hide_comment not in text_of(app.test_client().get(page(proposal)))
    login(create_user())
    html = text_of(client.get(page(proposal)))
    assert hide_comment not in html and hide_proposal not in html
    as_moderator = app.test_client()
    as_moderator.post("/accounts/login", data={"email": moderator.email, "password": PASSWORD})
    html = text_of(as_moderator.get(page(proposal), headers=EN))
    assert hide_comment in html and hide_proposal in html


def test_a_moderator_hides_a_comment_from_the_proposal_page(client, db, proposal, comment,
                                                            moderator, login):
    login(moderator)
    back = f"{page(proposal)}#comment-{comment.id}"
    response = client.post(f"/moderation/comment/{comment.id}/hide",
                           data={"reason": "Datos personales de un tercero", "next": back})
    assert response.status_code == 302 and response.headers["Location"] == back
    html = text_of(client.get(page(proposal), headers=EN))
    assert "Hidden by moderation: Datos personales de un tercero" in html
    assert "Hidden by Moderadora Ana" in html
    assert f"/moderation/comment/{comment.id}/restore" in html
    public = text_of(client.application.test_client().get(page(proposal), headers=EN))
    assert "Nadie lo reportó" not in public and "/restore" not in public


def test_a_refused_hide_keeps_the_reason_typed(client, db, proposal, comment, moderator, login):
    login(moderator)
    response = client.post(f"/moderation/comment/{comment.id}/hide",
                           data={"reason": "mal", "next": page(proposal)}, headers=EN)
    html = text_of(response)
    assert response.status_code == 422
    assert "Give the public reason for hiding it." in html
    assert 'value="mal"' in html and 'aria-describedby="reason-help reason-error"' in html
    assert f'href="{page(proposal)}"' in html  # cancel goes back where it came from
    db.session.expire_all()
    assert comment.hidden_at is None


def test_an_automatic_hide_reads_in_the_readers_language(client, app, db, comment,
                                                         create_user):
    for _ in range(app.config["REPORT_THRESHOLD"]):
        services.report(create_user(), comment, "spam")
    db.session.commit()
    html = text_of(client.get(page(comment.proposal), headers=EN))
    assert ("Hidden by moderation: several people reported it, and it stays hidden until a "
            "moderator reviews it") in html


def test_a_draft_is_not_there_to_moderate(client, db, proposal, create_proposal, moderator,
                                          login):
    draft = create_proposal(proposal.call, status="draft")
    login(moderator)
    assert client.get(f"/moderation/proposal/{draft.id}/hide").status_code == 404
    assert client.post(f"/moderation/proposal/{draft.id}/hide",
                       data={"reason": "Contenido ofensivo"}).status_code == 404
