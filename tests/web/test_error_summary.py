"""Every refused form says what to fix at the top of its page, each message a link to its
field (the GOV.UK error summary), so a phone user sees why without scrolling."""

import pytest

from tests.helpers import assert_error_summary, error_summary, text_of

EN = {"Accept-Language": "en"}
REQUIRED = "This field is required."


@pytest.fixture
def call(create_call):
    return create_call(slug="nap")


@pytest.mark.parametrize("path, data, expected", [
    ("/accounts/register", {}, [
        ("#name", f"Name: {REQUIRED}"), ("#email", f"Email address: {REQUIRED}"),
        ("#password", f"Password: {REQUIRED}"), ("#sector", f"Sector: {REQUIRED}"),
        ("#region", f"Region: {REQUIRED}"),
        ("#accept_privacy", "I have read the privacy notice and agree to it: You must "
                            "accept the privacy notice to register.")]),
    ("/accounts/login", {}, [("#email", f"Email address: {REQUIRED}"),
                             ("#password", f"Password: {REQUIRED}")]),
    ("/accounts/reset", {}, [("#email", f"Email address: {REQUIRED}")]),
    ("/accounts/verify/resend", {}, [("#email", f"Email address: {REQUIRED}")]),
])
def test_account_forms(client, path, data, expected):
    response = client.post(path, data=data, headers=EN)
    assert response.status_code == 422
    assert_error_summary(text_of(response), expected)


def test_a_refused_login_is_in_the_summary_without_a_link(client, create_user):
    response = client.post("/accounts/login", headers=EN, data={
        "email": create_user().email, "password": "not-the-password"})
    assert response.status_code == 401
    assert_error_summary(text_of(response),
                         [(None, "The email address or the password is incorrect.")])


def test_profile_and_password_forms_on_one_page(client, create_user, login):
    login(create_user())
    response = client.post("/accounts/me", data={"name": ""}, headers=EN)
    assert response.status_code == 422
    assert_error_summary(text_of(response), [("#name", f"Name: {REQUIRED}")])
    response = client.post("/accounts/me/password", headers=EN, data={
        "pw-current_password": "not-the-password",
        "pw-new_password": "a-long-new-password-42"})
    assert_error_summary(text_of(response), [
        ("#pw-current_password", "Current password: Your current password is incorrect.")])


def test_comment_and_withdrawal_forms(client, call, create_user, create_proposal, login):
    author = create_user()
    proposal = create_proposal(call, author=author)
    login(author)
    page = f"/calls/nap/proposals/{proposal.reference}"
    response = client.post(page + "/comments", data={"body": ""}, headers=EN)
    assert_error_summary(text_of(response), [("#body", f"Your comment: {REQUIRED}")])
    response = client.post(page + "/withdraw", data={"reason": ""}, headers=EN)
    assert_error_summary(text_of(response),
                         [("#reason", f"Why do you withdraw it? {REQUIRED}")])


def test_voting_code_form(client, create_call, clock):
    create_call(slug="codes", eligibility="code")
    clock.advance(days=16)
    response = client.post("/calls/codes/vote/code", data={"code": ""}, headers=EN)
    assert_error_summary(text_of(response), [("#code", f"Voting code: {REQUIRED}")])


def test_admin_forms(client, db, call, admin, login):
    login(admin)
    response = client.post("/admin/calls/new", data={"title": "Plan 2028"}, headers=EN)
    assert_error_summary(text_of(response), links=[
        "#slug", "#description", "#submission_opens_at", "#submission_closes_at",
        "#voting_opens_at", "#voting_closes_at", "#votes_per_voter", "#themes",
        "#max_proposals_per_author"])
    assert 'value="Plan 2028"' in text_of(response)
    # Review panels come from the Working Group's seats: a holder is named by an account.
    from app.working_group import seats

    seat = seats.add_seat(admin, "government", "Gobierno")
    db.session.commit()
    response = client.post(f"/admin/working-group/seats/{seat.id}/appoint", headers=EN, data={
        "holder_name": "Ana Pérez", "starts_on": "2018-03-11",
        "holder_email": "nobody@example.org"})
    assert_error_summary(text_of(response), [
        ("#holder_email", "Holder's account (email, optional): No account uses this address; "
                          "ask the person to register first.")])
    assert 'value="Ana Pérez"' in text_of(response)


def test_pages_without_a_refused_form_have_no_summary(client, call, create_user, login):
    login(create_user())
    for path in ["/", "/calls/nap/proposals/", "/calls/nap/proposals/new", "/accounts/me"]:
        html = text_of(client.get(path, headers=EN))
        assert error_summary(html) == [] and "<title>Error" not in html
