"""Rules of the consultation on a draft plan and of comments on commitments."""

from datetime import timedelta

import pytest

from app.core.errors import NotAllowed
from app.moderation import services as moderation
from app.plans import comments, consultation, services
from app.review.models import MIN_RESPONSE_LENGTH

def _set_status(admin, plan, status):
    return services.update_plan(admin, plan, title=plan.title, starts_on=plan.starts_on,
                                ends_on=plan.ends_on, status=status)


REASONED = "Lo incorporamos: el hito dos ahora publica los datos en formato abierto. " * 4


def test_opening_the_window_makes_the_draft_public_in_consultation(db, clock, admin,
                                                                   create_plan, create_user):
    plan = create_plan(status="draft", adopted_on=None)
    assert not services.can_see(None, plan)
    consultation.open_consultation(admin, plan, clock.now() + timedelta(days=1),
                                   clock.now() + timedelta(days=10))
    assert plan.status == "consultation"
    assert services.can_see(None, plan)
    assert consultation.window_state(plan) == "upcoming"
    clock.advance(days=2)
    assert consultation.window_state(plan) == "open"
    clock.advance(days=10)
    assert consultation.window_state(plan) == "closed"


def test_who_opens_the_window_and_on_which_plans(db, clock, admin, create_plan, create_user,
                                                  working_group_member):
    draft = create_plan(status="draft", adopted_on=None)
    window = (clock.now(), clock.now() + timedelta(days=5))
    with pytest.raises(consultation.NotWorkingGroup):
        consultation.open_consultation(create_user(), draft, *window)
    with pytest.raises(consultation.InvalidWindow):
        consultation.open_consultation(admin, draft, window[1], window[0])
    consultation.open_consultation(working_group_member(), draft, *window)
    with pytest.raises(consultation.NotADraft):
        consultation.open_consultation(admin, create_plan(status="implementation"), *window)


def test_comments_only_inside_the_window_and_from_verified_accounts(db, clock, create_user,
                                                                    consulted):
    _plan, commitment = consulted
    with pytest.raises(moderation.CannotComment):
        comments.add_comment(create_user(email_verified_at=None), commitment, "Hola")
    with pytest.raises(NotAllowed):
        comments.add_comment(None, commitment, "Hola")
    comment = comments.add_comment(create_user(), commitment, "El problema está bien "
                                   "descrito.", field="problem")
    assert comment.consultation and comment.field == "problem"
    with pytest.raises(moderation.InvalidInput):
        comments.add_comment(create_user(), commitment, "Hola", field="salary")
    clock.advance(days=31)
    with pytest.raises(comments.OutsideConsultation):
        comments.add_comment(create_user(), commitment, "Tarde")


def test_replies_are_one_level_deep_and_about_their_parent_s_field(db, create_user,
                                                                   consulted):
    _plan, commitment = consulted
    top = comments.add_comment(create_user(), commitment, "Falta un hito.", field="milestones")
    reply = comments.add_comment(create_user(), commitment, "De acuerdo.", parent=top)
    assert reply.field == "milestones" and not reply.consultation  # conversation, not a comment to answer
    with pytest.raises(moderation.InvalidInput):
        comments.add_comment(create_user(), commitment, "Tercer nivel", parent=reply)


def test_an_adopted_plan_takes_ordinary_comments_and_a_closed_one_none(
        db, admin, create_plan, create_commitment, create_user):
    commitment = create_commitment(create_plan(status="implementation"))
    comment = comments.add_comment(create_user(), commitment, "¿Cómo va esto?")
    assert not comment.consultation
    with pytest.raises(consultation.NotConsulted):
        consultation.answer_comment(admin, comment, REASONED)
    closed = create_commitment(create_plan(status="closed"))
    with pytest.raises(comments.CommentsClosed):
        comments.add_comment(create_user(), closed, "Hola")


def test_the_working_group_answers_with_a_reasoned_response_once(
        db, admin, create_user, consulted, working_group_member):
    _plan, commitment = consulted
    comment = comments.add_comment(create_user(), commitment, "Agreguen datos abiertos.")
    with pytest.raises(consultation.NotWorkingGroup):
        consultation.answer_comment(create_user(), comment, REASONED)
    with pytest.raises(consultation.AnswerTooShort):
        consultation.answer_comment(admin, comment, "x" * (MIN_RESPONSE_LENGTH - 1))
    consultation.answer_comment(working_group_member(), comment, REASONED)
    assert comment.answer == REASONED.strip() and comment.answered_at is not None
    with pytest.raises(consultation.AlreadyAnswered):
        consultation.answer_comment(admin, comment, REASONED)


