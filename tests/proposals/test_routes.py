import re

import pytest

from app.proposals.models import Proposal
from tests.conftest import PROPOSAL_TEXT
from tests.helpers import dangerous_markup, error_summary, text_of, title_of

EN = {"Accept-Language": "en"}


def form_data(call, **overrides):
    values = {k: v for k, v in PROPOSAL_TEXT.items() if v is not None}
    values.update(theme=call.themes[0], organisation="Fundación Abierta")
    values.update(overrides)
    return values


@pytest.fixture
def call(create_call):
    return create_call(slug="nap-2026")


@pytest.fixture
def author(create_user, login):
    user = create_user(organisation="Fundación Abierta")
    login(user)
    return user


def only_proposal(db):
    return db.session.scalar(db.select(Proposal))


def test_submit_preview_publish_and_read(client, db, call, author):
    form_page = text_of(client.get("/calls/nap-2026/proposals/new"))
    assert 'value="Fundación Abierta"' in form_page  # organisation from the profile
    response = client.post("/calls/nap-2026/proposals/new", data=dict(form_data(call),
                                                                      preview=""))
    draft = only_proposal(db)
    assert response.headers["Location"] == f"/calls/nap-2026/proposals/drafts/{draft.id}"
    preview = client.get(response.headers["Location"], headers=EN)
    assert "Nobody else can see it" in text_of(preview)
    response = client.post(f"/calls/nap-2026/proposals/drafts/{draft.id}/publish")
    db.session.expire_all()
    reference = only_proposal(db).reference
    assert re.fullmatch(r"\d{4}-0001", reference)
    assert response.headers["Location"] == f"/calls/nap-2026/proposals/{reference}"
    page = text_of(client.get(f"/calls/nap-2026/proposals/{reference}", headers=EN))
    assert PROPOSAL_TEXT["title"] in page and author.name in page
    assert "<li>Crear un registro público</li>" in page  # rendered through |rich
    assert author.email not in page


def test_save_draft_stays_private(client, app, db, call, author, create_user):
    client.post("/calls/nap-2026/proposals/new", data=dict(form_data(call), save=""))
    draft = only_proposal(db)
    assert draft.status == "draft"
    assert PROPOSAL_TEXT["title"] not in text_of(client.get("/calls/nap-2026/proposals/"))
    stranger = app.test_client()
    stranger.post("/accounts/login", data={"email": create_user().email,
                                           "password": "quiet-harbour-lantern-42"})
    assert stranger.get(f"/calls/nap-2026/proposals/drafts/{draft.id}").status_code == 404
    assert stranger.post(f"/calls/nap-2026/proposals/drafts/{draft.id}/publish"
                         ).status_code == 404
    assert "Registro abierto" in text_of(client.get("/accounts/me/proposals"))


def test_form_errors_keep_what_was_typed(client, db, call, author):
    data = form_data(call, title="x" * 151, problem="", summary="Mi resumen escrito",
                     preview="")
    response = client.post("/calls/nap-2026/proposals/new", data=data, headers=EN)
    assert response.status_code == 422
    html = text_of(response)
    assert 'id="title-error"' in html and 'id="problem-error"' in html
    assert "Mi resumen escrito" in html and 'value="ChileCompra"' in html
    assert 'value="transparency" checked' in html.replace('checked id', 'checked') or \
        re.search(r'checked[^>]*value="transparency"|value="transparency"[^>]*checked', html)
    assert only_proposal(db) is None


TEMPLATE_LINKS = ["#summary", "#problem", "#commitment", "#solution", "#expected_results",
                  "#ogp_values-0", "#theme", "#responsible_body", "#region"]


def test_a_draft_is_saved_with_only_a_title(client, db, call, author):
    response = client.post("/calls/nap-2026/proposals/new", headers=EN,
                           data={"title": "Compras abiertas", "save": ""})
    draft = only_proposal(db)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/calls/nap-2026/proposals/drafts/{draft.id}/edit"
    assert (draft.status, draft.title, draft.summary, draft.ogp_values) == (
        "draft", "Compras abiertas", "", [])
    form = text_of(client.get(response.headers["Location"], headers=EN))
    assert 'value="Compras abiertas"' in form and error_summary(form) == []
    # Filled in over several visits.
    client.post(response.headers["Location"], headers=EN, data={
        "title": "Compras abiertas", "summary": "Un resumen", "version": draft.version,
        "save": ""})
    db.session.expire_all()
    assert only_proposal(db).summary == "Un resumen"


