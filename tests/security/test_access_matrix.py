"""Who may open what: every route of the URL map × every kind of actor, as one table.

Each GET route has an entry in `GETS`: for each case (the route's arguments pointing at
a real object of the world in tests/security/conftest.py), the answer every actor gets,
in the column order of ACTORS. A route without an entry fails the suite, so a new page is
placed in the matrix the day it is added. State changes that belong to one kind of actor
are in `POSTS`, answered the same way; with CSRF off there, the answer measures who may
act, not whether the form was forged (tests/security/test_csrf_sweep.py does that).

Answers:
  ok      200
  login   a redirect to the login page (the only answer for nobody, on a private page)
  redir   a redirect elsewhere (a refusal shown as a message on the page it leads to, or
          a page that moved, e.g. the edit form of a frozen proposal)
  done    (POST) a redirect, and the change happened: the audit trail has a new event
  kept    (POST) a redirect, and nothing changed
  403 …   any other status, as a number

Private pages (`private=True`) carry `Cache-Control: no-store` for everyone they are shown
to: no browser or proxy may keep them.
"""

import io
from datetime import date
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import pytest
from flask import url_for
from sqlalchemy import func, select

from app.accounts import logins
from app.audit.models import AuditEvent
from app.extensions import db as _db
from app.moderation import services as moderation
from app.priorities.models import PriorityTheme
from app.proposals.models import Proposal
from app.review import services as review
from app.voting import services as voting
from tests.cocreation_factories import make_poll, make_session
from tests.conftest import PROPOSAL_TEXT, T0
from tests.security.conftest import ACTORS, RESPONSE, World, phase_dates, sign_in


@dataclass(frozen=True)
class Case:
    args: Callable[[World], dict]  # the URL's arguments, from the world
    answers: dict  # actor -> answer
    private: bool = False


def case(args, row: str, private: bool = False) -> Case:
    """A case from its row: one answer per actor, in the column order of ACTORS."""
    answers = row.split()
    assert len(answers) == len(ACTORS), row
    return Case(args, dict(zip(ACTORS, answers, strict=True)), private)


def no_args(_world):
    return {}


def call(slug):
    return lambda _world: {"slug": slug}


def proposal(name):
    def args(world):
        found = getattr(world, name)
        return {"slug": found.call.slug, "reference": found.reference}
    return args


def plan(name):
    return lambda world: {"slug": getattr(world, name).slug}


def commitment():
    return lambda world: {"slug": world.plan.slug, "reference": world.commitment.reference}


def milestone():
    return lambda world: {"slug": world.plan.slug, "reference": world.commitment.reference,
                          "milestone_id": world.milestone.id}


def update_of(_page=None):
    return lambda world: {"slug": world.plan.slug, "reference": world.commitment.reference,
                          "update_id": world.update.id}


def reading_of():
    return lambda world: {"slug": world.plan.slug, "reference": world.commitment.reference,
                          "reading_id": world.reading.id}


def coding(by):
    return lambda world: {"slug": world.plan.slug, "reference": world.commitment.reference,
                          "by": by}


def draft_of(name):
    def args(world):
        found = getattr(world, name)
        return {"slug": found.call.slug, "proposal_id": found.id}
    return args


def dialogue(world):
    return {"slug": world.dialogue.call.slug, "session_id": world.dialogue.id}


def token(purpose, garbage=False):
    return lambda world: {"token": "garbage" if garbage else world.tokens[purpose]}


# Columns:                anonymous unverified participant author moderator member observer admin
EVERYONE = "ok ok ok ok ok ok ok ok"
SIGNED_IN = "login ok ok ok ok ok ok ok"
ADMINS = "login 403 403 403 403 403 403 ok"
MODERATORS = "login 403 403 403 ok 403 403 ok"
REVIEWERS = "login 403 403 403 403 ok ok ok"  # members and observers of the call's group
AUTHOR_ONLY = "login 404 404 ok 404 404 404 404"  # others' drafts do not exist for them
REPORTERS = "login redir redir ok redir redir redir ok"  # implementers (the author), admins
ANONYMOUS_ONLY = "ok redir redir redir redir redir redir redir"
MOVED = "redir redir redir redir redir redir redir redir"
VOTING_SEATS = "login 403 403 403 403 ok 403 ok"  # the group's voting seats, administrators

