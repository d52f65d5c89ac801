"""Paper and spreadsheet submissions imported from a CSV: all rows or none, each credited."""

import csv
import io

import pytest
from sqlalchemy import func, select

from app.dialogues import imports
from app.proposals.models import Proposal
from config import CHILE_REGIONS
from tests.conftest import PROPOSAL_TEXT
from tests.helpers import text_of

EN = {"Accept-Language": "en"}
ROW = {**PROPOSAL_TEXT, "organisation": "", "ogp_values": "transparency; accountability",
       "theme": "Acceso a la información", "credited_author": "María Soto",
       "source": "Formulario en papel, mesa de Temuco"}


def csv_of(*rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=imports.COLUMNS)
    writer.writeheader()
    for row in rows:
        writer.writerow({name: row.get(name, "") for name in imports.COLUMNS})
    return buffer.getvalue().encode()


@pytest.fixture
def call(create_call):
    return create_call(slug="nap")


def proposals_in(db) -> int:
    return db.session.scalar(select(func.count()).select_from(Proposal))


def test_a_dry_run_checks_every_row_and_writes_nothing(db, call, admin):
    report = imports.import_submissions(admin, call, csv_of(ROW, ROW), "papel.csv",
                                        CHILE_REGIONS, dry_run=True)
    db.session.commit()
    assert report.ok and report.rows == 2 and report.references == []
    assert proposals_in(db) == 0


def test_one_bad_row_and_nothing_is_written_each_problem_named(db, call, admin):
    rows = [ROW, {**ROW, "credited_author": "", "theme": "Inventado"}, {**ROW, "source": ""},
            {**ROW, "problem": "", "ogp_values": "magic"}]
    report = imports.import_submissions(admin, call, csv_of(*rows), "papel.csv",
                                        CHILE_REGIONS, dry_run=False)
    db.session.commit()
    assert proposals_in(db) == 0
    assert [(e.row, e.field) for e in report.errors] == [
        (3, "credited_author"), (4, "source"), (5, "ogp_values")]


def test_the_rows_are_published_each_with_its_author_and_provenance(db, call, admin):
    report = imports.import_submissions(admin, call, csv_of(ROW, {**ROW,
                                                                  "credited_author": "ONG Sur"}),
                                        "papel.csv", CHILE_REGIONS, dry_run=False)
    db.session.commit()
    made = list(db.session.scalars(select(Proposal).order_by(Proposal.id)))
    assert [p.reference for p in made] == report.references
    assert [p.public_author for p in made] == ["María Soto", "ONG Sur"]
    assert made[1].origin == "paper"
    assert made[1].origin_note == "Formulario en papel, mesa de Temuco (archivo papel.csv, fila 3)"
    assert made[0].ogp_values == ["transparency", "accountability"]


@pytest.mark.parametrize("content", [b"", b"\xff\xfe\x00garbage", b"title,summary\nA,B\n",
                                     b"credited_author,title,unknown\n"])
def test_a_file_that_is_not_the_template_is_refused(db, call, admin, content):
    with pytest.raises(imports.ImportUnreadable):
        imports.import_submissions(admin, call, content, "x.csv", CHILE_REGIONS)


def test_the_template_round_trips_through_the_admin_page_and_the_export(db, client, login,
                                                                        admin, call):
    template = client.get("/calls/nap/import-template.csv")
    assert template.headers["Content-Disposition"].startswith("attachment")
    header = template.get_data(as_text=True).lstrip("\ufeff").strip().split(",")
    assert header == list(imports.COLUMNS)
    filled = template.get_data() + csv_of(ROW).split(b"\r\n", 1)[1]
    login(admin)
    checked = client.post("/admin/calls/nap/import", headers=EN, data={
        "file": (io.BytesIO(filled), "papel.csv"), "dry_run": "y"})
    assert checked.status_code == 200
    assert "1 row is ready to import" in text_of(checked)
    assert proposals_in(db) == 0
    refused = client.post("/admin/calls/nap/import", headers=EN, data={
        "file": (io.BytesIO(csv_of({**ROW, "title": ""})), "papel.csv")})
    assert refused.status_code == 422
    assert "1 problem: nothing was imported." in text_of(refused)
    done = client.post("/admin/calls/nap/import", data={
        "file": (io.BytesIO(filled), "papel.csv")})
    assert done.status_code == 302
    exported = client.get("/calls/nap/export.csv").get_data(as_text=True).lstrip("\ufeff")
    row = next(csv.DictReader(io.StringIO(exported)))
    assert row["credited_author"] == "María Soto"
    assert row["origin"] == "paper" and row["entered_by"] == "Admin"
    assert row["title"] == ROW["title"] and row["problem"] == ROW["problem"]
    assert "fila 2" in row["origin_note"]


def test_the_command_imports_or_explains(db, runner, call, admin, tmp_path):
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_bytes(csv_of(ROW))
    bad.write_bytes(csv_of({**ROW, "credited_author": ""}))
    args = ["proposals", "import", "--call", "nap", "--by", admin.email]
    result = runner.invoke(args=[*args, "--dry-run", str(good)])
    assert result.exit_code == 0 and "nothing was written" in result.output
    result = runner.invoke(args=[*args, str(bad)])
    assert result.exit_code != 0 and "nothing was imported" in result.output
    assert proposals_in(db) == 0
    result = runner.invoke(args=[*args, str(good)])
    assert result.exit_code == 0 and "Imported 1 proposals" in result.output
    assert proposals_in(db) == 1
