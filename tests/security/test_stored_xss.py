"""Stored XSS: every text a person types is shown as text, wherever it is shown.

A field gets the attacker's payload (VECTORS, as many as it holds, behind a marker naming
the field), typed through the form it belongs to, while every other field gets harmless
text. A call then runs its whole course through the app's own forms (submissions, the
vote, the Working Group's review, published results), and at each stage the pages that
show the field are read by someone allowed to see them:
- no page may hold live markup (tests.helpers.dangerous_markup parses it as a browser
  would): the payload must come out escaped, or sanitised by the `rich` filter;
- the JSON API and the open-data files carry text as typed, which is safe as data only:
  they must say they are JSON or CSV, forbid sniffing, and the files must download.

Which pages show which field is the table SHOWN_ON. One sweep types every payload at once,
reads every page of every stage, and holds SHOWN_ON to exactly what it saw, so the
per-field tests, which read only their pages, still read every page that shows them.
"""

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from urllib.parse import quote

import pytest
from sqlalchemy import JSON, String, Text

from app.core.timezones import utc_to_local
from app.extensions import db as _db
from app.moderation.models import Report
from app.proposals.models import Proposal
from tests.conftest import PASSWORD, T0
from tests.helpers import dangerous_markup, text_of
from tests.seating import decide, seat
from tests.security.conftest import RESPONSE, sign_in

VECTORS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '"><svg onload=alert(1)>',
    "'><iframe src=javascript:alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "javascript:alert(1)",
    "[x](javascript:alert(1))",
    'https://x.example/"onmouseover="alert(1)',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<details open ontoggle=alert(1)>",
    '<a href="&#106;avascript:alert(1)">y</a>',
    "- <b onmouseover=alert(1)>list item</b>",
]


def payload(field_name: str, limit: int, one_line: bool = False) -> str:
    """The field's marker, then as many whole vectors as fit in `limit` characters."""
    text = f"XSS-{field_name.replace('.', '-')}"
    for vector in VECTORS:
        joined = f"{text}{' ' if one_line else chr(10)}{vector}"
        if len(joined) <= limit:
            text = joined
    return text


def marker(field_name: str) -> str:
    return f"XSS-{field_name.replace('.', '-')}"


