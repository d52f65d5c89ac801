"""The consultation and commitment comments as people use them, through the app."""

import csv
import io
import json

import pytest

from app.plans import comments, consultation
from tests.conftest import PASSWORD
from tests.helpers import assert_error_summary, text_of

EN = {"Accept-Language": "en"}
REASONED = "Lo incorporamos: el hito dos ahora publica los datos en formato abierto. " * 4


def _as(app, user):
    """A browser of its own, logged in as `user`."""
    browser = app.test_client()
    browser.post("/accounts/login", data={"email": user.email, "password": PASSWORD})
    return browser


def _page(plan, commitment):
    return f"/plans/{plan.slug}/commitments/{commitment.reference}"


def test_a_verified_person_comments_on_a_field_and_sees_it_on_both_pages(
        db, client, login, create_user, consulted):
    plan, commitment = consulted
    login(create_user(name="Carla Ciudadana"))
    shown = text_of(client.get(_page(plan, commitment)))
    assert "consulta pública" in shown and 'name="field"' in shown
    sent = client.post(_page(plan, commitment) + "/comments",
                       data={"body": "Falta un indicador medible.", "field": "milestones"})
    assert sent.status_code == 302 and "#comment-" in sent.location
    shown = text_of(client.get(_page(plan, commitment)))
    assert "Falta un indicador medible." in shown and "Sobre: Hitos" in shown
    assert "Esperando la respuesta del Grupo de Trabajo" in shown
    page = text_of(client.get(f"/plans/{plan.slug}/consultation"))
    assert "Falta un indicador medible." in page and "Carla Ciudadana" in page
    assert "1 comentario recibido" in page


def test_outside_the_window_the_form_is_refused_with_a_clear_message(
        db, client, clock, login, create_user, consulted):
    plan, commitment = consulted
    clock.advance(days=31)
    login(create_user())
    shown = text_of(client.get(_page(plan, commitment), headers=EN))
    assert "only during its public consultation" in shown and 'name="body"' not in shown
    refused = client.post(_page(plan, commitment) + "/comments",
                          data={"body": "Tarde pero seguro."}, headers=EN)
    assert refused.status_code == 409
    html = text_of(refused)
    assert_error_summary(html)
    assert "only during its public consultation" in html and "Tarde pero seguro." in html


def test_unverified_and_anonymous_people_cannot_comment(db, client, login, create_user,
                                                        consulted):
    plan, commitment = consulted
    anonymous = client.post(_page(plan, commitment) + "/comments", data={"body": "Hola"})
    assert anonymous.status_code == 302 and "/accounts/login" in anonymous.location
    login(create_user(email_verified_at=None))
    refused = client.post(_page(plan, commitment) + "/comments", data={"body": "Hola"})
    assert refused.status_code == 403


def test_the_working_group_answers_and_the_answer_is_public(
        db, client, app, login, create_user, consulted, working_group_member):
    plan, commitment = consulted
    comment = comments.add_comment(create_user(), commitment, "Agreguen datos abiertos.",
                                   field="description")
    db.session.commit()
    answer = f"/plans/{plan.slug}/consultation/comments/{comment.id}/answer"
    login(create_user())
    assert client.get(answer).status_code == 403
    assert client.post(answer, data={"answer": REASONED}).status_code == 403
    client = _as(app, working_group_member())
    page = text_of(client.get(f"/plans/{plan.slug}/consultation"))
    assert answer in page  # listed as unanswered, with a link to answer it
    short = client.post(answer, data={"answer": "Gracias."}, headers=EN)
    assert short.status_code == 422 and "at least 200 characters" in text_of(short)
    assert "Gracias." in text_of(short)
    assert client.post(answer, data={"answer": REASONED}).status_code == 302
    again = client.post(answer, data={"answer": REASONED}, headers=EN)
    assert again.status_code == 409 and "already been answered" in text_of(again)
    reader = app.test_client()
    for url in (f"/plans/{plan.slug}/consultation", _page(plan, commitment)):
        shown = text_of(reader.get(url))
        assert "Respuesta del Grupo de Trabajo" in shown and "formato abierto" in shown
    assert client.get(f"/plans/{plan.slug}/consultation/comments/999999/answer"
                      ).status_code == 404


