"""Read-only JSON API: the same public record as the pages and exports, for machines."""

from flask import abort, current_app, jsonify, request, url_for
from sqlalchemy import select

from app.api import bp, params
from app.api.openapi import document
from app.calls.services import get_call_or_404, list_calls
from app.core.clock import now
from app.core.process_cache import remembered
from app.dialogues.services import sessions_of
from app.priorities.services import poll_of
from app.extensions import csrf, db
from app.proposals.models import Proposal
from app.proposals.queries import list_proposals, public_proposal_or_404, visitor_seed
from app.results import open_data
from app.voting.ranking import ranked_proposals
from app.web.requests import client_address
from app.working_group import open_data as wg_open_data

csrf.exempt(bp)  # GET only: nothing here changes state


@bp.after_request
def cacheable_and_open(response):
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Allow-Methods"] = "GET, OPTIONS"
    response.headers["Access-Control-Allow-Headers"] = "If-None-Match"
    response.headers.setdefault("Cache-Control", "public, max-age=60")
    if response.status_code == 200 and request.method == "GET":
        response.add_etag()
        response.make_conditional(request)
    return response


def _links(call) -> dict:
    return {
        "self": url_for("api.call", slug=call.slug, _external=True),
        "proposals": url_for("api.proposals", slug=call.slug, _external=True),
        "results": url_for("api.results", slug=call.slug, _external=True),
        "html": url_for("calls.show", slug=call.slug, _external=True),
        "exports": {fmt: url_for("results.export", slug=call.slug, fmt=fmt, _external=True)
                    for fmt in ("csv", "json", "sqlite")},
    }


@bp.route("/")
def index():
    """Where a newcomer starts: every resource, read from the OpenAPI document itself."""
    paths = document()["paths"]
    return jsonify(
        name=current_app.config["MINGA_SITE_NAME"], version="1", licence="CC BY 4.0",
        links={"calls": url_for("api.calls", _external=True),
               "openapi": url_for("api.openapi", _external=True)},
        resources=[{"path": path, "summary": operation["get"]["summary"]}
                   for path, operation in paths.items()])


@bp.route("/calls")
def calls():
    at = now()
    return jsonify(items=[{**open_data.call_record(c, at), "links": _links(c)}
                          for c in list_calls()])


@bp.route("/calls/<slug>")
def call(slug):
    found = get_call_or_404(slug)
    return jsonify({**open_data.call_record(found), "links": _links(found)})


def _seed() -> int:
    return visitor_seed(current_app.config["SECRET_KEY"], client_address(),
                        request.headers.get("User-Agent", ""), now().date())


@bp.route("/calls/<slug>/proposals")
def proposals(slug):
    found = get_call_or_404(slug)
    at = now()
    listing, per_page = params.listing(request.args, found, at)
    page = list_proposals(found, listing, _seed(), per_page=per_page, options=())
    decisions = open_data.published_decisions(found, at, [p.id for p in page.items])
    counts_public = found.counts_public(at)
    following = None
    if page.has_next:
        args = {**request.args.to_dict(), "page": page.page + 1}
        following = url_for("api.proposals", slug=slug, _external=True, **args)
    return jsonify(
        items=[open_data.proposal_record(p, counts_public, decisions.get(p.id))
               for p in page.items],
        page=page.page, per_page=per_page, total=page.total, next=following)


@bp.route("/calls/<slug>/proposals/<reference>")
def proposal(slug, reference):
    found = get_call_or_404(slug)
    item = public_proposal_or_404(found, reference)
    at = now()
    decision = open_data.published_decisions(found, at, [item.id]).get(item.id)
    return jsonify(open_data.proposal_record(item, found.counts_public(at), decision))


@bp.route("/calls/<slug>/results")
def results(slug):
    found = get_call_or_404(slug)
    at = now()
    counts_public = found.counts_public(at)
    decisions = open_data.published_decisions(found, at)
    ranking = []
    if counts_public:
        ranking = [{"rank": row.rank, "tied": row.tied, "reference": row.proposal.reference,
                    "title": row.proposal.title, "votes": row.votes,
                    "outcome": decisions[row.proposal.id].outcome
                    if row.proposal.id in decisions else None}
                   for row in ranked_proposals(found)]
    total = db.session.scalar(select(db.func.count()).select_from(Proposal)
                              .where(Proposal.call_id == found.id, Proposal.status != "draft"))
    return jsonify(call=found.slug, counts_public=counts_public,
                   results_published=bool(decisions), proposals_received=total,
                   votes_per_day=_votes_per_day(found, at), ranking=ranking)


def _votes_per_day(found, at) -> list[dict]:
    # A pass over every vote of the call (a million in a national one): kept like the
    # results page's figures, and anew once counts become public.
    return remembered("minga.api_votes_per_day", found.id,
                      current_app.config["STATS_CACHE_SECONDS"],
                      lambda: open_data.votes_per_day(found, at),
                      variant=(found.version, found.counts_public(at)))


@bp.route("/calls/<slug>/priorities")
def priorities(slug):
    found = get_call_or_404(slug)
    poll = poll_of(found)
    if poll is None:
        abort(404)
    return jsonify({"call": found.slug, **open_data.priorities_record(poll),
                    "html": url_for("priorities.show", slug=slug, _external=True)})


@bp.route("/calls/<slug>/dialogues")
def dialogues(slug):
    found = get_call_or_404(slug)
    return jsonify(items=[{**open_data.dialogue_record(session), "html": url_for(
        "dialogues.show", slug=slug, session_id=session.id, _external=True)}
        for session in sessions_of(found)])


@bp.route("/working-group")
def working_group():
    return jsonify(wg_open_data.group_record())


@bp.route("/working-group/meetings")
def working_group_meetings():
    return jsonify(items=wg_open_data.meeting_records())


@bp.route("/documents")
def documents():
    return jsonify(items=wg_open_data.document_records())


@bp.route("/openapi.json")
def openapi():
    return jsonify(document())
