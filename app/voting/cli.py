import csv

import click
from flask.cli import AppGroup

from app.calls.services import CallNotFound, get_call
from app.core.spreadsheet import cell
from app.extensions import db
from app.voting import services

votes_cli = AppGroup("votes", help="Check the vote counters.")
codes_cli = AppGroup("codes", help="Single-use voting codes for in-person sessions.")


def _call(slug):
    try:
        return get_call(slug)
    except CallNotFound:
        raise click.ClickException(f"No call with slug {slug!r}.") from None


def report_counters(call) -> bool:
    """Print every counter of `call` that disagrees with its vote rows; True if none does.

    Votes left on a merged proposal are printed too, and count as disagreeing.
    """
    mismatches = services.count_mismatches(call)
    ballots = services.ballot_mismatches(call)
    stranded = services.votes_on_merged(call)
    for proposal, true_count in mismatches:
        click.echo(f"{proposal.reference}: counter {proposal.vote_count}, vote rows {true_count}")
    for ballot, true_count in ballots:
        click.echo(f"ballot #{ballot.id}: used {ballot.used}, vote rows {true_count}")
    for proposal, rows in stranded:
        click.echo(f"{proposal.reference}: merged into {proposal.merged_into.reference} "
                   f"but still holds {rows} vote row(s)")
    if not (mismatches or ballots or stranded):
        click.echo(f"All counters of {call.slug} agree with the vote rows.")
        return True
    return False


@votes_cli.command("verify")
@click.option("--call", "slug", required=True, help="The call's slug.")
@click.option("--fix", is_flag=True, help="Set every counter to what the vote rows say.")
def verify(slug, fix):
    """Recount every proposal from the vote rows; exit 1 if a counter disagrees."""
    call = _call(slug)
    if report_counters(call):
        return
    if services.votes_on_merged(call) or not fix:
        raise click.exceptions.Exit(1)
    try:
        fixed = services.fix_counts(call)
    except services.DomainError as exc:
        db.session.rollback()
        raise click.ClickException(str(exc.message)) from exc
    db.session.commit()
    click.echo(f"Fixed {fixed} counter(s).")


@codes_cli.command("generate")
@click.option("--call", "slug", required=True, help="The call's slug.")
@click.option("--count", type=click.IntRange(1, 100_000), required=True)
@click.option("--out", type=click.Path(dir_okay=False, writable=True), required=True,
              help="CSV file to write the codes to (they are not stored in clear anywhere).")
def generate(slug, count, out):
    """Create single-use voting codes and write them to a CSV for printing."""
    call = _call(slug)
    codes = services.generate_codes(call, count)
    with open(out, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["call", "code"])
        writer.writerows([cell(slug), cell(code)] for code in codes)
    db.session.commit()
    click.echo(f"Wrote {count} codes for {slug} to {out}. Only their keyed hashes are stored.")