def test_adoption_is_refused_listing_the_unanswered_comments(
        db, clock, client, login, admin, create_user, consulted):
    plan, commitment = consulted
    comment = comments.add_comment(create_user(name="Daniela"), commitment, "Pregunta")
    db.session.commit()
    clock.advance(days=31)
    login(admin)
    form = text_of(client.get(f"/admin/plans/{plan.slug}/edit"))
    assert f"/consultation/comments/{comment.id}/answer" in form and "Daniela" in form
    refused = client.post(f"/admin/plans/{plan.slug}/edit", headers=EN, data={
        "title": plan.title, "description": "", "starts_on": "2016-09-01",
        "ends_on": "2018-08-31", "status": "adopted", "adopted_on": "", "call_id": "0"})
    assert refused.status_code == 409
    html = text_of(refused)
    assert_error_summary(html)
    assert "needs a reasoned response from the Working Group" in html
    assert f"/consultation/comments/{comment.id}/answer" in html
    db.session.refresh(plan)
    assert plan.status == "consultation"


def test_the_window_form_for_the_working_group(db, app, client, login, admin, create_user,
                                               create_plan):
    plan = create_plan(slug="nap-borrador", status="draft", adopted_on=None)
    url = f"/plans/{plan.slug}/consultation/window"
    assert _as(app, create_user()).get(url).status_code == 404  # a draft is not public yet
    login(admin)
    backwards = client.post(url, data={"opens_at": "2026-05-10T09:00",
                                       "closes_at": "2026-05-01T09:00"}, headers=EN)
    assert backwards.status_code == 422 and "close after it opens" in text_of(backwards)
    saved = client.post(url, data={"opens_at": "2026-05-01T09:00",
                                   "closes_at": "2026-06-01T18:00"})
    assert saved.status_code == 302
    db.session.refresh(plan)
    assert plan.status == "consultation" and plan.consultation_opens_at is not None


def test_a_plain_participant_cannot_open_the_window(db, client, login, create_user,
                                                    consulted):
    plan, _commitment = consulted
    login(create_user())
    url = f"/plans/{plan.slug}/consultation/window"
    assert client.get(url).status_code == 403
    assert client.post(url, data={"opens_at": "2026-05-01T09:00",
                                  "closes_at": "2026-06-01T18:00"}).status_code == 403


def test_a_commitment_comment_goes_through_the_moderation_queue(
        db, client, app, login, admin, create_user, consulted, outbox):
    plan, commitment = consulted
    author = create_user(name="Autora")
    comment = comments.add_comment(author, commitment, "Texto ofensivo")
    db.session.commit()
    login(create_user())
    reported = client.post(f"/comments/{comment.id}/report", data={"reason": "offensive"})
    assert reported.status_code == 302
    moderator = _as(app, create_user(role="moderator"))
    queue = text_of(moderator.get("/moderation/"))
    assert commitment.reference in queue and "Texto ofensivo" in queue
    assert _page(plan, commitment) in queue
    hide_page = text_of(moderator.get(f"/moderation/comment/{comment.id}/hide"))
    assert commitment.title in hide_page and "Texto ofensivo" in hide_page
    hidden = moderator.post(f"/moderation/comment/{comment.id}/hide",
                            data={"reason": "Lenguaje ofensivo", "next": "/moderation/"})
    assert hidden.status_code == 302
    public = text_of(app.test_client().get(_page(plan, commitment)))
    assert "Texto ofensivo" not in public and "Lenguaje ofensivo" in public
    listed = text_of(moderator.get("/moderation/hidden"))
    assert commitment.reference in listed and plan.title in listed
    assert any(commitment.reference in m["Subject"] for m in outbox()
               if author.email in m["To"])
    assert moderator.post(f"/moderation/comment/{comment.id}/restore",
                          data={"next": "/moderation/hidden"}).status_code == 302
    assert "Texto ofensivo" in text_of(app.test_client().get(_page(plan, commitment)))


