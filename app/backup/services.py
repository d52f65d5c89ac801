"""Back the database up while the site serves; restore a backup into an empty database.

SQLite: the online backup API copies every page in one step, inside one read transaction,
so the copy is the committed state of one moment, pages still in the WAL included. A copy
of the file is not a backup: it misses what the WAL holds (most recent votes) and may catch
a page mid-write. PostgreSQL: pg_dump's custom format, read in one snapshot. Neither
blocks a vote.

A restore goes only into an empty database, so it never mixes with data, and is checked
before anyone serves it: every table holds as many rows as the backup, SQLite's integrity
and foreign-key checks pass, and on PostgreSQL every constraint is validated and every id
sequence is ahead of its rows (else the next insert would collide).
"""

import os
import re
import sqlite3
import subprocess
from collections.abc import Iterable
from contextlib import closing
from pathlib import Path

from sqlalchemy import inspect, text
from sqlalchemy.engine import URL, Connection, Engine
from sqlalchemy.exc import OperationalError

SQLITE_HEADER = b"SQLite format 3\x00"
PG_DUMP_HEADER = b"PGDMP"
KINDS = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
# pg_restore --data-only writes each table's rows as `COPY <table> (<columns>) FROM stdin;`,
# one line per row (newlines inside values are escaped), ended by `\.`.
COPY_LINE = re.compile(rb"^COPY (\S+) (?:\(.*\) )?FROM stdin;$")


class BackupError(Exception):
    """A backup or restore that cannot go on; the message tells the operator why."""


class DatabaseNotEmpty(BackupError):
    """A restore goes only into an empty database: it never merges with data."""


class NotABackup(BackupError):
    """The file is not a backup this database can take."""


class RestoreCheckFailed(BackupError):
    """The restored database differs from the backup or fails its own checks."""

    def __init__(self, problems: list[str]):
        lines = "\n".join(f"  - {problem}" for problem in problems)
        super().__init__(
            f"The restored database fails its checks:\n{lines}\nDo not serve it: empty the "
            "database (drop it, or delete the file) and restore again, or use another backup.")
        self.problems = problems


def backup(engine: Engine, out: Path) -> None:
    """Write a consistent copy of `engine`'s database to `out`, a new file.

    :raises BackupError:
    """
    if out.exists():
        raise BackupError(f"{out} exists already: choose a new file name.")
    partial = out.with_name(out.name + ".partial")
    try:
        # The copy holds personal data (emails, password hashes): readable by its owner only.
        os.close(os.open(partial, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600))
    except OSError as exc:
        raise BackupError(f"Cannot write {out}: {exc.strerror}.") from None
    try:
        if engine.dialect.name == "sqlite":
            _backup_sqlite(_sqlite_path(engine), partial)
        else:
            _postgresql_tool(engine.url, "pg_dump", "--format=custom", "--file", str(partial))
        partial.replace(out)  # never a half-written file under the backup's name
    finally:
        partial.unlink(missing_ok=True)


def restore(engine: Engine, file: Path) -> dict[str, int]:
    """Load the backup `file` into `engine`'s empty database and check the result.

    Returns the rows of each table.

    :raises NotABackup, DatabaseNotEmpty, RestoreCheckFailed, BackupError:
    """
    dialect = engine.dialect.name
    kind = backup_kind(file)
    if kind is None:
        raise NotABackup(f"{file} is not a backup made by `flask backup`.")
    if kind != dialect:
        raise NotABackup(f"{file} is a {KINDS[kind]} backup, and this database is "
                         f"{KINDS.get(dialect, dialect)}: restore it into a {KINDS[kind]} "
                         "database (DATABASE_URL).")
    tables = table_names(engine)
    if tables:
        raise DatabaseNotEmpty(
            f"The database is not empty (it has {len(tables)} tables, {', '.join(tables[:3])}"
            f"{' …' if len(tables) > 3 else ''}): a backup is restored only into an empty "
            "database. Create a new one (PostgreSQL: createdb) or point DATABASE_URL at a "
            "file that does not exist yet.")
    engine.dispose()  # no connection opened before the restore outlives it
    if dialect == "sqlite":
        _copy_sqlite(str(file), _sqlite_path(engine))
        expected = _sqlite_counts(file)
    else:
        _postgresql_tool(engine.url, "pg_restore", "--no-owner", "--no-acl",
                         "--single-transaction", "--exit-on-error", str(file))
        expected = _dump_counts(file)
    engine.dispose()
    problems = check_restored(engine, expected)
    if problems:
        raise RestoreCheckFailed(problems)
    return expected


def backup_kind(file: Path) -> str | None:
    """Which database made the backup `file` ("sqlite", "postgresql"), or None."""
    with file.open("rb") as handle:
        head = handle.read(len(SQLITE_HEADER))
    if head.startswith(SQLITE_HEADER):
        return "sqlite"
    if head.startswith(PG_DUMP_HEADER):
        return "postgresql"
    return None


def table_names(engine: Engine) -> list[str]:
    """Every table of the database, in any schema but the system's.

    :raises BackupError: the database cannot be reached.
    """
    try:
        inspector = inspect(engine)
        return sorted(name for schema in inspector.get_schema_names()
                      if schema != "information_schema"
                      for name in inspector.get_table_names(schema=schema))
    except OperationalError as exc:
        raise BackupError(f"Cannot reach the database: {exc.orig}") from None