GETS: dict[str, dict[str, Case]] = {
    # -- public pages ---------------------------------------------------------------------
    "calls.home": {"home": case(no_args, EVERYONE)},
    "calls.index": {"all": case(no_args, EVERYONE)},
    "calls.show": {
        "open": case(call("open"), EVERYONE),
        "unknown": case(call("nope"), "404 404 404 404 404 404 404 404"),
    },
    "proposals.index": {
        "open": case(call("open"), EVERYONE),
        "done": case(call("done"), EVERYONE),
    },
    "proposals.show": {
        "published": case(proposal("published"), EVERYONE),
        "hidden (a tombstone)": case(proposal("hidden"), EVERYONE),
        "withdrawn": case(proposal("withdrawn"), EVERYONE),
        "decided": case(proposal("decided"), EVERYONE),
        "unknown": case(lambda w: {"slug": "open", "reference": "2026-9999"},
                        "404 404 404 404 404 404 404 404"),
    },
    "plans.index": {"all": case(no_args, EVERYONE)},
    "plans.show": {
        "in implementation": case(plan("plan"), EVERYONE),
        "draft (administrators only)": case(plan("draft_plan"),
                                            "404 404 404 404 404 404 404 ok"),
        "unknown": case(call("nope"), "404 404 404 404 404 404 404 404"),
    },
    "plans.commitment": {
        "in implementation": case(commitment(), EVERYONE),
        "unknown": case(lambda w: {"slug": "nap", "reference": "CL9999"},
                        "404 404 404 404 404 404 404 404"),
    },
    "plans.update": {"versions": case(update_of(), EVERYONE)},
    "plans.consultation_page": {
        "in consultation": case(plan("consulted_plan"), EVERYONE),
        "draft (administrators only)": case(plan("draft_plan"),
                                            "404 404 404 404 404 404 404 ok")},
    "plans.comments_export": {
        "in implementation": case(plan("plan"), EVERYONE),
        "draft (administrators only)": case(plan("draft_plan"),
                                            "404 404 404 404 404 404 404 ok")},
    "plans.export": {
        f"{fmt}": case(lambda w, fmt=fmt: {"slug": "nap", "fmt": fmt}, EVERYONE)
        for fmt in ("csv", "json", "sqlite")
    } | {"unknown format": case(lambda w: {"slug": "nap", "fmt": "xml"},
                                "404 404 404 404 404 404 404 404"),
         "draft (administrators only)": case(lambda w: {"slug": "borrador", "fmt": "csv"},
                                             "404 404 404 404 404 404 404 ok")},
    "plans.report": {
        "in implementation": case(plan("plan"), EVERYONE),
        "draft (administrators only)": case(plan("draft_plan"),
                                            "404 404 404 404 404 404 404 ok")},
    "plans.unfollow": {
        "valid": case(token("unfollow"), EVERYONE, private=True),
        "garbage": case(token("unfollow", garbage=True), "400 400 400 400 400 400 400 400"),
    },
    "results.show": {
        "open": case(call("open"), EVERYONE),
        "done": case(call("done"), EVERYONE),
    },
    "results.export": {
        f"{fmt}": case(lambda w, fmt=fmt: {"slug": "done", "fmt": fmt}, EVERYONE)
        for fmt in ("csv", "json", "sqlite")
    } | {"unknown format": case(lambda w: {"slug": "done", "fmt": "xml"},
                                "404 404 404 404 404 404 404 404")},
    "voting.redeem": {"voting": case(call("voting"), EVERYONE)},
    "review.shortlist": {
        # The draft plan is the group's until the results are published, then everyone's.
        "review": case(call("review"), REVIEWERS, private=True),
        "done": case(call("done"), EVERYONE),
    },
    # The privacy notice moved to /privacy; its first address answers with a 301.
    "accounts.privacy": {"notice": case(no_args, MOVED)},
    "pages.privacy": {"notice": case(no_args, EVERYONE)},
    "pages.terms": {"terms": case(no_args, EVERYONE)},
    "pages.accessibility": {"statement": case(no_args, EVERYONE)},
    "pages.help_page": {"help": case(no_args, EVERYONE)},
    "health.healthz": {"probe": case(no_args, EVERYONE)},
    "health.readyz": {"probe": case(no_args, EVERYONE)},
    "accounts.choose_locale": {
        "es": case(lambda w: {"code": "es"}, "redir redir redir redir redir redir redir redir"),
        "unknown": case(lambda w: {"code": "xx"}, "404 404 404 404 404 404 404 404"),
    },
    "static": {"css": case(lambda w: {"filename": "css/minga.css"}, EVERYONE)},
    # -- the read-only API ----------------------------------------------------------------
    "api.openapi": {"document": case(no_args, EVERYONE)},
    "api.index": {"index": case(no_args, EVERYONE)},
    "api.calls": {"all": case(no_args, EVERYONE)},
    "api.call": {"open": case(call("open"), EVERYONE)},
    "api.proposals": {"open": case(call("open"), EVERYONE)},
    "api.proposal": {
        "published": case(proposal("published"), EVERYONE),
        "withdrawn": case(proposal("withdrawn"), EVERYONE),
        "hidden": case(proposal("hidden"), "404 404 404 404 404 404 404 404"),
    },
    "api.results": {"done": case(call("done"), EVERYONE)},
    "api.priorities": {
        "open": case(call("open"), EVERYONE),
        "no poll": case(call("done"), "404 404 404 404 404 404 404 404"),
    },
    "api.dialogues": {"open": case(call("open"), EVERYONE)},
    "api.working_group": {"group": case(no_args, EVERYONE)},
    "api.working_group_meetings": {"meetings": case(no_args, EVERYONE)},
    "api.documents": {"documents": case(no_args, EVERYONE)},
    "api.plans": {"all": case(no_args, EVERYONE)},
    "api.plan": {"nap": case(plan("plan"), EVERYONE),
                 "draft": case(plan("draft_plan"), "404 404 404 404 404 404 404 404")},
    "api.commitment": {"nap": case(commitment(), EVERYONE)},
    # -- accounts -------------------------------------------------------------------------
    "accounts.login": {"form": case(no_args, ANONYMOUS_ONLY, private=True)},
    "accounts.register": {"form": case(no_args, ANONYMOUS_ONLY, private=True)},
    "accounts.logout": {"form": case(no_args, EVERYONE, private=True)},
    "accounts.reset": {"form": case(no_args, EVERYONE, private=True)},
    "accounts.reset_with_token": {
        "valid": case(token("reset"), EVERYONE, private=True),
        "garbage": case(token("reset", garbage=True), "400 400 400 400 400 400 400 400"),
    },
    "accounts.verify": {
        # A newcomer's link: whoever follows it is sent to log in as that person.
        "valid": case(token("verify"), "login login login login login login login login"),
        "garbage": case(token("verify", garbage=True), "400 400 400 400 400 400 400 400"),
    },
    "accounts.resend_verification": {"form": case(no_args, EVERYONE, private=True)},
    # A new address's link works for its account alone (tests/accounts/test_email_change.py).
    "accounts.confirm_email_change": {
        "garbage": case(lambda w: {"token": "garbage"}, "400 400 400 400 400 400 400 400")},
    "accounts.unsubscribe": {
        "valid": case(token("unsubscribe"), EVERYONE, private=True),
        "garbage": case(token("unsubscribe", garbage=True), "400 400 400 400 400 400 400 400"),
    },
    "accounts.profile": {"mine": case(no_args, SIGNED_IN, private=True)},
    "accounts.sessions": {"mine": case(no_args, SIGNED_IN, private=True)},
    "proposals.mine": {"mine": case(no_args, SIGNED_IN, private=True)},
    # -- one's rights over one's data (app/privacy/) -----------------------------------------
    "privacy.data": {"mine": case(no_args, SIGNED_IN, private=True)},
    "admin.personal_data": {"register": case(no_args, ADMINS, private=True)},
    "privacy.accept": {"form": case(no_args, SIGNED_IN, private=True)},
    "privacy.erase": {"mine": case(no_args, SIGNED_IN, private=True)},
    "privacy.unfreeze": {"form": case(no_args, EVERYONE, private=True)},
    "privacy.download": {
        # Never built for anyone here: every link is one that cannot be used.
        "garbage": case(lambda w: {"token": "garbage"}, "login 400 400 400 400 400 400 400",
                        private=True),
    },
    "privacy.erase_confirm": {
        # The author's link: only the author, logged in, may follow it.
        "valid": case(token("erase"), "login 400 400 ok 400 400 400 400", private=True),
        "garbage": case(token("erase", garbage=True), "login 400 400 400 400 400 400 400"),
    },
    "voting.mine": {"mine": case(no_args, SIGNED_IN, private=True)},
    # -- proposals and comments of one person ---------------------------------------------
    "proposals.new": {
        # The unverified confirm first; government accounts (the admin) do not submit.
        "open": case(call("open"), "login 403 ok ok ok ok ok 403", private=True),
        "closed": case(call("review"), "login 403 409 409 409 409 409 403", private=True),
    },
    "proposals.preview": {
        "draft": case(draft_of("draft"), AUTHOR_ONLY, private=True),
        "published": case(draft_of("published"), "login 404 404 redir 404 404 404 404"),
    },
    "proposals.edit_draft": {
        "draft": case(draft_of("draft"), AUTHOR_ONLY, private=True),
        "published": case(draft_of("published"), "login 404 404 redir 404 404 404 404"),
    },
    "proposals.edit": {
        # Anyone else is sent back to the proposal with the reason.
        "mine": case(proposal("published"), "login redir redir ok redir redir redir redir",
                     private=True),
        "the participant's": case(proposal("others"),
                                  "login redir ok redir redir redir redir redir", private=True),
        "frozen (voting)": case(proposal("votable"),
                                "login redir redir redir redir redir redir redir"),
        "hidden": case(proposal("hidden"), "login 404 404 404 404 404 404 404"),
    },
    "proposals.withdraw": {
        "mine": case(proposal("published"), "login redir redir ok redir redir redir redir",
                     private=True),
        "the participant's": case(proposal("others"),
                                  "login redir ok redir redir redir redir redir", private=True),
        "frozen (voting)": case(proposal("votable"),
                                "login redir redir redir redir redir redir redir"),
    },
    "moderation.edit_comment": {
        "the author's": case(lambda w: {"item_id": w.comment.id},
                             "login 403 403 ok 403 403 403 403", private=True),
        "unknown": case(lambda w: {"item_id": 999_999}, "login 404 404 404 404 404 404 404"),
    },
    # -- moderation, review, administration -------------------------------------------------
    "moderation.queue": {"queue": case(no_args, MODERATORS, private=True)},
    "moderation.hidden_list": {"list": case(no_args, MODERATORS, private=True)},
    "moderation.hide": {
        "a proposal": case(lambda w: {"kind": "proposal", "item_id": w.published.id},
                           MODERATORS, private=True)},
    "review.queue": {
        "review": case(call("review"), REVIEWERS, private=True),
        # The panel is whoever holds a seat of the standing group during the call's review:
        # the same people sit on the open call's and on the finished one's.
        "another call": case(call("open"), REVIEWERS, private=True),
        "done": case(call("done"), REVIEWERS, private=True),
    },
    "review.proposal": {
        "review": case(proposal("reviewed"), REVIEWERS, private=True),
        "another call": case(proposal("published"), REVIEWERS, private=True),
    },
    "review.publish": {
        # Members see what is left undecided; only an administrator may publish (POSTS).
        "review": case(call("review"), REVIEWERS, private=True),
    },
    # -- co-creation beyond the open call ----------------------------------------------------
    "priorities.show": {
        "open": case(call("open"), EVERYONE),
        "no poll": case(call("voting"), "404 404 404 404 404 404 404 404"),
    },
    "priorities.admin": {"open": case(call("open"), ADMINS, private=True)},
    "dialogues.index": {"open": case(call("open"), EVERYONE)},
    "dialogues.show": {
        "a session": case(dialogue, EVERYONE),
        "unknown": case(lambda w: {"slug": "open", "session_id": 999_999},
                        "404 404 404 404 404 404 404 404"),
        "another call's": case(lambda w: {"slug": "done", "session_id": w.dialogue.id},
                               "404 404 404 404 404 404 404 404"),
    },
    # The participant facilitates the session; anyone else is sent back with the reason.
    "dialogues.enter": {"a session": case(dialogue, "login redir ok redir redir redir redir redir",
                                          private=True)},
    "dialogues.template": {"open": case(call("open"), EVERYONE)},
    "dialogues.admin_list": {"open": case(call("open"), ADMINS, private=True)},
    "dialogues.admin_edit": {"a session": case(dialogue, ADMINS, private=True)},
    "dialogues.admin_import": {"open": case(call("open"), ADMINS, private=True)},
    "admin.dashboard": {"dashboard": case(no_args, ADMINS, private=True)},
    "admin.users": {"users": case(no_args, ADMINS, private=True)},
    "admin.new_call": {"form": case(no_args, ADMINS, private=True)},
    "admin.edit_call": {"open": case(call("open"), ADMINS, private=True)},
    "admin.members": {"review": case(call("review"), ADMINS, private=True)},
    "admin.outbox_page": {"outbox": case(no_args, ADMINS, private=True)},
    "pages.admin_list": {"pages": case(no_args, ADMINS, private=True)},
    # -- the standing Working Group ---------------------------------------------------------
    "working_group.show": {"group": case(no_args, EVERYONE)},
    "standards.index": {"evidence": case(no_args, EVERYONE)},
    "working_group.rules_page": {
        "latest change": case(no_args, EVERYONE),
        "two versions": case(lambda w: {"from": w.group.rules[1].id, "to": w.group.rules[0].id},
                             EVERYONE),
        "unknown version": case(lambda w: {"from": 999_999}, "404 404 404 404 404 404 404 404"),
    },
    "working_group.admin_seats": {"seats": case(no_args, ADMINS, private=True)},
    "working_group.appoint": {
        "a seat": case(lambda w: {"seat_id": w.group.seats["academia"].id}, ADMINS,
                       private=True),
        "unknown seat": case(lambda w: {"seat_id": 999_999}, "login 403 403 403 403 403 403 404"),
    },
    "working_group.end_term": {
        "a running term": case(lambda w: {"term_id": w.group.terms["academia"].id}, ADMINS,
                               private=True),
        "an ended term": case(lambda w: {"term_id": w.group.terms["government_2017"].id},
                              "login 403 403 403 403 403 403 404"),
    },
    "working_group.new_rules": {"form": case(no_args, ADMINS, private=True)},
    "working_group.meetings_page": {"all": case(no_args, EVERYONE)},
    "working_group.meetings_ics": {"feed": case(no_args, EVERYONE)},
    "working_group.export_json": {"all": case(no_args, EVERYONE)},
    "working_group.export_seats": {"csv": case(no_args, EVERYONE)},
    "working_group.export_meetings": {"csv": case(no_args, EVERYONE)},
    "working_group.export_documents": {"csv": case(no_args, EVERYONE)},
    "working_group.meeting": {
        # Drafts are shown to members only; the page itself is public.
        f"{name} minutes": case(lambda w, name=name: {"meeting_id": w.group.meetings[name].id},
                                EVERYONE)
        for name in ("published", "circulated", "draft", "upcoming")
    } | {"unknown": case(lambda w: {"meeting_id": 999_999}, "404 404 404 404 404 404 404 404")},
    "working_group.new_meeting": {"form": case(no_args, ADMINS, private=True)},
    "working_group.documents_page": {
        "all": case(no_args, EVERYONE),
        "filtered": case(lambda w: {"kind": "rules", "year": "2017", "meeting": "x"}, EVERYONE),
    },
    "working_group.document": {
        "a document": case(lambda w: {"document_id": w.group.documents[0].id}, EVERYONE),
        "unknown": case(lambda w: {"document_id": 999_999}, "404 404 404 404 404 404 404 404"),
    },
    "working_group.document_file": {
        "a document": case(lambda w: {"document_id": w.group.documents[0].id}, EVERYONE)},
    "working_group.new_document": {"form": case(no_args, ADMINS, private=True)},
    "working_group.edit_meeting": {
        "a meeting": case(lambda w: {"meeting_id": w.group.meetings["upcoming"].id}, ADMINS,
                          private=True)},
    "plans.admin_list": {"plans": case(no_args, ADMINS, private=True)},
    "plans.new_plan": {"form": case(no_args, ADMINS, private=True)},
    "plans.edit_plan": {"nap": case(plan("plan"), ADMINS, private=True)},
    "plans.new_commitment": {
        "nap": case(plan("plan"), ADMINS, private=True),
        "copied from a proposal": case(lambda w: {"slug": "nap", "from": w.decided.reference},
                                       ADMINS, private=True)},
    "plans.edit_commitment": {"nap": case(commitment(), ADMINS, private=True)},
    "plans.new_milestone": {"nap": case(commitment(), ADMINS, private=True)},
    "plans.edit_milestone": {"nap": case(milestone(), ADMINS, private=True)},
    "plans.implementers": {"nap": case(commitment(), ADMINS, private=True)},
    "plans.import_page": {"nap": case(plan("plan"), ADMINS, private=True)},
    # The voting seats and administrators run a consultation: observers take no position.
    "plans.consultation_window": {"consulted": case(plan("consulted_plan"), VOTING_SEATS,
                                                    private=True)},
    "plans.answer_comment": {"a comment": case(lambda w: {
        "slug": w.consulted_plan.slug, "comment_id": w.consultation_comment.id},
        VOTING_SEATS, private=True)},
    # Verified people outside government read updates; the others are sent back.
    "plans.give_reading": {"nap": case(update_of("reading"),
                                       "login redir ok ok ok ok ok redir", private=True)},
    "plans.answer_reading": {"nap": case(reading_of(), REPORTERS, private=True)},
    # The author reports on the world's commitment; anyone else is sent back with the reason.
    "plans.new_update": {"nap": case(commitment(), REPORTERS, private=True)},
    "plans.revise_update": {"nap": case(update_of(), REPORTERS, private=True)},
    "plans.coding": {
        "self-assessment": case(coding("government"), REPORTERS, private=True),
        "the IRM's": case(coding("irm"), ADMINS, private=True),
        "unknown": case(coding("nobody"), "login 404 404 404 404 404 404 404")},
    "pages.admin_edit": {
        "privacy (es)": case(lambda w: {"slug": "privacy", "locale": "es"}, ADMINS,
                             private=True),
        "unknown page": case(lambda w: {"slug": "secrets", "locale": "es"},
                             "login 403 403 403 403 403 403 404")},
}


