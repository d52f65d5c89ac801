import click
from flask.cli import AppGroup

from app.accounts import services
from app.core.errors import DomainError
from app.extensions import db

users_cli = AppGroup("users", help="Manage accounts.")


@users_cli.command("create-admin")
@click.argument("email")
@click.option("--password", help="Leave out to be prompted (keeps it out of shell history).")
@click.option("--name", default="Administrator", show_default=True)
def create_admin(email, password, name):
    """Create a verified administrator, or make an existing account one."""
    if services.find_by_email(email) is None and password is None:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        user, created = services.create_admin(email, password, name=name)
    except DomainError as exc:
        db.session.rollback()
        raise click.ClickException(str(exc.message)) from exc
    db.session.commit()
    click.echo(f"{'Created' if created else 'Promoted'} administrator #{user.id}.")
