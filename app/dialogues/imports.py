"""Paper and spreadsheet submissions: a CSV of proposals imported into a call.

All or nothing: every row is checked first, and one refused row writes nothing. Each row
keeps its provenance (the source it names, the file and the row number) and its author.
"""

import csv
import io
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l

from app.audit.services import record_event
from app.calls.models import Call
from app.core.clock import now
from app.core.errors import DomainError, NotAllowed
from app.core.spreadsheet import cell
from app.proposals import services as proposals

COLUMNS = ("credited_author", "title", "summary", "problem", "commitment", "solution",
           "expected_results", "ogp_values", "theme", "region", "responsible_body",
           "organisation", "source")
REQUIRED = tuple(c for c in COLUMNS if c != "organisation")
MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 2000


class ImportUnreadable(DomainError):
    message = _l("The file is not a CSV in UTF-8 with the template's columns. Download the "
                 "template and fill it in.")


@dataclass
class RowError:
    row: int  # the line of the spreadsheet, the header being line 1
    field: str
    message: str


@dataclass
class ImportReport:
    rows: int = 0
    dry_run: bool = True
    errors: list[RowError] = field(default_factory=list)
    references: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def template_csv() -> str:
    """The header row every import starts from, as a spreadsheet opens it."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    csv.writer(buffer).writerow([cell(name) for name in COLUMNS])
    return buffer.getvalue()


def _rows(content: bytes) -> list[dict]:
    if len(content) > MAX_BYTES or b"\x00" in content:
        raise ImportUnreadable
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportUnreadable from None
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        header = [name.strip() for name in reader.fieldnames or []]
        if not set(REQUIRED) <= set(header) or not set(header) <= set(COLUMNS):
            raise ImportUnreadable
        reader.fieldnames = header
        rows = [row for row in reader if any((v or "").strip() for v in row.values()
                                             if isinstance(v, str))]
    except csv.Error:
        raise ImportUnreadable from None
    if len(rows) > MAX_ROWS:
        raise ImportUnreadable(_l("Import at most %(n)d rows at a time.", n=MAX_ROWS))
    return rows


def _row_data(row: dict) -> dict:
    data = {name: (row.get(name) or "").strip() for name in COLUMNS}
    data["ogp_values"] = [v.strip() for v in data["ogp_values"].split(";") if v.strip()]
    return data


def _note(data: dict, filename: str, line: int) -> str:
    return str(_l("%(source)s (file %(file)s, row %(row)d)", source=data["source"],
                  file=filename, row=line))[:300]


def import_submissions(user, call: Call, content: bytes, filename: str, regions,
                       dry_run: bool = True) -> ImportReport:
    """Check every row of the CSV; unless a dry run or a row is refused, publish them all.

    :raises NotAllowed, EntryClosed, ImportUnreadable:
    """
    if not (user and user.is_authenticated and user.is_admin):
        raise NotAllowed
    if call.phase(now()) not in proposals.OFFLINE_ENTRY_PHASES:
        raise proposals.EntryClosed
    filename = " ".join((filename or "import.csv").split())[:80]
    rows = [_row_data(row) for row in _rows(content)]
    report = ImportReport(rows=len(rows), dry_run=dry_run)
    for line, data in enumerate(rows, start=2):
        if not data["source"]:
            report.errors.append(RowError(line, "source", str(_l(
                "Say where this row comes from, e.g. “paper form, Temuco working table”."))))
        try:
            proposals.offline_values(call, data, regions, data["credited_author"])
        except proposals.IncompleteProposal as exc:
            report.errors.extend(RowError(line, name, str(message))
                                 for name, message in exc.field_errors.items())
        except DomainError as exc:
            report.errors.append(RowError(line, exc.field or "", str(exc.message)))
    if not rows:
        report.errors.append(RowError(1, "", str(_l("The file has no rows to import."))))
    if dry_run or report.errors:
        return report
    for line, data in enumerate(rows, start=2):
        made = proposals.enter_offline_proposal(
            user, call, data, regions, data["credited_author"], origin="paper",
            origin_note=_note(data, filename, line))
        report.references.append(made.reference)
    record_event(user, "proposals.imported", call,
                 after={"file": filename, "rows": len(rows), "references": report.references})
    return report
