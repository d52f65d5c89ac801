"""Every mail the site sends reads in its recipient's language, and says why it came."""

from datetime import timedelta

from flask import template_rendered

from app.accounts import services as accounts
from app.accounts import tokens
from app.moderation import services as moderation
from app.plans import digests, follows
from app.plans.reminders import remind_implementers
from app.privacy import erasure, portability
from tests.i18n.catalogue import ROOT, EnglishFinder, mail_text
from tests.i18n.world import build_world


def _account_mail(db, clock, world) -> None:
    """The mails no step of the world sends: sign-up, a second sign-up, a reset, a restore,
    the implementers' monthly reminder, a follower's daily digest, a change of address (to
    the new and the old one)."""
    details = {"password": "quiet-harbour-lantern-42", "name": "Nueva Persona",
               "sector": "citizen", "region": "Maule", "locale": "es"}
    accounts.register_user(email="nueva@ejemplo.cl", **details)
    accounts.register_user(email=world.users["participant"].email, **details)
    accounts.request_password_reset(world.users["participant"].email)
    erasure.request_erasure(world.users["participant"], details["password"])
    portability.request_download(world.users["participant"])
    moderation.restore(world.users["moderator"], world.comments["hidden"])
    # A comment on a commitment hidden: its author is told which commitment.
    moderation.hide(world.users["moderator"], world.consultation_comments[1], "Fuera de tema")
    db.session.commit()
    assert remind_implementers() == 1  # the official whose milestone is overdue
    mover, address = world.users["commenter"], "nueva-direccion@ejemplo.cl"
    accounts.request_email_change(mover, address, details["password"])
    accounts.confirm_email_change(tokens.make_token(accounts.EMAIL_CHANGE, mover.id, address))
    db.session.commit()
    digest = follows.follow(world.users["moderator"], world.commitments[0], "daily")
    digest.created_at = world.plans["plan-2016"].created_at  # followed since the plan began
    db.session.commit()
    clock.set(clock.now() + timedelta(days=1))
    assert digests.send_digests() == 1


def test_every_mail_reads_in_spanish(db, clock, create_user, create_call, create_proposal,
                                     admin, outbox, spanish_catalogue, marked_messages):
    rendered = set()

    def shown(_app, template, context):
        rendered.add(template.name)

    with template_rendered.connected_to(shown):
        world = build_world(db, clock, create_user, create_call, create_proposal, admin)
        _account_mail(db, clock, world)
    finder = EnglishFinder(spanish_catalogue, marked_messages)
    for message in outbox():
        finder.read(f"mail «{message['Subject']}» to {message['To']}", mail_text(message))
    mails = {f"mail/{path.name}" for path in (ROOT / "templates" / "mail").glob("[!_]*.txt")}
    assert mails - rendered == set(), "mail templates no step sent: add one"
    assert not finder.findings, "English in Spanish mail:\n" + finder.report()


def _moderation_mail(outbox, to: str) -> str:
    [message] = [m for m in outbox() if m["To"] == to]
    return f"{message['Subject']}\n{message.get_content()}"


def test_moderation_mail_says_what_was_moderated_and_why_it_came(
        db, create_call, create_proposal, create_user, outbox):
    call = create_call(slug="nap")
    author = create_user(email="author@example.org", locale="en")
    commenter = create_user(email="commenter@example.org", locale="en")
    moderator = create_user(role="moderator")
    proposal = create_proposal(call, author=author, title="Open beneficial ownership")
    comment = moderation.add_comment(commenter, proposal, "Un comentario.")
    outbox_before = len(outbox())
    moderation.hide(moderator, comment, "Insults another participant")
    db.session.commit()
    to_commenter = _moderation_mail(outbox, "commenter@example.org")
    assert f"Your comment on the proposal “Open beneficial ownership” ({proposal.reference}) " \
           "has been hidden by moderation." in to_commenter
    assert "because you wrote the comment" in to_commenter
    assert "submitted the proposal" not in to_commenter
    assert f"#comment-{comment.id}" in to_commenter
    assert len(outbox()) == outbox_before + 1  # the proposal's author is not told
    moderation.hide(moderator, proposal, "Personal data of third parties")
    db.session.commit()
    to_author = [m for m in outbox() if m["To"] == "author@example.org"][-1]
    body = to_author.get_content()
    assert to_author["Subject"] == f"About your proposal {proposal.reference}"
    assert "Your proposal “Open beneficial ownership”" in body and "hidden by moderation" in body
    assert "Reason: Personal data of third parties" in body
    assert "because you submitted the proposal" in body


def test_automatic_hide_is_explained_not_coded(db, app, create_call, create_proposal,
                                               create_user, outbox):
    call = create_call(slug="nap")
    author = create_user(locale="en")
    proposal = create_proposal(call, author=author)
    for _ in range(app.config["REPORT_THRESHOLD"]):
        moderation.report(create_user(), proposal, "spam")
    db.session.commit()
    body = [m for m in outbox() if m["To"] == author.email][-1].get_content()
    assert "pending review" not in body
    assert "Reason: several people reported it" in body


def test_a_blocked_account_is_told_once(db, create_user, outbox):
    moderator = create_user(role="moderator")
    person = create_user(email="person@example.org", locale="en")
    moderation.block(moderator, person, "Repeated advertising")
    moderation.block(moderator, person, "Repeated advertising")
    db.session.commit()
    [message] = [m for m in outbox() if m["To"] == "person@example.org"]
    assert message["Subject"] == "Your account has been blocked"
    body = message.get_content()
    assert "Reason: Repeated advertising" in body
    assert "because the moderators acted on your account" in body
