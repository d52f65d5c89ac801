"""Issue 22's "done when": a voter follows the commitment their proposal became, an
implementer reports, a civil-society member disputes it, the follower gets both mails
(through the job queue and a real SMTP server), and the dashboard shows the dispute."""

import email
import email.policy
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from app.extensions import db
from app.voting import services as voting
from tests.browser.pages import log_in
from tests.core.test_mail import smtp_server  # noqa: F401  (shared fixture)
from tests.plans.conftest import create_commitment, create_plan, implementer  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.config(WTF_CSRF_ENABLED=True)]


def log_out(page):
    page.locator(".account-menu summary").click()
    page.get_by_role("button", name="Log out").click()


def test_follow_report_dispute_and_the_mails(
        live_server, browser_page, clock, create_call, create_proposal, create_user,
        smtp_server,  # noqa: F811
        create_plan,  # noqa: F811
        create_commitment,  # noqa: F811
        implementer):  # noqa: F811
    at = clock.now()
    call = create_call(slug="nap", submission_opens_at=at - timedelta(days=20),
                       submission_closes_at=at - timedelta(days=10),
                       voting_opens_at=at - timedelta(days=5),
                       voting_closes_at=at + timedelta(days=5))
    source = create_proposal(call, title="Registro abierto de beneficiarios")
    voter = create_user(name="Vera Votante", locale="en")
    voting.cast_vote(call, source, voter)
    source.status = "included"
    db.session.commit()
    commitment = create_commitment(create_plan(call, slug="nap-2016"),
                                   sources=[source.reference], milestones=[1])
    official = implementer(commitment, name="Iván Implementador")
    critic = create_user(name="Clara Crítica", sector="civil_society")
    page, base = browser_page, live_server
    url = f"{base}/plans/nap-2016/commitments/{commitment.reference}"

    log_in(page, base, voter.email)
    page.goto(url)
    expect(page.get_by_text(f"You voted for {source.reference}")).to_be_visible()
    page.get_by_role("button", name="Follow: mail me on each update").click()
    expect(page.get_by_text("You follow it now")).to_be_visible()
    log_out(page)

    log_in(page, base, official.email)
    page.goto(url)
    page.get_by_role("link", name="Report progress").click()
    page.get_by_label("Completion of the milestone").select_option("complete")
    page.get_by_label("What was done").fill("El registro está en línea.")
    page.get_by_label("Evidence").fill("https://ejemplo.cl/registro Registro en línea")
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("Your progress update has been published.")).to_be_visible()
    log_out(page)

    log_in(page, base, critic.email)
    page.goto(url)
    page.get_by_role("link", name="Agree or disagree").click()
    page.get_by_label("Disagree").check()
    page.get_by_label("Reasons").fill("El sitio no carga desde regiones.")
    page.get_by_role("button", name="Publish my reading").click()
    expect(page.get_by_text("Your reading has been published beside the update.")
           ).to_be_visible()

    page.goto(f"{base}/plans/nap-2016/")
    expect(page.locator(".badge-disputed").first).to_be_visible()
    expect(page.get_by_text("commitments with a disputed update")).to_be_visible()

    mails = {message["Subject"]: message.get_content() for message in (
        email.message_from_bytes(m.content, policy=email.policy.default)
        for m in smtp_server.messages if m.rcpt_tos == [voter.email])}
    assert set(mails) == {f"New progress update on {commitment.reference}",
                          f"A progress update on {commitment.reference} is disputed"}
    assert "El registro está en línea." in mails[f"New progress update on {commitment.reference}"]
    assert "El sitio no carga desde regiones." in mails[
        f"A progress update on {commitment.reference} is disputed"]
