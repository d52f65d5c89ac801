"""`flask plans import --plan SLUG FILE.csv [--dry-run]`."""

from pathlib import Path

import click
from flask.cli import AppGroup
from sqlalchemy import select

from app.core.errors import DomainError
from app.extensions import db
from app.plans.importer import import_plan
from app.plans.models import Plan

plans_cli = AppGroup("plans", help="National Action Plans.")


class CommandLine:
    """Who acts from the command line: the deployment's operator, an administrator."""

    id = None
    is_authenticated = True
    is_admin = True


@plans_cli.command("import")
@click.option("--plan", "slug", required=True, help="The plan's slug.")
@click.option("--dry-run", is_flag=True, help="Check every row; write nothing.")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def import_command(slug: str, dry_run: bool, path: Path) -> None:
    """Import commitments and milestones from a CSV in the plan export's format."""
    plan = db.session.scalar(select(Plan).where(Plan.slug == slug))
    if plan is None:
        raise click.ClickException(f"no plan {slug}")
    try:
        result = import_plan(CommandLine(), plan, path.read_bytes(), dry_run=dry_run)
    except DomainError as exc:
        raise click.ClickException(str(exc.message)) from exc
    for line, column, message in result.errors:
        click.echo(f"line {line}{f' ({column})' if column else ''}: {message}", err=True)
    if not result.ok:
        db.session.rollback()
        raise click.ClickException(f"{len(result.errors)} errors: nothing was imported")
    db.session.commit()
    verb = "would import" if dry_run else "imported"
    click.echo(f"{verb} {result.commitments} commitments and {result.milestones} milestones")
