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

from bench import ceilings, data, report  # noqa: E402
from bench.server import WORKERS, Gunicorn, production_env  # noqa: E402
from bench.sessions import log_in_user, prepare_votes  # noqa: E402
from config import _database_url as config_database_url  # noqa: E402

WRK_DIR = ROOT / "bench" / "wrk"
LOGGED_IN = "logged in: "
INSTANCE = ROOT / "instance"
WARM_UP_SECONDS = 2  # not counted: imports, caches, connections


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

    def run(self, port: int, script: str, args: list[str], duration: int | None = None,
            connections: int | None = None, timeout: int = 10) -> dict:
        connections = connections or self.connections
        command = [self.binary, "-t", str(min(self.threads, connections)), "-c", str(connections),
                   "-d", f"{duration or self.duration}s", "--timeout", f"{timeout}s",
                   "-s", str(WRK_DIR / script), f"http://127.0.0.1:{port}", "--", *args]
        output = subprocess.run(command, capture_output=True, text=True, check=True,
                                env={**os.environ, "BENCH_WRK_DIR": str(WRK_DIR)}).stdout
        line = next(line for line in output.splitlines() if line.startswith("BENCH "))
        result = json.loads(line[len("BENCH "):])
        result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
        return result

    @property
    def half(self) -> int:
        """Seconds of each of the turns a measurement is split into (see `combined`)."""
        return max(1, self.duration // 2)

    def page(self, port: int, paths: list[str], cookie: str = "", **kwargs) -> dict:
        """Requests for `paths` (with `cookie`, if any), after a warm-up not counted."""
        self.pages(port, paths, cookie, duration=WARM_UP_SECONDS, **kwargs)
        return self.pages(port, paths, cookie, **kwargs)

    def pages(self, port: int, paths: list[str], cookie: str = "", **kwargs) -> dict:
        return self.run(port, "pages.lua", [*paths, f"cookie={cookie}"] if cookie else paths,
                        **kwargs)


def combined(runs: list[dict]) -> dict:
    """Several measurements of one page as one: all their requests over all their time;
    each latency percentile the worst of the runs'."""
    out = {key: sum(run[key] for run in runs)
           for key in ("requests", "duration_us", "errors", "status_errors")}
    out.update({key: max(run[key] for run in runs) for key in ("p50", "p95", "p99")})
    out["rps"] = out["requests"] / (out["duration_us"] / 1e6)
    return out


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


def measure_pages(wrk: Wrk, few: Gunicorn, many: Gunicorn, paths: dict,
                  cookies: dict[Gunicorn, str]) -> tuple[dict, dict]:
    """Each page at few and at many votes, in turns: few, many, many, few, half the
    duration each, so the machine's drift over the page's measurement weighs on both
    sides alike (measured minutes apart, drift showed as growth of 1.25×)."""
    at_few, at_many = {}, {}
    for name, urls in paths.items():
        logged_in = name == "review queue" or name.startswith(LOGGED_IN)
        cookie = {server: cookies[server] if logged_in else "" for server in (few, many)}
        runs: dict = {few: [], many: []}
        for server in (few, many):
            wrk.pages(server.port, urls, cookie[server], duration=WARM_UP_SECONDS)
        for server in (few, many, many, few):
            runs[server].append(wrk.pages(server.port, urls, cookie[server], duration=wrk.half))
        at_few[name], at_many[name] = combined(runs[few]), combined(runs[many])
        print(f"  {name}: {at_many[name]['rps']:.0f} req/s at many votes, p95 "
              f"{at_many[name]['p95']:.1f} ms; {at_few[name]['rps']:.0f} req/s at few",
              flush=True)
    return at_few, at_many


def split_votes(votes_file: Path) -> list[Path]:
    """The prepared votes as two files, the first rounds of votes and the last: each
    vote can be cast once, and each run of wrk starts at its file's first line."""
    lines = votes_file.read_text().splitlines(keepends=True)
    halves = [lines[:len(lines) // 2], lines[len(lines) // 2:]]
    paths = [votes_file.with_suffix(f".{n}.tsv") for n in (1, 2)]
    for path, half in zip(paths, halves, strict=True):
        path.write_text("".join(half))
    return paths


def measure_votes(wrk: Wrk, hello: Gunicorn, server: Gunicorn,
                  votes_file: Path) -> tuple[dict, dict]:
    """Hello and votes in turns: hello, votes, votes, hello, half the duration each."""
    wrk.pages(hello.port, ["/"], duration=WARM_UP_SECONDS)
    hellos = [wrk.pages(hello.port, ["/"], duration=wrk.half)]
    votes = []
    for path in split_votes(votes_file):
        votes.append(wrk.run(server.port, "votes.lua", [str(path), str(wrk.threads)],
                             duration=wrk.half))
        check_not_spent(votes[-1], path)
    hellos.append(wrk.pages(hello.port, ["/"], duration=wrk.half))
    return combined(hellos), combined(votes)


def check_not_spent(run: dict, votes_file: Path) -> None:
    """Stop if wrk cast every vote of `votes_file` before its time was up: its threads
    then idle, and the rate it reports is of the votes there were, not of the server."""
    prepared = len(votes_file.read_text().splitlines())
    if run["requests"] >= prepared:
        sys.exit(f"bench: all {prepared} votes of {votes_file.name} were cast before the "
                 "measurement ended; run again with more --voters")


def verify_votes(url: str) -> bool:
    outcome = subprocess.run([sys.executable, "-m", "flask", "--app", "app", "votes", "verify",
                              "--call", data.SLUG], cwd=ROOT, capture_output=True, text=True,
                             env={**os.environ, "DATABASE_URL": url})
    return outcome.returncode == 0


def measure_export(wrk: Wrk, url: str) -> dict:
    """Download the SQLite export on fresh workers: their peak memory before and after."""
    with Gunicorn("app:create_app()", production_env(url)) as server:
        wrk.run(server.port, "pages.lua", [f"/calls/{data.SLUG}/"], duration=1, connections=2)
        before = server.peak_memory_mb()
        result = wrk.run(server.port, "pages.lua", [f"/calls/{data.SLUG}/export.sqlite"],
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
    # 20 votes each: enough prepared votes for 2,000 votes/s over the 10 s measurement.
    parser.add_argument("--voters", type=int, default=1000,
                        help="fresh voters logged in for the casting measurement")
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
        run["hello"] = wrk.page(hello.port, ["/"])
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
    run["votes_in_database"] = data.query(url, "SELECT count(*) FROM votes")[0][0]
    references = dict(data.query(url, "SELECT id, reference FROM proposals"))
    paths = page_paths(sizes, references)
    print(f"== pages at {few.votes:,} and at {sizes.votes:,} votes, side by side", flush=True)
    with Gunicorn("app:create_app()", production_env(url)) as server:
        with Gunicorn("app:create_app()", production_env(few_url),
                      log=INSTANCE / "bench-gunicorn-few.log") as few_server:
            cookies = {each: log_in_user(each.port, 1, data.MEMBER_EMAIL)[0]
                       for each in (few_server, server)}
            run["few"], run["many"] = measure_pages(wrk, few_server, server, paths, cookies)
        print(f"== casting votes: logging in {args.voters} voters", flush=True)
        votes_file = INSTANCE / "bench-votes.tsv"
        prepared = prepare_votes(server.port, sizes, references, args.voters, votes_file)
        before = data.query(url, "SELECT count(*) FROM votes")[0][0]
        # The ceiling again, in turns with the votes: a shared machine drifts over a
        # run of minutes, and the vote's share should not depend on when it was taken.
        with Gunicorn("bench.hello:app", log=INSTANCE / "bench-hello.log") as hello:
            run["hello_at_votes"], run["votes"] = measure_votes(wrk, hello, server,
                                                                votes_file)
        run["votes"]["prepared"] = prepared
        run["votes"]["stored"] = data.query(url, "SELECT count(*) FROM votes")[0][0] - before
        print(f"  {run['votes']['rps']:.0f} votes/s, {run['votes']['errors']} errors", flush=True)
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