# Every field a person types, and the most it holds (from its form).
FIELDS = {
    "call.title": 200, "call.description": 20000, "call.rules": 20000, "call.themes": 200,
    "user.name": 120, "user.organisation": 200,
    "proposal.title": 150, "proposal.summary": 500, "proposal.problem": 5000,
    "proposal.commitment": 5000, "proposal.solution": 5000,
    "proposal.expected_results": 5000, "proposal.responsible_body": 200,
    "proposal.organisation": 200, "proposal.withdrawal_reason": 1000,
    "proposal.moderation_reason": 300,
    "comment.body": 5000, "comment.hidden_reason": 300,
    "conflict.reason": 1000, "note.body": 5000, "assessment.comment": 5000,
    "decision.response": 10000,
}
# Every text column of the models: what a person types there (a field above), or why
# nothing typed reaches it. A new text column fails the suite until it is placed here.
TYPED = {
    "calls.title": "call.title", "calls.description": "call.description",
    "calls.rules": "call.rules", "calls.themes": "call.themes",
    "proposals.theme": "call.themes",  # one of the call's themes, as the admin typed it
    "users.name": "user.name", "users.organisation": "user.organisation",
    **{f"proposals.{name}": f"proposal.{name}" for name in (
        "title", "summary", "problem", "commitment", "solution", "expected_results",
        "responsible_body", "organisation", "withdrawal_reason", "moderation_reason")},
    "comments.body": "comment.body", "comments.hidden_reason": "comment.hidden_reason",
    "conflicts_of_interest.reason": "conflict.reason", "internal_notes.body": "note.body",
    "assessments.comment": "assessment.comment", "decisions.response": "decision.response",
    # The response as it last stood: a copy of the one typed, what public pages read.
    "decisions.standing_response": "decision.response",
}
NOT_TYPED = {
    "former_references.reference": "a reference the app made (<year>-<nnnn>)",
    "login_throttles.key": "an HMAC digest the app made",
    "mail_outbox.to_address": "an address email-validator accepts; never shown in full",
    "mail_outbox.subject": "our own subjects; shown escaped on /admin/outbox",
    "mail_outbox.body": "plain-text mail, never rendered as HTML",
    "mail_outbox.headers": "our own mail headers, never shown",
    "mail_outbox.last_error": "an exception's class name",
    "mail_outbox.status": "one of four fixed states",
    "site_pages.slug": "one of four fixed pages",
    "calls.translations": "a call's title, description and rules in another language, typed "
                          "in the same admin form as call.title and rendered the same way",
    "site_pages.locale": "one of the configured languages",
    "site_pages.title": "typed by administrators; attacked in test_site_pages_are_text",
    "site_pages.body": "typed by administrators; attacked in test_site_pages_are_text",
    "calls.slug": "lower-case letters, digits and hyphens only",
    "users.email": "an address email-validator accepts: no <, > or quotes",
    "users.pending_email": "an address email-validator accepts: no <, > or quotes",
    "logins.browser": "one of a few fixed labels (logins.browser_family)",
    **dict.fromkeys(("wg_seats.name", "wg_seat_terms.holder_name", "wg_seat_terms.role",
                     "wg_seat_terms.organisation", "wg_seat_terms.appointed_by",
                     "wg_seat_terms.alternate_name", "wg_rules_versions.title",
                     "wg_rules_versions.body", "wg_rules_versions.adopted_at"),
                    "typed by administrators; attacked in tests/working_group/test_rules.py"),
    **dict.fromkeys(("wg_meetings.title", "wg_meetings.place", "wg_meetings.online_link",
                     "wg_agenda_items.title", "wg_minutes.body", "wg_documents.title"),
                    "typed by administrators; attacked in tests/working_group/test_xss.py"),
    "wg_minutes_responses.comment": "typed by members; attacked in "
                                    "tests/working_group/test_xss.py",
    **dict.fromkeys(("wg_documents.storage_key", "wg_documents.file_format"),
                    "set by the app (a random key; a format read from the file's bytes)"),
    **dict.fromkeys(("wg_seats.constituency", "wg_meetings.kind", "wg_attendance.status",
                     "wg_documents.kind",
                     "wg_minutes.state", "wg_minutes_responses.stance"),
                    "a choice from a fixed list, checked by its service"),
    "data_exports.status": "one of three fixed states",
    "data_exports.token_hash": "a hash",
    "data_exports.file_name": "a random name the app made, never shown",
    "reports.reason": "one of REPORT_REASONS (test_a_report_reason_is_a_choice_never_text)",
    **dict.fromkeys(("audit_events.action", "audit_events.target_type",
                     "audit_events.target_id", "audit_events.before", "audit_events.after"),
                    "the audit trail: no page shows it"),
    **dict.fromkeys(("users.password_hash", "logins.token_hash", "voting_codes.code_hash"),
                    "a hash"),
    **dict.fromkeys(("calls.eligibility", "calls.decision_rule", "users.sector",
                     "users.region", "users.role", "users.locale", "proposals.ogp_values",
                     "proposals.region", "working_group_members.constituency",
                     "decisions.outcome", "decisions.position_government",
                     "decisions.position_civil_society", "decisions.position_academia",
                     "decisions.standing_outcome", "decisions.standing_positions"),
                    "a choice from a fixed list, checked by its service"),
    **dict.fromkeys([f"plans.{n}" for n in ("title", "description")]
                    + [f"commitments.{n}" for n in (
                        "title", "problem", "description", "how_it_helps", "ogp_relevance",
                        "expected_results", "theme", "sdg_targets", "lead_agency",
                        "supporting_government", "supporting_others")]
                    + [f"milestones.{n}" for n in ("deliverable", "indicator", "verification",
                                                   "responsible")]
                    + ["progress_updates.narrative", "progress_evidence.url",
                       "progress_evidence.label", "irm_codings.source_title",
                       "irm_codings.source_url", "counterassessments.reasons",
                       "counterassessments.evidence_url", "counterassessments.answer"],
                    "typed by administrators and implementers; attacked in "
                    "test_plan_texts_are_text"),
    "plan_follows.target_type": "plan or commitment, set by the app",
    "plan_follows.frequency": "immediate, daily or weekly: a choice of FOLLOW_FREQUENCIES",
    **dict.fromkeys(("counterassessments.stance", "counterassessments.seat"),
                    "a choice from a fixed list, or a seat the app looked up"),
    **dict.fromkeys(("progress_updates.status", "irm_codings.by", "irm_codings.completion",
                     "irm_codings.potential"),
                    "a choice from a fixed list, checked by its service"),
    "plans.slug": "lower-case letters, digits and hyphens only",
    "comments.field": "one of the consultation's FIELDS, checked by its service",
    "comments.answer": "typed by the Working Group; attacked in "
                       "test_consultation_texts_are_text",
    "plans.status": "one of PLAN_STATUSES, checked by its service",
    "commitments.ogp_values": "a choice from a fixed list, checked by its service",
    **dict.fromkeys(("commitments.reference", "commitment_counters.prefix"),
                    "the configured prefix and a number the app made"),
    **dict.fromkeys(("dialogue_sessions.title", "dialogue_sessions.city",
                     "dialogue_sessions.convened_by", "dialogue_sessions.agenda",
                     "dialogue_sessions.minutes", "dialogue_sessions.documents",
                     "priority_themes.name", "priority_themes.description",
                     "proposals.credited_author", "proposals.origin_note"),
                    "typed by administrators and facilitators; attacked in "
                    "tests/dialogues/test_stored_xss.py"),
    **dict.fromkeys(("dialogue_sessions.kind", "dialogue_sessions.region",
                     "dialogue_sessions.attendance"),
                    "a choice from a fixed list or whole numbers, checked by its service"),
    "proposals.origin": "set by the app (dialogue or paper)",
    **dict.fromkeys(("proposals.reference", "proposals.status", "proposals.status_before_hidden",
                     "reports.target_type"), "set by the app"),
}
ONE_LINE = {"call.title", "call.themes", "user.name", "user.organisation", "proposal.title",
            "proposal.responsible_body", "proposal.organisation"}

