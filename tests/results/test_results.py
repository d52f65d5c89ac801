import csv
import io
import json

import pytest
import sqlite_utils

from app.accounts.models import User
from tests.helpers import text_of
from tests.results.conftest import SECRET_NOTE

EN = {"Accept-Language": "en"}


def all_emails(db):
    return list(db.session.scalars(db.select(User.email)))


def exports(client, tmp_path):
    csv_text = client.get("/calls/nap/export.csv").get_data(as_text=True)
    json_text = client.get("/calls/nap/export.json").get_data(as_text=True)
    path = tmp_path / "export.sqlite"
    path.write_bytes(client.get("/calls/nap/export.sqlite").get_data())
    database = sqlite_utils.Database(path)
    sqlite_text = json.dumps({t: list(database[t].rows) for t in database.table_names()},
                             ensure_ascii=False, default=str)
    return {"csv": csv_text, "json": json_text, "sqlite": sqlite_text}, database


def test_results_page_has_summary_charts_and_open_data(client, full_cycle):
    full_cycle["publish"]()
    html = text_of(client.get("/calls/nap/results", headers=EN))
    assert "proposals received" in html and "votes cast" in html
    assert "of proposals included in the plan" in html and "100.0%" in html
    assert html.count('class="bar-chart"') >= 5
    for chart in ("Most supported proposals", "Proposals by theme", "Participants by sector",
                  "Participants by region", "Votes per day"):
        assert chart in html
    assert "/calls/nap/export.sqlite" in html


def test_small_groups_are_merged_on_the_results_page(client, full_cycle):
    full_cycle["close_voting"]()
    html = text_of(client.get("/calls/nap/results", headers=EN))
    region_chart = html.split('id="chart-region"')[1].split("</figure>")[0]
    assert "Maule" in region_chart
    assert "Aysén" not in region_chart  # two voters only: merged, then too small to show


def test_exports_carry_no_personal_data(client, db, full_cycle, tmp_path):
    full_cycle["publish"]()
    files, _ = exports(client, tmp_path)
    for name, text in files.items():
        for email in all_emails(db):
            assert email not in text, (name, email)
        assert SECRET_NOTE not in text, name
        for voter in full_cycle["voters"]:
            assert voter.name not in text, name  # no vote can be tied to a person
        assert "user_id" not in text and "ballot" not in text, name


def test_csv_export_rows(client, full_cycle):
    full_cycle["publish"]()
    rows = list(csv.DictReader(io.StringIO(
        client.get("/calls/nap/export.csv").get_data(as_text=True).lstrip("\ufeff"))))
    assert [r["reference"] for r in rows] == [p.reference for p in full_cycle["proposals"]]
    assert rows[0]["votes"] == "8" and rows[0]["outcome"] == "included"
    assert rows[0]["organisation"] == "Fundación 0"


def test_counts_and_decisions_stay_out_of_exports_until_public(client, full_cycle, tmp_path):
    files, database = exports(client, tmp_path)  # voting still open
    document = json.loads(files["json"])
    assert all(p["votes"] is None for p in document["proposals"])
    assert document["votes_per_day"] == [] and document["decisions"] == []
    assert all(r["votes"] is None for r in database["proposals"].rows)
    full_cycle["close_voting"]()
    document = json.loads(client.get("/calls/nap/export.json").get_data(as_text=True))
    assert [p["votes"] for p in document["proposals"]] == [8, 5, 2]
    assert document["decisions"] == []  # decided later, published later
    assert all(p["outcome"] is None for p in document["proposals"])


def test_sqlite_export_is_ready_for_datasette(client, full_cycle, tmp_path):
    full_cycle["publish"]()
    _, database = exports(client, tmp_path)
    assert {"metadata", "call", "proposals", "decisions", "votes_per_day"} <= set(
        database.table_names())
    assert database["proposals"].pks == ["reference"]
    assert database["proposals"].columns_dict["votes"] is int
    assert {fk.other_table for fk in database["decisions"].foreign_keys} == {"proposals"}
    assert database["proposals"].detect_fts() == "proposals_fts"
    found = list(database["proposals"].search("pública"))
    assert len(found) == 3
    [meta] = database["metadata"].rows
    assert meta["licence"] == "CC BY 4.0" and meta["call"] == "nap"


