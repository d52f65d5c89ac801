"""Civil society's readings (agree / disagree), disputes, answers, overdue milestones."""

from datetime import timedelta

import pytest

from app.plans import readings, reporting
from tests.helpers import text_of
from tests.seating import seat


@pytest.fixture
def posted(db, create_plan, create_commitment, implementer, create_call):
    call = create_call()
    commitment = create_commitment(create_plan(call, slug="nap"), milestones=[1, 1])
    official = implementer(commitment, name="Iván Implementador")
    update = reporting.post_update(official, commitment, commitment.milestones[0],
                                   "complete", "Todo listo.")
    db.session.commit()
    return commitment, official, update


def test_a_disagreement_flags_the_update_and_survives_a_correction(db, create_user, posted):
    _commitment, official, update = posted
    critic = create_user(sector="civil_society")
    readings.give_reading(critic, update, "disagree", "El portal no funciona.",
                          "https://ejemplo.cl/captura")
    db.session.commit()
    found = readings.readings_of([update.thread_id])
    assert readings.disputed_threads(found) == {update.thread_id}
    corrected = reporting.revise_update(official, update, "substantial", "Falta una parte.")
    db.session.commit()
    assert corrected.thread_id == update.thread_id
    assert readings.disputed_threads(readings.readings_of([update.thread_id])) == {
        update.thread_id}


def test_who_may_give_a_reading(db, create_user, posted):
    _commitment, official, update = posted
    with pytest.raises(readings.NotCivilSociety):
        readings.give_reading(official, update, "agree", "Bien.")  # government
    with pytest.raises(readings.NotCivilSociety):
        readings.give_reading(create_user(email_verified_at=None), update, "agree", "Bien.")
    reader = create_user(sector="academia")
    readings.give_reading(reader, update, "agree", "Bien.")
    with pytest.raises(readings.AlreadyRead):
        readings.give_reading(reader, update, "disagree", "Cambié de opinión.")


def test_the_official_seats_are_marked(db, admin, create_user, posted):
    commitment, _official, update = posted
    holder = create_user(sector="civil_society")
    seat(holder, "civil_society")
    assert readings.give_reading(holder, update, "agree", "Bien.").seat == "civil_society"


def test_the_implementer_answers_once(db, create_user, posted):
    _commitment, official, update = posted
    reading = readings.give_reading(create_user(), update, "disagree", "No es cierto.")
    readings.answer_reading(official, reading, "Adjuntamos el acta.")
    assert reading.answer == "Adjuntamos el acta."
    with pytest.raises(readings.AlreadyAnswered):
        readings.answer_reading(official, reading, "Otra respuesta.")
    with pytest.raises(reporting.NotImplementer):
        readings.answer_reading(create_user(), reading, "No soy yo.")


def test_overdue_is_past_the_end_date_with_no_update(db, posted):
    commitment, _official, _update = posted
    _first, second = commitment.milestones
    statuses = reporting.milestone_statuses(reporting.current_updates([commitment.id]))
    after = second.ends_on + timedelta(days=1)
    assert readings.overdue(commitment.milestones, statuses, after) == [second]
    assert readings.overdue(commitment.milestones, statuses, second.ends_on) == []


def test_disputes_and_overdue_milestones_show_on_the_pages(db, client, login, create_user,
                                                          clock, posted):
    commitment, official, update = posted
    critic = create_user(name="Clara Crítica")
    login(critic)
    base = f"/plans/nap/commitments/{commitment.reference}"
    assert client.post(f"{base}/updates/{update.id}/reading", data={
        "stance": "disagree", "reasons": "El portal no carga."}).status_code == 302
    page = text_of(client.get(base))
    assert "Cuestionado" in page and "El portal no carga." in page and "Clara Crítica" in page
    assert "Atrasado" in page  # the second milestone ended in 2017 with no update
    assert "Cuestionado" in text_of(client.get("/plans/nap/"))
    refused = client.post(f"{base}/updates/{update.id}/reading",
                          data={"stance": "agree", "reasons": "Repetida."})
    assert refused.status_code == 409
    client.post("/accounts/logout")
    login(official)
    reading = readings.readings_of([update.thread_id])[update.thread_id][0]
    assert client.post(f"{base}/readings/{reading.id}/answer",
                       data={"answer": "Ya está en línea."}).status_code == 302
    assert "Ya está en línea." in text_of(client.get(base))
