import click
from flask.cli import AppGroup

from app.privacy.retention import apply_retention

privacy_cli = AppGroup("privacy", help="Personal data: retention.")


@privacy_cli.command("retention")
def retention():
    """Delete or unlink what is past its retention period now (the worker does it hourly)."""
    for kind, count in apply_retention().items():
        click.echo(f"{kind}: {count}")