def test_an_answered_comment_is_neither_edited_nor_deleted(db, admin, create_user, consulted):
    _plan, commitment = consulted
    author = create_user()
    comment = comments.add_comment(author, commitment, "Agreguen datos abiertos.")
    consultation.answer_comment(admin, comment, REASONED)
    with pytest.raises(moderation.Answered):
        moderation.edit_comment(author, comment, "Otra cosa")
    with pytest.raises(moderation.Answered):
        moderation.delete_comment(author, comment)


def test_adoption_waits_for_every_answer_and_hidden_comments_do_not_count(
        db, clock, admin, create_user, consulted):
    plan, commitment = consulted
    first = comments.add_comment(create_user(), commitment, "Primero")
    second = comments.add_comment(create_user(), commitment, "Segundo")
    db.session.commit()
    clock.advance(days=31)
    assert consultation.consultation_stats(plan) == (2, 0)
    with pytest.raises(consultation.ConsultationUnanswered):
        _set_status(admin, plan, "adopted")
    db.session.rollback()
    consultation.answer_comment(admin, first, REASONED)
    assert [c.id for c in consultation.unanswered(plan)] == [second.id]
    moderation.hide(admin, second, "Contiene datos personales")
    assert consultation.consultation_stats(plan) == (1, 1)
    with pytest.raises(consultation.NotAnswerable):
        consultation.answer_comment(admin, second, REASONED)
    _set_status(admin, plan, "adopted")
    assert plan.status == "adopted"


def test_a_restored_comment_needs_its_answer_again(db, clock, admin, create_user, consulted):
    plan, commitment = consulted
    comment = comments.add_comment(create_user(), commitment, "Texto")
    clock.advance(days=31)
    moderation.hide(admin, comment, "Revisión pendiente")
    assert consultation.unanswered(plan) == []
    moderation.restore(admin, comment)
    assert consultation.unanswered(plan) == [comment]
    with pytest.raises(consultation.ConsultationUnanswered):
        _set_status(admin, plan, "implementation")


def test_reply_mail_to_the_parent_author(db, create_user, consulted, outbox):
    _plan, commitment = consulted
    author = create_user(name="Ana")
    top = comments.add_comment(author, commitment, "Falta un hito.")
    comments.add_comment(create_user(name="Berta"), commitment, "De acuerdo.", parent=top)
    db.session.commit()
    mails = [m for m in outbox() if author.email in m["To"]]
    assert mails and commitment.reference in mails[-1]["Subject"]


def test_adoption_waits_for_the_window_to_close(db, clock, admin, create_user, consulted):
    plan, commitment = consulted
    comment = comments.add_comment(create_user(), commitment, "Texto")
    consultation.answer_comment(admin, comment, REASONED)
    with pytest.raises(consultation.ConsultationNotClosed):
        _set_status(admin, plan, "adopted")
    db.session.rollback()
    clock.advance(days=31)
    _set_status(admin, plan, "adopted")
    assert plan.status == "adopted"


def test_an_upcoming_window_also_holds_the_adoption(db, clock, admin, create_plan):
    plan = create_plan(status="draft", adopted_on=None)
    consultation.open_consultation(admin, plan, clock.now() + timedelta(days=3),
                                   clock.now() + timedelta(days=10))
    with pytest.raises(consultation.ConsultationNotClosed):
        _set_status(admin, plan, "adopted")


def test_replies_are_conversation_not_comments_awaiting_an_answer(db, admin, create_user,
                                                                   consulted):
    plan, commitment = consulted
    top = comments.add_comment(create_user(), commitment, "Falta un hito.")
    reply = comments.add_comment(create_user(), commitment, "Gracias, lo vemos.", parent=top)
    assert top.consultation and not reply.consultation
    assert consultation.unanswered(plan) == [top]
    assert consultation.consultation_stats(plan) == (1, 0)
    with pytest.raises(consultation.NotConsulted):
        consultation.answer_comment(admin, reply, REASONED)


def test_observers_take_no_part_in_the_group_s_answers(db, admin, create_user, consulted):
    from datetime import date

    from app.working_group import seats

    _plan, commitment = consulted
    observer = create_user()
    seat = seats.add_seat(admin, "observer", "PNUD")
    seats.appoint(admin, seat, starts_on=date(2000, 1, 1), holder_name=observer.name,
                  holder_email=observer.email)
    comment = comments.add_comment(create_user(), commitment, "Texto")
    assert not consultation.can_run(observer)
    with pytest.raises(consultation.NotWorkingGroup):
        consultation.answer_comment(observer, comment, REASONED)
