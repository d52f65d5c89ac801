from datetime import timedelta

import pytest

from app.core.errors import NotAllowed
from app.moderation import services
from app.moderation.models import Comment
from app.voting import services as voting
from app.voting.models import Ballot, Vote


@pytest.fixture
def call(create_call):
    return create_call(slug="nap")


@pytest.fixture
def proposal(call, create_proposal, create_user):
    return create_proposal(call, author=create_user(email="autora@example.org"))


@pytest.fixture
def moderator(create_user):
    return create_user(role="moderator", email="moderadora@example.org")


def test_comment_and_reply_notify_the_author(db, proposal, create_user, outbox):
    commenter = create_user()
    top = services.add_comment(commenter, proposal, "Muy buena idea")
    reply = services.add_comment(proposal.author, proposal, "Gracias", parent=top)
    assert reply.parent_id == top.id
    # The author hears of the comment, the commenter of the reply; not the author of it.
    comment_mail, reply_mail = outbox()
    assert comment_mail["To"] == "autora@example.org" and "List-Unsubscribe" in comment_mail
    assert reply_mail["To"] == commenter.email and "Gracias" in reply_mail.get_content()
    with pytest.raises(services.InvalidInput):
        services.add_comment(commenter, proposal, "Respuesta a respuesta", parent=reply)


def test_comments_need_a_verified_account_and_an_open_call(db, proposal, create_user, clock):
    with pytest.raises(services.CannotComment):
        services.add_comment(create_user(email_verified_at=None), proposal, "Hola")
    proposal.call.comments_open = False
    with pytest.raises(services.CommentsClosed):
        services.add_comment(create_user(), proposal, "Hola")
    proposal.call.comments_open = True
    clock.advance(days=31)  # voting closed
    with pytest.raises(services.CommentsClosed):
        services.add_comment(create_user(), proposal, "Hola")


def test_edit_within_fifteen_minutes_only(db, proposal, create_user, clock):
    user = create_user()
    comment = services.add_comment(user, proposal, "Primera versión")
    clock.advance(minutes=14)
    services.edit_comment(user, comment, "Segunda versión")
    assert comment.edited_at is not None
    clock.advance(minutes=2)
    with pytest.raises(services.EditWindowOver):
        services.edit_comment(user, comment, "Tercera")
    with pytest.raises(NotAllowed):
        services.edit_comment(create_user(), comment, "Ajena")


def test_delete_leaves_a_marker_only_when_there_are_replies(db, proposal, create_user):
    user = create_user()
    lonely = services.add_comment(user, proposal, "Sola")
    answered = services.add_comment(user, proposal, "Con respuesta")
    services.add_comment(create_user(), proposal, "Respuesta", parent=answered)
    services.delete_comment(user, lonely)
    services.delete_comment(user, answered)
    db.session.flush()
    assert db.session.get(Comment, lonely.id) is None
    assert answered.deleted_at is not None


def test_reports_are_distinct_and_hide_at_the_threshold(db, app, proposal, create_user, outbox):
    reporters = [create_user() for _ in range(app.config["REPORT_THRESHOLD"])]
    services.report(reporters[0], proposal, "spam")
    with pytest.raises(services.AlreadyReported):
        services.report(reporters[0], proposal, "offensive")
    for reporter in reporters[1:]:
        services.report(reporter, proposal, "spam")
    assert proposal.status == "hidden"
    assert proposal.moderation_reason == services.AUTO_HIDE_REASON
    [item] = services.queue()
    assert item["total"] == 3 and item["reasons"] == {"spam": 3}


def test_only_verified_accounts_may_report(db, app, proposal, create_user):
    unverified = [create_user(email_verified_at=None)
                  for _ in range(app.config["REPORT_THRESHOLD"])]
    for person in unverified:
        assert not services.can_report(person)
        with pytest.raises(NotAllowed):
            services.report(person, proposal, "spam")
    assert proposal.status == "published" and services.queue() == []


def test_during_voting_reports_queue_a_proposal_first_but_never_hide_it(
        db, app, call, proposal, create_proposal, create_user, moderator, clock):
    other = create_proposal(call)
    clock.set(call.voting_opens_at + timedelta(hours=1))
    services.report(create_user(), other, "spam")  # fewer reports, still listed first
    comment = services.add_comment(create_user(), other, "Compra aquí: spam")
    for _ in range(app.config["REPORT_THRESHOLD"] + 1):
        services.report(create_user(), proposal, "spam")
        services.report(create_user(), comment, "spam")
    assert proposal.status == "published"  # still in the vote
    assert comment.hidden_at is not None  # comments may still hide themselves
    queue = services.queue()
    assert [(i["type"], i["in_vote"]) for i in queue][:2] == [("proposal", True)] * 2
    assert queue[0]["target"] == proposal and queue[0]["total"] == 4
    # Only a moderator takes it out of the vote, with a reason shown publicly.
    with pytest.raises(services.InvalidInput):
        services.hide(moderator, proposal, "")
    services.hide(moderator, proposal, "Publicidad sin relación con el plan")
    assert proposal.status == "hidden"
    assert proposal.moderation_reason == "Publicidad sin relación con el plan"