def get_routes(app) -> set[str]:
    return {rule.endpoint for rule in app.url_map.iter_rules() if "GET" in rule.methods}


def post_routes(app) -> set[str]:
    return {rule.endpoint for rule in app.url_map.iter_rules() if "POST" in rule.methods}


def url_of(app, endpoint: str, args: dict) -> str:
    with app.test_request_context():
        return url_for(endpoint, **args)


def answer_of(response) -> str:
    if 300 <= response.status_code < 400:
        target = urlsplit(response.headers["Location"]).path
        return "login" if target == "/accounts/login" else "redir"
    return "ok" if response.status_code == 200 else str(response.status_code)


def listed(wrong: dict) -> str:
    return "".join(f"\n  {where}: {what}" for where, what in wrong.items())


def test_every_get_route_is_in_the_matrix(app):
    assert sorted(get_routes(app) - GETS.keys()) == [], "add the new pages to GETS"
    assert sorted(GETS.keys() - get_routes(app)) == [], "GETS names pages that are gone"


# With CSRF on, as in production: a form's token puts something in the session, and pages
# built for a session are the ones that must not be kept.
@pytest.mark.config(WTF_CSRF_ENABLED=True)
@pytest.mark.parametrize("actor", ACTORS)
def test_every_get_route_answers_each_actor_as_the_matrix_says(app, world, actor):
    browser = sign_in(app, world.user(actor))
    wrong = {}
    for endpoint, cases in GETS.items():
        for name, expected in cases.items():
            url = url_of(app, endpoint, expected.args(world))
            # Anonymous visits come without cookies each time: a first visit from a link.
            client = browser if actor != "anonymous" else app.test_client()
            response = client.get(url)
            response.get_data()  # a streamed export runs to its end, as a download would
            got, wanted = answer_of(response), expected.answers[actor]
            if got != wanted:
                wrong[f"{endpoint} [{name}] {url}"] = f"{got}, the matrix says {wanted}"
            elif expected.private and got == "ok" and \
                    "no-store" not in response.headers.get("Cache-Control", ""):
                wrong[f"{endpoint} [{name}] {url}"] = "private, but without no-store"
    assert not wrong, listed(wrong)


