"""Plan data in and out: the CSV import (CLI and admin page) and the open-data exports."""

import io
import json
import sqlite3

from app.plans import open_data, reporting
from app.plans.models import Commitment
from tests.helpers import text_of

HEADER = ",".join(open_data.CSV_COLUMNS)


def _row(**values) -> str:
    return ",".join(f'"{values.get(c, "")}"' for c in open_data.CSV_COLUMNS)


def test_export_then_import_gives_back_the_same_csv(db, app, tmp_path, runner, create_plan,
                                                    create_commitment):
    source = create_plan(slug="antes")
    made = create_commitment(source, milestones=[2, 3], problem="=HYPERLINK(\"x\")",
                             ogp_values=["transparency", "participation"])
    create_commitment(source, title="Sin hitos", lead_agency="Contraloría")
    exported = open_data.csv_text(source)
    assert "'=HYPERLINK" in exported  # neutralised for spreadsheets
    path = tmp_path / "plan.csv"
    path.write_text(exported, encoding="utf-8")
    target = create_plan(slug="despues")
    dry = runner.invoke(args=["plans", "import", "--plan", "despues", str(path), "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "would import 2 commitments and 2 milestones" in dry.output
    assert target.commitments == []
    done = runner.invoke(args=["plans", "import", "--plan", "despues", str(path)])
    assert done.exit_code == 0, done.output
    db.session.expire_all()
    again = open_data.csv_text(target)
    strip = lambda text: [line.split(",", 1)[1] for line in text.splitlines()[1:]]  # noqa: E731
    assert strip(again) == strip(exported)  # same but the references, taken by `antes`
    assert made.reference not in again


def test_a_bad_row_imports_nothing_and_names_its_line(db, runner, tmp_path, create_plan):
    create_plan(slug="nap")
    path = tmp_path / "plan.csv"
    path.write_text("\n".join([HEADER,
                               _row(reference="CL0100", title="Bien", lead_agency="A",
                                    milestone_deliverable="Hito", milestone_weight="2"),
                               _row(reference="CL0101", title="Sin agencia"),
                               _row(reference="CL0102", title="Fecha", lead_agency="B",
                                    starts_on="ayer")]), encoding="utf-8")
    result = runner.invoke(args=["plans", "import", "--plan", "nap", str(path)])
    assert result.exit_code != 0
    assert "line 3 (lead_agency)" in result.output and "line 4" in result.output
    assert db.session.scalar(db.select(Commitment)) is None


def test_the_admin_page_checks_then_imports(db, client, login, admin, create_plan):
    create_plan(slug="nap")
    login(admin)
    body = "\n".join([HEADER, _row(reference="CL0100", title="Bien", lead_agency="A")])

    def send(dry_run):
        data = {"file": (io.BytesIO(body.encode()), "plan.csv")}
        if dry_run:
            data["dry_run"] = "y"
        return client.post("/admin/plans/nap/import", data=data,
                           content_type="multipart/form-data")

    checked = send(True)
    assert checked.status_code == 200 and "El archivo es correcto" in text_of(checked)
    assert db.session.scalar(db.select(Commitment)) is None
    assert send(False).status_code == 302
    assert db.session.scalar(db.select(Commitment.reference)) == "CL0100"
    refused = client.post("/admin/plans/nap/import", data={
        "file": (io.BytesIO(b"\xff\xfe no"), "x.csv")}, content_type="multipart/form-data")
    assert refused.status_code == 422


def test_exports_carry_updates_and_readings_without_personal_data(
        db, client, create_user, create_plan, create_commitment, implementer):
    commitment = create_commitment(create_plan(slug="nap"), milestones=[1])
    official = implementer(commitment, email="oficial@ejemplo.cl")
    reporting.post_update(official, commitment, commitment.milestones[0], "limited",
                          "Avance del hito.")
    db.session.commit()
    data = client.get("/plans/nap/export.json").get_json()
    assert data["updates"][0]["narrative"] == "Avance del hito."
    assert data["commitments"][0]["reference"] == commitment.reference
    response = client.get("/plans/nap/export.sqlite")
    path = "/tmp/minga-plan-test.sqlite"
    with open(path, "wb") as handle:
        handle.write(response.data)
    rows = sqlite3.connect(path).execute("select narrative from updates").fetchall()
    assert rows == [("Avance del hito.",)]
    for fmt in ("csv", "json", "sqlite"):
        body = client.get(f"/plans/nap/export.{fmt}").data
        assert b"oficial@ejemplo.cl" not in body
    assert json.loads(client.get("/plans/nap/export.json").data)["plan"]["slug"] == "nap"
