"""The mandate and procedural rules, versioned: each version kept as adopted, the latest
in force, and what changed between two of them shown line by line."""

import difflib
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from app.audit.services import record_event
from app.core.clock import now
from app.extensions import db
from app.working_group import documents
from app.working_group.errors import Missing, RulesDateWrong, TooLong
from app.working_group.models import RulesVersion
from app.working_group.seats import clean, require_admin

BODY_MAX = 100_000


def versions() -> list[RulesVersion]:
    """Every version, the one in force first."""
    return list(db.session.scalars(select(RulesVersion).order_by(
        RulesVersion.adopted_on.desc(), RulesVersion.id.desc())))


def current() -> RulesVersion | None:
    found = versions()
    return found[0] if found else None


def adopt(actor, *, title: str, body: str, adopted_on: date | None,
          adopted_at: str = "", file_data: bytes | None = None) -> RulesVersion:
    """A new version of the rules, in force from `adopted_on`; earlier ones stay as they were.
    `file_data`, when given, is the adopted text as a file: it goes to the repository (as a
    document of kind "rules"), checked there by content and size.

    :raises AdminsOnly, Missing, TooLong, RulesDateWrong, FileNotAccepted, FileTooLarge:
    """
    require_admin(actor)
    title = clean(title, "title")
    body = (body or "").strip()
    if not body:
        raise Missing(field="body")
    if len(body) > BODY_MAX:
        raise TooLong(field="body")
    if adopted_on is None:
        raise Missing(field="adopted_on")
    in_force = current()
    if in_force is not None and adopted_on < in_force.adopted_on:
        raise RulesDateWrong(field="adopted_on")
    adopted_at = clean(adopted_at, "adopted_at", required=False)
    document = documents.upload(actor, title=title, kind="rules", dated_on=adopted_on,
                                data=file_data) if file_data else None
    version = RulesVersion(title=title, body=body, adopted_on=adopted_on,
                           adopted_at=adopted_at, document_id=getattr(document, "id", None),
                           created_at=now(), created_by_id=actor.id)
    db.session.add(version)
    db.session.flush()
    record_event(actor, "wg.rules_adopted", version,
                 after={"title": title, "body": body, "adopted_on": adopted_on.isoformat()})
    return version


@dataclass(frozen=True)
class Line:
    kind: str  # "same", "added", "removed"
    text: str


def diff(older: RulesVersion, newer: RulesVersion) -> list[Line]:
    """Paragraph by paragraph, what the newer version added and removed."""
    kinds = {" ": "same", "+": "added", "-": "removed"}
    lines = difflib.ndiff(older.body.splitlines(), newer.body.splitlines())
    return [Line(kinds[line[0]], line[2:]) for line in lines
            if line[0] in kinds and (line[2:].strip() or line[0] != " ")]