def test_export_command_writes_each_format(runner, full_cycle, tmp_path):
    full_cycle["publish"]()
    for fmt in ("csv", "json", "sqlite"):
        out = tmp_path / f"out.{fmt}"
        result = runner.invoke(args=["export", "--call", "nap", "--format", fmt, "--out",
                                     str(out)])
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 100
    assert json.loads((tmp_path / "out.json").read_text())["metadata"]["call"] == "nap"
    assert runner.invoke(args=["export", "--call", "nope", "--format", "csv", "--out",
                               str(tmp_path / "x")]).exit_code == 1


@pytest.mark.parametrize("fmt", ["xml", "sqlite3", "exe"])
def test_unknown_export_format_is_404(client, full_cycle, fmt):
    assert client.get(f"/calls/nap/export.{fmt}").status_code == 404


FORMULAS = ['=HYPERLINK("http://evil.example","ver")', "+1+cmd|' /C calc'!A0", "-2+3",
            "@SUM(A1:A9)", "\tHola", "\rHola"]


@pytest.mark.parametrize("title", FORMULAS)
def test_csv_cells_cannot_become_formulas(client, db, create_call, create_proposal, title):
    call = create_call(slug="nap")
    create_proposal(call, title=title, organisation="=1+1")
    text = client.get("/calls/nap/export.csv").get_data(as_text=True).lstrip("\ufeff")
    [row] = list(csv.DictReader(io.StringIO(text)))
    assert row["title"] == "'" + title  # shown as the text it is, never run
    assert row["organisation"] == "'=1+1"
    json_title = json.loads(client.get("/calls/nap/export.json").get_data())["proposals"][0]
    assert json_title["title"] == title  # data formats keep the text exactly


def test_plain_text_and_numbers_stay_as_they_are():
    from app.core.spreadsheet import cell

    assert cell("Agua potable") == "Agua potable" and cell(-3) == -3 and cell(None) is None


def temporary_export_folders() -> set:
    import tempfile
    from pathlib import Path

    return set(Path(tempfile.gettempdir()).glob("minga-export-*"))


@pytest.mark.config(EXPORT_CACHE_SECONDS=300)
def test_the_sqlite_export_is_built_once_kept_and_answered_304(client, app, full_cycle):
    from pathlib import Path

    before = temporary_export_folders()
    first = client.get("/calls/nap/export.sqlite")
    assert first.status_code == 200 and first.headers["ETag"]
    kept = sorted(Path(app.config["EXPORT_DIR"]).glob("*.sqlite"))
    assert len(kept) == 1
    built_at = kept[0].stat().st_mtime_ns
    for _ in range(4):
        again = client.get("/calls/nap/export.sqlite",
                           headers={"If-None-Match": first.headers["ETag"]})
        assert again.status_code == 304 and again.get_data() == b""
    assert client.get("/calls/nap/export.sqlite").get_data() == first.get_data()
    assert kept[0].stat().st_mtime_ns == built_at  # not built again
    assert temporary_export_folders() == before  # nothing left behind in /tmp
    # Publishing changes what may be shown: the next download is built anew.
    full_cycle["publish"]()
    published = client.get("/calls/nap/export.sqlite")
    assert published.headers["ETag"] != first.headers["ETag"]
    assert len(list(Path(app.config["EXPORT_DIR"]).glob("*.sqlite"))) == 1  # the old one went


@pytest.mark.config(RATELIMIT_ENABLED=True, EXPORT_RATE_LIMIT="3 per minute")
def test_downloads_are_limited_per_address(client, create_call):
    create_call(slug="nap")
    statuses = [client.get(f"/calls/nap/export.{fmt}").status_code
                for fmt in ("sqlite", "csv", "json", "sqlite")]
    assert statuses == [200, 200, 200, 429]


