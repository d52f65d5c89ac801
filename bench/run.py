"""Benchmark Minga against the framework and storage ceilings, in one run on one machine.

    make bench                       # SQLite, full size: 10k proposals, 100k users, 1M votes
    make bench BENCH_ARGS="--scale 0.1"
    make bench DATABASE_URL=postgresql://postgres@127.0.0.1:5432/minga_bench

Every figure is a ratio measured in the same run, so a noisy or slow machine
shifts both sides alike. Prints one table and writes it to bench/RESULTS.md.
"""

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import ceilings, data, report, sessions  # noqa: E402
from bench.browser import Site  # noqa: E402
from bench.report import FORM_VOTE, JOURNEY, JSON_VOTE, LOGGED_IN  # noqa: E402
from bench.server import WORKERS, Gunicorn, production_env  # noqa: E402
from config import _database_url as config_database_url  # noqa: E402

WRK_DIR = ROOT / "bench" / "wrk"
INSTANCE = ROOT / "instance"
WARM_UP_SECONDS = 2  # not counted: imports, caches, connections
# The rows that cast votes: each casts the votes of its own share of --voters (20 each),
# sized for well above the rates of today (a row that runs out stops the run), and how
# one vote is sent (bench/sessions.py).
VOTE_ROWS = {
    JSON_VOTE: (0.5, sessions.json_vote_visit),
    FORM_VOTE: (0.3, sessions.form_vote_visit),
    JOURNEY: (0.2, sessions.journey_visit),
}


def check_wrk() -> str:
    wrk = shutil.which("wrk")
    if not wrk:
        sys.exit("bench: `wrk` is not installed. On Debian or Ubuntu: sudo apt-get install wrk "
                 "(see README, Performance).")
    return wrk


def database_url() -> str:
    if not os.environ.get("DATABASE_URL"):
        return f"sqlite:///{INSTANCE / 'bench.sqlite3'}"
    url = config_database_url()  # the app's own reading of DATABASE_URL
    if url.startswith("postgresql"):
        _create_postgres_database(url)
    return url


def _create_postgres_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    name = url.rsplit("/", 1)[1].split("?")[0]
    admin = data.libpq_url(url).rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                                  (name,)).fetchone():
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