def test_a_draft_without_a_title_is_refused_with_the_summary(client, db, call, author):
    response = client.post("/calls/nap-2026/proposals/new", headers=EN,
                           data={"summary": "Escrito antes del título", "save": ""})
    assert response.status_code == 422
    html = text_of(response)
    assert error_summary(html) == [("#title", "Title: This field is required.")]
    assert title_of(html).startswith("Error: Submit a proposal")
    assert "Escrito antes del título" in html
    assert only_proposal(db) is None


def test_preview_needs_every_template_field_and_lists_the_missing_ones(client, db, call,
                                                                       author):
    response = client.post("/calls/nap-2026/proposals/new", headers=EN, data={
        "title": "Compras abiertas", "problem": "Nadie sabe a quién se compra.",
        "preview": ""})
    assert response.status_code == 422
    html = text_of(response)
    summary = error_summary(html)
    assert [href for href, _ in summary] == [link for link in TEMPLATE_LINKS
                                             if link != "#problem"]
    assert ("#summary", "Summary: Fill this in to preview or publish.") in summary
    assert ("#ogp_values-0", "Relevance to open government values: Tick at least one value "
            "to preview or publish.") in summary
    assert 'id="summary-error"' in html and 'id="problem-error"' not in html
    assert title_of(html).startswith("Error: ")
    assert "Nadie sabe a quién se compra." in html  # kept as typed
    assert only_proposal(db) is None  # nothing saved by a refused preview


def test_preview_and_publish_of_an_incomplete_draft_link_to_the_missing_fields(
        client, db, call, author):
    client.post("/calls/nap-2026/proposals/new", data={"title": "Compras abiertas", "save": ""})
    draft = only_proposal(db)
    page = f"/calls/nap-2026/proposals/drafts/{draft.id}"
    preview = text_of(client.get(page, headers=EN))
    assert [href for href, _ in error_summary(preview)] == [
        f"{page}/edit{link}" for link in TEMPLATE_LINKS]
    assert f'action="{page}/publish"' not in preview  # nothing to publish yet

    response = client.post(page + "/publish", headers=EN)  # from a page kept open
    assert response.status_code == 422
    assert len(error_summary(text_of(response))) == len(TEMPLATE_LINKS)
    db.session.expire_all()
    assert only_proposal(db).status == "draft"


def test_a_refused_publish_says_why_in_the_summary(client, db, call, author, clock):
    client.post("/calls/nap-2026/proposals/new", data=dict(form_data(call), save=""))
    draft = only_proposal(db)
    clock.advance(days=11)
    response = client.post(f"/calls/nap-2026/proposals/drafts/{draft.id}/publish",
                           headers=EN)
    assert response.status_code == 409
    assert error_summary(text_of(response)) == [
        (None, "The submission window has closed: the text is frozen so voters vote on "
               "what they read.")]


def test_a_published_proposal_cannot_be_emptied(client, db, call, author, create_proposal):
    proposal = create_proposal(call, author=author)
    response = client.post(f"/calls/nap-2026/proposals/{proposal.reference}/edit", headers=EN,
                           data=form_data(call, summary="", version=proposal.version,
                                          save=""))
    assert response.status_code == 422
    assert error_summary(text_of(response)) == [
        ("#summary", "Summary: Fill this in to preview or publish.")]
    db.session.expire_all()
    assert db.session.get(Proposal, proposal.id).summary == PROPOSAL_TEXT["summary"]


def test_government_accounts_see_why_instead_of_a_form(client, call, create_user, login):
    login(create_user(sector="government"))
    response = client.get("/calls/nap-2026/proposals/new", headers=EN)
    assert response.status_code == 403
    assert "non-governmental" in text_of(response)
    assert 'name="title"' not in text_of(response)


def test_unverified_accounts_are_asked_to_confirm(client, call, create_user, login):
    login(create_user(email_verified_at=None))
    response = client.get("/calls/nap-2026/proposals/new", headers=EN)
    assert response.status_code == 403
    assert "Confirm your email address" in text_of(response)


def test_anonymous_visitors_are_sent_to_log_in(client, call):
    response = client.get("/calls/nap-2026/proposals/new")
    assert response.status_code == 302 and "/accounts/login" in response.headers["Location"]


def test_direct_post_outside_the_window_is_refused(client, db, call, author, clock):
    clock.advance(days=11)
    response = client.post("/calls/nap-2026/proposals/new", data=form_data(call), headers=EN)
    assert response.status_code == 409
    assert only_proposal(db) is None


