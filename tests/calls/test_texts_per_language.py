"""A call's title, description and rules per language: each reader gets their language's
text, field by field falling back to the default language (Spanish here)."""

import pytest

from app.calls.models import Call
from tests.admin.conftest import CALL_FORM, edit_form
from tests.helpers import text_of

EN = {"Accept-Language": "en"}
ES = {"Accept-Language": "es"}
ENGLISH = {"title_en": "Action Plan 2026–2028", "description_en": "An open call."}


@pytest.fixture
def bilingual(create_call):
    return create_call(slug="nap", title="Plan de Acción 2026–2028",
                       description="Una convocatoria abierta.", rules="La Mesa decide.",
                       translations={"en": {"title": "Action Plan 2026–2028",
                                            "description": "An open call."}})


def test_the_admin_writes_each_language_in_its_own_fields(client, admin, login, db):
    login(admin)
    form = text_of(client.get("/admin/calls/new", headers=EN))
    assert "Texts in English (optional)" in form and 'name="title_en"' in form
    assert 'name="title_es"' not in form  # Spanish is the default: the main fields hold it
    response = client.post("/admin/calls/new", data=dict(CALL_FORM, **ENGLISH, rules_en="  "))
    assert response.status_code == 302
    call = db.session.scalar(db.select(Call))
    assert call.title == CALL_FORM["title"]
    assert call.translations == {"en": {"title": "Action Plan 2026–2028",
                                        "description": "An open call."}}
    edit = text_of(client.get("/admin/calls/nap-2026/edit"))
    assert 'value="Action Plan 2026–2028"' in edit and "An open call.</textarea>" in edit


def test_a_text_too_long_is_refused_beside_its_field(client, admin, login, db, create_call):
    call = create_call(slug="nap")
    login(admin)
    response = client.post("/admin/calls/nap/edit",
                           data=edit_form(call, title_en="T" * 201, description_en="Kept."))
    assert response.status_code == 422
    html = text_of(response)
    assert 'id="title_en-error"' in html and "Kept.</textarea>" in html
    db.session.expire_all()
    assert call.translations == {}


def test_readers_get_their_language_and_the_default_where_it_has_none(client, bilingual):
    spanish = text_of(client.get("/calls/nap/", headers=ES))
    assert "Plan de Acción 2026–2028" in spanish and "Una convocatoria abierta." in spanish
    assert "An open call." not in spanish and "Action Plan" not in spanish
    english = text_of(client.get("/calls/nap/", headers=EN))
    assert '<h1 lang="en">Action Plan 2026–2028</h1>' in english
    assert "An open call." in english and "Una convocatoria abierta." not in english
    # No English rules were written: the Spanish ones, marked as Spanish.
    assert '<div class="prose" lang="es"><p>La Mesa decide.</p></div>' in english
    assert "Action Plan 2026–2028" in text_of(client.get("/calls/nap/proposals/", headers=EN))


@pytest.mark.config(PAGE_CACHE_SECONDS=10)
def test_the_kept_home_page_is_kept_per_language(client, bilingual):
    assert "Plan de Acción 2026–2028" in text_of(client.get("/", headers=ES))
    english = client.get("/", headers=EN)
    assert "Action Plan 2026–2028" in text_of(english)
    assert "Plan de Acción" not in text_of(english)


def test_the_demo_call_reads_in_one_language_at_a_time(runner, app, db):
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    client = app.test_client()
    for slug in ("nap-2026", "nap-2023"):
        spanish = text_of(client.get(f"/calls/{slug}/", headers=ES))
        english = text_of(client.get(f"/calls/{slug}/", headers=EN))
        assert "Plan de Acción de Gobierno Abierto" in spanish
        assert "Open Government Action Plan" in english
        for words in ("co-creation", "Working Group", "Open call"):
            assert words not in spanish, (slug, words)
        for words in ("convocatoria", "Mesa de Gobierno Abierto", "Ciclo anterior"):
            assert words not in english, (slug, words)
