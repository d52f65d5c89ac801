"""Every page, as every kind of visitor, in every phase, reads in Spanish only.

The addresses come from the app's URL map (a new page is swept, or the test says it is
not), filled with each object of a world that has something of everything; each is read
by an anonymous visitor, a participant, an unconfirmed account, a moderator, an
administrator, a Working Group member and an observer, redirects followed so flashed
messages are read too. A few posts add what only a refused form or a refused action shows.
"""

import io
from itertools import product

from flask import template_rendered, url_for
from flask_babel import get_babel

from app.accounts import services as accounts
from app.accounts import tokens
from app.accounts.notifications import KINDS, unsubscribe_token
from app.dialogues.imports import COLUMNS as IMPORT_COLUMNS
from tests.conftest import PASSWORD
from tests.i18n.catalogue import (
    ROOT,
    EnglishFinder,
    page_text,
    stale_compiled_entries,
)

ES = {"Accept-Language": "es"}
IMPORT_HEADER = ",".join(IMPORT_COLUMNS)
JSON = {"accept": "application/json"}  # a post's data that asks for the answer in JSON
# Not pages: what is served to programs in the site's fixed vocabulary (codes, English keys).
NOT_PAGES = {
    "static": "files",
    "results.export": "open data files: column names and codes are the data's vocabulary",
    "plans.export": "open data files: column names and codes are the data's vocabulary",
    "plans.comments_export": "open data file: column names and codes are the data's vocabulary",
    "api.calls": "JSON API", "api.call": "JSON API", "api.proposals": "JSON API",
    "api.proposal": "JSON API", "api.results": "JSON API", "api.openapi": "API description",
    "api.index": "JSON API", "api.priorities": "JSON API", "api.dialogues": "JSON API",
    "api.working_group": "JSON API",
    "api.working_group_meetings": "JSON API", "api.documents": "JSON API",
    "working_group.meetings_ics": "a calendar feed",
    **dict.fromkeys(("working_group.export_json", "working_group.export_seats",
                     "working_group.export_meetings", "working_group.export_documents"),
                    "open data files: column names and codes are the data's vocabulary"),
    "working_group.document_file": "a document's file, as uploaded",
    "api.plans": "JSON API", "api.plan": "JSON API", "api.commitment": "JSON API",
    "health.healthz": "a probe's JSON", "health.readyz": "a probe's JSON",
}
# Only Spanish is read: choosing English would turn the rest of the visit English.
LOCALE_CODES = ["es"]
ONE_OF_EACH = ("main", "by_other", "hidden_auto", "draft")
VISITORS = ["anonymous", "participant", "unverified", "moderator", "admin", "wg", "wg_observer"]
QUERIES = {
    "proposals.index": [{"status": "withdrawn"}, {"status": "merged"}, {"sort": "recent"},
                        {"q": "registro"}, {"q": "zzzz"}],
    "review.queue": [{"decision": "undecided"}, {"mine": "assessed"}],
    "admin.users": [{"q": "paula"}],
    "working_group.rules_page": [{"from": 1, "to": 2}],
    "plans.new_commitment": [{"from": "2026-0001"}],
    "working_group.documents_page": [{"kind": "rules"}, {"year": "1999"}],
}


def _tokens(world) -> dict:
    users = world.users
    return {
        "accounts.verify": [tokens.make_token(accounts.VERIFY, users["unverified"].id,
                                              users["unverified"].email), "no-vale"],
        "accounts.reset_with_token": [tokens.make_token(
            accounts.RESET, users["participant"].id, users["participant"].password_hash),
            "no-vale"],
        "plans.unfollow": [world.follow_token, "no-vale"],
        "accounts.unsubscribe": [*(unsubscribe_token(users["blocked"], kind) for kind in KINDS),
                                 "no-vale"],
        "privacy.erase_confirm": [_erase_token(users["participant"]), "no-vale"],
        "privacy.download": ["no-vale"],
    }


def _erase_token(user) -> str:
    return tokens.make_token("erase", user.id, user.password_hash)


