"""A plan's open data: commitments, milestones, updates, readings and comments (with the
Working Group's responses to the consultation), no personal data.

The CSV is also the import format (`flask plans import`): one row per milestone, its
commitment's fields repeated; a commitment with no milestone has one row without them.
"""

import csv
import io
import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import sqlite_utils
from flask import url_for

from sqlalchemy import select

from app.core.spreadsheet import FORMULA_STARTS, cell
from app.extensions import db
from app.moderation.models import Comment
from app.plans import readings, reporting
from app.plans.models import COMMITMENT_FIELDS, MILESTONE_FIELDS, Plan

COMMITMENT_COLUMNS = ("reference", *COMMITMENT_FIELDS)
MILESTONE_COLUMNS = tuple(f"milestone_{name}" for name in MILESTONE_FIELDS)
CSV_COLUMNS = (*COMMITMENT_COLUMNS, *MILESTONE_COLUMNS)


def _text(value):
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return ";".join(value)
    return "" if value is None else value


def plan_record(plan: Plan) -> dict:
    return {"slug": plan.slug, "title": plan.title, "description": plan.description,
            "starts_on": plan.starts_on.isoformat(), "ends_on": plan.ends_on.isoformat(),
            "status": plan.status,
            "adopted_on": plan.adopted_on.isoformat() if plan.adopted_on else None,
            "call": plan.call.slug if plan.call else None}


def commitment_record(commitment) -> dict:
    row = {name: _text(getattr(commitment, name)) for name in COMMITMENT_COLUMNS}
    row["ogp_values"] = list(commitment.ogp_values)
    row["source_proposals"] = [s.proposal.reference for s in commitment.sources]
    return row


def milestone_record(milestone) -> dict:
    return {"id": milestone.id, "commitment": milestone.commitment.reference,
            **{name: _text(getattr(milestone, name)) for name in MILESTONE_FIELDS}}


def document_record(document) -> dict:
    """A repository document cited as evidence: its id, title and public page."""
    return {"id": document.id, "title": document.title,
            "url": url_for("working_group.document", document_id=document.id, _external=True)}


def update_record(update) -> dict:
    return {"id": update.id, "thread": update.thread_id, "version": update.version,
            "commitment": update.commitment.reference, "milestone": update.milestone_id,
            "status": update.status, "narrative": update.narrative,
            "evidence": [e.url for e in update.evidence if e.document_id is None],
            "evidence_documents": [document_record(e.document) for e in update.evidence
                                   if e.document is not None],
            "published_at": update.published_at.isoformat()}


def reading_record(reading) -> dict:
    return {"id": reading.id, "update": reading.update_id, "thread": reading.thread_id,
            "stance": reading.stance, "reasons": reading.reasons,
            "evidence_url": reading.evidence_url, "seat": reading.seat,
            "created_at": reading.created_at.isoformat(), "answer": reading.answer,
            "answered_at": reading.answered_at.isoformat() if reading.answered_at else None}


COMMENT_COLUMNS = ("id", "commitment", "reply_to", "field", "consultation", "author", "body",
                   "created_at", "edited_at", "answer", "answered_at")


def comment_record(comment) -> dict:
    """A public comment: the author's public name only (a pseudonym once erased)."""
    return {"id": comment.id, "commitment": comment.commitment.reference,
            "reply_to": comment.parent_id, "field": comment.field,
            "consultation": comment.consultation, "author": comment.author.name,
            "body": comment.body, "created_at": comment.created_at.isoformat(),
            "edited_at": comment.edited_at.isoformat() if comment.edited_at else None,
            "answer": comment.answer,
            "answered_at": comment.answered_at.isoformat() if comment.answered_at else None}


def public_comments(commitment_ids) -> list[Comment]:
    """The comments anyone can read on these commitments: neither hidden nor deleted."""
    ids = list(commitment_ids)
    if not ids:
        return []
    return list(db.session.scalars(
        select(Comment).where(Comment.commitment_id.in_(ids), Comment.hidden_at.is_(None),
                              Comment.deleted_at.is_(None))
        .order_by(Comment.commitment_id, Comment.created_at, Comment.id)))


def records(plan: Plan) -> dict:
    """Everything public about the plan, as plain data."""
    commitments = list(plan.commitments)
    updates = [v for u in reporting.current_updates(c.id for c in commitments)
               for v in reporting.versions(u.thread_id)]
    found = readings.readings_of({u.thread_id for u in updates})
    return {"plan": plan_record(plan),
            "commitments": [commitment_record(c) for c in commitments],
            "milestones": [milestone_record(m) for c in commitments for m in c.milestones],
            "updates": [update_record(u) for u in updates],
            "counterassessments": [reading_record(r) for rows in found.values() for r in rows],
            "comments": [comment_record(comment) for comment in
                         public_comments(c.id for c in commitments)]}


def csv_rows(plan: Plan) -> Iterator[dict]:
    for commitment in plan.commitments:
        base = {name: _text(getattr(commitment, name)) for name in COMMITMENT_COLUMNS}
        if not commitment.milestones:
            yield {**base, **dict.fromkeys(MILESTONE_COLUMNS, "")}
        for milestone in commitment.milestones:
            yield {**base, **{f"milestone_{name}": _text(getattr(milestone, name))
                              for name in MILESTONE_FIELDS}}


def csv_text(plan: Plan) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for row in csv_rows(plan):
        writer.writerow({name: cell(value) for name, value in row.items()})
    return buffer.getvalue()


def comments_csv_text(plan: Plan) -> str:
    """The plan's public comments and the Working Group's responses, one row each."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.DictWriter(buffer, fieldnames=COMMENT_COLUMNS)
    writer.writeheader()
    for comment in public_comments(c.id for c in plan.commitments):
        writer.writerow({name: cell(_text(value))
                         for name, value in comment_record(comment).items()})
    return buffer.getvalue()


def uncell(value: str) -> str:
    """Undo `cell`: the apostrophe before a formula-like start was ours."""
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def json_text(plan: Plan) -> str:
    return json.dumps(records(plan), ensure_ascii=False)


def build_sqlite(plan: Plan, path: Path) -> Path:
    data = records(plan)
    path.unlink(missing_ok=True)
    database = sqlite_utils.Database(path)
    database["plan"].insert(data["plan"], pk="slug")
    for name, pk in (("commitments", "reference"), ("milestones", "id"), ("updates", "id"),
                     ("counterassessments", "id"), ("comments", "id")):
        rows = [{k: json.dumps(v, ensure_ascii=False) if isinstance(v, list) else v
                 for k, v in row.items()} for row in data[name]]
        if rows:
            database[name].insert_all(rows, pk=pk)
    database.close()
    return path
