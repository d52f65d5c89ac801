"""Pages measured in turns are reported as one measurement (bench/run.py)."""

from bench.run import combined


def test_turns_add_up_to_one_measurement_with_the_worst_latencies():
    first = {"requests": 3000, "duration_us": 5_000_000, "errors": 0, "status_errors": 0,
             "p50": 1.0, "p95": 2.0, "p99": 9.0}
    second = {"requests": 1000, "duration_us": 5_000_000, "errors": 2, "status_errors": 1,
              "p50": 1.5, "p95": 4.0, "p99": 5.0}
    both = combined([first, second])
    assert both["requests"] == 4000 and both["errors"] == 2 and both["status_errors"] == 1
    assert both["rps"] == 400.0  # 4,000 requests in 10 s, not the mean of 600 and 200
    assert (both["p50"], both["p95"], both["p99"]) == (1.5, 4.0, 9.0)
