"""Measurements taken in turns are reported as one measurement per row (bench/run.py)."""

import pytest

from bench.run import check_not_spent, combined, in_turns


def test_turns_add_up_to_one_measurement_with_the_worst_latencies():
    first = {"requests": 3000, "duration_us": 5_000_000, "errors": 0, "status_errors": 0,
             "p50": 1.0, "p95": 2.0, "p99": 9.0, "cpu_s": 0.6}
    second = {"requests": 1000, "duration_us": 5_000_000, "errors": 2, "status_errors": 1,
              "p50": 1.5, "p95": 4.0, "p99": 5.0, "cpu_s": 0.6}
    both = combined([first, second])
    assert both["requests"] == 4000 and both["errors"] == 2 and both["status_errors"] == 1
    assert both["rps"] == 400.0  # 4,000 requests in 10 s, not the mean of 600 and 200
    assert both["cpu_us"] == pytest.approx(300.0)  # 1.2 s of CPU over 4,000 requests
    assert (both["p50"], both["p95"], both["p99"]) == (1.5, 4.0, 9.0)
    assert both["spent"] is False


class RecordingWrk:
    half = 5

    def __init__(self):
        self.calls = []

    def pages(self, server, paths, duration):
        return self.measure(("hello", 0))

    def measure(self, call):
        self.calls.append(call)
        return {"requests": 10, "duration_us": 1_000_000, "errors": 0, "status_errors": 0,
                "p50": 1.0, "p95": 1.0, "p99": 1.0, "cpu_s": 0.01}


def test_hello_and_the_sides_are_measured_there_and_back():
    wrk = RecordingWrk()
    hello, few, many = in_turns(wrk, object(), lambda turn: wrk.measure(("few", turn)),
                                lambda turn: wrk.measure(("many", turn)))
    assert wrk.calls == [("hello", 0), ("few", 0), ("many", 0), ("many", 1), ("few", 1),
                         ("hello", 0)]
    assert hello["requests"] == few["requests"] == many["requests"] == 20


def test_a_row_that_spent_every_prepared_vote_stops_the_run():
    check_not_spent({"spent": False}, "vote")  # time ran out first: a rate of the server
    with pytest.raises(SystemExit, match=r"vote: every prepared vote was cast"):
        check_not_spent({"spent": True}, "vote")
