import pytest

from app.accounts import services, throttle
from app.accounts.logins import load_login, start_login
from app.accounts.models import User
from app.audit.services import events_for
from app.core.errors import NotAllowed
from tests.conftest import PASSWORD
from tests.helpers import link_in

REGION = "Valparaíso"


def register(**fields):
    values = {"email": "Ana.Perez@Example.ORG ", "password": PASSWORD, "name": "Ana Pérez",
                  "sector": "civil_society", "region": REGION, "organisation": "Fundación Abierta"}
    values.update(fields)
    return services.register_user(**values)


def test_register_normalises_email_and_sends_verification(db, outbox):
    user = register()
    db.session.commit()
    assert user.email == "ana.perez@example.org"
    assert not user.is_verified
    [message] = outbox()
    assert message["To"] == "ana.perez@example.org"
    assert "/accounts/verify/" in message.get_content()
    assert [e.action for e in events_for(user)] == ["user.registered"]


def test_a_taken_address_creates_nothing_and_mails_its_owner(db, outbox):
    register()
    db.session.commit()
    assert register(email="ANA.PEREZ@example.org", name="Someone Else") is None
    db.session.commit()
    assert db.session.scalar(db.select(db.func.count()).select_from(User)) == 1
    _verification, attempt = outbox()
    assert attempt["To"] == "ana.perez@example.org"
    assert "/accounts/reset" in attempt.get_content()
    assert "/accounts/verify/" not in attempt.get_content()


@pytest.mark.parametrize("password, error", [
    ("short1!", services.PasswordTooShort),
    ("", services.PasswordTooShort),
    ("password123", services.PasswordTooCommon),
    ("1234567890", services.PasswordTooCommon),
    ("Qwertyuiop", services.PasswordTooCommon),
])
def test_weak_passwords_are_refused(db, password, error):
    with pytest.raises(error) as raised:
        register(password=password)
    assert raised.value.field == "password"


def test_common_list_ships_at_least_ten_thousand_passwords():
    from app.accounts.passwords import common_passwords
    assert len(common_passwords()) >= 10_000


@pytest.mark.parametrize("field, value", [("sector", "aliens"), ("region", "Atlantis")])
def test_unknown_sector_or_region_is_refused(db, field, value):
    with pytest.raises(services.UnknownChoice) as raised:
        register(**{field: value})
    assert raised.value.field == field


def _token(outbox, prefix):
    return link_in(outbox()[-1], prefix).rsplit("/", 1)[1]


def test_verification_link_verifies_once(db, outbox, clock):
    user = register()
    db.session.commit()
    token = _token(outbox, "/accounts/verify/")
    services.verify_email(token)
    assert user.email_verified_at == clock.now()
    with pytest.raises(services.AlreadyVerified):
        services.verify_email(token)


def test_verification_link_expires(db, outbox, clock, app):
    register()
    db.session.commit()
    token = _token(outbox, "/accounts/verify/")
    clock.advance(seconds=app.config["VERIFY_TOKEN_MAX_AGE"] + 1)
    with pytest.raises(services.LinkExpired):
        services.verify_email(token)


def test_altered_verification_link_is_invalid(db, outbox):
    register()
    db.session.commit()
    token = _token(outbox, "/accounts/verify/")
    with pytest.raises(services.LinkInvalid):
        services.verify_email(token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1])
    with pytest.raises(services.LinkInvalid):
        services.verify_email("not-a-token")


def test_reset_token_cannot_verify_an_address(db, create_user, outbox):
    user = create_user(email_verified_at=None)
    services.request_password_reset(user.email)
    with pytest.raises(services.LinkInvalid):
        services.verify_email(_token(outbox, "/accounts/reset/"))


def test_authenticate_accepts_any_case_of_the_address(create_user):
    user = create_user(email="mixed@example.org")
    assert services.authenticate("  MIXED@Example.org", PASSWORD) == user


def test_failed_logins_lock_the_address_for_a_while(app, create_user, clock):
    user = create_user()
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        with pytest.raises(services.InvalidCredentials):
            services.authenticate(user.email, "wrong password here")
    with pytest.raises(services.AccountLocked):
        services.authenticate(user.email, PASSWORD)  # even the right password waits
    clock.advance(minutes=app.config["LOGIN_LOCKOUT_MINUTES"], seconds=1)
    assert services.authenticate(user.email, PASSWORD) == user
    assert throttle.find(throttle.address_key(user.email)) is None


def test_an_address_without_an_account_locks_exactly_the_same(app, db):
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        with pytest.raises(services.InvalidCredentials):
            services.authenticate("nobody@example.org", "wrong password here")
    with pytest.raises(services.AccountLocked):
        services.authenticate("nobody@example.org", "wrong password here")


def test_a_trusted_device_logs_in_during_a_lockout_and_is_counted_apart(app, create_user):
    user = create_user()
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        with pytest.raises(services.InvalidCredentials):
            services.authenticate(user.email, "wrong password here")
    assert services.authenticate(user.email, PASSWORD, device="nonce-1") == user
    with pytest.raises(services.AccountLocked):  # strangers still wait
        services.authenticate(user.email, PASSWORD)
    # The device's own failures lock the device, which then waits like a stranger.
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        with pytest.raises(services.InvalidCredentials):
            services.authenticate(user.email, "wrong password here", device="nonce-2")
    with pytest.raises(services.AccountLocked):
        services.authenticate(user.email, PASSWORD, device="nonce-2")