# Where each field shows: the key of each page (stage: page, as Story.check names them) that
# holds its text. The sweep keeps this exact; each field's own test reads these pages.
SHOWN_ON = {
    "call.title": [
        "submissions: admin dashboard", "submissions: admin members", "submissions: api call",
        "submissions: api calls", "submissions: call", "submissions: calls",
        "submissions: draft edit form", "submissions: edit call", "submissions: edit form",
        "submissions: export.json", "submissions: hidden proposal", "submissions: home",
        "submissions: list", "submissions: list of withdrawn", "submissions: my proposals",
        "submissions: new proposal form", "submissions: proposal", "submissions: results",
        "submissions: withdrawn proposal", "results: export.json", "results: home", "results: list",
        "results: proposal", "results: results", "results: shortlist", "review: public proposal",
        "review: publish", "review: queue", "review: results", "review: shortlist",
        "vote: my votes", "vote: proposal", "vote: results"],
    "call.description": [
        "submissions: api call", "submissions: api calls", "submissions: call",
        "submissions: edit call", "submissions: export.json", "submissions: home",
        "results: export.json"],
    "call.rules": [
        "submissions: api call", "submissions: api calls", "submissions: call",
        "submissions: edit call", "submissions: export.json", "results: export.json"],
    "call.themes": [
        "submissions: api call", "submissions: api calls", "submissions: api proposal",
        "submissions: api proposals", "submissions: call", "submissions: draft edit form",
        "submissions: draft preview", "submissions: edit call", "submissions: edit form",
        "submissions: export.csv", "submissions: export.json", "submissions: list",
        "submissions: list of withdrawn", "submissions: new proposal form", "submissions: proposal",
        "submissions: results", "submissions: withdrawn proposal", "results: api proposal",
        "results: export.csv", "results: export.json", "results: list", "results: proposal",
        "results: results", "results: review proposal", "results: shortlist", "review: proposal",
        "review: public proposal", "review: queue", "review: results", "review: shortlist",
        "vote: proposal", "vote: results"],
    "user.name": [
        "submissions: admin dashboard", "submissions: admin members", "submissions: admin users",
        "submissions: call", "submissions: comment edit form", "submissions: draft edit form",
        "submissions: draft preview", "submissions: edit call", "submissions: edit form",
        "submissions: list", "submissions: list of withdrawn", "submissions: moderation queue",
        "submissions: my proposals", "submissions: new proposal form", "submissions: profile",
        "submissions: proposal", "submissions: withdraw form", "submissions: withdrawn proposal",
        "results: list", "results: proposal", "results: review proposal", "review: proposal",
        "review: public proposal", "review: publish", "review: queue", "review: shortlist",
        "vote: my votes", "vote: proposal"],
    # The call page and its panel show the seats' public names, not the accounts' profiles.
    "user.organisation": ["submissions: new proposal form", "submissions: profile"],
    "proposal.title": [
        "submissions: api proposal", "submissions: api proposals", "submissions: comment edit form",
        "submissions: draft edit form", "submissions: draft preview", "submissions: edit form",
        "submissions: export.csv", "submissions: export.json", "submissions: hidden proposal",
        "submissions: list", "submissions: list of withdrawn", "submissions: moderation queue",
        "submissions: my proposals", "submissions: proposal",
        "submissions: withdraw form", "submissions: withdrawn proposal", "results: api proposal",
        "results: api results", "results: export.csv", "results: export.json", "results: list",
        "results: proposal", "results: results", "results: review proposal", "results: shortlist",
        "review: api results", "review: proposal", "review: public proposal", "review: queue",
        "review: results", "review: shortlist", "vote: my votes", "vote: proposal",
        "vote: results"],
    "proposal.summary": [
        "submissions: api proposal", "submissions: api proposals", "submissions: draft edit form",
        "submissions: draft preview", "submissions: edit form", "submissions: export.csv",
        "submissions: export.json", "submissions: list", "submissions: list of withdrawn",
        "submissions: proposal", "submissions: withdrawn proposal", "results: api proposal",
        "results: export.csv", "results: export.json", "results: list", "results: proposal",
        "results: review proposal", "review: proposal", "review: public proposal",
        "vote: proposal"],
    "proposal.problem": [
        "submissions: api proposal", "submissions: api proposals", "submissions: draft edit form",
        "submissions: draft preview", "submissions: edit form", "submissions: export.csv",
        "submissions: export.json", "submissions: proposal", "submissions: withdrawn proposal",
        "results: api proposal", "results: export.csv", "results: export.json", "results: proposal",
        "results: review proposal", "results: shortlist", "review: proposal",
        "review: public proposal", "review: shortlist", "vote: proposal"],
    "proposal.commitment": [
        "submissions: api proposal", "submissions: api proposals", "submissions: draft edit form",
        "submissions: draft preview", "submissions: edit form", "submissions: export.csv",
        "submissions: export.json", "submissions: proposal", "submissions: withdrawn proposal",
        "results: api proposal", "results: export.csv", "results: export.json", "results: proposal",
        "results: review proposal", "results: shortlist", "review: proposal",
        "review: public proposal", "review: shortlist", "vote: proposal"],
    "proposal.solution": [
        "submissions: api proposal", "submissions: api proposals", "submissions: draft edit form",
        "submissions: draft preview", "submissions: edit form", "submissions: export.csv",
        "submissions: export.json", "submissions: proposal", "submissions: withdrawn proposal",
        "results: api proposal", "results: export.csv", "results: export.json", "results: proposal",
        "results: review proposal", "results: shortlist", "review: proposal",
        "review: public proposal", "review: shortlist", "vote: proposal"],
    "proposal.expected_results": [
        "submissions: api proposal", "submissions: api proposals", "submissions: draft edit form",
        "submissions: draft preview", "submissions: edit form", "submissions: export.csv",
        "submissions: export.json", "submissions: proposal", "submissions: withdrawn proposal",
        "results: api proposal", "results: export.csv", "results: export.json", "results: proposal",
        "results: review proposal", "results: shortlist", "review: proposal",
        "review: public proposal", "review: shortlist", "vote: proposal"],
    "proposal.responsible_body": [
        "submissions: api proposal", "submissions: api proposals", "submissions: draft edit form",
        "submissions: draft preview", "submissions: edit form", "submissions: export.csv",
        "submissions: export.json", "submissions: list", "submissions: list of withdrawn",
        "submissions: new proposal form", "submissions: proposal",
        "submissions: withdrawn proposal", "results: api proposal", "results: export.csv",
        "results: export.json", "results: list", "results: proposal", "results: review proposal",
        "results: shortlist", "review: proposal", "review: public proposal", "review: shortlist",
        "vote: proposal"],
    "proposal.organisation": [
        "submissions: api proposal", "submissions: api proposals", "submissions: draft edit form",
        "submissions: draft preview", "submissions: edit form", "submissions: export.csv",
        "submissions: export.json", "submissions: list", "submissions: list of withdrawn",
        "submissions: proposal", "submissions: withdrawn proposal", "results: api proposal",
        "results: export.csv", "results: export.json", "results: list", "results: proposal",
        "results: review proposal", "review: proposal", "review: public proposal",
        "vote: proposal"],
    "proposal.withdrawal_reason": [
        "submissions: export.csv", "submissions: export.json", "submissions: withdrawn proposal",
        "results: export.csv", "results: export.json"],
    "proposal.moderation_reason": ["submissions: hidden proposal"],
    "comment.body": [
        "submissions: comment edit form", "submissions: moderation queue", "submissions: proposal",
        "results: proposal", "review: public proposal", "vote: proposal"],
    "comment.hidden_reason": [
        "submissions: proposal", "results: proposal", "review: public proposal", "vote: proposal"],
    "conflict.reason": [
        "results: proposal", "results: review proposal", "review: proposal",
        "review: public proposal"],
    "note.body": ["results: review proposal", "review: proposal"],
    "assessment.comment": ["results: review proposal", "review: proposal"],
    "decision.response": [
        "results: api proposal", "results: export.csv", "results: export.json", "results: proposal",
        "results: results", "results: review proposal", "results: shortlist", "review: proposal",
        "review: shortlist"],
}