def test_moderation_needs_the_role(db, proposal, create_user):
    with pytest.raises(services.NotModerator):
        services.hide(create_user(), proposal, "Contenido ofensivo")


def test_hide_restore_dismiss(db, proposal, moderator, create_user, outbox):
    services.report(create_user(), proposal, "offensive")
    services.hide(moderator, proposal, "Lenguaje ofensivo")
    assert proposal.status == "hidden" and services.queue() == []
    services.restore(moderator, proposal)
    assert proposal.status == "published" and proposal.moderation_reason is None
    services.report(create_user(), proposal, "spam")
    services.dismiss(moderator, proposal)
    assert services.queue() == []
    assert len(outbox()) == 2  # hidden, restored


def test_blocked_accounts_cannot_log_in(db, moderator, create_user, admin):
    from app.accounts import services as accounts
    from tests.conftest import PASSWORD

    user = create_user()
    services.block(moderator, user, "Spam reiterado")
    with pytest.raises(accounts.AccountBlocked):
        accounts.authenticate(user.email, PASSWORD)
    with pytest.raises(services.InvalidInput):
        services.block(moderator, admin, "no")


def vote_rows(db, proposal):
    return db.session.scalar(db.select(db.func.count()).select_from(Vote)
                             .where(Vote.proposal_id == proposal.id))


def test_merge_moves_votes_and_returns_doubles_to_the_budget(
        db, call, create_proposal, create_user, moderator, clock, outbox):
    duplicate, target = create_proposal(call), create_proposal(call)
    clock.advance(days=16)
    only_duplicate, both, only_target = create_user(), create_user(), create_user()
    voting.cast_vote(call, duplicate, only_duplicate)
    voting.cast_vote(call, duplicate, both)
    voting.cast_vote(call, target, both)
    voting.cast_vote(call, target, only_target)
    services.merge(moderator, duplicate, target)
    db.session.flush()
    assert (duplicate.status, duplicate.merged_into_id) == ("merged", target.id)
    assert duplicate.vote_count == 0 == vote_rows(db, duplicate)
    assert target.vote_count == 3 == vote_rows(db, target)
    used = dict(db.session.execute(db.select(Ballot.user_id, Ballot.used)).all())
    assert used == {only_duplicate.id: 1, both.id: 1, only_target.id: 1}
    assert voting.count_mismatches(call) == [] and voting.votes_on_merged(call) == []
    assert [p.id for p in services.merged_from(target)] == [duplicate.id]
    with pytest.raises(voting.ProposalNotVotable):
        voting.cast_vote(call, duplicate, create_user())


@pytest.mark.parametrize("case", ["itself", "other_call", "after_voting", "merged_again"])
def test_merge_refusals(db, call, create_call, create_proposal, moderator, clock, case):
    a, b = create_proposal(call), create_proposal(call)
    target = {"itself": a, "other_call": create_proposal(create_call())}.get(case, b)
    if case == "after_voting":
        clock.advance(days=31)
    if case == "merged_again":
        services.merge(moderator, a, b)
    with pytest.raises(services.InvalidMerge):
        services.merge(moderator, a, target)


def test_unsubscribe_link_turns_one_kind_off(db, client, proposal, create_user, outbox):
    import re

    services.add_comment(create_user(), proposal, "Comentario")
    link = re.search(r"https?://[^/]+(/accounts/unsubscribe/\S+)", outbox()[-1].get_content())
    response = client.get(link.group(1))
    assert response.status_code == 200
    # One person's page, reached from a mail without a session: never kept by a cache.
    assert response.headers["Cache-Control"] == "no-store"
    db.session.expire_all()
    assert proposal.author.notify_comments is False and proposal.author.notify_merges is True
    services.add_comment(create_user(), proposal, "Otro")
    assert len(outbox()) == 1
    assert client.get("/accounts/unsubscribe/forged-token").status_code == 400


def test_comment_page_orders_and_pages(db, proposal, create_user, clock):
    user = create_user()
    for n in range(12):
        clock.advance(minutes=1)
        services.add_comment(user, proposal, f"Comentario {n}")
    newest, _ = services.comment_page(proposal, 1, newest_first=True)
    oldest, _ = services.comment_page(proposal, 1, newest_first=False)
    assert newest.items[0].body == "Comentario 11" and oldest.items[0].body == "Comentario 0"
    assert newest.pages == 2 and len(newest.items) == 10
    assert clock.now() - timedelta(minutes=12) < newest.items[-1].created_at


