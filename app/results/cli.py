from pathlib import Path

import click
from flask.cli import with_appcontext

from app.calls.services import CallNotFound, get_call
from app.results import exports


@click.command("export")
@click.option("--call", "slug", required=True, help="The call's slug.")
@click.option("--format", "fmt", type=click.Choice(exports.FORMATS), required=True)
@click.option("--out", type=click.Path(dir_okay=False, writable=True, path_type=Path),
              required=True)
@with_appcontext
def export_command(slug, fmt, out):
    """Write a call's open data (no personal data) to a CSV, JSON or SQLite file."""
    try:
        call = get_call(slug)
    except CallNotFound:
        raise click.ClickException(f"No call with slug {slug!r}.") from None
    if fmt == "sqlite":
        exports.build_sqlite(call, out)
    else:
        chunks = exports.csv_chunks(call) if fmt == "csv" else exports.json_chunks(call)
        with out.open("w", encoding="utf-8", newline="") as handle:
            for chunk in chunks:
                handle.write(chunk)
    click.echo(f"Wrote {fmt} open data for {slug} to {out}.")