@pytest.mark.config(EXPORT_CACHE_SECONDS=300)
def test_the_kept_export_is_built_again_as_soon_as_its_public_data_changes(
        client, app, db, full_cycle, create_user, tmp_path):
    """A moderator hides a proposal after the vote: the very next download leaves it out,
    without waiting for any timer, and the file of the earlier version is gone."""
    from pathlib import Path

    from app.moderation import services as moderation

    full_cycle["close_voting"]()
    first = client.get("/calls/nap/export.sqlite")
    hidden = full_cycle["proposals"][0]
    moderation.hide(create_user(role="moderator"), hidden, "Datos personales de terceros")
    db.session.commit()
    second = client.get("/calls/nap/export.sqlite",
                        headers={"If-None-Match": first.headers["ETag"]})
    assert second.status_code == 200 and second.headers["ETag"] != first.headers["ETag"]
    path = tmp_path / "after.sqlite"
    path.write_bytes(second.get_data())
    references = {row["reference"] for row in sqlite_utils.Database(path)["proposals"].rows}
    assert hidden.reference not in references and len(references) == 2
    assert len(list(Path(app.config["EXPORT_DIR"]).glob("*.sqlite"))) == 1
    # Nothing changed since: the kept file is served, not built again.
    assert client.get("/calls/nap/export.sqlite", headers={
        "If-None-Match": second.headers["ETag"]}).status_code == 304


def test_the_data_version_moves_with_any_change_to_the_call_its_proposals_or_decisions(
        db, create_call, create_proposal):
    call = create_call(slug="versioned")
    db.session.commit()
    start = call.data_version
    proposal = create_proposal(call)
    db.session.commit()
    db.session.refresh(call)
    assert call.data_version > start
    seen = call.data_version
    proposal.title = "Un título corregido"
    db.session.commit()
    db.session.refresh(call)
    assert call.data_version > seen


@pytest.mark.config(EXPORT_CACHE_SECONDS=300)
def test_counts_that_move_during_a_public_count_vote_refresh_on_the_timer(
        client, app, db, create_call, create_proposal, create_user, clock, tmp_path):
    import os
    from datetime import timedelta
    from pathlib import Path

    from app.voting import services as voting

    call = create_call(slug="live", hide_counts_until_close=False)
    proposal = create_proposal(call)
    clock.set(call.voting_opens_at + timedelta(hours=1))
    voting.cast_vote(call, proposal, create_user())
    db.session.commit()
    first = client.get("/calls/live/export.sqlite")
    voting.cast_vote(call, proposal, create_user())
    db.session.commit()
    kept = client.get("/calls/live/export.sqlite", headers={"If-None-Match": first.headers["ETag"]})
    assert kept.status_code == 304  # a vote is not a new version: the timer decides
    [path] = Path(app.config["EXPORT_DIR"]).glob("live-*.sqlite")
    aged = path.stat().st_mtime - 301
    os.utime(path, (aged, aged))
    fresh = client.get("/calls/live/export.sqlite")
    saved = tmp_path / "fresh.sqlite"
    saved.write_bytes(fresh.get_data())
    [row] = sqlite_utils.Database(saved)["proposals"].rows
    assert row["votes"] == 2


@pytest.mark.config(EXPORT_CACHE_SECONDS=300)
def test_the_job_queue_builds_the_export_after_a_change_so_a_download_only_sends_it(
        client, app, db, full_cycle, create_user):
    """A moderator's hide moves the call's data version: the queue builds the new file
    right after the commit, before anyone asks, and the download sends that very file."""
    from pathlib import Path

    from app.moderation import services as moderation

    full_cycle["close_voting"]()
    folder = Path(app.config["EXPORT_DIR"])
    before = {path.name for path in folder.glob("nap-*.sqlite")}
    moderation.hide(create_user(role="moderator"), full_cycle["proposals"][0],
                    "Datos personales de terceros")
    db.session.commit()
    [built] = folder.glob("nap-*.sqlite")
    assert built.name not in before  # a new version, built by the job with no download
    built_at = built.stat().st_mtime_ns
    assert client.get("/calls/nap/export.sqlite").status_code == 200
    assert built.stat().st_mtime_ns == built_at  # sent, not built again


@pytest.mark.config(EXPORT_CACHE_SECONDS=300, JOBS_IMMEDIATE=False)
def test_a_change_queues_one_export_build_per_call_and_a_rollback_none(
        app, db, create_call, create_proposal):
    from app.core import jobs

    queue = jobs.huey_of(app)
    call = create_call(slug="queued")
    first, second = create_proposal(call), create_proposal(call)
    queue.flush()
    for proposal in (first, second):
        proposal.title = "Un título corregido"
        db.session.flush()
    db.session.commit()
    queued = [task.name for task in (*queue.scheduled(), *queue.pending())]
    assert queued == ["build_open_data"]  # two flushes, one transaction, one build
    queue.flush()
    first.title = "Deshecho"
    db.session.flush()
    db.session.rollback()
    assert queue.pending_count() + queue.scheduled_count() == 0
