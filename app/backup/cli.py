"""`flask backup` and `flask restore`: see app/backup/services.py and README, "Backup and
restore"."""

from pathlib import Path

import click
from flask.cli import with_appcontext
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError

from app.backup import services
from app.calls.models import Call
from app.extensions import db
from app.voting.cli import report_counters


@click.command("backup")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="The file to write; it must not exist yet.")
@with_appcontext
def backup_command(out):
    """Write a consistent copy of the database to a file while the site keeps serving."""
    try:
        services.backup(db.engine, out)
    except services.BackupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Backed up the database to {out} ({out.stat().st_size:,} bytes). "
               f"Restore it into an empty database with: flask --app app restore {out}")


@click.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def restore_command(file):
    """Load a backup into this app's database, which must be empty, then check it and
    recount the votes of every call (exit 1 if anything disagrees)."""
    try:
        counts = services.restore(db.engine, file)
    except services.BackupError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"Restored {file}: {len(counts)} tables, {sum(counts.values()):,} rows, as "
               "many as the backup holds; the integrity checks pass.")
    if not _votes_agree():
        raise click.exceptions.Exit(1)


def _votes_agree() -> bool:
    """`flask votes verify` for every call of the restored database."""
    try:
        calls = db.session.scalars(select(Call).order_by(Call.id)).all()
        return all([report_counters(call) for call in calls])
    except SQLAlchemyError as exc:
        db.session.rollback()
        click.echo(f"Could not recount the votes ({type(exc).__name__}). If the backup comes "
                   "from an older version of Minga, run `flask db upgrade`, then "
                   "`flask votes verify --call SLUG` for each call.")
        return False