# -- state changes ------------------------------------------------------------------------

@dataclass
class Maker:
    """The factories a case uses to make a fresh target for each actor."""

    create_user: Callable
    create_call: Callable
    create_proposal: Callable


@pytest.fixture
def maker(create_user, create_call, create_proposal) -> Maker:
    return Maker(create_user, create_call, create_proposal)


@dataclass(frozen=True)
class Act:
    # (world, maker, actor) -> (URL arguments, form data): a fresh target for each actor,
    # so what one actor did never changes what the next one meets.
    target: Callable
    answers: dict
    # (URL arguments) -> a value that changes when the action happens; by default the
    # length of the audit trail, which every state change appends to.
    probe: Callable | None = None


def act(target, row: str, probe=None) -> Act:
    answers = row.split()
    assert len(answers) == len(ACTORS), row
    return Act(target, dict(zip(ACTORS, answers, strict=True)), probe)


def audit_events(_args=None) -> int:
    return _db.session.scalar(select(func.count()).select_from(AuditEvent))


PROPOSAL_FORM = {**{k: v for k, v in PROPOSAL_TEXT.items() if k != "organisation"},
                 "organisation": "", "theme": "Acceso a la información"}
CALL_FORM = {
    "title": "Plan de Acción 2027", "description": "Convocatoria abierta.",
    "submission_opens_at": "2026-04-01T09:00", "submission_closes_at": "2026-04-30T23:59",
    "voting_opens_at": "2026-05-10T09:00", "voting_closes_at": "2026-05-31T23:59",
    "votes_per_voter": "10", "themes": "Acceso a la información\n",
    "max_proposals_per_author": "5", "eligibility": "email", "decision_rule": "consensus",
    "rules": "La Mesa decide por consenso.",
}
SCORES = dict.fromkeys(("relevance", "specificity", "measurability", "feasibility", "impact"),
                       "2")
DECISION = {"outcome": "included", "response": RESPONSE, "position": "agree"}


# A target is made in two steps: a maker returns (URL arguments, the object it made), and
# `with_data` turns that into (URL arguments, form data) for the request.