# The course of a call: its pages are named after the stage (`review: queue`).
STAGES = ("submissions", "vote", "review", "results")
DATA_TYPES = {"api": "application/json", "export.csv": "text/csv", "export.json":
              "application/json"}


def local(at: datetime) -> str:
    """A time as the call form takes it: in the site's timezone."""
    return utc_to_local(at).strftime("%Y-%m-%dT%H:%M")


@dataclass
class Story:
    """A call's whole course, with the `attacked` fields typed as payloads, the rest
    harmless.

    A sweep reads every page of every stage and notes which fields each one shows;
    otherwise only the pages SHOWN_ON lists for the attacked fields are read.
    """

    app: object
    clock: object
    attacked: frozenset
    sweep: bool = False
    people: dict = field(default_factory=dict)  # role -> (user, logged-in client)
    found: dict = field(default_factory=dict)  # page key -> live markup (or unsafe data)
    shown: dict = field(default_factory=dict)  # page key -> attacked fields it shows
    ref: dict = field(default_factory=dict)  # proposal -> its reference

    def text(self, name: str, harmless: str) -> str:
        if name not in self.attacked:
            return harmless
        return payload(name, FIELDS[name], one_line=name in ONE_LINE)

    def client(self, role: str):
        return self.people[role][1] if role != "anonymous" else self.app.test_client()

    def post(self, role: str, url: str, data: dict, expect: int = 302):
        response = self.client(role).post(url, data=data)
        assert response.status_code == expect, (role, url, response.status_code,
                                                text_of(response)[:2000])
        return response.headers.get("Location", "")

    def join(self, create_user, who: str, **fields):
        """Make `who`'s account and log them in; they type their profile when it is
        attacked."""
        user = create_user(name=f"Persona {who}", organisation="Fundación", **fields)
        client = self.app.test_client()
        assert client.post("/accounts/login", data={"email": user.email,
                                                    "password": PASSWORD}).status_code == 302
        self.people[who] = (user, client)
        if self.attacked & {"user.name", "user.organisation"}:
            self.post(who, "/accounts/me", {
                "name": self.text("user.name", user.name), "sector": user.sector,
                "region": user.region,
                "organisation": self.text("user.organisation", user.organisation)})

    def check(self, stage: str, pages: dict) -> None:
        """Read the pages as their viewers: note live markup, and which fields each shows."""
        wanted = set().union(*(SHOWN_ON[name] for name in self.attacked))
        for name, (role, url) in pages.items():
            key = f"{stage}: {name}"
            if not (self.sweep or key in wanted):
                continue
            response = self.client(role).get(url)
            body = response.get_data(as_text=True)
            assert response.status_code == 200, (key, url, response.status_code)
            self.shown[key] = {f for f in self.attacked if marker(f) in body}
            kind = next((k for k in DATA_TYPES if name.startswith(k)), None)
            if kind is None:
                problems = dangerous_markup(body)
            else:
                problems = data_problems(response, DATA_TYPES[kind], name.startswith("export"))
            if problems:
                self.found[key] = problems

    # -- the course of a call ---------------------------------------------------------------

    def run(self, create_user) -> None:
        join = self.join
        join(create_user, "admin", role="admin", sector="government")
        join(create_user, "author")
        join(create_user, "commenter")
        join(create_user, "reporter")
        join(create_user, "moderator", role="moderator")
        join(create_user, "member", sector="academia")
        join(create_user, "observer", sector="private_sector")
        # The other voting seats' holders, who type nothing attacked.
        self.holders = {c: create_user(name=f"Titular {c}") for c in ("government", "academia")}
        for stage in STAGES:
            getattr(self, stage)()
            if not (self.sweep or self.shown_later(stage)):
                return  # nothing later shows what was attacked

    def shown_later(self, stage: str) -> bool:
        later = STAGES[STAGES.index(stage) + 1:]
        return any(key.split(":")[0] in later for name in self.attacked
                   for key in SHOWN_ON[name])

    def submissions(self) -> None:
        theme = self.text("call.themes", "Acceso a la información")
        self.post("admin", "/admin/calls/new", {
            "slug": "xss", "title": self.text("call.title", "Plan de Acción"),
            "description": self.text("call.description", "Una convocatoria abierta."),
            "rules": self.text("call.rules", "La Mesa decide por consenso."),
            "themes": f"{theme}\nContrataciones abiertas",
            "submission_opens_at": local(T0 - timedelta(days=5)),
            "submission_closes_at": local(T0 + timedelta(days=5)),
            "voting_opens_at": local(T0 + timedelta(days=10)),
            "voting_closes_at": local(T0 + timedelta(days=20)),
            "votes_per_voter": "3", "max_proposals_per_author": "5", "eligibility": "email",
            "decision_rule": "consensus", "comments_open": "y"})
        # The call's review panel is whoever holds the group's seats (set on the seats page).
        for role, constituency in (("member", "civil_society"), ("observer", "observer")):
            seat(self.people[role][0], constituency)
        for constituency, holder in self.holders.items():
            seat(holder, constituency)
        form = {name: self.text(f"proposal.{name}", harmless) for name, harmless in (
            ("title", "Registro abierto"), ("summary", "Publicar quién controla empresas."),
            ("problem", "No se sabe quién está detrás."), ("commitment", "- Crear un registro"),
            ("solution", "Detectar conflictos de interés."),
            ("expected_results", "Registro en línea."), ("responsible_body", "ChileCompra"),
            ("organisation", "Fundación Datos"))}
        form.update(ogp_values=["transparency"], theme=theme, region="national")
        ids = {}
        for name in ("main", "hidden", "withdrawn", "draft"):
            location = self.post("author", "/calls/xss/proposals/new", form)
            ids[name] = int(re.search(r"/drafts/(\d+)/", location).group(1))
            if name != "draft":
                location = self.post("author", f"/calls/xss/proposals/drafts/{ids[name]}/publish",
                                     {})
                self.ref[name] = location.rsplit("/", 1)[1]
        main = f"/calls/xss/proposals/{self.ref['main']}"
        comments = []
        for body in (self.text("comment.body", "Buena idea"), "Otro comentario"):
            location = self.post("commenter", f"{main}/comments", {"body": body})
            comments.append(int(location.rsplit("comment-", 1)[1]))
        self.post("reporter", f"{main}/report", {"reason": "spam"})
        self.post("reporter", f"/comments/{comments[0]}/report", {"reason": "spam"})
        self.post("moderator", f"/moderation/comment/{comments[1]}/hide",
                  {"reason": self.text("comment.hidden_reason", "Fuera de tema")})
        self.post("moderator", f"/moderation/proposal/{ids['hidden']}/hide",
                  {"reason": self.text("proposal.moderation_reason", "Datos personales")})
        self.post("author", f"/calls/xss/proposals/{self.ref['withdrawn']}/withdraw",
                  {"reason": self.text("proposal.withdrawal_reason", "Ya no aplica")})
        self.check("submissions", {
            "home": ("anonymous", "/"), "calls": ("anonymous", "/calls/"),
            "call": ("anonymous", "/calls/xss/"), "list": ("anonymous", "/calls/xss/proposals/"),
            "list of withdrawn": ("anonymous", "/calls/xss/proposals/?status=withdrawn"),
            "proposal": ("commenter", main),
            "hidden proposal": ("anonymous", f"/calls/xss/proposals/{self.ref['hidden']}"),
            "withdrawn proposal": ("anonymous", f"/calls/xss/proposals/{self.ref['withdrawn']}"),
            "results": ("anonymous", "/calls/xss/results"),
            "profile": ("author", "/accounts/me"),
            "my proposals": ("author", "/accounts/me/proposals"),
            "new proposal form": ("author", "/calls/xss/proposals/new"),
            "edit form": ("author", f"{main}/edit"),
            "withdraw form": ("author", f"{main}/withdraw"),
            "draft preview": ("author", f"/calls/xss/proposals/drafts/{ids['draft']}"),
            "draft edit form": ("author", f"/calls/xss/proposals/drafts/{ids['draft']}/edit"),
            "comment edit form": ("commenter", f"/comments/{comments[0]}/edit"),
            "moderation queue": ("moderator", "/moderation/"),
            "admin dashboard": ("admin", "/admin/"), "admin users": ("admin", "/admin/users"),
            "edit call": ("admin", "/admin/calls/xss/edit"),
            "admin members": ("admin", "/admin/calls/xss/members"),
            "api calls": ("anonymous", "/api/v1/calls"),
            "api call": ("anonymous", "/api/v1/calls/xss"),
            "api proposals": ("anonymous", "/api/v1/calls/xss/proposals"),
            "api proposal": ("anonymous", f"/api/v1{main}"),
            "export.csv": ("anonymous", "/calls/xss/export.csv"),
            "export.json": ("anonymous", "/calls/xss/export.json"),
        })

    def vote(self) -> None:
        self.clock.set(T0 + timedelta(days=12))
        main = f"/calls/xss/proposals/{self.ref['main']}"
        self.post("commenter", f"{main}/vote", {})
        self.check("vote", {
            "my votes": ("commenter", "/accounts/me/votes"),
            "proposal": ("commenter", main), "results": ("anonymous", "/calls/xss/results"),
        })

    def review(self) -> None:
        self.clock.set(T0 + timedelta(days=22))
        main = f"/review/xss/proposals/{self.ref['main']}"
        self.post("observer", f"{main}/conflict",
                  {"reason": self.text("conflict.reason", "Mi organización la apoyó")})
        self.post("observer", f"{main}/notes", {"body": self.text("note.body", "Revisar plazos")})
        self.post("member", f"{main}/assessment", {
            **dict.fromkeys(("relevance", "specificity", "measurability", "feasibility",
                             "impact"), "2"),
            "comment": self.text("assessment.comment", "Sólida")})
        response = f'{self.text("decision.response", "")}\n\n{RESPONSE}'.strip()
        self.post("member", f"{main}/decision", {"outcome": "included", "response": response,
                                                 "position": "agree"})
        # Each other voting constituency records its own position on the same text.
        proposal = _db.session.scalar(_db.select(Proposal).where(
            Proposal.reference == self.ref["main"]))
        decide(proposal.call, proposal, by=self.holders, positions={"government": "agree", "academia": "agree"},
               outcome="included", response=response)
        _db.session.commit()
        self.check("review", {
            "queue": ("member", "/review/xss/"),
            "proposal": ("member", main), "shortlist": ("member", "/review/xss/shortlist"),
            "publish": ("admin", "/review/xss/publish"),
            "public proposal": ("anonymous", f"/calls/xss/proposals/{self.ref['main']}"),
            "results": ("anonymous", "/calls/xss/results"),
            "api results": ("anonymous", "/api/v1/calls/xss/results"),
        })

    def results(self) -> None:
        from app.calls.models import Call
        from app.core.confirmation import fingerprint
        from app.review import services as review_services

        call = _db.session.scalar(_db.select(Call).where(Call.slug == "xss"))
        self.post("admin", "/review/xss/publish", {"confirm": "y", "consequences_seen":
                  fingerprint(review_services.publication_consequences(call))})
        self.check("results", {
            "home": ("anonymous", "/"), "list": ("anonymous", "/calls/xss/proposals/"),
            "results": ("anonymous", "/calls/xss/results"),
            "shortlist": ("anonymous", "/review/xss/shortlist"),
            "proposal": ("anonymous", f"/calls/xss/proposals/{self.ref['main']}"),
            "review proposal": ("member", f"/review/xss/proposals/{self.ref['main']}"),
            "api proposal": ("anonymous", f"/api/v1/calls/xss/proposals/{self.ref['main']}"),
            "api results": ("anonymous", "/api/v1/calls/xss/results"),
            "export.csv": ("anonymous", "/calls/xss/export.csv"),
            "export.json": ("anonymous", "/calls/xss/export.json"),
        })


