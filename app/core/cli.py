"""`flask jobs worker`: the background worker `make run` starts beside the web server."""

import click
from flask import current_app
from flask.cli import AppGroup

from app.core.jobs import huey_of

jobs_cli = AppGroup("jobs", help="Background jobs (mail, the outbox sweep).")


@jobs_cli.command("worker")
@click.option("--workers", type=int, default=None, help="Threads (default JOBS_WORKERS).")
def worker(workers):
    """Run the jobs of this app's queue until stopped (Ctrl-C or SIGTERM)."""
    app = current_app
    huey = huey_of(app)
    consumer = huey.create_consumer(workers=workers or app.config["JOBS_WORKERS"],
                                    worker_type="thread", periodic=True,
                                    initial_delay=0.1, max_delay=2.0)
    consumer.run()
