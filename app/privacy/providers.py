"""The kinds of personal data the core of Minga keeps (see registry.py for the contract).

What a person published in a public process stays as its public record, under the
pseudonym their account row keeps; what was never public (drafts, sessions, mail waiting,
settings) goes; votes stay counted, unlinked from the voter.
"""

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, or_, select, update

from app.accounts import logins, throttle
from app.accounts.models import Login, LoginThrottle, User
from app.audit.models import AuditEvent
from app.calls.models import Call
from app.core.outbox import OutboxMessage
from app.extensions import db
from app.moderation.models import Comment, Report
from app.privacy.registry import PersonalData, iso, provide
from app.proposals.models import Proposal
from app.review.models import WorkingGroupMember
from app.voting.models import Ballot, Vote

VOTE_ACTIONS = ("vote.cast", "vote.withdrawn")
NOTIFICATION_SWITCHES = ("notify_by_email", "notify_comments", "notify_moderation",
                         "notify_merges", "notify_replies", "notify_outcomes")


# --- the account --------------------------------------------------------------------------

def _export_account(user: User) -> list[dict]:
    return [{
        "email": user.email, "name": user.name, "sector": user.sector, "region": user.region,
        "organisation": user.organisation, "role": user.role, "language": user.locale,
        "email_verified_at": iso(user.email_verified_at),
        "privacy_accepted_at": iso(user.privacy_accepted_at),
        "created_at": iso(user.created_at), "all_mail_stopped": user.mail_stopped,
        "frozen_at": iso(user.frozen_at), "blocked_by_moderators_at": iso(user.blocked_at),
        **{name: getattr(user, name) for name in NOTIFICATION_SWITCHES},
    }]


def _erase_account(user: User, pseudonym: str) -> None:
    # The row stays, as the pseudonym every public contribution and audit entry now names.
    user.email = f"erased-{user.id}@invalid"  # .invalid never delivers (RFC 2606)
    user.pending_email = None
    user.name = pseudonym
    user.organisation = None
    user.region = ""
    user.role = "participant"  # a pseudonym holds no office
    user.locale = None
    user.password_hash = "!"  # matches no password
    user.email_verified_at = None
    user.mail_stopped = True
    for name in NOTIFICATION_SWITCHES:
        setattr(user, name, False)


provide(PersonalData(
    name="account", what=_l("Account and profile"), where="users",
    why=_l("To let you log in, write to you and show your name on what you publish."),
    kept=_l("Until you delete your account; an account never confirmed goes after "
            "%(unverified_days)s days."),
    export=_export_account, erase=_erase_account, order=1000))


# --- logins and failed logins -------------------------------------------------------------

def _export_logins(user: User) -> list[dict]:
    return [{"browser": login.browser, "started_at": iso(login.started_at),
             "last_used_at": iso(login.last_seen_at), "remembered": login.remembered}
            for login in db.session.scalars(select(Login).where(Login.user_id == user.id)
                                            .order_by(Login.id))]


def _erase_logins(user: User, _pseudonym: str) -> None:
    logins.end_all_logins(user)


provide(PersonalData(
    name="sessions", what=_l("Logged-in browsers (sessions)"), where="logins",
    why=_l("To keep you logged in and let you end a session from elsewhere."),
    kept=_l("Until you log out, or the session expires unused."),
    export=_export_logins, erase=_erase_logins))


def _export_failed_logins(user: User) -> list[dict]:
    row = db.session.get(LoginThrottle, throttle.address_key(user.email))
    if row is None:
        return []
    return [{"failures": row.failures, "locked_until": iso(row.locked_until),
             "updated_at": iso(row.updated_at)}]


def _erase_failed_logins(user: User, _pseudonym: str) -> None:
    throttle.clear(throttle.address_key(user.email))


provide(PersonalData(
    name="failed_logins", what=_l("Failed login attempts (a keyed hash of the address)"),
    where="login_throttles",
    why=_l("To slow down anyone guessing passwords."),
    kept=_l("One day after the last failure."),
    export=_export_failed_logins, erase=_erase_failed_logins))


# --- proposals, comments, reports ---------------------------------------------------------