class Wrk:
    def __init__(self, binary: str, duration: int, connections: int, threads: int):
        self.binary, self.duration = binary, duration
        self.connections, self.threads = connections, threads

    def run(self, server: Gunicorn, script: str, args: list[str], duration: int | None = None,
            connections: int | None = None, threads: int | None = None,
            timeout: int = 10) -> dict:
        """One measurement of `server`, with its workers' CPU time over it (`cpu_s`)."""
        connections = connections or self.connections
        threads = threads or min(self.threads, connections)
        command = [self.binary, "-t", str(threads), "-c", str(connections),
                   "-d", f"{duration or self.duration}s", "--timeout", f"{timeout}s",
                   "-s", str(WRK_DIR / script), f"http://127.0.0.1:{server.port}", "--", *args]
        cpu = server.cpu_seconds()
        output = subprocess.run(command, capture_output=True, text=True, check=True,
                                env={**os.environ, "BENCH_WRK_DIR": str(WRK_DIR)}).stdout
        cpu = server.cpu_seconds() - cpu
        line = next(line for line in output.splitlines() if line.startswith("BENCH "))
        return with_rates({**json.loads(line[len("BENCH "):]), "cpu_s": cpu})

    @property
    def half(self) -> int:
        """Seconds of each of the turns a measurement is split into (see `in_turns`)."""
        return max(1, self.duration // 2)

    def page(self, server: Gunicorn, paths: list[str], cookie: str = "", **kwargs) -> dict:
        """Requests for `paths` (with `cookie`, if any), after a warm-up not counted."""
        self.pages(server, paths, cookie, duration=WARM_UP_SECONDS, **kwargs)
        return self.pages(server, paths, cookie, **kwargs)

    def pages(self, server: Gunicorn, paths: list[str], cookie: str = "", **kwargs) -> dict:
        return self.run(server, "pages.lua", [*paths, f"cookie={cookie}"] if cookie else paths,
                        **kwargs)

    def visits(self, server: Gunicorn, prefix: str) -> dict:
        """Replay the browsers' requests written at `prefix` (browser.write_visits) for
        half the duration; one connection per thread, see wrk/browser.lua."""
        return self.run(server, "browser.lua", [prefix], duration=self.half,
                        threads=self.connections)


def with_rates(result: dict) -> dict:
    """`result` with requests per second and worker CPU µs per request."""
    seconds = result["duration_us"] / 1e6
    result["rps"] = result["requests"] / seconds
    result["cpu_us"] = result["cpu_s"] * 1e6 / result["requests"] if result["requests"] else 0.0
    return result


def combined(runs: list[dict]) -> dict:
    """Several measurements of one row as one: all their requests over all their time
    and CPU; each latency percentile the worst of the runs'."""
    out = {key: sum(run[key] for run in runs) for key in runs[0]
           if key in ("requests", "http_requests", "duration_us", "errors", "status_errors",
                      "votes", "cpu_s")}
    out.update({key: max(run[key] for run in runs) for key in ("p50", "p95", "p99")})
    out["spent"] = any(run.get("spent", False) for run in runs)
    return with_rates(out)


def in_turns(wrk: Wrk, hello: Gunicorn, *sides) -> list[dict]:
    """Hello and each of `sides` measured in turns, there and back (hello, a, b, b, a,
    hello), half the duration each, so the drift of a shared machine over a row's
    measurement weighs on every side alike (measured minutes apart, drift showed as a
    growth of 1.25×). A side is called with its turn, 0 or 1. Returns hello's
    measurement, then each side's."""
    measures = [lambda turn: wrk.pages(hello, ["/"], duration=wrk.half), *sides]
    runs: list[list[dict]] = [[] for _ in measures]
    order = list(range(len(measures)))
    for turn, indexes in enumerate((order, order[::-1])):
        for index in indexes:
            runs[index].append(measures[index](turn))
    return [combined(each) for each in runs]


def page_paths(sizes: data.Sizes, references: dict[int, str]) -> dict[str, list[str]]:
    slug = data.SLUG
    last = max(1, -(-sizes.proposals // 20))
    deep = min(200, last)
    spread = sorted(references)[:: max(1, len(references) // 50)]
    return {
        "home": ["/"],
        "proposal list, votes, page 1": [f"/calls/{slug}/proposals/?sort=votes"],
        f"proposal list, votes, page {deep}": [f"/calls/{slug}/proposals/?sort=votes&page={deep}"],
        "proposal list, random, page 1": [f"/calls/{slug}/proposals/?sort=random"],
        f"proposal list, random, page {deep}":
            [f"/calls/{slug}/proposals/?sort=random&page={deep}"],
        "proposal page": [f"/calls/{slug}/proposals/{references[pid]}" for pid in spread],
        "results page": [f"/calls/{slug}/results"],
        "review queue": [f"/review/{slug}/"],
        "API proposal list": [f"/api/v1/calls/{slug}/proposals"],
        # The same pages for someone logged in: never kept, built on every request.
        f"{LOGGED_IN}proposal list, votes, page 1": [f"/calls/{slug}/proposals/?sort=votes"],
        f"{LOGGED_IN}proposal page": [f"/calls/{slug}/proposals/{references[pid]}"
                                      for pid in spread],
        f"{LOGGED_IN}results page": [f"/calls/{slug}/results"],
    }


def measure_pages(wrk: Wrk, hello: Gunicorn, few: Gunicorn, many: Gunicorn, paths: dict,
                  cookies: dict[Gunicorn, str]) -> tuple[dict, dict]:
    """Each page at few and at many votes, in turns with hello (`in_turns`)."""
    at_few, at_many = {}, {}
    for name, urls in paths.items():
        logged_in = name == "review queue" or name.startswith(LOGGED_IN)
        cookie = {server: cookies[server] if logged_in else "" for server in (few, many)}

        def side(server: Gunicorn, urls=urls, cookie=cookie):
            return lambda turn: wrk.pages(server, urls, cookie[server], duration=wrk.half)

        for server in (few, many):
            wrk.pages(server, urls, cookie[server], duration=WARM_UP_SECONDS)
        hello_run, at_few[name], at_many[name] = in_turns(wrk, hello, side(few), side(many))
        at_many[name]["hello_rps"] = hello_run["rps"]
        print(f"  {name}: {at_many[name]['rps']:.0f} req/s at many votes "
              f"({at_many[name]['rps'] / hello_run['rps']:.1%} of hello), "
              f"{at_many[name]['cpu_us']:,.0f} µs CPU, p95 {at_many[name]['p95']:.1f} ms; "
              f"{at_few[name]['rps']:.0f} req/s at few", flush=True)
    return at_few, at_many


def prepare_vote_rows(server: Gunicorn, wrk: Wrk, sizes: data.Sizes,
                      references: dict[int, str], voter_ids: list[int]) -> dict[str, list]:
    """Log the voters in, give each row its share of them, and write each row's visits
    for its two turns."""
    voters = sessions.log_in_voters(server.port, voter_ids)
    site = Site(f"127.0.0.1:{server.port}")
    rows, start = {}, 0
    for seed, (name, (share, visit)) in enumerate(VOTE_ROWS.items(), start=7):
        end = start + int(len(voters) * share)
        rows[name] = sessions.prepare_visits(site, sizes, references, voters[start:end], visit,
                                             INSTANCE / f"bench-visits-{seed}", wrk.connections,
                                             seed)
        start = end
    return rows


def measure_votes(wrk: Wrk, hello: Gunicorn, server: Gunicorn,
                  rows: dict[str, list[str]]) -> dict:
    """Each row that casts votes, in turns with hello (hello, row, row, hello); each turn
    replays visits of its own, since a vote can be cast once."""
    out = {}
    for name, prefixes in rows.items():
        def replay(turn: int, prefixes=prefixes) -> dict:
            return wrk.visits(server, prefixes[turn])

        hello_run, result = in_turns(wrk, hello, replay)
        check_not_spent(result, name)
        result["hello_rps"] = hello_run["rps"]
        out[name] = result
        print(f"  {name}: {result['rps']:.0f}/s ({result['rps'] / hello_run['rps']:.1%} of "
              f"hello), {result['cpu_us']:,.0f} µs CPU, p95 {result['p95']:.1f} ms, "
              f"{result['errors']} errors", flush=True)
    return out


def check_not_spent(result: dict, name: str) -> None:
    """Stop if wrk sent every prepared visit of a row before its time was up: its threads
    then idle, and the rate it reports is of the votes there were, not of the server."""
    if result["spent"]:
        sys.exit(f"bench: {name}: every prepared vote was cast before the measurement "
                 "ended; run again with more --voters")


def verify_votes(url: str) -> bool:
    outcome = subprocess.run([sys.executable, "-m", "flask", "--app", "app", "votes", "verify",
                              "--call", data.SLUG], cwd=ROOT, capture_output=True, text=True,
                             env={**os.environ, "DATABASE_URL": url})
    return outcome.returncode == 0


def measure_export(wrk: Wrk, url: str) -> dict:
    """Download the SQLite export on fresh workers: their peak memory before and after.

    Every download builds the file (EXPORT_CACHE_SECONDS=0) and none is refused: the row
    measures the worst case, a download just after the data changed, not the kept file.
    """
    env = {**production_env(url), "EXPORT_CACHE_SECONDS": "0",
           "EXPORT_RATE_LIMIT": "10000 per minute"}
    with Gunicorn("app:create_app()", env) as server:
        wrk.run(server, "pages.lua", [f"/calls/{data.SLUG}/"], duration=1, connections=2)
        before = server.peak_memory_mb()
        result = wrk.run(server, "pages.lua", [f"/calls/{data.SLUG}/export.sqlite"],
                         duration=max(20, wrk.duration), connections=1, timeout=120)
        result["memory_growth_mb"] = server.peak_memory_mb() - before
    return result


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = next(int(line.split()[1]) // 1024 // 1024 for line in
                  Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
    return f"{os.cpu_count()} cores ({cpu}), {memory} GiB, {platform.system()} " \
           f"{platform.release()}, Python {platform.python_version()}"


def commit() -> str:
    return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                          text=True).stdout.strip() or "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark Minga at national scale.")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="1 = 10k proposals, 100k users, 1M votes (0.1 for a quick run)")
    parser.add_argument("--duration", type=int, default=10, help="seconds per measurement")
    parser.add_argument("--connections", type=int, default=2 * WORKERS)
    parser.add_argument("--voters", type=int, default=1000,
                        help="fresh voters logged in to cast the measured votes (20 each)")
    parser.add_argument("--out", default=str(ROOT / "bench" / "RESULTS.md"))
    args = parser.parse_args()
    wrk = Wrk(check_wrk(), args.duration, args.connections, threads=2)
    url = database_url()
    INSTANCE.mkdir(exist_ok=True)
    sizes = data.Sizes().scaled(args.scale)
    few = data.Sizes(sizes.proposals, sizes.users, max(1_000, int(10_000 * args.scale)))
    started = time.monotonic()
    run = {"machine": machine(), "commit": commit(), "date": datetime.now(UTC),
           "database": url.split(":", 1)[0], "sizes": sizes, "workers": WORKERS,
           "connections": args.connections, "duration": args.duration, "few_votes": few.votes}

    print(f"== ceilings: bare Flask under gunicorn ({WORKERS} workers), raw inserts", flush=True)
    with Gunicorn("bench.hello:app", log=INSTANCE / "bench-hello.log") as hello:
        run["hello"] = wrk.page(hello, ["/"])
        run["hello"]["hello_rps"] = run["hello"]["rps"]
        run["hello_memory"] = hello.peak_memory_mb()
    run["raw_sqlite"] = ceilings.sqlite_inserts_per_second(INSTANCE)
    if url.startswith("postgresql"):
        run["raw_postgres"] = ceilings.postgres_inserts_per_second(data.libpq_url(url))
    print(f"  hello {run['hello']['rps']:.0f} req/s; raw SQLite {run['raw_sqlite']:.0f} "
          "inserts/s", flush=True)

    at = data.anchor()
    print(f"== {few.votes:,} votes: building {few}", flush=True)
    data.build(url, few, at)
    few_url = data.copy_database(url, "_few")
    print(f"== {sizes.votes:,} votes: adding votes", flush=True)
    data.grow(url, sizes, at, had=data.vote_total(few, at))
    voter_ids, run["added_voters"] = data.fresh_voters(url, sizes, at, args.voters)
    run["votes_in_database"] = data.query(url, "SELECT count(*) FROM votes")[0][0]
    references = dict(data.query(url, "SELECT id, reference FROM proposals"))
    paths = page_paths(sizes, references)
    # Every row's share is of hello measured in turns with it: a shared machine drifts
    # over a run of minutes, and a share should not depend on when it was taken.
    with Gunicorn("bench.hello:app", log=INSTANCE / "bench-hello.log") as hello, \
            Gunicorn("app:create_app()", production_env(url)) as server:
        wrk.pages(hello, ["/"], duration=WARM_UP_SECONDS)
        print(f"== pages at {few.votes:,} and at {sizes.votes:,} votes, side by side", flush=True)
        with Gunicorn("app:create_app()", production_env(few_url),
                      log=INSTANCE / "bench-gunicorn-few.log") as few_server:
            cookies = {each: sessions.log_in_user(each.port, 1, data.MEMBER_EMAIL)[0]
                       for each in (few_server, server)}
            run["few"], run["many"] = measure_pages(wrk, hello, few_server, server, paths,
                                                    cookies)
        print(f"== casting votes: logging in {args.voters} voters", flush=True)
        rows = prepare_vote_rows(server, wrk, sizes, references, voter_ids)
        before = data.query(url, "SELECT count(*) FROM votes")[0][0]
        run["votes"] = measure_votes(wrk, hello, server, rows)
        run["stored"] = data.query(url, "SELECT count(*) FROM votes")[0][0] - before
        run["memory"] = server.peak_memory_mb()
    print("== SQLite export", flush=True)
    run["export"] = measure_export(wrk, url)
    run["verified"] = verify_votes(url)
    run["elapsed"] = time.monotonic() - started

    table = report.render(run)
    print()
    print(table)
    Path(args.out).write_text(table)
    print(f"\nWritten to {args.out}")
    sys.exit(0 if report.targets_met(run) else 1)


if __name__ == "__main__":
    main()
