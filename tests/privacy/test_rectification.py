"""Rectification: what a person corrects on their profile is audited, field by field."""

from sqlalchemy import select

from app.audit.models import AuditEvent


def profile_events(db, user):
    return db.session.scalars(select(AuditEvent).where(
        AuditEvent.action == "user.profile_updated",
        AuditEvent.target_id == str(user.id))).all()


def test_each_correction_is_audited_with_what_it_was(app, db, client, login, create_user):
    user = create_user(name="Ana Pérez", organisation=None)
    login(user)
    form = {"name": "Ana Pérez Soto", "sector": user.sector, "region": user.region,
            "organisation": "Red Ciudadana", "notify_comments": "y"}
    assert client.post("/accounts/me", data=form).status_code == 302
    [event] = profile_events(db, user)
    assert event.actor_id == user.id
    assert event.before["name"] == "Ana Pérez" and event.after["name"] == "Ana Pérez Soto"
    assert event.before["organisation"] is None
    assert event.after["organisation"] == "Red Ciudadana"
    assert "sector" not in event.after  # only what changed
    client.post("/accounts/me", data=form)
    assert len(profile_events(db, user)) == 1  # saving without a change records nothing

