"""The benchmark's one table, and its verdict on the targets of issues 8 and 17."""

LOGGED_IN = "logged in: "
# The rows that cast votes (bench/browser.py, bench/wrk/browser.lua).
JSON_VOTE = "vote, JSON, as static/js/minga.js sends it"
FORM_VOTE = "vote without JavaScript + the page it lands on (a request: the pair)"
JOURNEY = "logged-in voter: list → proposal → JSON vote → list"

JSON_VOTE_SHARE = 0.10  # of hello measured in turns with it
LOGGED_IN_SHARE = 0.08  # pages built for a logged-in voter, and the voter's journey
PAGE_SHARE = 0.10  # list, proposal and results pages for readers
P95_MS, P99_MS = 50.0, 200.0  # every row (the export has a target of its own)
GROWTH = 1.2  # a page at 1M votes may cost at most this much more than at 10k
EXPORT_SECONDS = 10.0
EXPORT_MEMORY_MB = 32.0  # a streamed export grows a worker by less than this
TARGET_PAGES = ("proposal list", "proposal page", "results page")


def _cost_ratio(run: dict, name: str) -> float:
    """How much more a request costs at many votes than at few (throughput ratio)."""
    return run["few"][name]["rps"] / run["many"][name]["rps"]


def _row(name: str, result: dict, extra: str = "") -> str:
    rps = f"{result['rps']:,.0f}" if result["rps"] >= 10 else f"{result['rps']:.2f}"
    share = f"{result['rps'] / result['hello_rps']:.1%}" if "hello_rps" in result else ""
    return (f"| {name} | {rps} | {share} | {result['cpu_us']:,.0f} | "
            f"{result['p50']:.1f} | {result['p95']:.1f} | {result['p99']:.1f} | "
            f"{result['errors']} | {extra}")


def _share(name: str, result: dict, target: float) -> tuple[str, bool]:
    share = result["rps"] / result["hello_rps"]
    return (f"{name}: ≥ {target:.0%} of hello in turns ({share:.1%})", share >= target)


def measured_rows(run: dict) -> dict[str, dict]:
    """Every row measured at a request rate (the export is timed per download)."""
    return {"hello": run["hello"], **run["many"], **run["votes"]}


def checks(run: dict) -> list[tuple[str, bool]]:
    votes = run["votes"]
    out = [_share(JSON_VOTE, votes[JSON_VOTE], JSON_VOTE_SHARE)]
    for name, result in run["many"].items():
        if name.startswith(LOGGED_IN):
            out.append(_share(name, result, LOGGED_IN_SHARE))
        elif name.startswith(TARGET_PAGES):
            out.append(_share(name, result, PAGE_SHARE))
    out.append(_share(JOURNEY, votes[JOURNEY], LOGGED_IN_SHARE))
    rows = measured_rows(run)
    slow = [f"{name}: p95 {r['p95']:.1f}, p99 {r['p99']:.1f}" for name, r in rows.items()
            if r["p95"] > P95_MS or r["p99"] > P99_MS]
    out.append((f"every row p95 ≤ {P95_MS:.0f} ms and p99 ≤ {P99_MS:.0f} ms"
                + (f" (missed by {'; '.join(slow)})" if slow else ""), not slow))
    erred = [f"{name}: {r['errors']}" for name, r in rows.items() if r["errors"]]
    out.append(("zero errors" + (f" (errors in {'; '.join(erred)})" if erred else ""),
                not erred))
    counted = sum(result["votes"] for result in votes.values())
    # wrk does not count requests still in flight when it stops; the server does.
    out.append((f"every vote stored ({run['stored']:,} of {counted:,}), `flask votes verify` "
                f"clean ({run['verified']})", run["stored"] >= counted and run["verified"]))
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
    sizes = run["sizes"]
    few_votes = f"{run['few_votes']:,}"
    added = (f" (and {run['added_voters']:,} accounts added to cast the measured votes)"
             if run["added_voters"] else "")
    lines = [
        f"# Minga benchmark — {run['database']}",
        "",
        f"- date: {run['date']:%Y-%m-%d %H:%M} UTC; commit `{run['commit']}`",
        f"- machine: {run['machine']}",
        f"- data: {sizes.proposals:,} proposals, {sizes.users:,} users{added}, "
        f"{run['votes_in_database']:,} votes (Zipf-distributed), one call open to votes",
        f"- gunicorn {run['workers']} sync workers (one per core), production settings, "
        f"Redis rate limits; wrk {run['connections']} connections, {run['duration']} s each, "
        f"after a 2 s warm-up; whole run {run['elapsed'] / 60:.0f} min",
        "- pages are read without a cookie, as a reader from a news link would, and so are "
        "kept by each worker for PAGE_CACHE_SECONDS (app/page_cache.py); the \"logged in\" "
        "rows are the same pages built on every request",
        "- votes are sent as a logged-in voter's browser sends them (bench/browser.py): "
        "session cookie, Origin and Referer of the page, the form's fields (csrf_token, "
        "next); the JSON vote as `new FormData(form)` with `Accept: application/json`, "
        "counted only if its answer says `\"ok\": true`; without JavaScript the urlencoded "
        "form, then a GET of where its redirect points, with the cookie it set: one request "
        "of that row is the pair, timed from the vote to the page; the journey is counted "
        "per HTTP request, one vote in four",
        "- ÷ hello: of the bare endpoint measured in turns with the row (hello, few, many, "
        "many, few, hello for the pages; hello, row, row, hello for the votes; half the "
        "time each): a shared machine drifts over a run of minutes",
        "- CPU µs: user and system time of all gunicorn workers over the measurement "
        "(/proc/<pid>/stat), per request wrk counted",
        f"- last column: the same page served from a copy of the database taken at {few_votes} "
        "votes, measured in turns with it",
        "",
        f"| at {run['votes_in_database']:,} votes | req/s | ÷ hello | CPU µs | p50 ms | p95 ms "
        f"| p99 ms | errors | req/s at {few_votes} votes · cost ×",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
        _row("**hello** (bare Flask, same gunicorn)", run["hello"], "ceiling"),
    ]
    for name, result in run["many"].items():
        lines.append(_row(name, result, f"{run['few'][name]['rps']:,.0f} · "
                                        f"{_cost_ratio(run, name):.2f}×"))
    for name, result in run["votes"].items():
        seconds = result["duration_us"] / 1e6
        lines.append(_row(name, result, f"{result['votes'] / seconds:,.0f} votes/s, "
                                        f"{result['http_requests'] / seconds:,.0f} HTTP req/s"))
    lines.append(_row("SQLite export (whole call)", run["export"],
                      f"worker +{run['export']['memory_growth_mb']:.1f} MiB"))
    lines += ["", f"- raw SQLite inserts, one vote per transaction, WAL, same disk: "
                  f"{run['raw_sqlite']:,.0f}/s"]
    if "raw_postgres" in run:
        lines.append(f"- raw PostgreSQL inserts, one vote per transaction: "
                     f"{run['raw_postgres']:,.0f}/s")
    lines += [
        f"- peak memory per worker: Minga {run['memory']:.0f} MiB, hello "
        f"{run['hello_memory']:.0f} MiB",
        "",
        "## Targets",
        "",
    ]
    lines += [f"- [{'x' if ok else ' '}] {text}" for text, ok in checks(run)]
    return "\n".join(lines) + "\n"
