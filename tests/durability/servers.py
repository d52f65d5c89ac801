"""Minga served by gunicorn as the README deploys it, for the durability tests.

Each server runs in a process group of its own, so `kill -9` reaches the master and every
worker at once, as a power cut or the kernel's OOM killer would.
"""

import contextlib
import http.client
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = Path(sys.executable).parent / "gunicorn"


class Server:
    """`gunicorn --workers 2 'app:create_app()'` on `host`:`port`, started by `start()`.

    `prefix` runs it through another command first (`ip netns exec NAME`), which must
    exec gunicorn in its own place so the process group stays gunicorn's.
    """

    def __init__(self, env: dict, log: Path, host: str = "127.0.0.1", port: int = 8000,
                 prefix: tuple[str, ...] = (), workers: int = 2):
        self.env, self.log, self.host, self.port = env, log, host, port
        self.prefix, self.workers = prefix, workers
        self.process: subprocess.Popen | None = None

    def start(self, wait: bool = True) -> "Server":
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [*self.prefix, str(GUNICORN), "--workers", str(self.workers),
                 "--bind", f"{self.host}:{self.port}", "--graceful-timeout", "5",
                 "app:create_app()"],
                cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
                start_new_session=True)
        if wait:
            self.wait_ready()
        return self

    def wait_ready(self) -> None:
        """Wait until the server answers /healthz (a worker has loaded the app)."""
        deadline = time.monotonic() + 90
        while self.get("/healthz")[0] != 200:
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.kill()
                raise RuntimeError(f"gunicorn did not start:\n{self.log_tail()}")
            time.sleep(0.2)

    @property
    def address(self) -> tuple[str, int]:
        return self.host, self.port

    def get(self, path: str) -> tuple[int | None, str]:
        """GET `path`; (None, "") when nothing answers."""
        connection = http.client.HTTPConnection(self.host, self.port, timeout=10)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            return response.status, response.read().decode()
        except OSError:
            return None, ""
        finally:
            connection.close()

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """kill -9 of the master and its workers, all at once."""
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def stop(self) -> None:
        """Stop as an operator would (SIGTERM), or kill -9 if it does not within 30 s."""
        if not self.alive:
            self.kill()  # reaps, and ends any orphaned worker
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=30)
        self.kill()

    def log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""
