"""Worker CPU time is read from /proc/<pid>/stat (bench/server.py)."""

import os
from pathlib import Path

from bench.server import cpu_ticks


def test_utime_and_stime_are_read_after_a_command_name_with_spaces_and_parentheses():
    # pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt
    # utime stime cutime cstime …
    stat = "4242 (gunicorn: w (1) x) S 1 4242 4242 0 -1 4194560 900 0 0 0 1234 56 7 8 20 0"
    assert cpu_ticks(stat) == 1234 + 56  # not the children's cutime and cstime


def test_this_process_has_used_some_cpu():
    sum(range(2_000_000))
    ticks = cpu_ticks(Path(f"/proc/{os.getpid()}/stat").read_text())
    assert ticks > 0
