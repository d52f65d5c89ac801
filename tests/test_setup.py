"""The README's set-up path, as `make run` takes it: migrate, then load the demo, from a shell."""

import os
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def flask(*args, env):
    return subprocess.run([sys.executable, "-m", "flask", "--app", "app", *args], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=300)


def delivered_by_the_worker(database: Path, outbox: Path, env: dict) -> list[Path]:
    """Start `flask jobs worker` as `make run` does after loading the demo; return the mail
    it has written once the database's outbox is empty (a bound, not a speed check)."""
    worker = subprocess.Popen([sys.executable, "-m", "flask", "--app", "app", "jobs", "worker"],
                              cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            with closing(sqlite3.connect(database)) as connection:
                if connection.execute("SELECT count(*) FROM mail_outbox").fetchone()[0] == 0:
                    break
            time.sleep(0.5)
        return sorted(outbox.glob("*.eml"))
    finally:
        worker.terminate()
        worker.wait(timeout=30)


def test_migrate_then_demo_load_from_the_command_line(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
           "MAIL_OUTBOX_DIR": str(tmp_path / "outbox"), "MINGA_CONFIG": "development",
           "DEMO_ACCOUNTS_FILE": str(tmp_path / "demo-accounts.txt"),
           "JOBS_SQLITE_PATH": str(tmp_path / "jobs.sqlite3"), "JOBS_IMMEDIATE": "0",
           "MINGA_STORAGE_DIR": str(tmp_path / "documents")}
    upgrade = flask("db", "upgrade", env=env)
    assert upgrade.returncode == 0, upgrade.stderr
    load = flask("demo", "load", "--if-empty", env=env)
    assert load.returncode == 0, load.stderr
    assert "admin@demo.minga.cl" in load.stdout
    assert not (tmp_path / "outbox").exists()  # queued: mail leaves from the worker
    mails = delivered_by_the_worker(tmp_path / "fresh.sqlite3", tmp_path / "outbox", env)
    assert mails and all("http://127.0.0.1:5000/" in m.read_text() for m in mails)
    assert any("/calls/nap-2023/proposals/" in m.read_text() for m in mails)
    again = flask("demo", "load", "--if-empty", env=env)
    assert again.returncode == 0 and "no demo loaded" in again.stdout