def test_direct_post_over_the_limit_is_refused(client, db, create_call, author):
    call = create_call(slug="small", max_proposals_per_author=1)
    client.post("/calls/small/proposals/new", data=form_data(call))
    response = client.post("/calls/small/proposals/new", data=form_data(call), headers=EN)
    assert response.status_code == 409
    assert "limit" in text_of(response)
    assert 'value="ChileCompra"' in text_of(response)


def test_editing_someone_elses_proposal_is_refused(client, db, call, author, create_proposal):
    other = create_proposal(call)
    response = client.post(f"/calls/nap-2026/proposals/{other.reference}/edit",
                           data=dict(form_data(call, title="Hijacked"), version=str(other.version)))
    assert response.status_code == 403
    db.session.expire_all()
    assert db.session.get(Proposal, other.id).title == PROPOSAL_TEXT["title"]
    response = client.post(f"/calls/nap-2026/proposals/{other.reference}/withdraw",
                           data={"reason": "porque sí"})
    assert response.status_code == 403


def test_author_edits_and_the_page_says_edited(client, db, call, author, create_proposal):
    proposal = create_proposal(call, author=author)
    edit_url = f"/calls/nap-2026/proposals/{proposal.reference}/edit"
    version = str(proposal.version)
    assert f'name="version" type="hidden" value="{version}"' in text_of(client.get(edit_url))
    response = client.post(edit_url, data=dict(form_data(call, title="Título corregido"),
                                               version=version))
    assert response.status_code == 302
    page = text_of(client.get(f"/calls/nap-2026/proposals/{proposal.reference}", headers=EN))
    assert "Título corregido" in page and "edited" in page


def test_stale_edit_is_a_conflict_and_keeps_the_text(client, db, call, author, create_proposal):
    proposal = create_proposal(call, author=author)
    edit_url = f"/calls/nap-2026/proposals/{proposal.reference}/edit"
    version = str(proposal.version)
    assert client.post(edit_url, data=dict(form_data(call, title="Primera"), version=version)
                       ).status_code == 302
    response = client.post(edit_url, data=dict(form_data(call, title="Segunda"), version=version))
    assert response.status_code == 409
    assert 'value="Segunda"' in text_of(response)


def test_text_is_frozen_once_voting_opens(client, db, call, author, create_proposal, clock):
    proposal = create_proposal(call, author=author)
    clock.advance(days=16)
    page = text_of(client.get(f"/calls/nap-2026/proposals/{proposal.reference}"))
    assert "/edit" not in page and f"{proposal.reference}/withdraw" not in page
    response = client.post(f"/calls/nap-2026/proposals/{proposal.reference}/edit",
                           data=dict(form_data(call, title="Tarde"), version=str(proposal.version)))
    assert response.status_code == 409
    get = client.get(f"/calls/nap-2026/proposals/{proposal.reference}/edit")
    assert get.status_code == 303


def test_withdraw_keeps_the_page_and_leaves_the_list(client, db, call, author,
                                                     create_proposal):
    proposal = create_proposal(call, author=author)
    url = f"/calls/nap-2026/proposals/{proposal.reference}/withdraw"
    assert client.post(url, data={"reason": ""}).status_code == 422
    assert client.post(url, data={"reason": "Se fusionó con otra"}).status_code == 302
    page = text_of(client.get(f"/calls/nap-2026/proposals/{proposal.reference}", headers=EN))
    assert "Withdrawn by its author" in page and "Se fusionó con otra" in page
    listing = text_of(client.get("/calls/nap-2026/proposals/"))
    assert PROPOSAL_TEXT["title"] not in listing
    withdrawn = text_of(client.get("/calls/nap-2026/proposals/?status=withdrawn"))
    assert PROPOSAL_TEXT["title"] in withdrawn


def test_similar_proposals_shown_before_publishing(client, db, call, author, create_proposal):
    existing = create_proposal(call, title="Registro de lobby en municipios",
                               summary="Agenda de reuniones de alcaldes.")
    client.post("/calls/nap-2026/proposals/new", data=form_data(
        call, title="Lobby en los municipios", summary="Reuniones de alcaldes publicadas"))
    draft = db.session.scalar(db.select(Proposal).where(Proposal.status == "draft"))
    page = text_of(client.get(f"/calls/nap-2026/proposals/drafts/{draft.id}", headers=EN))
    assert "Is yours already here?" in page
    assert existing.reference in page


def test_unknown_reference_is_404(client, call):
    assert client.get("/calls/nap-2026/proposals/2026-9999").status_code == 404
    assert client.get("/calls/nope/proposals/").status_code == 404


