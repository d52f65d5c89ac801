"""Implementers hear once a month which milestones of theirs are overdue."""

from datetime import timedelta

from app.plans import reminders
from app.privacy import objection


def test_implementers_are_reminded_once_a_month_of_their_overdue_milestones(
        db, clock, create_plan, create_commitment, implementer, create_user, outbox):
    plan = create_plan(slug="nap")
    late = create_commitment(plan, milestones=(1, 2), title="Registro de lobby")
    official = implementer(late, name="Olga Funcionaria")
    quiet = implementer(late, name="Quique Callado")
    objection.set_mail_stopped(quiet, True)  # asked for no mail at all
    implementer(create_commitment(plan, title="Sin hitos"), name="Sin Atrasos")
    db.session.commit()
    clock.set(clock.now() + timedelta(days=5000))  # every end date long past

    assert reminders.remind_implementers() == 1
    [mail] = outbox()
    assert mail["To"] == official.email
    body = mail.get_content()
    assert "Hito 1" in body and "Hito 2" in body and late.reference in body
    assert f"/plans/nap/commitments/{late.reference}/updates/new" in body
    assert reminders.remind_implementers() == 0  # this month's reminder is sent
    clock.set(clock.now() + timedelta(days=31))
    assert reminders.remind_implementers() == 1  # next month, again