def check_restored(engine: Engine, expected: dict[str, int]) -> list[str]:
    """What is wrong with a restored database, given the rows of each table in its backup."""
    if engine.dialect.name == "sqlite":
        path = _sqlite_path(engine)
        problems = _sqlite_problems(path)
        actual = _sqlite_counts(Path(path))
    else:
        with engine.connect() as connection:
            problems = _postgresql_problems(connection)
            actual = {table: connection.scalar(text(f"SELECT count(*) FROM {table}"))
                      for table in expected}
    problems += [f"{table} holds {actual.get(table)} rows; the backup holds {rows}"
                 for table, rows in expected.items() if actual.get(table) != rows]
    return problems


# --- SQLite -----------------------------------------------------------------------------

def _sqlite_path(engine: Engine) -> str:
    path = engine.url.database
    if not path or path == ":memory:":
        raise BackupError("DATABASE_URL names an in-memory SQLite database: nothing to keep.")
    return path


def _backup_sqlite(path: str, target: Path) -> None:
    if not Path(path).exists():
        raise BackupError(f"There is no database at {path}.")
    _copy_sqlite(path, str(target))
    with closing(sqlite3.connect(target)) as copy:
        copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no WAL beside it


def _copy_sqlite(source_path: str, target_path: str) -> None:
    """Copy with SQLite's backup API: every page in one step (pages=-1), so inside one read
    transaction of the source, the committed state of one moment."""
    try:
        with closing(sqlite3.connect(source_path, timeout=30)) as source, \
                closing(sqlite3.connect(target_path, timeout=30)) as target:
            source.backup(target)
    except sqlite3.Error as exc:
        raise BackupError(f"SQLite could not copy {source_path} to {target_path}: "
                          f"{exc}") from None


def _sqlite_counts(file: Path) -> dict[str, int]:
    """Rows of each table of the SQLite file (virtual tables through their own tables)."""
    connection = sqlite3.connect(file.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        names = [name for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite~_%'"
            " ESCAPE '~' AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name")]
        return {name: connection.execute(
            'SELECT count(*) FROM "{}"'.format(name.replace('"', '""'))).fetchone()[0]
            for name in names}
    finally:
        connection.close()


def _sqlite_problems(path: str) -> list[str]:
    connection = sqlite3.connect(path)
    try:
        integrity = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        orphans = connection.execute("PRAGMA foreign_key_check").fetchall()
    finally:
        connection.close()
    problems = [] if integrity == ["ok"] else [f"integrity check: {line}"
                                               for line in integrity[:10]]
    return problems + [f"a row of {table} (rowid {rowid}) points to a missing {parent} row"
                       for table, rowid, parent, _ in orphans[:10]]


# --- PostgreSQL -------------------------------------------------------------------------

def _postgresql_tool(url: URL, tool: str, *arguments: str) -> None:
    """Run pg_dump or pg_restore on the database at `url`.

    The password travels in the environment, not on the command line, which anyone on
    the machine can read.
    """
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    dbname = url.set(drivername="postgresql", password=None).render_as_string(
        hide_password=False)
    try:
        result = subprocess.run([tool, "--dbname", dbname, *arguments], env=env,
                                capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise BackupError(f"{tool} is not installed: install PostgreSQL's client tools "
                          "(Debian: postgresql-client), of the server's version or "
                          "newer.") from None
    if result.returncode != 0:
        raise BackupError(f"{tool} failed:\n{result.stderr.strip()}")


def _dump_counts(file: Path) -> dict[str, int]:
    """Rows of each table in a pg_dump custom-format file, as pg_restore reads them."""
    process = subprocess.Popen(["pg_restore", "--data-only", "--file=-", str(file)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    counts = _copy_rows(process.stdout)
    _, errors = process.communicate()
    if process.returncode != 0:
        raise BackupError(f"pg_restore could not read {file}:\n{errors.decode().strip()}")
    return counts


def _copy_rows(lines: Iterable[bytes]) -> dict[str, int]:
    counts, table = {}, None
    for line in lines:
        if table is None:
            match = COPY_LINE.match(line.rstrip(b"\n"))
            if match:
                table = match.group(1).decode()
                counts[table] = 0
        elif line == b"\\.\n":
            table = None
        else:
            counts[table] += 1
    return counts


def _postgresql_problems(connection: Connection) -> list[str]:
    problems = [f"constraint {name} of {table} is not validated" for table, name in
                connection.execute(text(
                    "SELECT c.conrelid::regclass::text, c.conname FROM pg_constraint c "
                    "JOIN pg_namespace n ON n.oid = c.connamespace WHERE NOT c.convalidated "
                    "AND n.nspname NOT IN ('pg_catalog', 'information_schema')"))]
    sequences = connection.execute(text(
        "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name), column_name,"
        " quote_ident(column_name) FROM information_schema.columns"
        " WHERE table_schema NOT IN ('pg_catalog', 'information_schema')"
        " AND (column_default LIKE 'nextval(%' OR is_identity = 'YES')")).all()
    for table, name, column in sequences:
        sequence = connection.scalar(text("SELECT pg_get_serial_sequence(:t, :c)"),
                                     {"t": table, "c": name})
        if sequence is None:
            continue
        highest = connection.scalar(text(f"SELECT max({column}) FROM {table}"))
        last, called = connection.execute(
            text(f"SELECT last_value, is_called FROM {sequence}")).one()
        if highest is not None and highest >= last + (1 if called else 0):
            problems.append(f"the sequence of {table}.{column} ({last}) is behind its rows "
                            f"({highest}): new rows would collide")
    return problems
