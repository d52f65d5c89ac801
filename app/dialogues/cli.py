"""`flask proposals import`: paper and spreadsheet submissions, from the command line."""

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from app.accounts.services import find_by_email
from app.calls.services import CallNotFound, get_call
from app.core.errors import DomainError
from app.dialogues import imports
from app.extensions import db

import_command = AppGroup("proposals", help="Proposals gathered offline.")


@import_command.command("import")
@click.option("--call", "slug", required=True, help="The call's slug.")
@click.option("--by", "email", required=True,
              help="The administrator account that enters them (recorded with each row).")
@click.option("--dry-run", is_flag=True, help="Check every row and write nothing.")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_proposals(slug, email, dry_run, path):
    """Import the proposals of a CSV made from the template: all rows, or none."""
    try:
        call = get_call(slug)
    except CallNotFound:
        raise click.ClickException(f"No call with slug {slug!r}.") from None
    user = find_by_email(email)
    if user is None or not user.is_admin:
        raise click.ClickException(f"No administrator account uses {email}.")
    try:
        report = imports.import_submissions(user, call, path.read_bytes(), path.name,
                                            current_app.config["MINGA_REGIONS"],
                                            dry_run=dry_run)
    except DomainError as exc:
        db.session.rollback()
        raise click.ClickException(str(exc.message)) from None
    for error in report.errors:
        click.echo(f"row {error.row}, {error.field or '-'}: {error.message}", err=True)
    if not report.ok:
        db.session.rollback()
        raise click.ClickException(f"{len(report.errors)} problems; nothing was imported.")
    if dry_run:
        db.session.rollback()
        click.echo(f"{report.rows} rows are ready to import; nothing was written (dry run).")
        return
    db.session.commit()
    click.echo(f"Imported {len(report.references)} proposals: {', '.join(report.references)}.")