def data_problems(response, mimetype: str, download: bool) -> list[str]:
    """What would let a browser read a data response as a page."""
    problems = []
    if response.mimetype != mimetype:
        problems.append(f"served as {response.mimetype}")
    if response.headers.get("X-Content-Type-Options") != "nosniff":
        problems.append("sniffable")
    if download and not response.headers.get("Content-Disposition", "").startswith(
            "attachment"):
        problems.append("shown inline")
    return problems


def test_every_text_column_is_typed_in_a_listed_field_or_reached_by_nothing_typed(app):
    text_columns = {f"{table.name}.{column.name}" for table in _db.metadata.sorted_tables
                    for column in table.columns
                    if isinstance(column.type, String | Text | JSON)}
    assert sorted(text_columns - TYPED.keys() - NOT_TYPED.keys()) == [], \
        "a new text column: add its field to FIELDS (and TYPED), or say why in NOT_TYPED"
    assert sorted((TYPED.keys() | NOT_TYPED.keys()) - text_columns) == []
    assert set(TYPED.values()) == set(FIELDS)


def test_every_field_has_a_payload_and_its_pages():
    assert sorted(FIELDS) == sorted(SHOWN_ON)
    for name, limit in FIELDS.items():
        assert VECTORS[0] in payload(name, limit, one_line=name in ONE_LINE), name


