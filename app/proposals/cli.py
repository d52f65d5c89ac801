"""`flask search reindex`: after a change to what the search holds, or a new stemmer."""

import click
from flask.cli import AppGroup

from app.extensions import db
from app.proposals.search import reindex

search_cli = AppGroup("search", help="The proposals' full-text search.")


@search_cli.command("reindex")
def reindex_command():
    """Rebuild the search table from the proposals."""
    count = reindex(db.session.connection())
    db.session.commit()
    click.echo(f"Indexed {count} proposals.")