def fresh_proposal(call_name: str, author: str = "participant", **fields):
    """A new proposal for each actor, in one of the world's calls."""
    def target(world, maker, _actor):
        made = maker.create_proposal(getattr(world, call_name), author=world.user(author),
                                     **fields)
        if made.is_draft:
            return {"slug": made.call.slug, "proposal_id": made.id}, made
        return {"slug": made.call.slug, "reference": made.reference}, made
    return target


def with_data(target, data=None, **more):
    """The target's URL arguments, with this form data (or data made from the target)."""
    def build(world, maker, actor):
        args, made = target(world, maker, actor)
        found = data(made, world) if callable(data) else dict(data or {})
        return args, {**found, **more}
    return build


def moderated(kind: str, make):
    """The moderation URL of what `make` made."""
    def target(world, maker, actor):
        _args, made = make(world, maker, actor)
        return {"kind": kind, "item_id": made.id}, made
    return target


def fresh_comment(author: str = "participant", reported_by: str | None = None):
    def target(world, _maker, _actor):
        made = moderation.add_comment(world.user(author), world.published, "Un comentario")
        if reported_by:
            moderation.report(world.user(reported_by), made, "spam")
        _db.session.commit()
        return {"item_id": made.id}, made
    return target


def fresh_user(world, maker, _actor):
    made = maker.create_user(name="Alguien")
    return {"item_id": made.id}, made


def vote_first(world, maker, actor):
    """A proposal in the vote that the actor (if they may vote) has voted for."""
    made = maker.create_proposal(world.voting, author=world.user("participant"))
    voter = world.user(actor)
    if voter is not None and voter.is_verified:
        voting.cast_vote(world.voting, made, voter)
        _db.session.commit()
    return {"slug": made.call.slug, "reference": made.reference}, made


def review_call_of_its_own(world, maker, actor):
    """A call in review with nothing left to decide, its panel the world's seats."""
    made = maker.create_call(slug=f"review-{actor}", **phase_dates(40))
    _db.session.commit()
    return {"slug": made.slug}, made


def confirmed_publication(made, _world) -> dict:
    """The publish form as an admin sends it after reading the consequences."""
    from app.core.confirmation import fingerprint

    return {"confirm": "y",
            "consequences_seen": fingerprint(review.publication_consequences(made))}


def a_new_call(_world, _maker, actor):
    return {}, {**CALL_FORM, "slug": f"new-{actor}"}


def a_failed_message(_world, _maker, _actor):
    from app.core.clock import now
    from app.core.outbox import FAILED, OutboxMessage

    made = OutboxMessage(to_address="a@example.org", subject="s", body="b", headers={},
                         status=FAILED, attempts=6, next_attempt_at=now(), created_at=now())
    _db.session.add(made)
    _db.session.commit()
    return {"message_id": made.id}, {}


def a_call_to_edit(_world, maker, _actor):
    from app.core.timezones import utc_to_local

    made = maker.create_call()
    # Its own dates: an edit that moves none into the past asks for no confirmation.
    dates = {name: utc_to_local(getattr(made, name)).strftime("%Y-%m-%dT%H:%M")
             for name in ("submission_opens_at", "submission_closes_at", "voting_opens_at",
                          "voting_closes_at")}
    return {"slug": made.slug}, {**CALL_FORM, **dates, "version": str(made.version)}


def someone_to_promote(_world, maker, _actor):
    return {"user_id": maker.create_user().id}, {"role": "moderator"}


PLAN_FORM = {"title": "Plan", "starts_on": "2016-09-01", "ends_on": "2018-08-31",
             "status": "implementation", "call_id": "0"}
COMMITMENT_FORM = {"title": "Compromiso", "lead_agency": "Agencia"}
MILESTONE_FORM = {"deliverable": "Hito", "weight": "2"}


UPDATE_FORM = {"status": "substantial", "narrative": "Avance del hito"}
CODING_FORM = {"completion": "limited", "potential": "modest", "verifiable": "yes"}
BY_REPORTERS = "login kept kept done kept kept kept done"


def an_implementer_to_remove(world, maker, _actor):
    from app.plans import reporting

    made = reporting.assign_implementer(world.user("admin"), world.commitment,
                                        maker.create_user(sector="government"))
    _db.session.commit()
    return ({"slug": "nap", "reference": world.commitment.reference,
             "implementer_id": made.id}, {})


def an_update_to_revise(world, _maker, _actor):
    from app.plans import reporting

    made = reporting.post_update(world.user("author"), world.commitment, world.milestone,
                                 "limited", "Un avance")
    _db.session.commit()
    return ({"slug": "nap", "reference": world.commitment.reference, "update_id": made.id},
            UPDATE_FORM)


def a_fresh_update(world, maker, actor):
    args, _data = an_update_to_revise(world, maker, actor)
    return args, None


def a_reading_to_answer(world, maker, _actor):
    from app.plans import readings

    made = readings.give_reading(maker.create_user(), world.update, "disagree", "No es así")
    _db.session.commit()
    return ({"slug": "nap", "reference": world.commitment.reference, "reading_id": made.id},
            {"answer": "Sí lo es"})


BY_VOTING_SEATS = "login 403 403 403 403 done 403 done"


def a_draft_to_consult(world, _maker, actor):
    from app.plans import services as plans

    made = plans.create_plan(world.user("admin"), f"consulta-{actor}", title="Borrador",
                             starts_on=date(2026, 9, 1), ends_on=date(2028, 8, 31))
    _db.session.commit()
    return {"slug": made.slug}, {"opens_at": "2026-05-01T09:00",
                                 "closes_at": "2026-06-01T18:00"}


def a_consultation_comment(world, maker, _actor):
    from app.plans import comments

    made = comments.add_comment(maker.create_user(), world.consultation_comment.commitment,
                                "Otra observación")
    _db.session.commit()
    return ({"slug": world.consulted_plan.slug, "comment_id": made.id},
            {"answer": RESPONSE})


def a_file_to_import(_world, _maker, actor):
    import io

    from app.plans.open_data import CSV_COLUMNS

    row = {"title": f"Importado {actor}", "lead_agency": "Agencia"}
    body = ",".join(CSV_COLUMNS) + "\n" + ",".join(row.get(c, "") for c in CSV_COLUMNS)
    return {"slug": "nap"}, {"file": (io.BytesIO(body.encode()), "plan.csv")}


def a_new_plan(_world, _maker, actor):
    return {}, {**PLAN_FORM, "slug": f"plan-{actor}"}


def a_commitment_to_edit(world, _maker, actor):
    from app.plans import services as plans

    made = plans.create_commitment(world.user("admin"), world.plan, title="Otro",
                                   lead_agency="Agencia")
    _db.session.commit()
    return ({"slug": "nap", "reference": made.reference},
            {**COMMITMENT_FORM, "title": f"Compromiso {actor}", "version": str(made.version)})


def the_authors_login(world, _maker, _actor):
    made = logins.start_login(world.user("author"), "Firefox on Linux", remembered=False)
    _db.session.commit()
    return {"login_id": made.id}, {}