def test_every_page_is_text_with_every_field_attacked_and_shown_on_is_complete(app, clock,
                                                                             create_user):
    story = Story(app, clock, frozenset(FIELDS), sweep=True)
    story.run(create_user)
    assert story.found == {}, "live markup; the per-field tests name the field"
    # Where each field is seen is exactly where SHOWN_ON says, so the per-field tests below
    # read every page that shows their field.
    seen = {name: sorted(key for key, fields in story.shown.items() if name in fields)
            for name in FIELDS}
    assert seen == {name: sorted(pages) for name, pages in SHOWN_ON.items()}


@pytest.mark.parametrize("attacked", sorted(FIELDS))
def test_a_typed_payload_is_text_on_every_page_that_shows_it(app, clock, create_user,
                                                             attacked):
    story = Story(app, clock, frozenset({attacked}))
    story.run(create_user)
    assert story.found == {}, f"live markup from {attacked}"
    missing = sorted(key for key in SHOWN_ON[attacked] if attacked not in story.shown[key])
    assert missing == [], f"{attacked} is not shown there"


def test_a_report_reason_is_a_choice_never_text(app, create_user, create_proposal,
                                                          create_call, db, login, client):
    proposal = create_proposal(create_call(slug="xss"))
    login(create_user())
    response = client.post(f"/calls/xss/proposals/{proposal.reference}/report",
                           data={"reason": payload("report.reason", 300)})
    assert response.status_code == 422
    assert db.session.scalars(db.select(Report.reason)).all() == []


