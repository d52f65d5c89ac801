"""The benchmark's one table, and its verdict on the targets of issue 8."""

VOTE_SHARE = 0.25  # casting a vote: at least this share of hello's throughput
PAGE_SHARE = 0.10  # list, proposal and results pages
PAGE_P95_MS = 50.0
GROWTH = 1.2  # a page at 1M votes may cost at most this much more than at 10k
EXPORT_SECONDS = 10.0
EXPORT_MEMORY_MB = 32.0  # a streamed export grows a worker by less than this
TARGET_PAGES = ("proposal list", "proposal page", "results page")


def _cost_ratio(run: dict, name: str) -> float:
    """How much more a request costs at many votes than at few (throughput ratio)."""
    return run["few"][name]["rps"] / run["many"][name]["rps"]


def _row(name: str, result: dict, hello: float, extra: str = "") -> str:
    rps = f"{result['rps']:,.0f}" if result["rps"] >= 10 else f"{result['rps']:.2f}"
    return (f"| {name} | {rps} | {result['rps'] / hello:.1%} | "
            f"{result['p50']:.1f} | {result['p95']:.1f} | {result['p99']:.1f} | "
            f"{result['errors']} | {extra}")


def vote_ceiling(run: dict) -> float:
    """Hello's throughput measured in turns with the votes (older runs: at the start)."""
    return run.get("hello_at_votes", run["hello"])["rps"]


def checks(run: dict) -> list[tuple[str, bool]]:
    hello = run["hello"]["rps"]
    votes = run["votes"]
    out = [(f"casting a vote ≥ {VOTE_SHARE:.0%} of hello measured in turns with it "
            f"({votes['rps'] / vote_ceiling(run):.1%}), zero "
            f"errors ({votes['errors']}), every vote stored ({votes['stored']} of "
            f"{votes['requests']}), `flask votes verify` clean ({run['verified']})",
            votes["rps"] >= VOTE_SHARE * vote_ceiling(run) and votes["errors"] == 0
            # wrk does not count requests still in flight when it stops; the server does.
            and votes["stored"] >= votes["requests"] and run["verified"])]
    for name, result in run["many"].items():
        if name.startswith(TARGET_PAGES):
            out.append((f"{name} at many votes: ≥ {PAGE_SHARE:.0%} of hello "
                         f"({result['rps'] / hello:.1%}) and p95 ≤ {PAGE_P95_MS:.0f} ms "
                         f"({result['p95']:.1f} ms)",
                         result["rps"] >= PAGE_SHARE * hello and result["p95"] <= PAGE_P95_MS
                         and result["errors"] == 0))
    for name in run["many"]:
        ratio = _cost_ratio(run, name)
        out.append((f"{name}: cost at many votes {ratio:.2f}× the cost at few (≤ {GROWTH})",
                    ratio <= GROWTH))
    export = run["export"]
    out.append((f"SQLite export in ≤ {EXPORT_SECONDS:.0f} s (p99 {export['p99'] / 1000:.1f} s), "
                f"worker memory flat (+{export['memory_growth_mb']:.1f} MiB ≤ "
                f"{EXPORT_MEMORY_MB:.0f})",
                export["p99"] / 1000 <= EXPORT_SECONDS and export["errors"] == 0
                and export["memory_growth_mb"] <= EXPORT_MEMORY_MB))
    return out


def targets_met(run: dict) -> bool:
    return all(ok for _, ok in checks(run))


def render(run: dict) -> str:
    hello = run["hello"]["rps"]
    sizes = run["sizes"]
    few_votes = f"{run['few_votes']:,}"
    lines = [
        f"# Minga benchmark — {run['database']}",
        "",
        f"- date: {run['date']:%Y-%m-%d %H:%M} UTC; commit `{run['commit']}`",
        f"- machine: {run['machine']}",
        f"- data: {sizes.proposals:,} proposals, {sizes.users:,} users, "
        f"{run['votes_in_database']:,} votes (Zipf-distributed), one call open to votes",
        f"- gunicorn {run['workers']} sync workers (one per core), production settings, "
        f"Redis rate limits; wrk {run['connections']} connections, {run['duration']} s each, "
        f"after a 2 s warm-up; whole run {run['elapsed'] / 60:.0f} min",
        "- pages are read without a cookie, as a reader from a news link would, and so are "
        "kept by each worker for PAGE_CACHE_SECONDS (app/page_cache.py); the \"logged in\" "
        "rows are the same pages built on every request",
        f"- last column: the same page served from a copy of the database taken at {few_votes} "
        "votes, measured in turns with it (few, many, many, few; half the time each)",
        "",
        f"| at {run['votes_in_database']:,} votes | req/s | ÷ hello | p50 ms | p95 ms | p99 ms "
        f"| errors | req/s at {few_votes} votes · cost ×",
        "|---|---:|---:|---:|---:|---:|---:|---|",
        _row("**hello** (bare Flask, same gunicorn)", run["hello"], hello, "ceiling"),
    ]
    for name, result in run["many"].items():
        lines.append(_row(name, result, hello, f"{run['few'][name]['rps']:,.0f} · "
                                               f"{_cost_ratio(run, name):.2f}×"))
    votes = run["votes"]
    raw = run["raw_sqlite"]
    # Beside the raw inserts of the database the votes went to.
    raw_here, raw_name = ((run["raw_postgres"], "PostgreSQL") if "raw_postgres" in run
                          else (raw, "SQLite"))
    lines.append(_row("casting a vote (logged in, CSRF, full stack) ÷ hello in turns",
                      votes, vote_ceiling(run),
                      f"{votes['rps'] / raw_here:.1%} of raw {raw_name} inserts"))
    lines.append(_row("SQLite export (whole call)", run["export"], hello,
                      f"worker +{run['export']['memory_growth_mb']:.1f} MiB"))
    lines += [
        "",
        f"- hello measured again in turns with the votes (hello, votes, votes, hello; half "
        f"the time each): {vote_ceiling(run):,.0f} req/s "
        f"(p95 {run.get('hello_at_votes', run['hello'])['p95']:.1f} ms); the vote's share is "
        "of that figure",
        f"- raw SQLite inserts, one vote per transaction, WAL, same disk: {raw:,.0f}/s",
    ]
    if "raw_postgres" in run:
        lines.append(f"- raw PostgreSQL inserts, one vote per transaction: "
                     f"{run['raw_postgres']:,.0f}/s")
    lines += [
        f"- peak memory per worker: Minga {run['memory']:.0f} MiB, hello "
        f"{run['hello_memory']:.0f} MiB",
        f"- votes cast: {votes['stored']:,} stored of {votes['requests']:,} requests "
        f"({votes['prepared']:,} prepared); `flask votes verify`: "
        f"{'clean' if run['verified'] else 'MISMATCH'}",
        "",
        "## Targets",
        "",
    ]
    lines += [f"- [{'x' if ok else ' '}] {text}" for text, ok in checks(run)]
    return "\n".join(lines) + "\n"