# --- hiding and restoring, reported or not --------------------------------------------------

def hide_by_reports(app, create_user, target):
    for _ in range(app.config["REPORT_THRESHOLD"]):
        services.report(create_user(), target, "offensive")


def actions_on(target):
    from app.audit.services import events_for

    return [(event.action, event.actor_id) for event in events_for(target)]


def test_a_moderator_hides_unreported_content_and_is_recorded(db, proposal, moderator,
                                                             create_user, clock):
    comment = services.add_comment(create_user(), proposal, "Nadie lo reportó")
    services.hide(moderator, comment, "Datos personales de un tercero")
    services.hide(moderator, proposal, "Publicidad sin relación con el plan")
    for target in (comment, proposal):
        assert services.is_hidden(target) and not services.hidden_automatically(target)
        assert (target.hidden_by_id, target.hidden_at) == (moderator.id, clock.now())
        assert ("moderation.hidden", moderator.id) in actions_on(target)
    assert services.public_reason(comment) == "Datos personales de un tercero"


@pytest.mark.parametrize("kind", ["proposal", "comment"])
def test_restore_after_a_moderator_hid_it(db, proposal, moderator, create_user, outbox, kind):
    target = proposal if kind == "proposal" else services.add_comment(create_user(), proposal,
                                                                      "Comentario")
    services.hide(moderator, target, "Lenguaje ofensivo")
    other = create_user(role="admin")  # any moderator or administrator may restore it
    services.restore(other, target)
    assert not services.is_hidden(target) and target.hidden_by_id is None
    assert proposal.status == "published" and services.public_reason(target) is None
    assert actions_on(target)[-1] == ("moderation.restored", other.id)
    hidden_mail, restored_mail = outbox()[-2:]  # the author is told both times
    assert hidden_mail["To"] == restored_mail["To"] == target.author.email
    assert "Lenguaje ofensivo" in hidden_mail.get_content()


@pytest.mark.parametrize("kind", ["proposal", "comment"])
def test_restore_after_reports_hid_it(db, app, proposal, moderator, create_user, kind):
    target = proposal if kind == "proposal" else services.add_comment(create_user(), proposal,
                                                                      "Comentario")
    hide_by_reports(app, create_user, target)
    assert services.hidden_automatically(target) and target.hidden_at is not None
    assert str(services.public_reason(target)) == (
        "recibió varias denuncias y no se muestra hasta que la moderación revise el caso")
    services.restore(moderator, target)
    assert not services.is_hidden(target) and services.queue() == []


def test_dismissing_reports_undoes_only_an_automatic_hide(db, app, proposal, moderator,
                                                           create_user):
    automatic, confirmed = (services.add_comment(create_user(), proposal, f"Comentario {n}")
                            for n in (1, 2))
    for comment in (automatic, confirmed):
        hide_by_reports(app, create_user, comment)
    services.hide(moderator, confirmed, "Insultos a otra persona")  # the moderator takes it up
    assert confirmed.hidden_by_id == moderator.id
    for comment in (automatic, confirmed):
        services.report(create_user(), comment, "spam")
        services.dismiss(moderator, comment)
    assert not services.is_hidden(automatic)
    assert services.is_hidden(confirmed) and confirmed.hidden_reason == "Insultos a otra persona"


def test_restoring_what_is_not_hidden_is_refused(db, proposal, moderator):
    with pytest.raises(services.NotHidden):
        services.restore(moderator, proposal)


def test_a_draft_cannot_be_hidden(db, call, create_proposal, moderator):
    draft = create_proposal(call, status="draft")
    with pytest.raises(services.InvalidInput):
        services.hide(moderator, draft, "Contenido ofensivo")
    assert draft.status == "draft"


@pytest.mark.parametrize("role", ["participant", None])
def test_hiding_and_restoring_need_the_moderator_role(db, proposal, moderator, create_user,
                                                     role):
    from flask_login import AnonymousUserMixin

    someone = create_user(role=role) if role else AnonymousUserMixin()
    comment = services.add_comment(create_user(), proposal, "Comentario")
    with pytest.raises(services.NotModerator):
        services.hide(someone, comment, "Contenido ofensivo")
    services.hide(moderator, comment, "Contenido ofensivo")
    with pytest.raises(services.NotModerator):
        services.restore(someone, comment)
    assert services.is_hidden(comment)
    assert not services.can_moderate(someone) and services.can_moderate(moderator)