# Query-string values a page shows back (search boxes, filters, a login's `next`).
REFLECTED = {
    "proposal list filters": ("anonymous", "/calls/open/proposals/?q={p}&theme={p}&value={p}"
                                           "&region={p}&body={p}&status={p}&sort={p}&page={p}"),
    "proposal comments": ("participant",
                          "/calls/open/proposals/{ref}?comments_order={p}&comments_page={p}"),
    "results page": ("anonymous", "/calls/done/results?page={p}"),
    "login next": ("anonymous", "/accounts/login?next={p}"),
    "account search": ("admin", "/admin/users?q={p}&page={p}"),
    "review queue filters": ("member", "/review/review/?theme={p}&value={p}&decision={p}"
                                       "&mine={p}&page={p}"),
}


def test_a_payload_in_the_query_string_is_text_on_the_page(app, world):
    typed = quote(payload("query", 300, one_line=True))
    found = {}
    for page, (actor, url) in REFLECTED.items():
        response = sign_in(app, world.user(actor)).get(
            url.format(p=typed, ref=world.published.reference))
        body = text_of(response)
        assert response.status_code == 200, page
        assert marker("query") in body, page  # shown back (if only in the language links)
        if dangerous_markup(body):
            found[page] = dangerous_markup(body)
    assert found == {}


def test_site_pages_are_text_whatever_an_administrator_types(client, login, create_user):
    """The site's own pages (|page_text: headings allowed) against every vector."""
    from tests.helpers import dangerous_markup

    login(create_user(role="admin"))
    body = "## Intro {#intro}\n" + "\n\n".join(VECTORS)
    title = " ".join(VECTORS)[:200]
    assert client.post("/admin/pages/help/es", data={"title": title, "body": body}
                       ).status_code == 302
    for url in ("/help", "/admin/pages/help/es"):
        html = client.get(url).get_data(as_text=True)
        assert dangerous_markup(html) == [], url


