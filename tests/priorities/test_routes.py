"""The priorities poll through the app: choosing, the public results, the admin's pages."""

from app.priorities import services
from tests.cocreation_factories import make_poll
from tests.helpers import assert_error_summary, text_of

EN = {"Accept-Language": "en"}


def ids(poll):
    return [str(t.id) for t in services.themes_of(poll)]


def test_a_voter_chooses_and_everyone_sees_the_counts(app, db, client, login, create_call,
                                                      create_user):
    poll = make_poll(create_call(slug="nap"), max_picks=2)
    page = text_of(client.get("/calls/nap/priorities", headers=EN))
    assert "Choose up to 2 themes" in page
    assert "Transparencia activa y solicitudes de información." in page
    assert "0 people have chosen so far." in page
    login(create_user())
    response = client.post("/calls/nap/priorities", data={"themes": ids(poll)[2:4]},
                           headers=EN, follow_redirects=True)
    page = text_of(response)
    assert "Your choice is counted." in page
    assert "You have chosen your priorities." in page
    assert "Send my choice" not in page
    page = text_of(app.test_client().get("/calls/nap/priorities", headers=EN))
    assert "1 person has chosen so far." in page
    row = page.split("Medio ambiente</th>")[1].split("</tr>")[0]
    assert ">1<" in row and "100" in row


def test_a_refused_choice_keeps_what_was_ticked_and_says_why(db, client, login, create_call,
                                                             create_user):
    poll = make_poll(create_call(slug="nap"), max_picks=2)
    login(create_user())
    response = client.post("/calls/nap/priorities", data={"themes": ids(poll)[:3]}, headers=EN)
    assert response.status_code == 422
    html = text_of(response)
    assert_error_summary(html)
    assert "Choose at most 2 themes." in html
    assert html.count("checked") == 3


def test_a_second_ballot_is_refused_with_409(db, client, login, create_call, create_user):
    poll = make_poll(create_call(slug="nap"))
    login(create_user())
    assert client.post("/calls/nap/priorities", data={"themes": ids(poll)[:1]}).status_code == 302
    response = client.post("/calls/nap/priorities", data={"themes": ids(poll)[1:2]}, headers=EN)
    assert response.status_code == 409
    assert "already chosen its priorities" in text_of(response)


def test_a_call_without_a_poll_has_no_priorities_page(db, client, create_call):
    create_call(slug="nap")
    assert client.get("/calls/nap/priorities").status_code == 404


def test_the_admin_sets_up_a_poll_adds_themes_and_adopts_the_result(db, client, login, admin,
                                                                    create_call, create_user,
                                                                    clock):
    call = create_call(slug="nap")
    login(admin)
    response = client.post("/admin/calls/nap/priorities", data={
        "max_picks": "1", "opens_at": "2026-03-11T09:00", "closes_at": "2026-03-14T18:00"})
    assert response.status_code == 302
    for name in ("Salud", "Educación", "Vivienda"):
        assert client.post("/admin/calls/nap/priorities/themes",
                           data={"name": name, "description": f"Sobre {name}"}
                           ).status_code == 302
    refused = client.post("/admin/calls/nap/priorities/themes", data={"name": "Salud"},
                          headers=EN)
    assert refused.status_code == 409
    assert_error_summary(text_of(refused))
    poll = services.poll_of(call)
    clock.advance(days=2)
    for pick in (1, 1, 2):
        services.choose_priorities(poll, create_user(), [ids(poll)[pick]])
    db.session.commit()
    early = client.post("/admin/calls/nap/priorities/adopt", data={"count": "2"}, headers=EN)
    assert early.status_code == 409
    clock.advance(days=3)
    page = text_of(client.get("/admin/calls/nap/priorities", headers=EN))
    assert "Adopt the most chosen themes" in page
    response = client.post("/admin/calls/nap/priorities/adopt", data={"count": "2"},
                           headers=EN, follow_redirects=True)
    assert "themes are now: Educación, Vivienda." in text_of(response)
    page = text_of(client.get("/calls/nap/", headers=EN))
    assert "Educación" in page and "Salud" not in page