def _values(world, endpoint: str, name: str, slug: str | None, tokens_by_endpoint) -> list:
    found = world.proposals.get(slug, {})
    if endpoint != "proposals.show":  # the other pages of a proposal: one of each kind
        found = {k: v for k, v in found.items() if k in ONE_OF_EACH}
    if endpoint.startswith("pages."):  # the site's own pages, by their names
        return {"slug": ["privacy", "no-existe"], "locale": ["es"]}[name]
    if endpoint.startswith("plans.") and name != "token":
        return {"slug": [*world.plans, "no-existe"],
                "reference": [c.reference for c in world.commitments] + ["CL9999"],
                "milestone_id": [m.id for m in world.milestones],
                "update_id": [u.id for u in world.updates],
                "reading_id": [r.id for r in world.readings],
                "comment_id": [c.id for c in world.consultation_comments],
                "fmt": ["csv"],
                "by": ["government", "irm", "nadie"]}[name]
    return {
        "kind": ["comment"],
        "slug": [*world.calls, "no-existe"],
        "reference": [p.reference for p in found.values() if p.reference] + ["1999-9999"],
        "proposal_id": [p.id for p in found.values() if p.status == "draft"],
        "item_id": [c.id for c in world.comments.values()],
        "token": tokens_by_endpoint.get(endpoint, []),
        "code": LOCALE_CODES,
        "seat_id": [seat.id for seat in world.group.seats.values()],
        "term_id": [world.group.terms["academia"].id],
        "meeting_id": [m.id for m in world.group.meetings.values()],
        "session_id": [s.id for s in world.sessions] + [999_999],
        "document_id": [d.id for d in world.group.documents],
    }[name]


def page_addresses(app, world) -> list[str]:
    """Every GET page of the URL map, once for each object that fills its address."""
    tokens_by_endpoint = _tokens(world)
    addresses = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint in NOT_PAGES:
            continue
        names = sorted(rule.arguments)
        slugs = _values(world, rule.endpoint, "slug", None, {}) if "slug" in names else [None]
        for slug in slugs:
            others = [n for n in names if n != "slug"]
            for combo in product(*(_values(world, rule.endpoint, n, slug, tokens_by_endpoint)
                                   for n in others)):
                args = dict(zip(others, combo, strict=True))
                if slug is not None:
                    args["slug"] = slug
                for query in [{}, *QUERIES.get(rule.endpoint, [])]:
                    addresses.append(url_for(rule.endpoint, **args, **query))
    return addresses