def test_plan_texts_are_text_whatever_an_administrator_types(client, login, create_user,
                                                            create_call, create_proposal):
    """Plans, commitments and milestones (|rich or escaped) against every vector."""
    from app.plans.models import Commitment

    call = create_call(slug="xss")
    source = create_proposal(call, status="included", title=" ".join(VECTORS)[:150],
                             problem="\n\n".join(VECTORS))
    admin = create_user(role="admin", sector="government")
    login(admin)
    long, short = "\n\n".join(VECTORS), " ".join(VECTORS)[:190]
    assert client.post("/admin/plans/new", data={
        "slug": "xss", "title": short, "description": long, "starts_on": "2016-01-01",
        "ends_on": "2018-01-01", "status": "implementation", "call_id": str(call.id)}
    ).status_code == 302
    texts = {name: long for name in ("problem", "description", "how_it_helps",
                                     "ogp_relevance", "expected_results",
                                     "supporting_government", "supporting_others")}
    assert client.post("/admin/plans/xss/commitments/new", data={
        **texts, "title": short, "theme": short, "sdg_targets": short, "lead_agency": short,
        "sources": [source.reference]}).status_code == 302
    reference = _db.session.scalar(_db.select(Commitment.reference))
    assert client.post(f"/admin/plans/xss/commitments/{reference}/milestones/new", data={
        "deliverable": short, "indicator": long, "verification": long, "responsible": short,
        "weight": "1"}).status_code == 302
    milestone = _db.session.scalar(_db.select(Commitment)).milestones[0]
    base = f"/plans/xss/commitments/{reference}"
    evidence = "\n".join(f"https://x.example/{n} {vector}" for n, vector in enumerate(VECTORS))
    assert client.post(f"{base}/updates/new", data={
        "milestone_id": str(milestone.id), "status": "limited", "narrative": long,
        "evidence": evidence + '\nhttps://x.example/"onmouseover="alert(1)'}).status_code == 302
    assert client.post(f"{base}/codings/irm", data={
        "completion": "limited", "potential": "modest", "verifiable": "yes",
        "source_title": short, "source_url": 'https://x.example/"onmouseover="alert(1)'}
    ).status_code == 302
    critic = create_user(name="Crítica")
    client.post("/accounts/logout")
    client.post("/accounts/login", data={"email": critic.email, "password": PASSWORD})
    assert client.post(f"{base}/updates/1/reading", data={
        "stance": "disagree", "reasons": long,
        "evidence_url": 'https://x.example/"onmouseover="alert(1)'}).status_code == 302
    client.post("/accounts/logout")
    login(admin)
    assert client.post(f"{base}/readings/1/answer", data={"answer": long}).status_code == 302
    for url in ("/plans/", "/plans/xss/", f"/plans/xss/commitments/{reference}",
                f"/calls/xss/proposals/{source.reference}", "/admin/plans/",
                "/admin/plans/xss/edit", f"/admin/plans/xss/commitments/{reference}/edit",
                f"/admin/plans/xss/commitments/new?from={source.reference}",
                f"/admin/plans/xss/commitments/{reference}/milestones/{milestone.id}/edit",
                f"{base}/updates/1", f"{base}/updates/1/revise"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert dangerous_markup(text_of(response)) == [], url


def test_consultation_texts_are_text(app, client, login, create_user):
    """Consultation comments and the Working Group's answers, on every page that shows them."""
    from app.plans import comments, consultation
    from app.plans import services as plans

    admin = create_user(role="admin", sector="government")
    plan = plans.create_plan(admin, "xss", title="Borrador", starts_on=datetime(2026, 9, 1),
                             ends_on=datetime(2028, 8, 31))
    commitment = plans.create_commitment(admin, plan, title="Compromiso", lead_agency="Agencia")
    consultation.open_consultation(admin, plan, T0 - timedelta(days=1), T0 + timedelta(days=9))
    _db.session.commit()
    long = "\n\n".join(VECTORS)
    login(create_user(name=" ".join(VECTORS)[:120]))
    base = f"/plans/xss/commitments/{commitment.reference}"
    assert client.post(f"{base}/comments", data={"body": long, "field": "problem"}
                       ).status_code == 302
    comment = comments.thread(commitment)[0][0]
    unanswered = app.test_client()
    unanswered.post("/accounts/login", data={"email": admin.email, "password": PASSWORD})
    assert dangerous_markup(text_of(unanswered.get("/admin/plans/xss/edit"))) == []
    consultation.answer_comment(admin, comment, long + " " + "x" * 200)
    _db.session.commit()
    for url in (base, "/plans/xss/consultation", "/moderation/",
                f"/plans/xss/consultation/comments/{comment.id}/answer"):
        response = unanswered.get(url)
        assert response.status_code == 200, url
        assert dangerous_markup(text_of(response)) == [], url
