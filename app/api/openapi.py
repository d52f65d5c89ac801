"""The OpenAPI 3.1 description of /api/v1 (its schemas are JSON Schema 2020-12)."""

from app.api.params import MAX_PAGE, MAX_PER_PAGE, MAX_TEXT
from app.calls.models import TEXT_FIELDS
from app.plans.consultation import FIELDS as CONSULTED_FIELDS
from app.plans.models import COMMITMENT_FIELDS, PLAN_STATUSES
from app.plans.progress import SELF_STATUSES
from app.proposals.models import OGP_VALUES, PUBLIC_STATUSES
from app.review.models import OUTCOMES
from app.working_group.document_models import DOCUMENT_KINDS
from app.working_group.file_types import FORMATS
from app.working_group.meeting_models import ATTENDANCE, MEETING_KINDS

NULLABLE_STRING = {"type": ["string", "null"]}
DATETIME = {"type": "string", "format": "date-time"}
NULLABLE_DATETIME = {"type": ["string", "null"], "format": "date-time"}
DATE = {"type": "string", "format": "date"}


def _object(properties: dict, required=None) -> dict:
    return {"type": "object", "properties": properties,
            "required": list(required or properties), "additionalProperties": False}


SCHEMAS = {
    "Error": _object({"error": _object({"code": {"type": "integer"},
                                        "message": {"type": "string"}})}),
    "Call": _object({
        "slug": {"type": "string"}, "title": {"type": "string"},
        "description": {"type": "string"},
        "phase": {"enum": ["upcoming", "submission", "pre_voting", "voting", "review",
                           "results"]},
        "submission_opens_at": DATETIME, "submission_closes_at": DATETIME,
        "voting_opens_at": DATETIME, "voting_closes_at": DATETIME,
        "results_published_at": NULLABLE_DATETIME,
        "votes_per_voter": {"type": "integer", "minimum": 1},
        "themes": {"type": "array", "items": {"type": "string"}},
        "eligibility": {"enum": ["email", "code"]},
        "decision_rule": {"enum": ["consensus", "majority"]},
        "hide_counts_until_close": {"type": "boolean"},
        "counts_public": {"type": "boolean"}, "rules": {"type": "string"},
        "language": {"type": "string", "description": "The language of title, description "
                     "and rules, e.g. es"},
        "translations": {"type": "object", "description": "The same texts in other "
                         "languages, by language code; a text not written is left out",
                         "additionalProperties": {
                             "type": "object", "additionalProperties": False,
                             "properties": {field: {"type": "string"} for field in TEXT_FIELDS}}},
        "links": {"type": "object"},
    }, required=["slug", "title", "phase", "counts_public", "links"]),
    "Proposal": _object({
        "reference": {"type": "string", "pattern": r"^\d{4}-\d{4,}$"},
        "title": {"type": "string"}, "summary": {"type": "string"},
        "problem": {"type": "string"}, "commitment": {"type": "string"},
        "solution": {"type": "string"}, "expected_results": {"type": "string"},
        "theme": {"type": "string"},
        "ogp_values": {"type": "array", "items": {"enum": list(OGP_VALUES)}},
        "region": {"type": "string"}, "responsible_body": {"type": "string"},
        "organisation": NULLABLE_STRING, "status": {"enum": list(PUBLIC_STATUSES)},
        "published_at": NULLABLE_DATETIME, "edited_at": NULLABLE_DATETIME,
        "withdrawn_at": NULLABLE_DATETIME, "withdrawal_reason": NULLABLE_STRING,
        "votes": {"type": ["integer", "null"], "minimum": 0,
                  "description": "null while vote counts are hidden"},
        "outcome": {"enum": [*OUTCOMES, None],
                    "description": "null until the results are published"},
        "response": NULLABLE_STRING, "merged_into": NULLABLE_STRING,
        "credited_author": {"type": ["string", "null"], "description": "who made a proposal "
                            "gathered offline, named as they agreed; null when submitted online"},
        "origin": {"enum": ["dialogue", "paper", None],
                   "description": "null when submitted online"},
        "dialogue_session": {"type": ["string", "null"],
                             "description": "the session it was made at"},
        "entered_by": {"type": ["string", "null"],
                       "description": "the facilitator or administrator who typed it in"},
        "origin_note": {"type": ["string", "null"],
                        "description": "the source a paper or spreadsheet row names"},
    }),
    "ProposalPage": _object({
        "items": {"type": "array", "items": {"$ref": "#/components/schemas/Proposal"}},
        "page": {"type": "integer", "minimum": 1},
        "per_page": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
        "total": {"type": "integer", "minimum": 0},
        "next": {"type": ["string", "null"], "format": "uri"},
    }),
    "Priorities": _object({
        "call": {"type": "string"}, "max_picks": {"type": "integer", "minimum": 1},
        "opens_at": DATETIME, "closes_at": DATETIME, "adopted_at": NULLABLE_DATETIME,
        "ballots": {"type": "integer", "minimum": 0},
        "themes": {"type": "array", "description": "Most chosen first", "items": _object({
            "name": {"type": "string"}, "description": {"type": "string"},
            "votes": {"type": "integer", "minimum": 0}})},
        "html": {"type": "string", "format": "uri"},
    }),
    "DialogueList": _object({"items": {"type": "array", "items": _object({
        "id": {"type": "integer"}, "title": {"type": "string"},
        "kind": {"enum": ["working_table", "workshop", "consultation"]},
        "region": {"type": "string"}, "city": {"type": "string"}, "held_at": DATETIME,
        "convened_by": {"type": "string"},
        "facilitators": {"type": "array", "items": {"type": "string"}},
        "attendance": {"type": "object", "description": "People by sector; no names",
                       "additionalProperties": {"type": "integer", "minimum": 0}},
        "agenda": {"type": "string"}, "minutes": {"type": "string"},
        "documents": {"type": "array", "items": _object({
            "title": {"type": "string"}, "url": {"type": "string", "format": "uri"},
            "document_id": {"type": ["integer", "null"],
                            "description": "The repository document's id; null for a link"}})},
        "proposals": {"type": "array", "items": {"type": "string"},
                      "description": "References of the proposals entered at the session"},
        "html": {"type": "string", "format": "uri"},
    })}}),
    "Index": _object({
        "name": {"type": "string"}, "version": {"type": "string"},
        "licence": {"type": "string"},
        "links": _object({"calls": {"type": "string", "format": "uri"},
                          "openapi": {"type": "string", "format": "uri"}}),
        "resources": {"type": "array", "items": _object({
            "path": {"type": "string"}, "summary": {"type": "string"}})}}),
    "CallList": _object({"items": {"type": "array",
                                   "items": {"$ref": "#/components/schemas/Call"}}}),
    "Results": _object({
        "call": {"type": "string"}, "counts_public": {"type": "boolean"},
        "results_published": {"type": "boolean"},
        "proposals_received": {"type": "integer", "minimum": 0},
        "votes_per_day": {"type": "array", "items": _object({
            "day": {"type": "string", "format": "date"}, "votes": {"type": "integer"}})},
        "ranking": {"type": "array", "items": _object({
            "rank": {"type": "integer", "minimum": 1}, "tied": {"type": "boolean"},
            "reference": {"type": "string"}, "title": {"type": "string"},
            "votes": {"type": "integer", "minimum": 0},
            "outcome": {"enum": [*OUTCOMES, None]}})},
    }),
    "WorkingGroup": _object({
        "name": {"type": "string"},
        "seats": {"type": "array", "items": _object({
            "id": {"type": "integer"}, "name": {"type": "string"},
            "constituency": {"type": "string"}, "votes": {"type": "boolean"},
            "terms": {"type": "array", "items": _object({
                "holder_name": {"type": "string"}, "role": {"type": "string"},
                "organisation": {"type": "string"}, "appointed_by": {"type": "string"},
                "alternate_name": {"type": "string"}, "starts_on": DATE,
                "ends_on": {"type": ["string", "null"], "format": "date"}})}})},
        "rules": {"type": "array", "items": _object({
            "id": {"type": "integer"}, "title": {"type": "string"}, "body": {"type": "string"},
            "adopted_on": DATE, "adopted_at": {"type": "string"},
            "document": {"type": ["string", "null"], "format": "uri",
                         "description": "The page of the rules file (/documents/<id>)"}})},
    }),
    "MeetingList": _object({"items": {"type": "array", "items": _object({
        "id": {"type": "integer"}, "kind": {"enum": list(MEETING_KINDS)},
        "title": {"type": "string"}, "starts_at": DATETIME, "place": {"type": "string"},
        "online_link": {"type": "string"},
        "agenda": {"type": "array", "items": {"type": "string"}},
        "attendance": {"type": "array", "items": _object({
            "seat": {"type": "integer"}, "status": {"enum": list(ATTENDANCE)}})},
        "minutes": {"type": "array", "description": "Published minutes only",
                    "items": _object({"version": {"type": "integer", "minimum": 1},
                                      "body": {"type": "string"},
                                      "published_at": DATETIME})},
        "html": {"type": "string", "format": "uri"}})}}),
    "DocumentList": _object({"items": {"type": "array", "items": _object({
        "id": {"type": "integer"}, "title": {"type": "string"},
        "kind": {"enum": list(DOCUMENT_KINDS)}, "dated_on": DATE,
        "meeting": {"type": ["integer", "null"]}, "call": NULLABLE_STRING,
        "format": {"enum": list(FORMATS)}, "size": {"type": "integer", "minimum": 0},
        "updated_at": DATETIME, "file": {"type": "string", "format": "uri"}})}}),
}