def a_seat_with_a_holder(world, _maker, actor):
    from datetime import date

    from app.working_group import seats

    admin = world.user("admin")
    made = seats.add_seat(admin, "observer", f"CEPAL {actor}")
    term = seats.appoint(admin, made, starts_on=date(2020, 1, 1), holder_name="Titular")
    _db.session.commit()
    return {"seat_id": made.id, "term_id": term.id}, made


def a_seat_to_fill(world, maker, actor):
    args, made = a_seat_with_a_holder(world, maker, actor)
    return {"seat_id": args["seat_id"]}, {"holder_name": "Nueva Titular",
                                          "starts_on": "2024-01-01"}


def a_term_to_end(world, maker, actor):
    args, made = a_seat_with_a_holder(world, maker, actor)
    return {"term_id": args["term_id"]}, {"ends_on": "2024-01-01"}


def a_meeting(world, _maker, actor, body: str | None = None):
    from app.working_group import meetings, minutes

    made = meetings.schedule(world.user("admin"), kind="ordinary", title=f"Sesión {actor}",
                             starts_at=T0)
    found = minutes.save_draft(world.user("admin"), made, body) if body else None
    _db.session.commit()
    return made, found


def minutes_in(state: str):
    """Fresh minutes, in `state`, for each actor."""
    def target(world, maker, actor):
        from app.working_group import minutes

        admin, holders = world.user("admin"), world.group.holders
        _meeting, found = a_meeting(world, maker, actor, body="Acta de la sesión.")
        if state != "draft":
            minutes.circulate(admin, found)
        if state in ("approved", "published"):
            for constituency in ("government", "civil_society", "academia"):
                minutes.respond(holders[constituency], found, "approve")
        if state == "published":
            minutes.publish(admin, found)
        _db.session.commit()
        return {"minutes_id": found.id}, {"stance": "approve", "comment": "Conforme."}
    return target


def a_meeting_without_minutes(world, maker, actor):
    made, _found = a_meeting(world, maker, actor)
    return {"meeting_id": made.id}, {"body": "Acta nueva."}


def a_meeting_to_edit(world, maker, actor):
    made, _found = a_meeting(world, maker, actor)
    return {"meeting_id": made.id}, {"kind": "extraordinary", "title": f"Cambiada {actor}",
                                     "starts_at": "2026-06-01T10:00"}


def an_agenda_item(world, maker, actor):
    made, _found = a_meeting(world, maker, actor)
    return {"meeting_id": made.id}, {"title": "Punto de tabla", "call": ""}


def attendance_of(world, maker, actor):
    made, _found = a_meeting(world, maker, actor)
    return {"meeting_id": made.id}, {f"seat-{world.group.seats['academia'].id}": "present"}


def draft_title(args) -> str:
    return _db.session.get(Proposal, args["proposal_id"]).title


def proposal_form(made, _world):
    return {**PROPOSAL_FORM, "title": "Título cambiado", "version": str(made.version)}


def a_poll_to_answer(world, maker, actor):
    """An open poll on a call of its own: one ballot per account and poll."""
    made = make_poll(maker.create_call(slug=f"poll-{actor}"))
    first = _db.session.scalar(select(PriorityTheme.id).where(PriorityTheme.poll_id == made.id)
                               .order_by(PriorityTheme.id))
    return {"slug": made.call.slug}, {"themes": [str(first)], "code": ""}


def a_poll_to_set(_world, maker, _actor):
    made = maker.create_call()
    return {"slug": made.slug}, {"max_picks": "3", "opens_at": "2026-03-01T09:00",
                                 "closes_at": "2026-03-20T18:00"}


def a_poll_not_open_yet(_world, maker, actor):
    made = make_poll(maker.create_call(), opens_in_days=5, closes_in_days=10)
    return {"slug": made.call.slug}, {"name": f"Tema de {actor}", "description": "Algo"}


def a_theme_to_remove(world, maker, actor):
    made = make_poll(maker.create_call(), opens_in_days=5, closes_in_days=10)
    theme = _db.session.scalar(select(PriorityTheme).where(PriorityTheme.poll_id == made.id))
    return {"slug": made.call.slug, "theme_id": theme.id}, {}


def a_closed_poll(_world, maker, _actor):
    made = make_poll(maker.create_call(), opens_in_days=-5, closes_in_days=-1)
    return {"slug": made.call.slug}, {"count": "2"}


SESSION_FORM = {"title": "Mesa de Valdivia", "kind": "working_table", "region": "Los Ríos",
                "city": "Valdivia", "held_at": "2026-03-05T10:00",
                "convened_by": "Universidad Austral", "attendance_civil_society": "10",
                "attendance_academia": "5", "attendance_private_sector": "0",
                "attendance_citizen": "7", "attendance_government": "2",
                "agenda": "- Bienvenida", "minutes": "Acta", "documents": ""}


def a_session(world, _maker, _actor):
    made = make_session(world.open, facilitators=[world.user("participant")])
    return {"slug": "open", "session_id": made.id}, made


def a_facilitator_to_remove(world, maker, _actor):
    made = make_session(world.open, facilitators=[maker.create_user()])
    return {"slug": "open", "session_id": made.id,
            "facilitator_id": made.facilitators[0].id}, {}


def someone_to_facilitate(world, maker, _actor):
    made = make_session(world.open)
    return {"slug": "open", "session_id": made.id}, {"email": maker.create_user().email}


def a_csv_to_import(_world, maker, actor):
    from app.dialogues.imports import COLUMNS

    made = maker.create_call()
    row = {**PROPOSAL_FORM, "ogp_values": "transparency", "credited_author": f"Junta {actor}",
           "source": "Formulario en papel"}
    text = ",".join(COLUMNS) + "\n" + ",".join(f'"{row[c]}"' for c in COLUMNS) + "\n"
    return {"slug": made.slug}, {"file": (io.BytesIO(text.encode()), "papel.csv")}


# Columns:        anonymous unverified participant author moderator member observer admin
BY_MODERATORS = "login 403 403 403 done 403 403 done"
BY_ADMINS = "login 403 403 403 403 403 403 done"
BY_VOTING_MEMBERS = "login 403 403 403 403 done 403 403"  # observers decide nothing
BY_MEMBERS = "login 403 403 403 403 done done 403"  # of the call's group, observers too
BY_THE_AUTHOR = "login 403 403 done 403 403 403 403"
BY_THE_AUTHOR_OF_A_DRAFT = "login 404 404 done 404 404 404 404"
BY_THE_VERIFIED = "login 403 done done done done done done"
# Voting asks for no login (a call may take voting codes instead): nobody gets a refusal.
BY_VOTERS = "403 403 done done done done done done"

