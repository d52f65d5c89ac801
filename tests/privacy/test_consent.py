"""Notice and consent: the version each person accepted is recorded; a material change
asks everyone again at their next login."""

from sqlalchemy import select

from app.accounts.models import User
from app.audit.models import AuditEvent
from app.privacy import consent
from tests.conftest import PASSWORD
from tests.helpers import text_of

EN = {"Accept-Language": "en"}


def test_registration_records_the_version_accepted(app, db, client):
    client.post("/accounts/register", data={
        "email": "nueva@example.org", "password": PASSWORD, "name": "Nueva",
        "sector": "citizen", "region": app.config["MINGA_REGIONS"][0], "accept_privacy": "y"})
    user = db.session.scalar(select(User).where(User.email == "nueva@example.org"))
    assert user.privacy_version == consent.current_version() == 1


def test_a_material_change_asks_again_at_next_login(app, db, client, login, admin,
                                                     create_user):
    person = create_user()
    admin_browser = app.test_client()
    admin_browser.post("/accounts/login", data={"email": admin.email, "password": PASSWORD})
    saved = admin_browser.post("/admin/pages/privacy/es", data={
        "title": "Aviso de privacidad", "body": "Nuevo texto.", "material_change": "y"})
    assert saved.status_code == 302
    assert consent.current_version() == 2
    # A change that is not material asks nobody.
    admin_browser.post("/admin/pages/privacy/es", data={"title": "Aviso de privacidad",
                                                        "body": "Nuevo texto, sin erratas."})
    assert consent.current_version() == 2

    response = login(person)
    assert response.headers["Location"].startswith("/accounts/privacy/accept")
    page = client.get(response.headers["Location"], headers=EN)
    assert "The privacy notice has changed" in text_of(page)
    refused = client.post("/accounts/privacy/accept", data={}, headers=EN)
    assert refused.status_code == 422
    accepted = client.post("/accounts/privacy/accept", data={"accept": "y"})
    assert accepted.status_code == 302
    assert db.session.get(User, person.id).privacy_version == 2
    assert db.session.scalar(select(AuditEvent).where(
        AuditEvent.action == "user.privacy_accepted")).after == {"version": 2}
    client.post("/accounts/logout")
    assert not login(person).headers["Location"].startswith("/accounts/privacy")
