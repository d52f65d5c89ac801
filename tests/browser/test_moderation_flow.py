"""Report → hide → restore, as a participant and a moderator would do it in a browser."""

import pytest
from playwright.sync_api import expect

from tests.browser.pages import log_in

pytestmark = [pytest.mark.browser, pytest.mark.config(WTF_CSRF_ENABLED=True)]


def log_out(page):
    page.locator(".account-menu summary").click()
    page.get_by_role("button", name="Log out").click()


def test_report_hide_restore(live_server, browser_page, create_call, create_proposal,
                             create_user):
    call = create_call(slug="nap")
    proposal = create_proposal(call, title="Propuesta con insultos")
    reader, moderator, visitor = create_user(), create_user(role="moderator"), create_user()
    page = browser_page
    url = f"{live_server}/calls/nap/proposals/{proposal.reference}"

    log_in(page, live_server, reader.email)
    page.goto(url)
    page.get_by_text("Report this proposal").click()
    page.get_by_label("Why do you report it?").select_option("offensive")
    page.get_by_role("button", name="Send report").click()
    expect(page.get_by_text("Moderators will review your report.")).to_be_visible()
    log_out(page)

    log_in(page, live_server, moderator.email)
    page.goto(live_server + "/moderation/")
    item = page.locator(".moderation-item").filter(has_text="Propuesta con insultos")
    expect(item.get_by_text("1 report")).to_be_visible()
    item.get_by_placeholder("Public reason").fill("Lenguaje ofensivo")
    item.get_by_role("button", name="Hide").click()
    expect(page.get_by_text("Nothing to review.")).to_be_visible()
    page.goto(url)
    expect(page.get_by_text("Hidden by moderation: Lenguaje ofensivo")).to_be_visible()

    page.get_by_role("button", name="Restore").click()
    expect(page.get_by_text("Restored.")).to_be_visible()
    expect(page.get_by_role("heading", name="Propuesta con insultos")).to_be_visible()
    log_out(page)

    log_in(page, live_server, visitor.email)
    page.goto(url)
    expect(page.get_by_role("heading", name="Propuesta con insultos")).to_be_visible()


def test_hide_an_unreported_comment_then_restore_it_from_the_list(
        live_server, browser_page, create_call, create_proposal, create_user):
    from app.moderation import services

    call = create_call(slug="nap")
    proposal = create_proposal(call, title="Propuesta comentada")
    services.add_comment(create_user(name="Comentarista"), proposal,
                         "Mi vecino vive en Calle Falsa 123")
    services.add_comment(create_user(), proposal, "Comentario que se queda")
    moderator, visitor = create_user(role="moderator", name="Moderadora Ana"), create_user()
    page = browser_page
    url = f"{live_server}/calls/nap/proposals/{proposal.reference}"

    log_in(page, live_server, moderator.email)
    page.goto(url)
    comment = page.locator("article.comment").filter(has_text="Calle Falsa 123")
    comment.get_by_text("Moderation").click()
    comment.get_by_label("Public reason").fill("Datos personales de un tercero")
    comment.get_by_role("button", name="Hide this comment").click()
    expect(page.get_by_text("A tombstone with your reason stays in its place.")).to_be_visible()
    expect(page.get_by_text("Hidden by moderation: Datos personales de un tercero")
           ).to_be_visible()
    expect(page.get_by_text("Comentario que se queda")).to_be_visible()

    page.goto(live_server + "/moderation/")
    expect(page.get_by_text("Nothing to review.")).to_be_visible()  # nobody reported it
    page.get_by_role("link", name="Hidden content").click()
    page.get_by_label("Kind").select_option("comment")
    page.get_by_label("Hidden by").select_option(label="Moderadora Ana")
    page.get_by_role("button", name="Filter").click()
    item = page.locator(".moderation-item").filter(has_text="Calle Falsa 123")
    expect(item.get_by_text("Hidden by Moderadora Ana")).to_be_visible()
    item.get_by_role("button", name="Restore: make it public again").click()
    expect(page.get_by_text("Restored.")).to_be_visible()
    expect(page.get_by_text("Nothing hidden matches these filters.")).to_be_visible()
    log_out(page)

    log_in(page, live_server, visitor.email)
    page.goto(url)
    expect(page.get_by_text("Mi vecino vive en Calle Falsa 123")).to_be_visible()
    expect(page.get_by_text("Moderation", exact=True)).to_have_count(0)
