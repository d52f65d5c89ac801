"""The Working Group's public record as files to download (CC BY 4.0): everything in one
JSON file, and one CSV per table. Public names only: no account, address or vote."""

import csv
import io

from flask import Response, jsonify

from app.core.spreadsheet import cell
from app.working_group import bp, open_data

SEAT_FIELDS = ("seat_id", "seat", "constituency", "votes", "holder_name", "role",
               "organisation", "appointed_by", "alternate_name", "starts_on", "ends_on")
MEETING_FIELDS = ("id", "kind", "title", "starts_at", "place", "online_link",
                  "published_minutes", "html")
DOCUMENT_FIELDS = ("id", "title", "kind", "dated_on", "meeting", "call", "format", "size",
                   "updated_at", "file")


def _csv(name: str, fields: tuple, rows) -> Response:
    out = io.StringIO()
    out.write("\ufeff")  # UTF-8 with BOM, so spreadsheets read the accents
    writer = csv.DictWriter(out, fieldnames=fields, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: cell(v) for k, v in row.items()})
    return Response(out.getvalue(), mimetype="text/csv", headers={
        "Content-Disposition": f"attachment; filename=working-group-{name}.csv"})


@bp.route("/working-group/export.json")
def export_json():
    return jsonify({**open_data.group_record(), "meetings": open_data.meeting_records(),
                    "documents": open_data.document_records(), "license": "CC-BY-4.0"})


@bp.route("/working-group/seats.csv")
def export_seats():
    rows = [{"seat_id": seat["id"], "seat": seat["name"], "constituency": seat["constituency"],
             "votes": seat["votes"], **term}
            for seat in open_data.group_record()["seats"] for term in seat["terms"]]
    return _csv("seats", SEAT_FIELDS, rows)


@bp.route("/working-group/meetings.csv")
def export_meetings():
    rows = [{**m, "published_minutes": len(m["minutes"])} for m in open_data.meeting_records()]
    return _csv("meetings", MEETING_FIELDS, rows)


@bp.route("/working-group/documents.csv")
def export_documents():
    return _csv("documents", DOCUMENT_FIELDS, open_data.document_records())