def test_list_search_filters_and_paging(client, call, create_proposal):
    for n in range(25):
        create_proposal(call, title=f"Propuesta número {n}",
                        region="Maule" if n % 2 else "national")
    create_proposal(call, title="Datos abiertos de agua", theme=call.themes[1])
    html = text_of(client.get("/calls/nap-2026/proposals/", headers=EN))
    assert "26 proposals" in html and "Page 1 of 2" in html
    html = text_of(client.get("/calls/nap-2026/proposals/?q=agua", headers=EN))
    assert "1 proposal" in html and "Datos abiertos de agua" in html
    html = text_of(client.get(f"/calls/nap-2026/proposals/?theme={call.themes[1]}", headers=EN))
    assert "1 proposal" in html
    html = text_of(client.get("/calls/nap-2026/proposals/?region=Maule", headers=EN))
    assert "12 proposals" in html


def test_empty_state_says_what_to_do(client, call, author):
    html = text_of(client.get("/calls/nap-2026/proposals/", headers=EN))
    assert "No proposals yet." in html and "Submit a proposal" in html
    html = text_of(client.get("/calls/nap-2026/proposals/?q=zzzz", headers=EN))
    assert "No proposal matches your search." in html


@pytest.mark.parametrize("query", ["?page=abc", "?page=-3", "?page=99999999999",
                                   "?sort=drop%20table",
                                   "?status=draft", "?value=%22%25", "?q=%22%29%28*"])
def test_odd_query_strings_never_fail(client, call, create_proposal, query):
    create_proposal(call)
    assert client.get("/calls/nap-2026/proposals/" + query).status_code == 200
    assert client.get("/calls/nap-2026/proposals/?theme=%00").status_code == 400


def test_counts_and_vote_order_stay_hidden_while_voting(client, call, create_proposal, clock):
    create_proposal(call, vote_count=42)
    clock.advance(days=16)
    html = text_of(client.get("/calls/nap-2026/proposals/?sort=votes", headers=EN))
    assert "42 votes" not in html and 'value="votes"' not in html
    proposal_html = text_of(client.get("/calls/nap-2026/proposals/2026-0001", headers=EN))
    assert "42" not in proposal_html
    clock.advance(days=15)  # voting closed
    html = text_of(client.get("/calls/nap-2026/proposals/?sort=votes", headers=EN))
    assert "42 votes" in html


XSS_PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<a href=\"javascript:alert(1)\">click</a>",
    "javascript:alert(document.cookie)",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "<body onload=alert(1)>",
    "\"><script>alert(1)</script>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<a href=\"&#106;avascript:alert(1)\">x</a>",
    "[x](javascript:alert(1))",
]


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_xss_payloads_are_harmless_on_the_page(client, call, author, create_proposal, payload):
    proposal = create_proposal(call, author=author, title=payload[:150], summary=payload,
                               problem=payload,
                               commitment=f"- {payload}", solution=payload,
                               expected_results=payload, responsible_body=payload[:200],
                               organisation=payload[:200])
    for url in (f"/calls/nap-2026/proposals/{proposal.reference}", "/calls/nap-2026/proposals/",
                "/accounts/me/proposals"):
        assert dangerous_markup(text_of(client.get(url))) == []


@pytest.mark.parametrize("payload", XSS_PAYLOADS[:6])
def test_xss_payloads_are_harmless_on_every_other_page(client, app, db, call, author,
                                                       create_proposal, clock, payload):
    author.name = payload[:120]
    author.organisation = payload[:200]
    db.session.commit()
    target = create_proposal(call, author=author, title=payload[:150], summary=payload,
                             responsible_body=payload[:200])
    draft = create_proposal(call, author=author, title=payload[:150], summary=payload,
                            status="draft")
    pages = [f"/calls/nap-2026/proposals/drafts/{draft.id}",
             f"/calls/nap-2026/proposals/drafts/{draft.id}/edit",
             f"/calls/nap-2026/proposals/{target.reference}/withdraw",
             f"/calls/nap-2026/proposals/{target.reference}/edit",
             "/calls/nap-2026/proposals/new"]
    for page in pages:
        assert dangerous_markup(text_of(client.get(page))) == [], page
    client.post(f"/calls/nap-2026/proposals/{target.reference}/withdraw",
                data={"reason": payload})
    assert dangerous_markup(text_of(client.get(
        f"/calls/nap-2026/proposals/{target.reference}"))) == []
    clock.advance(days=40)  # results and my votes
    for page in ("/calls/nap-2026/results", "/accounts/me/votes",
                 "/calls/nap-2026/proposals/?status=withdrawn"):
        assert dangerous_markup(text_of(client.get(page))) == [], page
