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
from app.core.clock import now
from app.core.spreadsheet import cell
from app.results import open_data
from app.review.services import results_published

FORMATS = ("csv", "json", "sqlite")
MIMETYPES = {"csv": "text/csv; charset=utf-8", "json": "application/json",
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


def kept_sqlite(call: Call) -> Path:
    """The call's SQLite export as a file kept under EXPORT_DIR, built once per version of
    the call's public data (EXPORT_CACHE_SECONDS=0 keeps nothing): its name holds the
    call's data version and whether counts and results were public, so any change builds
    it anew on the next download. While a vote
    runs with counts public, the counts move without a new version: the file is then also
    built again once it is older than EXPORT_CACHE_SECONDS.

    Built beside its final name and renamed into place: a download never reads half a
    file, and two workers building at once leave one whole file. Earlier versions go.
    """
    config = current_app.config
    at = now()
    folder = Path(config["EXPORT_DIR"] or Path(current_app.instance_path) / "exports")
    folder.mkdir(parents=True, exist_ok=True)
    counts_public = call.counts_public(at)
    shown = f"counts{int(counts_public)}-results{int(results_published(call, at))}"
    path = folder / f"{call.slug}-v{call.data_version}-{shown}.sqlite"
    ttl = config["EXPORT_CACHE_SECONDS"]  # 0: nothing is kept (tests, the benchmark)
    votes_moving = counts_public and call.phase(at) == Phase.VOTING
    if ttl > 0 and path.exists() and not (
            votes_moving and not 0 <= time.time() - path.stat().st_mtime < ttl):
        return path
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
