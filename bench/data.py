"""Generate a national-scale call through the real schema, in bulk.

The migrations build the schema; rows then go in with sqlite-utils bulk inserts
(SQLite) or COPY (PostgreSQL), bypassing the services on purpose: a million
votes through the ORM would take an hour. Everything the services keep in step
is kept in step here too: each proposal's vote_count equals its vote rows, each
ballot's `used` its votes, the SQLite full-text index holds every proposal.

Votes are long-tailed: proposal popularity follows a Zipf law (a few proposals
gather most votes, as in Madrid's and Chile's calls). A share of the users is
kept without a ballot so the casting benchmark has fresh voters with a full budget.

    python bench/data.py --db sqlite:////tmp/bench.sqlite3 --scale 0.1
"""

import argparse
import itertools
import json
import os
import random
import subprocess
import sys
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.demo.content import demo_proposals  # noqa: E402
from app.demo.loader import DEMO_THEMES  # noqa: E402
from app.proposals.models import SHUFFLE_PRIME, TEXT_FIELDS  # noqa: E402
from app.proposals.search import PG_FILL, index_row  # noqa: E402
from config import CHILE_REGIONS  # noqa: E402

SLUG = "nap-bench"
PASSWORD = "bench-voter-lantern-2026"
MEMBER_EMAIL = "bench-member@bench.example.org"
VOTES_PER_VOTER = 20
FRESH_VOTER_SHARE = 0.02  # users without a ballot: the casting benchmark's voters
ZIPF_EXPONENT = 1.0
SEED = 2016
SECTORS = (("citizen", 60), ("civil_society", 20), ("academia", 8), ("private_sector", 7),
           ("government", 5))
OGP_VALUES = ("transparency", "accountability", "participation", "technology")
DEMO_PROPOSALS = demo_proposals()
BODIES = sorted({p["responsible_body"] for p in DEMO_PROPOSALS})


@dataclass(frozen=True)
class Sizes:
    proposals: int = 10_000
    users: int = 100_000
    votes: int = 1_000_000

    def scaled(self, factor: float) -> "Sizes":
        return Sizes(max(100, int(self.proposals * factor)), max(1_000, int(self.users * factor)),
                     max(1_000, int(self.votes * factor)))

    @property
    def voters(self) -> int:
        """Users who may hold a ballot in the generated data (the rest vote in the benchmark)."""
        return self.users - int(self.users * FRESH_VOTER_SHARE)


def stamp(value: datetime) -> str:
    """The text SQLAlchemy's DateTime stores on SQLite (naive UTC), also valid for COPY."""
    return value.astimezone(UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")


def anchor() -> datetime:
    """Voting opened a week ago and closes in a week, so the call is open to votes."""
    return datetime.now(UTC).replace(minute=0, second=0, microsecond=0)


# --- writing ------------------------------------------------------------------------------

class SQLiteSink:
    def __init__(self, path: str):
        import sqlite_utils

        self.db = sqlite_utils.Database(path)
        self.db.execute("PRAGMA synchronous=OFF")

    def insert(self, table: str, rows) -> None:
        self.db[table].insert_all(rows, batch_size=5_000)

    def execute(self, sql: str) -> None:
        self.db.execute(sql)
        self.db.conn.commit()

    def close(self) -> None:
        self.db.execute("ANALYZE")
        self.db.conn.commit()
        self.db.close()


class PostgresSink:
    def __init__(self, url: str):
        import psycopg

        self.conn = psycopg.connect(libpq_url(url), autocommit=True)

    def insert(self, table: str, rows) -> None:
        rows = iter(rows)
        first = next(rows, None)
        if first is None:
            return
        columns = list(first)
        quoted = ", ".join(f'"{c}"' for c in columns)
        with self.conn.cursor() as cursor, \
                cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
            for row in itertools.chain([first], rows):
                # JSON columns: COPY would read a Python list as a PostgreSQL array.
                copy.write_row([json.dumps(row[c]) if isinstance(row[c], list) else row[c]
                                for c in columns])
        self.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                     f"(SELECT max(id) FROM {table}))")

    def execute(self, sql: str) -> None:
        self.conn.execute(sql)

    def close(self) -> None:
        # What autovacuum would have done by the time a live call has this many rows:
        # the visibility map makes index-only scans possible.
        self.conn.execute("VACUUM ANALYZE")
        self.conn.close()


def libpq_url(url: str) -> str:
    """psycopg wants postgresql://, SQLAlchemy's URL may name the driver."""
    return url.replace("postgresql+psycopg://", "postgresql://", 1)


