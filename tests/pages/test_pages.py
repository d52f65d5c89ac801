import pytest

from app.audit.services import events_for
from app.core.errors import NotAllowed
from app.core.rich_text import render_page_text, render_rich
from app.pages import services
from app.pages.models import SitePage
from tests.helpers import text_of

PAGES = {"/help": ("Ayuda", "Help"), "/privacy": ("Aviso de privacidad", "Privacy notice"),
         "/terms": ("Condiciones de uso", "Terms of use"),
         "/accessibility": ("Declaración de accesibilidad", "Accessibility statement")}


@pytest.mark.parametrize("url", list(PAGES))
def test_every_page_has_a_default_text_in_both_languages(client, url):
    spanish = client.get(url)
    english = client.get(url, headers={"Accept-Language": "en"})
    assert spanish.status_code == english.status_code == 200
    assert f"<h1>{PAGES[url][0]}</h1>" in text_of(spanish)
    assert f"<h1>{PAGES[url][1]}</h1>" in text_of(english)
    assert "{site}" not in text_of(spanish) and "{contact}" not in text_of(english)


def test_the_privacy_notice_names_controller_contact_purposes_retention_and_rights(app, client):
    app.config.update(MINGA_DATA_CONTROLLER="Subsecretaría de Prueba",
                      MINGA_CONTACT_EMAIL="datos@prueba.cl")
    html = text_of(client.get("/privacy", headers={"Accept-Language": "en"}))
    assert "Subsecretaría de Prueba" in html and "datos@prueba.cl" in html
    for section in ("Data controller", "What we process and why", "For how long",
                    "Your rights", "Law 21.719"):
        assert section in html
    for right in ("access", "rectification", "erasure", "objection", "portability",
                  "blocking"):
        assert right in html


def test_every_page_is_linked_from_the_footer(client, create_call):
    create_call()
    html = text_of(client.get("/"))
    for url in PAGES:
        assert f'href="{url}"' in html


def test_the_old_privacy_address_moves_permanently(client):
    response = client.get("/accounts/privacy")
    assert response.status_code == 301 and response.headers["Location"] == "/privacy"


def test_help_has_a_section_per_phase_to_link_to(client):
    html = text_of(client.get("/help", headers={"Accept-Language": "en"}))
    for phase in ("submission", "pre_voting", "voting", "review", "results"):
        assert f'<h2 id="{phase}">' in html


def test_an_admin_replaces_one_language_and_the_other_keeps_its_default(
        client, login, admin, db):
    login(admin)
    response = client.post("/admin/pages/privacy/es", data={
        "title": "Privacidad en {site}", "body": "## Quién responde {#quien}\nLa Subsecretaría."})
    assert response.status_code == 302
    spanish = text_of(client.get("/privacy"))
    assert "<h1>Privacidad en Minga</h1>" in spanish
    assert '<h2 id="quien">Quién responde</h2>' in spanish
    assert "Privacy notice" in text_of(client.get("/privacy", headers={"Accept-Language": "en"}))
    row = db.session.scalar(db.select(SitePage))
    assert [e.action for e in events_for(row)] == ["page.updated"]
    # Back to the default text.
    client.post("/admin/pages/privacy/es", data={"title": "x", "body": "y",
                                                 "restore_default": "y"})
    assert "<h1>Aviso de privacidad</h1>" in text_of(client.get("/privacy"))


def test_the_edit_form_shows_placeholders_not_their_values(client, login, admin):
    login(admin)
    html = text_of(client.get("/admin/pages/privacy/en"))
    assert "{controller}" in html and "{contact}" in html


def test_a_refused_page_keeps_what_was_typed(client, login, admin):
    login(admin)
    response = client.post("/admin/pages/terms/en", data={"title": "Our terms", "body": "  "},
                           headers={"Accept-Language": "en"})
    assert response.status_code == 422
    assert 'value="Our terms"' in text_of(response)
    assert "Write the page&#39;s text" in text_of(response)


def test_only_admins_edit_pages(client, login, create_user, db):
    assert client.get("/admin/pages/").status_code == 302  # to the login page
    login(create_user(role="moderator"))
    assert client.get("/admin/pages/").status_code == 403
    assert client.post("/admin/pages/help/es", data={"title": "x", "body": "y"}).status_code \
        == 403
    with pytest.raises(NotAllowed):
        services.save_page(create_user(), "help", "es", "x", "y")
    assert db.session.scalar(db.select(db.func.count()).select_from(SitePage)) == 0


def test_unknown_pages_and_languages_answer_404(client, login, admin):
    login(admin)
    assert client.get("/admin/pages/secrets/es").status_code == 404
    assert client.get("/admin/pages/help/fr").status_code == 404


def test_page_text_makes_headings_and_stays_safe():
    html = str(render_page_text("Intro\n\n## Votar {#voting}\n- uno\n- <script>x</script>\n"
                                "### <b>Sub</b>"))
    assert '<h2 id="voting">Votar</h2>' in html
    assert "<ul><li>uno</li><li>&lt;script&gt;x&lt;/script&gt;</li></ul>" in html
    assert "<h3>&lt;b&gt;Sub&lt;/b&gt;</h3>" in html
    assert "<h2" not in str(render_rich("## Not a heading for participants"))


def test_the_admin_list_links_every_page_in_every_language(client, login, admin):
    login(admin)
    html = text_of(client.get("/admin/pages/", headers={"Accept-Language": "en"}))
    for slug in services.PAGES:
        for locale in ("es", "en"):
            assert f'href="/admin/pages/{slug}/{locale}"' in html
    assert 'lang="en"' in html  # the page's own language switch still works