def refused_and_posted(world) -> dict[str, list[tuple[str, dict]]]:
    """Posts that show what no GET shows: refusals, form errors, a vote, a code, a flash."""
    first = {slug: found["main"].reference for slug, found in world.proposals.items() if found}
    second = world.proposals["votacion"]["by_other"].reference
    third = world.proposals["votacion"]["third"].reference
    unsubscribe = unsubscribe_token(world.users["participant"], "comment")
    return {
        "anonymous": [
            ("/plans/plan-2016/follow", {}),
            ("/accounts/register", {}), ("/accounts/login", {"email": "nadie@ejemplo.cl",
                                                              "password": "x" * 12}),
            ("/accounts/reset", {}), ("/accounts/verify/resend", {}),
            ("/accounts/unfreeze", {"email": "nadie@ejemplo.cl", "password": "x" * 12}),
            (f"/accounts/unsubscribe/{unsubscribe}", {}),
            ("/calls/votacion-con-codigo/vote/code", {"code": "NO-VALE"}),
            ("/calls/votacion-con-codigo/vote/code", {"code": world.codes[1]}),
            ("/calls/proxima/priorities", {"themes": ["1"]}),
            ("/calls/proxima/priorities", {"themes": ["1"], "code": "NO-VALE"}),
        ],
        "participant": [
            (f"/plans/plan-2016/commitments/{world.commitments[0].reference}/updates/new", {}),
            (f"/plans/plan-2016/commitments/{world.commitments[0].reference}/follow", {}),
            ("/plans/plan-2016/follow", {}),
            (f"/plans/plan-2016/commitments/{world.commitments[0].reference}/updates/"
             f"{world.updates[1].id}/reading", {"evidence_url": "ftp://no"}),
            (f"/calls/antes-de-votar/proposals/{first['antes-de-votar']}/vote", {}),
            (f"/calls/votacion/proposals/{second}/vote", {}),
            (f"/calls/votacion/proposals/{first['votacion']}/vote/withdraw", {}),
            (f"/calls/resultados/proposals/{first['resultados']}/comments", {"body": "Tarde."}),
            (f"/calls/propuestas/proposals/{first['propuestas']}/comments", {"body": ""}),
            (f"/calls/propuestas/proposals/{first['propuestas']}/report", {}),
            ("/calls/propuestas/proposals/new", {"title": "Corta"}),
            (f"/calls/propuestas/proposals/{first['propuestas']}/withdraw", {"reason": ""}),
            ("/accounts/me", {"name": ""}), ("/accounts/me/password", {}),
            ("/accounts/delete", {"password": "no-es-la-clave"}),
            ("/accounts/data/export", {}), ("/accounts/data/export", {}),
            ("/accounts/data/mail", {"stop": "y"}), ("/accounts/data/mail", {}),
            ("/accounts/data/freeze", {"freeze_password": "no-es-la-clave"}),
            ("/accounts/privacy/accept", {}),
            (f"/accounts/delete/{_erase_token(world.users['participant'])}", {}),
            (f"/calls/propuestas/dialogues/{world.sessions[0].id}/proposals/new", {}),
            ("/calls/proxima/priorities", {"themes": []}),
            (f"/plans/plan-consulta/commitments/{world.commitments[1].reference}/comments",
             {"body": ""}),
            (f"/plans/plan-consulta/commitments/{world.commitments[1].reference}/comments",
             {"body": "Una idea", "field": "milestones"}),
            (f"/plans/plan-2016/commitments/{world.commitments[0].reference}/comments",
             {"body": "Otra idea"}),
            (f"/comments/{world.consultation_comments[0].id}/delete", {}),
            (f"/plans/plan-consulta/consultation/comments/"
             f"{world.consultation_comments[1].id}/answer", {"answer": "Corta"}),
            # As the page's script sends them: the answer's sentences are shown as they are.
            (f"/calls/votacion/proposals/{third}/vote", JSON),
            (f"/calls/antes-de-votar/proposals/{first['antes-de-votar']}/vote", JSON),
        ],
        "wg": [(f"/plans/plan-consulta/consultation/comments/"
                f"{world.consultation_comments[1].id}/answer", {"answer": "Corta"}),
               ("/plans/plan-consulta/consultation/window",
                {"opens_at": "2026-05-10T09:00", "closes_at": "2026-05-01T09:00"}),
               (f"/working-group/minutes/{world.group.minutes['circulated'].id}/answer",
                {"stance": "object"}),
               (f"/review/revision/proposals/{first['revision']}/decision", {}),
               (f"/review/revision/proposals/{first['revision']}/assessment", {}),
               (f"/review/revision/proposals/{first['revision']}/conflict", {})],
        "admin": [("/admin/working-group/", {}), ("/admin/working-group/rules/new", {}),
                  ("/admin/working-group/meetings/new", {"kind": "ordinary"}),
                  ("/admin/documents/new", {"title": "Acta", "kind": "minutes"}),
                  (f"/admin/working-group/meetings/{world.group.meetings['upcoming'].id}"
                   "/agenda", {"title": "Punto", "proposal": "1999-9999"}),
                  (f"/working-group/minutes/{world.group.minutes['circulated'].id}/publish",
                   {}),
                  (f"/admin/working-group/seats/{world.group.seats['academia'].id}/appoint",
                   {"starts_on": "2000-01-01", "holder_email": "nadie@ejemplo.cl"}),
                  (f"/admin/working-group/terms/{world.group.terms['academia'].id}/end", {}),
                  (f"/plans/plan-2016/commitments/{world.commitments[0].reference}/updates/new",
                   {"evidence": "ftp://no-vale"}),
                  (f"/plans/plan-2016/commitments/{world.commitments[0].reference}/codings/irm",
                   {}),
                  ("/admin/plans/new", {}), ("/admin/plans/plan-2016/commitments/new", {}),
                  ("/admin/plans/plan-consulta/edit", {
                      "title": "Borrador en consulta", "starts_on": "2026-09-01",
                      "ends_on": "2028-08-31", "status": "adopted", "call_id": "0"}),
                  ("/admin/plans/plan-2016/commitments/new", {"copy": "1"}),
                  ("/admin/calls/new", {}), ("/review/revision/publish", {}),
                  ("/admin/calls/propuestas/import", {"file": (io.BytesIO(
                      b"credited_author,title\nAna,Algo\n"), "mala.csv")}),
                  ("/admin/calls/propuestas/import", {"dry_run": "y", "file": (io.BytesIO(
                      IMPORT_HEADER.encode() + b"\n,,,,,,,,,,,,\n,Solo un titulo,,,,,,,,,,,\n"),
                      "incompleta.csv")}),
                  ("/admin/calls/propuestas/priorities/adopt", {"count": "0"}),
                  ("/admin/calls/proxima/priorities/themes", {"name": ""}),
                  ("/admin/calls/proxima/priorities", {"max_picks": "0"}),
                  ("/admin/calls/propuestas/dialogues", {"title": ""}),
                  (f"/admin/calls/propuestas/dialogues/{world.sessions[0].id}/facilitators",
                   {"email": "nadie@ejemplo.cl"}),
                  ("/admin/calls/revision/members", {"email": "nadie@ejemplo.cl"})],
        "moderator": [(f"/moderation/proposal/{world.proposals['propuestas']['second'].id}/hide",
                       {"reason": ""}),
                      (f"/moderation/users/{world.users['admin'].id}/block", {})],
    }