POSTS: dict[str, dict[str, Act]] = {
    # -- moderation -------------------------------------------------------------------------
    "moderation.hide": {
        "a proposal": act(with_data(moderated("proposal", fresh_proposal("open")),
                                    reason="Contenido ofensivo"), BY_MODERATORS),
        "a comment": act(with_data(moderated("comment", fresh_comment()),
                                   reason="Contenido ofensivo"), BY_MODERATORS),
    },
    "moderation.restore": {
        "a hidden proposal": act(with_data(moderated("proposal", fresh_proposal(
            "open", status="hidden", moderation_reason="Spam",
            status_before_hidden="published"))), BY_MODERATORS),
    },
    "moderation.dismiss": {
        "a reported comment": act(with_data(moderated("comment",
                                                      fresh_comment(reported_by="author"))),
                                  BY_MODERATORS),
    },
    "moderation.block": {"an account": act(with_data(fresh_user, reason="Spam"),
                                           BY_MODERATORS)},
    "moderation.merge": {
        "a duplicate": act(with_data(moderated("proposal", fresh_proposal("open")),
                                     lambda made, world: {"target": world.others.reference}),
                           BY_MODERATORS),
    },
    # -- the Working Group ------------------------------------------------------------------
    "review.assess": {"a proposal": act(with_data(fresh_proposal("review"), SCORES),
                                        BY_VOTING_MEMBERS)},
    "review.decide": {"a proposal": act(with_data(fresh_proposal("review"), DECISION),
                                        BY_VOTING_MEMBERS)},
    "review.add_note": {"a proposal": act(with_data(fresh_proposal("review"),
                                                    body="Nota interna"), BY_MEMBERS)},
    "review.declare_conflict": {
        "a proposal": act(with_data(fresh_proposal("review"),
                                    reason="Mi organización la presentó"), BY_MEMBERS)},
    # Members and observers sit on its group; only an administrator publishes.
    "review.publish": {"the results": act(with_data(review_call_of_its_own, confirmed_publication),
                                          BY_ADMINS)},
    # -- administration ---------------------------------------------------------------------
    "admin.new_call": {"a call": act(a_new_call, BY_ADMINS)},
    "admin.edit_call": {"a call": act(a_call_to_edit, BY_ADMINS)},
    "admin.change_role": {"an account": act(someone_to_promote, BY_ADMINS)},
    "admin.retry_mail": {"a failed message": act(a_failed_message, BY_ADMINS)},
    "working_group.admin_seats": {"a seat": act(
        lambda w, m, a: ({}, {"constituency": "observer", "name": f"CEPAL {a}"}), BY_ADMINS)},
    "working_group.appoint": {"a holder": act(a_seat_to_fill, BY_ADMINS)},
    "working_group.end_term": {"a term": act(a_term_to_end, BY_ADMINS)},
    "working_group.new_rules": {"a version": act(
        lambda w, m, a: ({}, {"title": f"Versión de {a}", "body": "Artículo único.",
                              "adopted_on": "2025-01-01"}), BY_ADMINS)},
    "working_group.new_document": {"a document": act(
        lambda w, m, a: ({}, {"title": f"Acta de {a}", "kind": "minutes",
                              "dated_on": "2025-01-01",
                              "file": (io.BytesIO(b"%PDF-1.4\n%%EOF\n"), "acta.pdf")}),
        BY_ADMINS)},
    "working_group.new_meeting": {"a meeting": act(
        lambda w, m, a: ({}, {"kind": "ordinary", "title": f"Sesión de {a}",
                              "starts_at": "2026-05-05T10:00"}), BY_ADMINS)},
    "working_group.edit_meeting": {"a meeting": act(a_meeting_to_edit, BY_ADMINS)},
    "working_group.add_agenda_item": {"an item": act(an_agenda_item, BY_ADMINS)},
    "working_group.record_attendance": {"attendance": act(attendance_of, BY_ADMINS)},
    "working_group.save_minutes": {"a draft": act(a_meeting_without_minutes, BY_ADMINS)},
    "working_group.circulate_minutes": {"a draft": act(minutes_in("draft"), BY_ADMINS)},
    "working_group.minutes_back_to_draft": {"circulated": act(minutes_in("circulated"),
                                                              BY_ADMINS)},
    "working_group.publish_minutes": {"approved": act(minutes_in("approved"), BY_ADMINS)},
    "working_group.correct_minutes": {"published": act(minutes_in("published"), BY_ADMINS)},
    # The member holds a voting seat and approves; the observer's seat comments.
    "working_group.answer_minutes": {"circulated": act(minutes_in("circulated"),
                                                       "login 403 403 403 403 done done 403")},
    "plans.new_plan": {"a plan": act(a_new_plan, BY_ADMINS)},
    "plans.edit_plan": {"a plan": act(
        lambda w, m, a: ({"slug": "nap"}, {**PLAN_FORM, "title": f"Plan {a}"}), BY_ADMINS)},
    "plans.new_commitment": {"a commitment": act(
        lambda w, m, a: ({"slug": "nap"}, COMMITMENT_FORM), BY_ADMINS)},
    "plans.edit_commitment": {"a commitment": act(a_commitment_to_edit, BY_ADMINS)},
    "plans.new_milestone": {"a milestone": act(lambda w, m, a: (
        {"slug": "nap", "reference": w.commitment.reference}, MILESTONE_FORM), BY_ADMINS)},
    "plans.edit_milestone": {"a milestone": act(lambda w, m, a: (
        {"slug": "nap", "reference": w.commitment.reference, "milestone_id": w.milestone.id},
        {**MILESTONE_FORM, "deliverable": f"Hito {a}"}), BY_ADMINS)},
    "plans.implementers": {"an official": act(lambda w, m, a: (
        {"slug": "nap", "reference": w.commitment.reference},
        {"email": m.create_user(sector="government").email}), BY_ADMINS)},
    "plans.import_page": {"a file": act(a_file_to_import, BY_ADMINS)},
    "plans.remove_implementer": {"an official": act(an_implementer_to_remove, BY_ADMINS)},
    "plans.new_update": {"an update": act(lambda w, m, a: (
        {"slug": "nap", "reference": w.commitment.reference},
        {**UPDATE_FORM, "milestone_id": str(w.milestone.id)}), BY_REPORTERS)},
    "plans.revise_update": {"an update": act(an_update_to_revise, BY_REPORTERS)},
    "plans.give_reading": {"an update": act(
        with_data(a_fresh_update, stance="disagree", reasons="No es así"),
        "login kept done done done done done kept")},
    "plans.answer_reading": {"a reading": act(a_reading_to_answer, BY_REPORTERS)},
    "plans.comment_on_commitment": {"a commitment": act(
        lambda w, m, a: (commitment()(w), {"body": f"Comentario de {a}"}), BY_THE_VERIFIED)},
    # A draft exists for administrators and the group's voting seats only.
    "plans.consultation_window": {"a draft": act(a_draft_to_consult,
                                                 "login 404 404 404 404 done 404 done")},
    "plans.answer_comment": {"a comment": act(a_consultation_comment, BY_VOTING_SEATS)},
    # The unconfirmed are told to confirm first; a second press stops following.
    "plans.follow_plan": {"the plan": act(lambda w, m, a: ({"slug": "nap"}, {}),
                                          "login kept done done done done done done")},
    "plans.follow_commitment": {"a commitment": act(lambda w, m, a: (commitment()(w), {}),
                                                    "login kept done done done done done done")},
    "plans.coding": {
        "self-assessment": act(lambda w, m, a: (coding("government")(w), CODING_FORM),
                               BY_REPORTERS),
        "the IRM's": act(lambda w, m, a: (coding("irm")(w), {
            **CODING_FORM, "source_url": "https://www.opengovpartnership.org/irm"}),
            BY_ADMINS)},
    "pages.admin_edit": {"the terms": act(
        lambda w, m, a: ({"slug": "terms", "locale": "en"},
                         {"title": "Terms", "body": f"Our terms, by {a}"}), BY_ADMINS)},
    "priorities.admin": {"a poll": act(a_poll_to_set, BY_ADMINS)},
    "priorities.add_theme": {"a theme": act(a_poll_not_open_yet, BY_ADMINS)},
    "priorities.remove_theme": {"a theme": act(a_theme_to_remove, BY_ADMINS)},
    "priorities.adopt": {"the top themes": act(a_closed_poll, BY_ADMINS)},
    "dialogues.admin_list": {"a session": act(lambda w, m, a: ({"slug": "open"}, SESSION_FORM),
                                              BY_ADMINS)},
    "dialogues.admin_edit": {"a session": act(with_data(a_session, SESSION_FORM), BY_ADMINS)},
    "dialogues.add_facilitator": {"an account": act(someone_to_facilitate, BY_ADMINS)},
    "dialogues.remove_facilitator": {"a facilitator": act(a_facilitator_to_remove, BY_ADMINS)},
    "dialogues.admin_import": {"a CSV": act(a_csv_to_import, BY_ADMINS)},
    # Only the session's facilitator (the participant) enters on its behalf.
    "dialogues.enter": {"a proposal": act(with_data(a_session, {
        **PROPOSAL_FORM, "credited_author": "Junta de Vecinos Villa Alegre"}),
        "login kept done kept kept kept kept kept")},
    # Anyone verified, or with a code: the anonymous visitor without one is refused.
    "priorities.show": {"a choice": act(a_poll_to_answer, "403 403 done done done done done done")},
    # -- what belongs to one author ---------------------------------------------------------
    "proposals.edit": {
        "the author's": act(with_data(fresh_proposal("open", author="author"), proposal_form),
                            BY_THE_AUTHOR)},
    "proposals.withdraw": {
        "the author's": act(with_data(fresh_proposal("open", author="author"),
                                      reason="Ya no aplica"), BY_THE_AUTHOR)},
    "proposals.edit_draft": {
        # Saving a draft leaves no audit event: the title tells.
        "the author's": act(with_data(fresh_proposal("open", author="author", status="draft"),
                                      proposal_form), BY_THE_AUTHOR_OF_A_DRAFT,
                            probe=draft_title)},
    "proposals.publish": {
        "the author's": act(with_data(fresh_proposal("open", author="author", status="draft")),
                            BY_THE_AUTHOR_OF_A_DRAFT)},
    "proposals.delete_draft": {
        "the author's": act(with_data(fresh_proposal("open", author="author", status="draft")),
                            BY_THE_AUTHOR_OF_A_DRAFT)},
    "moderation.edit_comment": {
        "the author's": act(with_data(fresh_comment(author="author"), body="Otra versión"),
                            BY_THE_AUTHOR)},
    "moderation.delete_comment": {
        "the author's": act(with_data(fresh_comment(author="author")), BY_THE_AUTHOR)},
    "accounts.end_session": {
        # Someone else's login is answered as one already ended, and stays.
        "the author's": act(the_authors_login, "login kept kept done kept kept kept kept")},
    # -- taking part ------------------------------------------------------------------------
    "proposals.new": {
        # The government accounts (the admin) vote and comment, but do not submit.
        "a draft": act(lambda w, m, a: ({"slug": "open"}, PROPOSAL_FORM),
                       "login 403 done done done done done 403")},
    "moderation.comment": {
        "a proposal": act(with_data(fresh_proposal("open"), body="Un comentario"),
                          BY_THE_VERIFIED)},
    "moderation.report_proposal": {
        "a proposal": act(with_data(fresh_proposal("open"), reason="spam"), BY_THE_VERIFIED)},
    "moderation.report_comment": {
        "a comment": act(with_data(fresh_comment(), reason="spam"), BY_THE_VERIFIED)},
    "voting.cast": {"a proposal": act(with_data(fresh_proposal("voting")), BY_VOTERS)},
    "voting.withdraw": {"a vote": act(with_data(vote_first), BY_VOTERS)},
}

