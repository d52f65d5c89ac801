import pytest

from app.moderation import services


@pytest.fixture
def proposal(create_call, create_proposal, create_user):
    return create_proposal(create_call(slug="nap"), author=create_user(email="autora@example.org"))


def recipients(outbox) -> list[str]:
    return [message["To"] for message in outbox()]


def test_a_reply_notifies_the_commenter_and_the_author_once_each(db, proposal, create_user,
                                                                  outbox):
    ana, beto = create_user(email="ana@example.org"), create_user(email="beto@example.org")
    top = services.add_comment(ana, proposal, "¿Y el presupuesto?")
    services.add_comment(beto, proposal, "Lo pregunto también", parent=top)
    assert recipients(outbox) == ["autora@example.org",  # ana's comment
                                  "ana@example.org",     # beto replied to ana
                                  "autora@example.org"]  # beto commented on the proposal
    reply_mail = outbox()[1]
    assert "Lo pregunto también" in reply_mail.get_content()
    assert "/accounts/unsubscribe/" in reply_mail.get_content()


def test_the_author_replied_to_hears_once_not_twice(db, proposal, create_user, outbox):
    top = services.add_comment(proposal.author, proposal, "Aclaro el alcance")
    services.add_comment(create_user(email="ana@example.org"), proposal, "Gracias", parent=top)
    assert recipients(outbox) == ["autora@example.org"]


def test_replying_to_yourself_and_opting_out_send_nothing(db, proposal, create_user, outbox):
    ana = create_user(email="ana@example.org", notify_replies=False)
    top = services.add_comment(ana, proposal, "Primera idea")
    services.add_comment(ana, proposal, "Me corrijo", parent=top)
    services.add_comment(create_user(), proposal, "De acuerdo", parent=top)
    assert "ana@example.org" not in recipients(outbox)