DATE = {"type": "string", "format": "date"}
NULLABLE_DATE = {"type": ["string", "null"], "format": "date"}
TEXT = {"type": "string"}
PLAN = {"slug": TEXT, "title": TEXT, "description": TEXT, "starts_on": DATE, "ends_on": DATE,
        "status": {"enum": list(PLAN_STATUSES)}, "adopted_on": NULLABLE_DATE,
        "call": NULLABLE_STRING, "links": {"type": "object"}}
DATE_OR_EMPTY = {"type": "string", "description": "YYYY-MM-DD, or empty when not set"}
SCHEMAS.update({
    "Plan": _object(PLAN),
    "PlanList": _object({"items": {"type": "array",
                                   "items": {"$ref": "#/components/schemas/Plan"}}}),
    "PlanDetail": _object({**PLAN, "consultation": _object({
        "state": {"enum": ["none", "upcoming", "open", "closed"]},
        "opens_at": NULLABLE_DATETIME, "closes_at": NULLABLE_DATETIME,
        "comments": {"type": "integer", "minimum": 0,
                     "description": "Consultation comments received, hidden ones left out"},
        "answered": {"type": "integer", "minimum": 0,
                     "description": "Of those, answered with a reasoned response"},
        "html": {"type": "string", "format": "uri"}}),
        "commitments": {"type": "array", "items": _object({
        "reference": TEXT, "title": TEXT, "lead_agency": TEXT, "theme": TEXT,
        "progress": {"type": "integer", "minimum": 0, "maximum": 100,
                     "description": "Σ(weight × share done) ÷ Σ weight, in percent"},
        "overdue_milestones": {"type": "integer", "minimum": 0},
        "disputed": {"type": "boolean"}})}}),
    "Commitment": _object({
        "reference": TEXT, **{name: TEXT for name in COMMITMENT_FIELDS
                              if name not in ("ogp_values", "starts_on", "ends_on")},
        "ogp_values": {"type": "array", "items": {"enum": list(OGP_VALUES)}},
        "starts_on": DATE_OR_EMPTY, "ends_on": DATE_OR_EMPTY,
        "source_proposals": {"type": "array", "items": TEXT},
        "milestones": {"type": "array", "items": _object({
            "id": {"type": "integer"}, "commitment": TEXT, "deliverable": TEXT,
            "indicator": TEXT, "verification": TEXT, "responsible": TEXT,
            "starts_on": DATE_OR_EMPTY, "ends_on": DATE_OR_EMPTY,
            "weight": {"type": "integer", "minimum": 1}})},
        "updates": {"type": "array", "items": _object({
            "id": {"type": "integer"}, "thread": {"type": "integer"},
            "version": {"type": "integer", "minimum": 1}, "commitment": TEXT,
            "milestone": {"type": "integer"}, "status": {"enum": list(SELF_STATUSES)},
            "narrative": TEXT, "evidence": {"type": "array", "items": TEXT},
            "evidence_documents": {"type": "array", "items": _object({
                "id": {"type": "integer"}, "title": TEXT, "url": TEXT})},
            "published_at": DATETIME})},
        "counterassessments": {"type": "array", "items": _object({
            "id": {"type": "integer"}, "update": {"type": "integer"},
            "thread": {"type": "integer"}, "stance": {"enum": ["agree", "disagree"]},
            "reasons": TEXT, "evidence_url": TEXT, "seat": NULLABLE_STRING,
            "created_at": DATETIME, "answer": NULLABLE_STRING,
            "answered_at": NULLABLE_DATETIME})},
        "comments": {"type": "array", "description": "Public comments (neither hidden nor "
                     "deleted), with the Working Group's response to consultation comments",
                     "items": _object({
                         "id": {"type": "integer"}, "commitment": TEXT,
                         "reply_to": {"type": ["integer", "null"]},
                         "field": {"enum": [*CONSULTED_FIELDS, None],
                                   "description": "The part of the commitment it is about; "
                                   "null: the commitment as a whole"},
                         "consultation": {"type": "boolean"}, "author": TEXT, "body": TEXT,
                         "created_at": DATETIME, "edited_at": NULLABLE_DATETIME,
                         "answer": NULLABLE_STRING, "answered_at": NULLABLE_DATETIME})},
    }),
})


