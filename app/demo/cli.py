import click
from flask import current_app
from flask.cli import AppGroup

from app.demo.loader import DatabaseNotEmpty, load_demo
from app.extensions import db

demo_cli = AppGroup("demo", help="Demo data.")


@demo_cli.command("load")
@click.option("--if-empty", is_flag=True,
              help="Do nothing (and succeed) when the database already has data.")
def load(if_empty):
    """Fill an empty database with a demo call and demo accounts."""
    try:
        # Publishing the demo results mails authors: links need a base address.
        with current_app.test_request_context(base_url=current_app.config["MINGA_BASE_URL"]):
            accounts = load_demo()
    except DatabaseNotEmpty:
        db.session.rollback()
        if if_empty:
            click.echo("The database already has data; no demo loaded.")
            return
        raise click.ClickException("The database is not empty; the demo loads only into "
                                   "an empty database.") from None
    db.session.commit()
    lines = [f"  {role:<12} {email:<32} {password}" for role, email, password in accounts]
    listing = "\n".join(lines)
    click.echo(f"Demo loaded. Accounts (role, email, password):\n{listing}")
    path = current_app.config["DEMO_ACCOUNTS_FILE"]
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(listing + "\n")
    click.echo(f"The same list is in {path}.")