def sink_for(url: str):
    if url.startswith("sqlite:///"):
        return SQLiteSink(url[len("sqlite:///"):])
    return PostgresSink(url)


def query(url: str, sql: str) -> list[tuple]:
    """Rows of one read, on either database (the harness checks counts with it)."""
    if url.startswith("sqlite:///"):
        import sqlite3

        with sqlite3.connect(url[len("sqlite:///"):]) as connection:
            return connection.execute(sql).fetchall()
    import psycopg

    with psycopg.connect(libpq_url(url)) as connection:
        return connection.execute(sql).fetchall()


def fresh_database(url: str) -> None:
    """Empty the database and run the real migrations into it."""
    if url.startswith("sqlite:///"):
        path = Path(url[len("sqlite:///"):])
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
    else:
        import psycopg

        with psycopg.connect(libpq_url(url), autocommit=True) as conn:
            conn.execute("DROP SCHEMA public CASCADE")
            conn.execute("CREATE SCHEMA public")
    env = {**os.environ, "DATABASE_URL": url, "MINGA_CONFIG": "development"}
    subprocess.run([sys.executable, "-m", "flask", "--app", "app", "db", "upgrade"],
                   cwd=ROOT, env=env, check=True, capture_output=True)


# --- rows -----------------------------------------------------------------------------------

def _weighted(rng: random.Random, pairs) -> str:
    values, weights = zip(*pairs, strict=True)
    return rng.choices(values, weights=weights)[0]


def user_rows(sizes: Sizes, password_hash: str, at: datetime):
    rng = random.Random(SEED)
    regions = [(r, 40 if r.startswith("Metropolitana") else 4) for r in CHILE_REGIONS]
    for user_id in range(1, sizes.users + 1):
        created = at - timedelta(days=30, seconds=rng.randrange(30 * 86400))
        member = user_id == 1
        yield {
            "id": user_id,
            "email": MEMBER_EMAIL if member else f"voter-{user_id}@bench.example.org",
            "password_hash": password_hash, "name": f"Participante {user_id}",
            "sector": "civil_society" if member else _weighted(rng, SECTORS),
            "region": _weighted(rng, regions), "organisation": None, "role": "participant",
            "locale": None, "email_verified_at": stamp(created),
            "privacy_accepted_at": stamp(created), "created_at": stamp(created),
            "notify_by_email": True,
            "notify_comments": True, "notify_moderation": True, "notify_merges": True,
            "notify_replies": True, "notify_outcomes": True,
            "blocked_at": None,
        }


def call_row(sizes: Sizes, at: datetime) -> dict:
    return {
        "id": 1, "slug": SLUG, "title": "Plan de Acción Nacional de Gobierno Abierto (benchmark)",
        "description": "Convocatoria generada para medir Minga a escala nacional.",
        "submission_opens_at": stamp(at - timedelta(days=60)),
        "submission_closes_at": stamp(at - timedelta(days=14)),
        "voting_opens_at": stamp(at - timedelta(days=7)),
        "voting_closes_at": stamp(at + timedelta(days=7)),
        "results_published_at": None, "votes_per_voter": VOTES_PER_VOTER,
        "themes": DEMO_THEMES, "allow_vote_withdrawal": True,
        # Counts public during voting: sort by votes, results and queue all show counts.
        "hide_counts_until_close": False, "max_proposals_per_author": 5,
        "eligibility": "email", "decision_rule": "consensus", "rules": "",
        "created_at": stamp(at - timedelta(days=90)), "updated_at": stamp(at - timedelta(days=90)),
        "version": 1, "comments_open": True,
    }


def _year(at: datetime) -> int:
    return (at - timedelta(days=60)).year  # the call's: submissions opened 60 days ago


def counter_row(sizes: Sizes, at: datetime) -> dict:
    return {"year": _year(at), "last_number": sizes.proposals}