def _param(name, description, schema=None, where="query", required=False):
    return {"name": name, "in": where, "required": required, "description": description,
            "schema": schema or {"type": "string"}}


def _ok(schema: str, description: str) -> dict:
    return {
        "200": {"description": description, "content": {"application/json": {
            "schema": {"$ref": f"#/components/schemas/{schema}"}}}},
        "304": {"description": "Not modified (ETag matched)"},
        "400": {"$ref": "#/components/responses/Error"},
        "404": {"$ref": "#/components/responses/Error"},
    }


SLUG = _param("slug", "The call's slug, e.g. nap-2026", where="path", required=True)
PLAN_SLUG = _param("slug", "The plan's slug, e.g. nap-2016", where="path", required=True)
LIST_PARAMS = [
    _param("q", "Words to search in title, summary, texts and reference; accents and "
                "Spanish endings are ignored (aguas finds agua), every word must match, "
                "and an exact reference comes first",
           {"type": "string", "maxLength": MAX_TEXT}),
    _param("theme", "One of the call's themes", {"type": "string", "minLength": 1}),
    _param("value", "An OGP value", {"enum": list(OGP_VALUES)}),
    _param("region", "'national' or a region name", {"type": "string", "minLength": 1}),
    _param("body", "Responsible public body, exactly as written; empty for any",
           {"type": "string", "maxLength": MAX_TEXT}),
    _param("status", "A public status", {"enum": list(PUBLIC_STATUSES)}),
    _param("sort", "random or recent; relevance only with q (400 without q); votes only once "
                   "the call's counts_public is true (400 while vote counts are hidden). "
                   "Without sort: relevance with q, else recent",
           {"enum": ["random", "recent", "relevance", "votes"]}),
    _param("page", "Page number", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE}),
    _param("per_page", "Items per page",
           {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE}),
]
LIST_BAD_REQUEST = {
    "description": "A parameter the document does not list, or given more than once, or "
                   "outside its schema (an empty value of a choice included); a theme or "
                   "region the call does not have; sort=relevance without q; sort=votes "
                   "while vote counts are hidden. The message names the parameter.",
    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
}