def _export_proposals(user: User) -> list[dict]:
    rows = db.session.scalars(select(Proposal).where(Proposal.author_id == user.id)
                              .order_by(Proposal.id))
    return [{"call": p.call.slug, "reference": p.reference, "status": p.status,
             "title": p.title, "summary": p.summary, "problem": p.problem,
             "commitment": p.commitment, "solution": p.solution,
             "expected_results": p.expected_results, "theme": p.theme,
             "responsible_body": p.responsible_body, "region": p.region,
             "organisation": p.organisation, "created_at": iso(p.created_at),
             "published_at": iso(p.published_at)} for p in rows]


def _erase_proposals(user: User, _pseudonym: str) -> None:
    drafts = list(db.session.scalars(select(Proposal.id).where(
        Proposal.author_id == user.id, Proposal.status == "draft")))
    if drafts:
        # What the audit trail said about a draft (its texts, if edited) goes with it.
        db.session.execute(update(AuditEvent).where(
            AuditEvent.target_type == Proposal.__tablename__,
            AuditEvent.target_id.in_([str(i) for i in drafts]))
            .values(before=None, after=None).execution_options(synchronize_session=False))
        db.session.execute(delete(Proposal).where(Proposal.id.in_(drafts))
                           .execution_options(synchronize_session=False))
    # The public record keeps the text, not the organisation that would name its author;
    # the open data of those calls is built again without it (app/results/data_version.py).
    db.session.execute(update(Proposal).where(Proposal.author_id == user.id,
                                              Proposal.organisation.is_not(None))
                       .values(organisation=None, version=Proposal.version + 1)
                       .execution_options(synchronize_session=False))
    db.session.execute(update(Call).where(Call.id.in_(
        select(Proposal.call_id).where(Proposal.author_id == user.id)))
        .values(data_version=Call.data_version + 1)
        .execution_options(synchronize_session=False))


provide(PersonalData(
    name="proposals", what=_l("Proposals, drafts included"), where="proposals",
    why=_l("A published proposal is part of the public record of the process."),
    kept=_l("Drafts until you delete them; published proposals for good, under a "
            "pseudonym once your account is deleted."),
    export=_export_proposals, erase=_erase_proposals))


def _export_comments(user: User) -> list[dict]:
    rows = db.session.scalars(select(Comment).where(Comment.author_id == user.id)
                              .order_by(Comment.id))
    return [{"proposal": c.proposal.reference if c.proposal_id else None,
             "commitment": c.commitment.reference if c.commitment_id else None,
             "field": c.field, "answer": c.answer, "body": c.body,
             "created_at": iso(c.created_at), "edited_at": iso(c.edited_at),
             "deleted_at": iso(c.deleted_at), "hidden_at": iso(c.hidden_at)} for c in rows]


def _erase_comments(user: User, _pseudonym: str) -> None:
    # A comment the person deleted stays only as a marker above its replies.
    db.session.execute(update(Comment).where(Comment.author_id == user.id,
                                             Comment.deleted_at.is_not(None))
                       .values(body="").execution_options(synchronize_session=False))


provide(PersonalData(
    name="comments", what=_l("Comments"), where="comments",
    why=_l("Comments are part of the public deliberation on each proposal."),
    kept=_l("For good, under a pseudonym once your account is deleted."),
    export=_export_comments, erase=_erase_comments))


def _export_reports(user: User) -> list[dict]:
    rows = db.session.scalars(select(Report).where(Report.reporter_id == user.id)
                              .order_by(Report.id))
    return [{"target_type": r.target_type, "target_id": r.target_id, "reason": r.reason,
             "created_at": iso(r.created_at), "resolved_at": iso(r.resolved_at)} for r in rows]


provide(PersonalData(
    name="reports", what=_l("Reports of content"), where="reports",
    why=_l("Reports from different people add up to hide abusive content."),
    kept=_l("For good, under a pseudonym once your account is deleted."),
    export=_export_reports))


# --- votes ----------------------------------------------------------------------------------