def test_exports_and_api_carry_comments_and_answers_without_emails(
        db, client, admin, create_user, consulted):
    plan, commitment = consulted
    author = create_user(name="Elena Pública", email="elena@example.org")
    answered = comments.add_comment(author, commitment, "=HYPERLINK(\"x\")", field="problem")
    consultation.answer_comment(admin, answered, REASONED)
    hidden = comments.add_comment(create_user(), commitment, "Oculto")
    from app.moderation import services as moderation
    moderation.hide(admin, hidden, "Datos personales")
    db.session.commit()
    data = json.loads(client.get(f"/plans/{plan.slug}/export.json").data)
    [row] = data["comments"]
    assert row["author"] == "Elena Pública" and row["answer"] == REASONED.strip()
    assert row["field"] == "problem" and row["consultation"] is True
    rows = list(csv.DictReader(io.StringIO(
        client.get(f"/plans/{plan.slug}/comments.csv").data.decode("utf-8-sig"))))
    assert [r["body"] for r in rows] == ["'=HYPERLINK(\"x\")"]
    assert rows[0]["answer"] == REASONED.strip()
    api = client.get(f"/api/v1/plans/{plan.slug}/commitments/{commitment.reference}").json
    assert [c["answer"] for c in api["comments"]] == [REASONED.strip()]
    assert client.get(f"/api/v1/plans/{plan.slug}").json["consultation"]["answered"] == 1
    assert client.get(f"/plans/{plan.slug}/export.sqlite").status_code == 200
    for body in (json.dumps(data), json.dumps(api)):
        assert "elena@example.org" not in body and "Oculto" not in body


@pytest.mark.config(RATELIMIT_ENABLED=True, COMMENT_RATE_LIMIT="2 per minute")
def test_commitment_comments_are_rate_limited_per_account(db, client, login, create_user,
                                                          consulted):
    plan, commitment = consulted
    login(create_user())
    statuses = [client.post(_page(plan, commitment) + "/comments",
                            data={"body": f"Hola {n}"}).status_code for n in range(3)]
    assert statuses == [302, 302, 429]


def test_the_author_edits_and_deletes_a_commitment_comment_and_others_report_it(
        db, app, create_user, consulted):
    plan, commitment = consulted
    author = create_user()
    mine = _as(app, author)
    sent = mine.post(_page(plan, commitment) + "/comments", data={"body": "Primera versión"})
    comment_id = int(sent.location.rsplit("comment-", 1)[1])
    other = _as(app, create_user())
    shown = text_of(other.get(_page(plan, commitment)))
    assert f"/comments/{comment_id}/report" in shown and f"/comments/{comment_id}/edit" \
        not in shown
    form = mine.get(f"/comments/{comment_id}/edit")
    assert form.status_code == 200 and commitment.title in text_of(form)
    edited = mine.post(f"/comments/{comment_id}/edit", data={"body": "Segunda versión"})
    assert edited.status_code == 302 and _page(plan, commitment) in edited.location
    assert "Segunda versión" in text_of(other.get(_page(plan, commitment)))
    assert other.get(f"/comments/{comment_id}/edit").status_code == 403
    deleted = mine.post(f"/comments/{comment_id}/delete")
    assert deleted.status_code == 302
    assert "Segunda versión" not in text_of(other.get(_page(plan, commitment)))


def test_adopting_during_the_consultation_is_refused_keeping_the_form(
        db, client, login, admin, consulted):
    plan, _commitment = consulted
    login(admin)
    refused = client.post(f"/admin/plans/{plan.slug}/edit", headers=EN, data={
        "title": "Plan con título nuevo", "description": "", "starts_on": "2016-09-01",
        "ends_on": "2018-08-31", "status": "adopted", "adopted_on": "", "call_id": "0"})
    assert refused.status_code == 409
    html = text_of(refused)
    assert_error_summary(html)
    assert "has not closed yet" in html and "Plan con título nuevo" in html
    db.session.refresh(plan)
    assert plan.status == "consultation"


def test_a_window_year_out_of_range_is_refused_beside_the_field(db, client, login, admin,
                                                               create_plan):
    plan = create_plan(slug="nap-fechas", status="draft", adopted_on=None)
    login(admin)
    refused = client.post(f"/plans/{plan.slug}/consultation/window", headers=EN,
                          data={"opens_at": "9999-12-31T23:00", "closes_at": "9999-12-31T23:59"})
    assert refused.status_code == 422
    assert "Give a year between 2000 and 2100" in text_of(refused)
    db.session.refresh(plan)
    assert plan.status == "draft" and plan.consultation_opens_at is None


def test_a_hidden_comment_is_not_shown_again_on_the_answer_form(
        db, client, login, admin, create_user, consulted, working_group_member):
    from app.moderation import services as moderation

    plan, commitment = consulted
    comment = comments.add_comment(create_user(), commitment, "Texto que se oculta")
    moderation.hide(admin, comment, "Datos personales")
    db.session.commit()
    login(working_group_member())
    page = client.get(f"/plans/{plan.slug}/consultation/comments/{comment.id}/answer")
    assert page.status_code == 404 and "Texto que se oculta" not in text_of(page)