def test_failures_older_than_the_window_are_forgotten(app, create_user, clock):
    user = create_user()
    for _ in range(app.config["LOGIN_MAX_FAILURES"] - 1):
        with pytest.raises(services.InvalidCredentials):
            services.authenticate(user.email, "wrong password here")
    clock.advance(minutes=app.config["LOGIN_LOCKOUT_MINUTES"], seconds=1)
    with pytest.raises(services.InvalidCredentials):  # one more, but the others are old
        services.authenticate(user.email, "wrong password here")
    assert services.authenticate(user.email, PASSWORD) == user


def test_a_blocked_account_is_named_only_to_whoever_knows_its_password(create_user, clock):
    user = create_user(blocked_at=clock.now())
    with pytest.raises(services.InvalidCredentials):
        services.authenticate(user.email, "wrong password here")
    with pytest.raises(services.AccountBlocked):
        services.authenticate(user.email, PASSWORD)


def test_successful_login_resets_the_failure_count(create_user):
    user = create_user()
    with pytest.raises(services.InvalidCredentials):
        services.authenticate(user.email, "wrong password here")
    services.authenticate(user.email, PASSWORD)
    assert throttle.find(throttle.address_key(user.email)) is None


def test_unknown_address_fails_like_a_wrong_password(db):
    with pytest.raises(services.InvalidCredentials):
        services.authenticate("nobody@example.org", PASSWORD)


def test_reset_request_for_unknown_address_sends_nothing(db, outbox):
    services.request_password_reset("nobody@example.org")
    assert outbox() == []


def test_reset_link_sets_the_password_once_and_signs_out_other_sessions(db, create_user, outbox):
    user = create_user()
    old_login = start_login(user, "Firefox · Linux", remembered=True).token
    services.request_password_reset(user.email.upper())
    token = _token(outbox, "/accounts/reset/")
    services.reset_password(token, "a-brand-new-secret-9")
    db.session.commit()
    assert services.authenticate(user.email, "a-brand-new-secret-9") == user
    assert load_login(old_login) is None
    with pytest.raises(services.LinkInvalid):
        services.reset_password(token, "yet-another-secret-7")


def test_reset_link_expires(db, create_user, outbox, clock, app):
    user = create_user()
    services.request_password_reset(user.email)
    token = _token(outbox, "/accounts/reset/")
    clock.advance(seconds=app.config["RESET_TOKEN_MAX_AGE"] + 1)
    with pytest.raises(services.LinkExpired):
        services.reset_password(token, "a-brand-new-secret-9")


def test_reset_with_weak_password_keeps_the_old_one(db, create_user, outbox):
    user = create_user()
    services.request_password_reset(user.email)
    with pytest.raises(services.PasswordTooCommon):
        services.reset_password(_token(outbox, "/accounts/reset/"), "password12345")
    db.session.rollback()
    assert services.authenticate(user.email, PASSWORD) == user


def test_change_password_needs_the_current_one(db, create_user):
    user = create_user()
    with pytest.raises(services.WrongPassword) as raised:
        services.change_password(user, "not my password", "a-brand-new-secret-9")
    assert raised.value.field == "current_password"
    services.change_password(user, PASSWORD, "a-brand-new-secret-9")
    assert services.authenticate(user.email, "a-brand-new-secret-9") == user


def test_only_admins_change_roles(db, create_user):
    moderator = create_user(role="moderator")
    target = create_user()
    with pytest.raises(NotAllowed):
        services.change_role(moderator, target, "admin")
    assert target.role == "participant"


def test_admin_changes_a_role_and_it_is_audited(db, admin, create_user):
    target = create_user()
    services.change_role(admin, target, "moderator")
    assert target.role == "moderator"
    [event] = [e for e in events_for(target) if e.action == "user.role_changed"]
    assert event.before == {"role": "participant"} and event.after == {"role": "moderator"}
    assert event.actor_id == admin.id


def test_the_last_admin_cannot_step_down(db, admin, create_user):
    with pytest.raises(services.LastAdmin):
        services.change_role(admin, admin, "participant")
    second = create_user(role="admin")
    services.change_role(second, admin, "participant")
    assert admin.role == "participant"


def test_unknown_role_is_refused(db, admin, create_user):
    with pytest.raises(services.UnknownChoice):
        services.change_role(admin, create_user(), "emperor")


def test_create_admin_promotes_an_existing_account(db, create_user):
    user = create_user(email_verified_at=None)
    promoted, created = services.create_admin(user.email.upper(), None)
    assert (promoted, created) == (user, False)
    assert user.role == "admin" and user.is_verified


def test_create_admin_makes_a_verified_admin(db):
    user, created = services.create_admin("boss@example.org", "long-enough-secret-1")
    assert created and user.is_admin and user.is_verified
    assert db.session.scalar(db.select(User).where(User.email == "boss@example.org")) == user