def _export_votes(user: User) -> list[dict]:
    rows = db.session.execute(
        select(Call.slug, Proposal.reference, Vote.created_at)
        .join(Ballot, Vote.ballot_id == Ballot.id).join(Call, Ballot.call_id == Call.id)
        .join(Proposal, Vote.proposal_id == Proposal.id)
        .where(Ballot.user_id == user.id).order_by(Vote.id))
    return [{"call": slug, "proposal": reference, "cast_at": iso(at)}
            for slug, reference, at in rows]


def unlink_votes(ballots, voters) -> None:
    """Drop the link between voters and their votes; every count stays as it is.

    `ballots`: a condition on Ballot; `voters`: one on AuditEvent.actor_id for the vote
    events of the same votes.
    """
    db.session.execute(update(Ballot).where(ballots, Ballot.user_id.is_not(None))
                       .values(user_id=None).execution_options(synchronize_session=False))
    db.session.execute(update(AuditEvent).where(AuditEvent.action.in_(VOTE_ACTIONS), voters)
                       .values(actor_id=None).execution_options(synchronize_session=False))


def _erase_votes(user: User, _pseudonym: str) -> None:
    unlink_votes(Ballot.user_id == user.id, AuditEvent.actor_id == user.id)


provide(PersonalData(
    name="votes", what=_l("Your votes (who supported what)"), where="ballots, votes",
    why=_l("To count your support and let you change it while voting is open."),
    kept=_l("Counted for good; the link to you is dropped %(vote_link_months)s months "
            "after the results are published, or when you delete your account."),
    export=_export_votes, erase=_erase_votes))


# --- Working Group, mail, audit ---------------------------------------------------------------

def _export_memberships(user: User) -> list[dict]:
    rows = db.session.scalars(select(WorkingGroupMember)
                              .where(WorkingGroupMember.user_id == user.id)
                              .order_by(WorkingGroupMember.id))
    return [{"call_id": m.call_id, "constituency": m.constituency,
             "created_at": iso(m.created_at)} for m in rows]


provide(PersonalData(
    name="working_group", what=_l("Working Group membership"), where="working_group_members",
    why=_l("The Working Group's members and their assessments are public."),
    kept=_l("For good, under a pseudonym once your account is deleted."),
    export=_export_memberships))


def _export_mail(user: User) -> list[dict]:
    return [{"subject": m.subject, "status": m.status, "created_at": iso(m.created_at)}
            for m in db.session.scalars(select(OutboxMessage).where(
                OutboxMessage.to_address == user.email).order_by(OutboxMessage.id))]


def _erase_mail(user: User, _pseudonym: str) -> None:
    db.session.execute(delete(OutboxMessage).where(OutboxMessage.to_address == user.email)
                       .execution_options(synchronize_session=False))


provide(PersonalData(
    name="mail_waiting", what=_l("Mail waiting to be sent to you"), where="mail_outbox",
    why=_l("Messages are kept only until they are delivered."),
    kept=_l("Until delivered; a message that keeps failing until an administrator deals "
            "with it."),
    export=_export_mail, erase=_erase_mail))


def _about(user: User):
    return or_(AuditEvent.actor_id == user.id,
               (AuditEvent.target_type == User.__tablename__)
               & (AuditEvent.target_id == str(user.id)))


def _export_audit(user: User) -> list[dict]:
    rows = db.session.scalars(select(AuditEvent).where(_about(user)).order_by(AuditEvent.id))
    return [{"occurred_at": iso(e.occurred_at), "by_me": e.actor_id == user.id,
             "action": e.action, "target_type": e.target_type, "target_id": e.target_id,
             "before": e.before, "after": e.after} for e in rows]


def _erase_audit(user: User, _pseudonym: str) -> None:
    # Entries about the person keep what happened and the pseudonym (the account row),
    # not the values they recorded (a region, a reason, a kind of notification).
    db.session.execute(update(AuditEvent).where(
        AuditEvent.target_type == User.__tablename__, AuditEvent.target_id == str(user.id))
        .values(before=None, after=None).execution_options(synchronize_session=False))


provide(PersonalData(
    name="audit", what=_l("Audit trail entries by you or about your account"),
    where="audit_events",
    why=_l("To show who did what in the process, and to check it was done by the rules."),
    kept=_l("For good; once your account is deleted, only its pseudonym."),
    export=_export_audit, erase=_erase_audit, order=900))