def _visitor(app, world, who: str):
    client = app.test_client()
    if who != "anonymous":
        response = client.post("/accounts/login", headers=ES, data={
            "email": world.users[who].email, "password": PASSWORD})
        assert response.status_code == 302, who
    return client


def _read(finder, who, method, address, response) -> None:
    where = f"{who} {method} {address}"
    if response.mimetype == "text/html":
        finder.read(where, page_text(response.get_data(as_text=True)))
    elif response.mimetype == "application/json":
        finder.read(where, [value for value in _strings(response.get_json())])


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict | list):
        for item in value.values() if isinstance(value, dict) else value:
            yield from _strings(item)


def test_every_page_reads_in_spanish(app, world, spanish_catalogue, marked_messages):
    stale = stale_compiled_entries(spanish_catalogue, get_babel(app).translation_directories)
    assert not stale, f"the compiled catalogue is older than messages.po: run make " \
                      f"translations ({len(stale)} messages differ, e.g. {stale[:3]})"
    finder = EnglishFinder(spanish_catalogue, marked_messages)
    rendered = set()

    def shown(_app, template, context):
        rendered.add(template.name)

    addresses = page_addresses(app, world)
    posts = refused_and_posted(world)
    with template_rendered.connected_to(shown, app):
        for who in VISITORS:
            client = _visitor(app, world, who)
            for address in addresses:
                _read(finder, who, "GET", address,
                      client.get(address, headers=ES, follow_redirects=True))
            for address, data in posts.get(who, []):
                headers = {**ES, "Accept": "application/json"} if data is JSON else ES
                _read(finder, who, "POST", address, client.post(
                    address, data={} if data is JSON else data, headers=headers,
                    follow_redirects=True))
    pages = {str(path.relative_to(ROOT / "templates")) for path in
             (ROOT / "templates").glob("*/*.html") if path.parent.name not in ("macros", "mail")}
    assert pages - rendered == set(), "pages the sweep never showed: add a case for each"
    assert not finder.findings, "English on Spanish pages:\n" + finder.report()


def test_what_the_sweep_leaves_out_exists(app):
    """An endpoint renamed or removed must not leave an exemption behind it."""
    assert set(NOT_PAGES) <= {rule.endpoint for rule in app.url_map.iter_rules()}


def test_a_tombstone_explains_an_automatic_hide(app, db, client, create_call, create_proposal,
                                                create_user):
    from app.moderation import services as moderation

    proposal = create_proposal(create_call(slug="nap"))
    comment = moderation.add_comment(create_user(), proposal, "Un comentario.")
    for _ in range(app.config["REPORT_THRESHOLD"]):
        reporter = create_user()
        moderation.report(reporter, comment, "offensive")
        moderation.report(reporter, proposal, "spam")
    db.session.commit()
    page = client.get(f"/calls/nap/proposals/{proposal.reference}",
                      headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert "pending review" not in page
    assert "Hidden by moderation: several people reported it, and it stays hidden until a " \
           "moderator reviews it" in page