def proposal_rows(sizes: Sizes, at: datetime):
    rng = random.Random(SEED + 1)
    keys = random.Random(SEED + 5)  # apart, so the other columns stay as earlier runs had them
    year = _year(at)
    for number in range(1, sizes.proposals + 1):
        source = DEMO_PROPOSALS[number % len(DEMO_PROPOSALS)]
        published = at - timedelta(days=14, seconds=rng.randrange(46 * 86400))
        withdrawn = number % 100 == 0
        yield {
            "id": number, "call_id": 1, "author_id": rng.randrange(2, sizes.users + 1),
            "reference": f"{year}-{number:04d}",
            "title": f"{source['title'][:138]} (n.º {number})", "summary": source["summary"],
            "problem": source["problem"], "commitment": source["commitment"],
            "solution": source["solution"], "expected_results": source["expected_results"],
            "ogp_values": rng.sample(OGP_VALUES, rng.randint(1, 3)),
            "theme": rng.choice(DEMO_THEMES), "responsible_body": rng.choice(BODIES),
            "region": rng.choice(("national", *CHILE_REGIONS)), "organisation": None,
            "status": "withdrawn" if withdrawn else "published", "vote_count": 0,
            "created_at": stamp(published), "updated_at": stamp(published),
            "published_at": stamp(published), "edited_at": None,
            "withdrawn_at": stamp(published + timedelta(days=1)) if withdrawn else None,
            "withdrawal_reason": "Se unió a otra propuesta." if withdrawn else None,
            "version": 1, "moderation_reason": None, "status_before_hidden": None,
            "merged_into_id": None, "shuffle_key": keys.randrange(SHUFFLE_PRIME),
        }


def search_rows(sizes: Sizes, at: datetime):
    for row in proposal_rows(sizes, at):
        yield index_row(row["id"], row["reference"], row["title"], row["summary"],
                        "\n".join(row[f] for f in TEXT_FIELDS))


def votable_ids(sizes: Sizes) -> list[int]:
    return [n for n in range(1, sizes.proposals + 1) if n % 100]


def zipf_sampler(sizes: Sizes, seed: int):
    """Draw proposal ids with Zipf-law popularity, the ranks shuffled across ids."""
    rng = random.Random(seed)
    ids = votable_ids(sizes)
    rng.shuffle(ids)
    cumulative, total = [], 0.0
    for rank in range(1, len(ids) + 1):
        total += rank ** -ZIPF_EXPONENT
        cumulative.append(total)

    def draw(count: int) -> list[int]:
        chosen: dict[int, None] = {}
        while len(chosen) < count:
            for pid in rng.choices(ids, cum_weights=cumulative, k=count - len(chosen)):
                chosen.setdefault(pid, None)
        return list(chosen)

    return rng, draw


def ballots_and_votes(sizes: Sizes, at: datetime):
    """Yield (ballot, [votes]) in a fixed order, so a run can stop at 10k and go on to 1M."""
    rng, draw = zipf_sampler(sizes, SEED + 2)
    opened = at - timedelta(days=7)
    window = int((at - opened).total_seconds()) - 60
    vote_id, cast = 0, 0
    for ballot_id, user_id in enumerate(range(2, sizes.voters + 1), start=1):
        if cast >= sizes.votes:
            return
        # Never trimmed: a 10k build holds exactly the first voters of the 1M build.
        count = rng.randint(1, VOTES_PER_VOTER)
        first = opened + timedelta(seconds=rng.randrange(window))
        votes = []
        for proposal_id in draw(count):
            vote_id += 1
            votes.append({"id": vote_id, "ballot_id": ballot_id, "proposal_id": proposal_id,
                          "created_at": stamp(first + timedelta(seconds=len(votes) * 7))})
        cast += count
        yield ({"id": ballot_id, "call_id": 1, "user_id": user_id, "code_id": None,
                "budget": VOTES_PER_VOTER, "used": count, "created_at": stamp(first)}, votes)
    if cast < sizes.votes:
        raise SystemExit(f"{sizes.voters} voters cannot cast {sizes.votes} votes")


def member_rows(at: datetime):
    yield {"id": 1, "call_id": 1, "user_id": 1, "constituency": "civil_society",
           "created_at": stamp(at - timedelta(days=60))}


def assessment_rows(sizes: Sizes, at: datetime):
    rng = random.Random(SEED + 3)
    for index, proposal_id in enumerate(votable_ids(sizes)[::20], start=1):
        scores = {c: rng.randint(0, 3) for c in ("relevance", "specificity", "measurability",
                                                  "feasibility", "impact")}
        yield {"id": index, "member_id": 1, "proposal_id": proposal_id, **scores,
               "comment": "", "created_at": stamp(at), "updated_at": stamp(at)}


# --- building -----------------------------------------------------------------------------

def password_hash() -> str:
    """One production-strength hash shared by every generated account (all know PASSWORD)."""
    from werkzeug.security import generate_password_hash

    return generate_password_hash(PASSWORD, method="scrypt")


