"""Import the commitments and milestones of a plan adopted elsewhere, from the CSV the
export writes: every row checked by the same services as the forms; any error, and
nothing is written."""

import csv
import io
from dataclasses import dataclass, field
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.core.errors import DomainError
from app.extensions import db
from app.plans import services
from app.plans.models import Commitment, Plan
from app.plans.open_data import CSV_COLUMNS, MILESTONE_COLUMNS, uncell

MAX_BYTES = 2_000_000


@dataclass
class ImportResult:
    commitments: int = 0
    milestones: int = 0
    errors: list = field(default_factory=list)  # (line, column or "", message)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


class BadFile(DomainError):
    message = _l("Send a CSV file in UTF-8 with the columns of the plan's CSV export.")


BAD_DATE = _l("Write dates as YYYY-MM-DD.")


def _date(value: str):
    return date.fromisoformat(value) if value else None


def read_rows(data: bytes) -> list[dict]:
    """:raises BadFile:"""
    if len(data) > MAX_BYTES:
        raise BadFile(field="file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BadFile(field="file") from exc
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or set(reader.fieldnames) != set(CSV_COLUMNS):
        raise BadFile(field="file")
    return [{k: uncell(v or "") for k, v in row.items()} for row in reader]


def import_plan(actor, plan: Plan, data: bytes, dry_run: bool = False) -> ImportResult:
    """Add the file's commitments and milestones to `plan`; write nothing on any error.

    A commitment keeps its reference when no other commitment of the deployment has it.

    :raises NotAllowed, BadFile:
    """
    if not services.can_manage(actor):
        raise services.NotAllowed
    rows = read_rows(data)
    result = ImportResult(dry_run=dry_run)
    made: dict[str, Commitment] = {}
    outer = db.session.begin_nested()
    for line, row in enumerate(rows, start=2):
        try:
            with db.session.begin_nested():
                _import_row(actor, plan, row, made, result)
        except (DomainError, ValueError) as exc:
            column = getattr(exc, "field", None) or ""
            message = str(getattr(exc, "message", None) or BAD_DATE)
            result.errors.append((line, column, message))
    if result.errors or dry_run:
        outer.rollback()
    else:
        outer.commit()
    return result


def _import_row(actor, plan, row, made, result) -> None:
    key = row["reference"] or f"line-{len(made)}"
    commitment = made.get(key)
    if commitment is None:
        fields = {name: row[name] for name in row if name in services.COMMITMENT_INPUTS}
        fields["ogp_values"] = [v for v in row["ogp_values"].split(";") if v]
        fields["starts_on"], fields["ends_on"] = _date(row["starts_on"]), _date(row["ends_on"])
        commitment = services.create_commitment(actor, plan, **fields)
        taken = db.session.scalar(select(Commitment.id).where(
            Commitment.reference == row["reference"]))
        if row["reference"] and taken is None:
            commitment.reference = row["reference"]
            db.session.flush()
        made[key] = commitment
        result.commitments += 1
    if any(row[column] for column in MILESTONE_COLUMNS):
        weight = row["milestone_weight"] or "1"
        services.add_milestone(
            actor, commitment, deliverable=row["milestone_deliverable"],
            indicator=row["milestone_indicator"], verification=row["milestone_verification"],
            responsible=row["milestone_responsible"],
            starts_on=_date(row["milestone_starts_on"]),
            ends_on=_date(row["milestone_ends_on"]),
            weight=int(weight) if weight.isdigit() else -1)
        result.milestones += 1