def document() -> dict:
    return {
        "openapi": "3.1.0",
        "info": {"title": "Minga open data API", "version": "1.0.0",
                 "description": "Read-only public record of Open Government Partnership "
                                "co-creation calls. No personal data. CC BY 4.0.",
                 "license": {"name": "CC BY 4.0",
                             "url": "https://creativecommons.org/licenses/by/4.0/"}},
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "paths": {
            "/api/v1/": {"get": {"summary": "This index: every resource and this document",
                                 "responses": _ok("Index", "The index")}},
            "/api/v1/calls": {"get": {"summary": "Every call, archive included",
                                      "responses": _ok("CallList", "The calls")}},
            "/api/v1/calls/{slug}": {"get": {"summary": "One call", "parameters": [SLUG],
                                             "responses": _ok("Call", "The call")}},
            "/api/v1/calls/{slug}/proposals": {"get": {
                "summary": "The call's public proposals, filtered, searched, paged",
                "parameters": [SLUG, *LIST_PARAMS],
                "responses": {**_ok("ProposalPage", "A page of proposals"),
                              "400": LIST_BAD_REQUEST}}},
            "/api/v1/calls/{slug}/proposals/{reference}": {"get": {
                "summary": "One proposal",
                "parameters": [SLUG, _param(
                    "reference", "e.g. 2026-0042: unique in the deployment, numbered across "
                    "the calls of a year", where="path", required=True)],
                "responses": {**_ok("Proposal", "The proposal"), "301": {
                    "description": "A reference the proposal was published under before "
                                   "it was renumbered: Location is its address now"}}}},
            "/api/v1/calls/{slug}/priorities": {"get": {
                "summary": "The call's thematic priorities poll and its counts (404 without one)",
                "parameters": [SLUG], "responses": _ok("Priorities", "The poll")}},
            "/api/v1/calls/{slug}/dialogues": {"get": {
                "summary": "The call's dialogue sessions: attendance by sector, minutes, "
                           "facilitators and the proposals entered there",
                "parameters": [SLUG], "responses": _ok("DialogueList", "The sessions")}},
            "/api/v1/plans": {"get": {"summary": "Every National Action Plan",
                                      "responses": _ok("PlanList", "The plans")}},
            "/api/v1/plans/{slug}": {"get": {
                "summary": "One plan, its commitments with their progress and flags",
                "parameters": [PLAN_SLUG], "responses": _ok("PlanDetail", "The plan")}},
            "/api/v1/plans/{slug}/commitments/{reference}": {"get": {
                "summary": "One commitment: milestones, every version of every update, "
                           "civil society's readings",
                "parameters": [PLAN_SLUG, _param("reference", "e.g. CL0050", where="path",
                                                 required=True)],
                "responses": _ok("Commitment", "The commitment")}},
            "/api/v1/calls/{slug}/results": {"get": {
                "summary": "Ranked results (empty while counts are hidden)",
                "parameters": [SLUG], "responses": _ok("Results", "The results")}},
            "/api/v1/working-group": {"get": {
                "summary": "The standing Working Group: seats, who held each, its rules",
                "responses": _ok("WorkingGroup", "The group")}},
            "/api/v1/working-group/meetings": {"get": {
                "summary": "The group's meetings, agendas, attendance, published minutes",
                "responses": _ok("MeetingList", "The meetings")}},
            "/api/v1/documents": {"get": {
                "summary": "The public repository's documents",
                "responses": _ok("DocumentList", "The documents")}},
        },
        "components": {
            "schemas": SCHEMAS,
            "responses": {"Error": {"description": "Bad parameter or unknown resource",
                                    "content": {"application/json": {"schema": {
                                        "$ref": "#/components/schemas/Error"}}}}},
        },
    }
