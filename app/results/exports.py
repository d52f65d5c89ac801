"""Open-data files of a call: CSV and JSON stream row by row; SQLite is built with sqlite-utils."""

import csv
import io
import json
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import sqlite_utils
from flask import current_app

from app.calls.models import Call, Phase
from app.core import jobs
from app.core.clock import now
from app.core.spreadsheet import cell
from app.results import open_data
from app.extensions import db
from app.review.services import results_published

FORMATS = ("csv", "json", "sqlite")
MIMETYPES = {"csv": "text/csv", "json": "application/json",
             "sqlite": "application/vnd.sqlite3"}


def csv_chunks(call: Call) -> Iterator[str]:
    """The proposals table as CSV (UTF-8 with BOM so spreadsheets read the accents)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=open_data.PROPOSAL_FIELDS)
    buffer.write("\ufeff")
    writer.writeheader()
    for row in open_data.proposal_rows(call):
        row = {**row, "ogp_values": ";".join(row["ogp_values"])}
        writer.writerow({name: cell(value) for name, value in row.items()})
        if buffer.tell() > 64_000:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def json_chunks(call: Call) -> Iterator[str]:
    """Metadata, call, proposals, decisions and votes per day as one JSON document."""
    at = now()
    head = {"metadata": open_data.metadata(call, at), "call": open_data.call_record(call, at)}
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "proposals": ['
    for index, row in enumerate(open_data.proposal_rows(call, at)):
        yield ("," if index else "") + json.dumps(row, ensure_ascii=False)
    yield '], "decisions": ['
    for index, row in enumerate(open_data.decision_rows(call, at)):
        yield ("," if index else "") + json.dumps(row, ensure_ascii=False)
    yield '], "votes_per_day": ' + json.dumps(open_data.votes_per_day(call, at)) + "}"


PROPOSAL_COLUMNS = {field: str for field in open_data.PROPOSAL_FIELDS} | {"votes": int}
DECISION_COLUMNS = {field: str for field in open_data.DECISION_FIELDS}


def _kept_path(call: Call) -> Path:
    """Where the file of the call's current public data is kept: its name holds the call's
    data version and whether counts and results were public, so any change names a new one."""
    at = now()
    folder = Path(current_app.config["EXPORT_DIR"] or Path(current_app.instance_path) / "exports")
    folder.mkdir(parents=True, exist_ok=True)
    shown = f"counts{int(call.counts_public(at))}-results{int(results_published(call, at))}"
    return folder / f"{call.slug}-v{call.data_version}-{shown}.sqlite"


def _current(call: Call, path: Path) -> bool:
    """The kept file holds what may be shown now. While a vote runs with counts public, the
    counts move without a new version: the file is then also stale once older than
    EXPORT_CACHE_SECONDS."""
    if not path.exists():
        return False
    at = now()
    votes_moving = call.counts_public(at) and call.phase(at) == Phase.VOTING
    age = time.time() - path.stat().st_mtime
    return not votes_moving or 0 <= age < current_app.config["EXPORT_CACHE_SECONDS"]


def kept_sqlite(call: Call) -> Path:
    """The call's SQLite export as a file kept under EXPORT_DIR (EXPORT_CACHE_SECONDS=0 keeps
    nothing and builds per download). The job queue builds it after each change of the
    call's public data (`build_open_data`), so a download normally only sends it; it is
    built here only when no file of this version exists yet. A file whose vote counts
    aged is still sent, and its refresh queued."""
    if current_app.config["EXPORT_CACHE_SECONDS"] <= 0:
        return _build_into(call, _kept_path(call))
    path = _kept_path(call)
    if path.exists():
        if not _current(call, path):
            jobs.enqueue("build_open_data", call.id)
        return path
    return _build_into(call, path)


def build_open_data(call_id: int) -> None:
    """The job: build the kept file of a call's current public data unless it is there.
    Queued after every commit that moves the data version (app/results/data_version.py),
    with EXPORT_BUILD_DELAY_SECONDS of delay so that a burst of edits builds once."""
    call = db.session.get(Call, call_id)
    if call is None or current_app.config["EXPORT_CACHE_SECONDS"] <= 0:
        return
    path = _kept_path(call)
    if not _current(call, path):
        _build_into(call, path)


def _build_into(call: Call, path: Path) -> Path:
    """Built beside its final name and renamed into place: a download never reads half a
    file, and two builders at once leave one whole file. Earlier versions go."""
    folder = path.parent
    handle, building = tempfile.mkstemp(dir=folder, prefix=f".{call.slug}-", suffix=".sqlite")
    os.close(handle)
    try:
        build_sqlite(call, Path(building))
        os.replace(building, path)
    finally:
        Path(building).unlink(missing_ok=True)
    for earlier in folder.glob(f"{call.slug}-v*.sqlite"):
        if earlier != path:  # a download reading it keeps its open file (POSIX)
            earlier.unlink(missing_ok=True)
    return path


def build_sqlite(call: Call, path: Path) -> Path:
    """Write a Datasette-ready SQLite file: typed tables, keys, full-text search, metadata."""
    at = now()
    path.unlink(missing_ok=True)
    database = sqlite_utils.Database(path)
    database["metadata"].insert(open_data.metadata(call, at), pk="call")
    call_row = open_data.call_record(call, at)
    database["call"].insert({**call_row, **{
        field: json.dumps(call_row[field], ensure_ascii=False)
        for field in ("themes", "translations")}}, pk="slug")
    proposals = database["proposals"].create(PROPOSAL_COLUMNS, pk="reference")
    proposals.insert_all(({**row, "ogp_values": json.dumps(row["ogp_values"])}
                          for row in open_data.proposal_rows(call, at)), batch_size=500)
    proposals.enable_fts(["title", "summary", "problem", "commitment", "solution",
                          "expected_results"], create_triggers=True)
    database["decisions"].create(
        DECISION_COLUMNS, pk="reference",
        foreign_keys=[("reference", "proposals", "reference"),
                      ("merged_into", "proposals", "reference")])
    database["decisions"].insert_all(open_data.decision_rows(call, at), batch_size=500)
    database["votes_per_day"].create({"day": str, "votes": int}, pk="day")
    database["votes_per_day"].insert_all(open_data.votes_per_day(call, at))
    database.close()
    return path