# Forms that act on the sender's own account or session only, or on a link's token.
SELF_SERVICE = {
    "accounts.login", "accounts.logout", "accounts.register", "accounts.reset",
    "accounts.reset_with_token", "accounts.resend_verification", "accounts.unsubscribe",
    "accounts.profile", "accounts.change_password", "accounts.change_email",
    "accounts.set_locale",
    "accounts.end_other_sessions", "voting.redeem", "voting.forget_code", "plans.unfollow",
    # One's own data: asked with one's password, confirmed from one's own mailed link.
    "privacy.erase", "privacy.erase_confirm", "privacy.export", "privacy.mail_switch",
    "privacy.freeze", "privacy.unfreeze", "privacy.accept",
}


def test_every_post_route_is_in_the_matrix(app):
    placed = POSTS.keys() | SELF_SERVICE
    assert sorted(post_routes(app) - placed) == [], "add the new forms to POSTS"
    assert sorted(placed - post_routes(app)) == [], "POSTS names forms that are gone"


# One test per blueprint: each case makes its own targets, so cases share the world freely.
@pytest.mark.parametrize("area", sorted({endpoint.split(".")[0] for endpoint in POSTS}))
def test_each_state_change_answers_each_actor_as_the_matrix_says(app, world, maker, area):
    browsers = {actor: sign_in(app, world.user(actor)) for actor in ACTORS}
    wrong = {}
    for endpoint, cases in POSTS.items():
        if endpoint.split(".")[0] != area:
            continue
        for name, expected in cases.items():
            probe = expected.probe or audit_events
            for actor in ACTORS:
                args, data = expected.target(world, maker, actor)
                before = probe(args)
                got = answer_of(browsers[actor].post(url_of(app, endpoint, args), data=data))
                changed = probe(args) != before
                if got == "redir":
                    got = "done" if changed else "kept"
                elif changed:
                    got += " (and it happened)"
                if got != expected.answers[actor]:
                    wrong[f"{endpoint} [{name}] {actor}"] = \
                        f"{got}, the matrix says {expected.answers[actor]}"
    assert not wrong, listed(wrong)
