"""Serve an app under gunicorn as the README recommends for production, and read its memory."""

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = Path(sys.executable).parent / "gunicorn"
WORKERS = os.cpu_count() or 2


def production_env(database_url: str) -> dict:
    """The README's production settings, on loopback, with a throwaway secret."""
    return {
        **os.environ,
        "MINGA_CONFIG": "production",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "DATABASE_URL": database_url,
        "RATELIMIT_STORAGE_URI": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379"),
        "PROXY_FIX_HOPS": "1",
        "MAIL_BACKEND": "file",
    }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cpu_ticks(stat: str) -> int:
    """utime + stime, in clock ticks, from the text of /proc/<pid>/stat (proc(5)).

    The second field, the command name in parentheses, may itself hold spaces and
    parentheses: the fields are counted from after its last ")", where field 3 begins.
    """
    fields = stat[stat.rindex(")") + 1:].split()
    return int(fields[14 - 3]) + int(fields[15 - 3])


class Gunicorn:
    """`with Gunicorn("app:create_app()", env) as server:` serves on server.port."""

    def __init__(self, spec: str, env: dict | None = None, log: Path | None = None):
        self.spec, self.env, self.port = spec, env or dict(os.environ), _free_port()
        self.log = log or ROOT / "instance" / "bench-gunicorn.log"
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "Gunicorn":
        self.log.parent.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [str(GUNICORN), "--workers", str(WORKERS), "--bind", f"127.0.0.1:{self.port}",
             self.spec], cwd=ROOT, env=self.env, stdout=self.log.open("ab"),
            stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while len(self.worker_pids()) < WORKERS or not self._accepts():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not start; see {self.log}")
            time.sleep(0.2)
        return self

    def _accepts(self) -> bool:
        try:
            socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
            return True
        except OSError:
            return False

    def worker_pids(self) -> list[int]:
        pid = self.process.pid
        try:
            return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
        except OSError:
            return []

    def cpu_seconds(self) -> float:
        """User and system CPU time the workers have used so far, in seconds."""
        ticks = 0
        for pid in self.worker_pids():
            with contextlib.suppress(OSError):  # a worker that has just exited
                ticks += cpu_ticks(Path(f"/proc/{pid}/stat").read_text())
        return ticks / os.sysconf("SC_CLK_TCK")

    def peak_memory_mb(self) -> float:
        """The largest peak resident set (VmHWM) among the workers, in MiB."""
        peaks = []
        for pid in self.worker_pids():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    peaks.append(int(line.split()[1]) / 1024)
        return max(peaks, default=0.0)

    def __exit__(self, *exc) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