def _insert_votes(sink, sizes: Sizes, at: datetime, skip: int) -> int:
    """Insert ballots and votes after the first `skip` votes; return how many went in."""
    ballots, votes, done = [], [], 0
    for ballot, ballot_votes in ballots_and_votes(sizes, at):
        if ballot_votes[-1]["id"] <= skip:
            continue
        ballots.append(ballot)
        votes.extend(ballot_votes)
        if len(votes) >= 100_000:
            sink.insert("ballots", ballots)
            sink.insert("votes", votes)
            done += len(votes)
            ballots, votes = [], []
    sink.insert("ballots", ballots)
    sink.insert("votes", votes)
    return done + len(votes)


def _recount(sink) -> None:
    sink.execute("UPDATE proposals SET vote_count = (SELECT count(*) FROM votes "
                 "WHERE votes.proposal_id = proposals.id)")


def build(url: str, sizes: Sizes, at: datetime) -> None:
    """A fresh database with the call, its users and proposals, and `sizes.votes` votes."""
    fresh_database(url)
    sink = sink_for(url)
    sink.insert("users", user_rows(sizes, password_hash(), at))
    sink.insert("calls", [call_row(sizes, at)])
    sink.insert("proposals", proposal_rows(sizes, at))
    sink.insert("reference_counters", [counter_row(sizes, at)])
    if isinstance(sink, SQLiteSink):
        sink.insert("proposal_search", search_rows(sizes, at))
    else:
        sink.execute(PG_FILL)
    sink.insert("working_group_members", member_rows(at))
    sink.insert("assessments", assessment_rows(sizes, at))
    _insert_votes(sink, sizes, at, skip=0)
    _recount(sink)
    sink.close()


def copy_database(url: str, suffix: str) -> str:
    """Copy the database at `url` to one named with `suffix`; return the copy's URL.

    So pages at few and at many votes can be served side by side and measured a few
    seconds apart, not minutes: a shared machine drifts more than the cost grows.
    """
    if url.startswith("sqlite:///"):
        import sqlite3

        path = Path(url[len("sqlite:///"):])
        copy = path.with_name(f"{path.stem}{suffix}{path.suffix}")
        for extra in ("", "-wal", "-shm"):
            Path(f"{copy}{extra}").unlink(missing_ok=True)
        with closing(sqlite3.connect(path)) as source, \
                closing(sqlite3.connect(copy)) as target:
            source.backup(target)
        return f"sqlite:///{copy}"
    import psycopg
    from psycopg import sql

    base, name = libpq_url(url).rsplit("/", 1)
    name, _, options = name.partition("?")
    copy = f"{name}{suffix}"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(copy)))
        connection.execute(sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
            sql.Identifier(copy), sql.Identifier(name)))
    return url.rsplit("/", 1)[0] + f"/{copy}" + (f"?{options}" if options else "")


def grow(url: str, sizes: Sizes, at: datetime, had: int) -> None:
    """Add the votes that take a database holding `had` votes (see vote_total) to `sizes`."""
    sink = sink_for(url)
    _insert_votes(sink, sizes, at, skip=had)
    _recount(sink)
    sink.close()


def fresh_voters(url: str, sizes: Sizes, at: datetime, count: int) -> tuple[list[int], int]:
    """Ids of `count` users who have not voted, for the casting benchmark, and how many
    accounts had to be added for them: the users kept without a ballot (FRESH_VOTER_SHARE)
    come first; at small scales they are too few, and the accounts a build with more
    users would have follow them."""
    first = sizes.voters + 1
    missing = first + count - 1 - sizes.users
    if missing > 0:
        more = Sizes(sizes.proposals, sizes.users + missing, sizes.votes)
        sink = sink_for(url)
        sink.insert("users", itertools.islice(user_rows(more, password_hash(), at),
                                              sizes.users, None))
        sink.close()
    return list(range(first, first + count)), max(0, missing)


def vote_total(sizes: Sizes, at: datetime) -> int:
    """How many votes a build of `sizes` holds: whole voters, so up to 19 over the target."""
    return sum(ballot["used"] for ballot, _ in ballots_and_votes(sizes, at))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", default=os.environ.get("DATABASE_URL")
                        or f"sqlite:///{ROOT / 'instance' / 'bench.sqlite3'}")
    parser.add_argument("--scale", type=float, default=1.0, help="1 = 10k proposals, "
                        "100k users, 1M votes; 0.1 for a quick run")
    parser.add_argument("--votes", type=int, help="votes, overriding the scale")
    args = parser.parse_args()
    sizes = Sizes().scaled(args.scale)
    if args.votes:
        sizes = Sizes(sizes.proposals, sizes.users, args.votes)
    build(args.db, sizes, anchor())
    print(f"built {sizes} in {args.db}")


if __name__ == "__main__":
    main()
