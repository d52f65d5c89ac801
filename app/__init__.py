"""Minga: the participatory part of an Open Government Partnership action plan cycle."""

import logging
import os
from pathlib import Path

from cachelib.file import FileSystemCache
from flask import Flask, abort, current_app, g, request, session
from flask_babel import format_datetime, get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup, escape
from redis import Redis
from werkzeug.middleware.proxy_fix import ProxyFix

from app.core import jobs, logs, outbox
from app.core.clock import SystemClock
from app.core.db.engine import configure_engine, mark_reads_first
from app.core.rich_text import render_page_text, render_rich
from app.core.timezones import SHOWN_DATETIME
from app.extensions import babel, csrf, db, limiter, login_manager, migrate, server_sessions
from app.web import page_cache
from app.web.errors import register_error_handlers
from app.web.headers import add_security_headers
from app.web.numbers import number
from app.web.requests import MingaRequest, browser_locale, install_template_gettext
from config import CONFIGS, INSTANCE_DIR, ProductionConfig

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"


def select_locale() -> str:
    """The user's choice, then the browser's languages, then the site default."""
    locales = current_app.config["MINGA_LOCALES"]
    chosen = session.get("locale")
    if chosen in locales:
        return chosen
    if current_user and current_user.is_authenticated and current_user.locale in locales:
        return current_user.locale
    return browser_locale()


def _load_config(app: Flask, config) -> None:
    if config is None:
        config = os.environ.get("MINGA_CONFIG", "development")
    if isinstance(config, str):
        config = CONFIGS[config]
    if isinstance(config, dict):
        app.config.from_object(CONFIGS["testing"])
        app.config.update(config)
    else:
        app.config.from_object(config)
        if issubclass(config, ProductionConfig):
            config.check()


def create_app(config=None) -> Flask:
    """Build the application: `config` is a Config class, its name, or test overrides."""
    app = Flask(__name__, template_folder="../templates", static_folder="../static",
                instance_path=str(INSTANCE_DIR))
    app.request_class = MingaRequest
    _load_config(app, config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    if app.config["PROXY_FIX_HOPS"]:
        hops = app.config["PROXY_FIX_HOPS"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)
    logs.configure(app)
    # Flask-Limiter logs client addresses at INFO; addresses are personal data.
    logging.getLogger("flask-limiter").setLevel(logging.WARNING)

    from app.core.db import models  # noqa: F401  (every table known before Alembic or create_all look)

    app.clock = SystemClock()
    # Hooks run in the order they are registered: these two before any extension's.
    page_cache.init_app(app)  # a kept page skips every other hook; it keeps the final one
    app.before_request(mark_reads_first)
    logs.init_request_ids(app)
    db.init_app(app)
    migrate.init_app(app, db, directory=str(MIGRATIONS_DIR))
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    install_template_gettext(app)
    limiter.init_app(app)
    _init_sessions(app)
    _init_login(app)
    with app.app_context():
        configure_engine(db.engine, app.config["SQLITE_BUSY_TIMEOUT_MS"])
    _register_jobs(app)

    _register_blueprints(app)
    _register_cli(app)
    _register_templating(app)
    register_error_handlers(app)
    app.after_request(add_security_headers)

    @app.before_request
    def refuse_nul_bytes():
        # PostgreSQL cannot store NUL; no form or link of ours ever sends one.
        values = [request.path, *request.args.values(), *request.form.values()]
        if any("\x00" in value for value in values):
            abort(400)

    @app.before_request
    def expire_sessions():
        # Makes the 12-hour PERMANENT_SESSION_LIFETIME apply to every session that
        # holds something; a visitor who only reads gets no cookie at all.
        if session and not session.permanent:
            session.permanent = True

    return app


def _init_sessions(app: Flask) -> None:
    """Server-side sessions (Flask-Session): in Redis if SESSION_REDIS_URL names one, else
    in files under the instance folder (cachelib's FileSystemCache; several workers of one
    host share them)."""
    config = app.config
    if config["SESSION_REDIS_URL"]:
        config["SESSION_TYPE"] = "redis"
        config["SESSION_REDIS"] = Redis.from_url(config["SESSION_REDIS_URL"],
                                                 socket_connect_timeout=1, socket_timeout=1)
    else:
        folder = config.get("SESSION_FILE_DIR") or str(Path(app.instance_path) / "sessions")
        config["SESSION_TYPE"] = "cachelib"
        # threshold 0: never drop live sessions to make room; expired ones go when read.
        config["SESSION_CACHELIB"] = FileSystemCache(folder, threshold=0, mode=0o600)
    server_sessions.init_app(app)


def _init_login(app: Flask) -> None:
    from app.accounts.logins import load_login

    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Please log in to see this page.")
    # Worded when flashed: sessions store plain text (msgpack in Redis), not lazy strings.
    login_manager.localize_callback = str
    login_manager.login_message_category = "info"
    login_manager.user_loader(load_login)


def _register_blueprints(app: Flask) -> None:
    from app import (
        accounts,
        admin,
        api,
        calls,
        dialogues,
        health,
        moderation,
        pages,
        plans,
        privacy,
        priorities,
        proposals,
        results,
        review,
        standards,
        voting,
        working_group,
    )

    app.register_blueprint(calls.bp)
    app.register_blueprint(proposals.bp)
    app.register_blueprint(voting.bp)
    app.register_blueprint(results.bp)
    app.register_blueprint(review.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(moderation.bp)
    app.register_blueprint(accounts.bp)
    app.register_blueprint(privacy.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(pages.bp)
    app.register_blueprint(plans.bp)
    app.register_blueprint(health.bp)
    app.register_blueprint(working_group.bp)
    app.register_blueprint(priorities.bp)
    app.register_blueprint(dialogues.bp)
    app.register_blueprint(standards.bp)


def _register_jobs(app: Flask) -> None:
    from app.results.exports import build_open_data
    from app.plans.digests import send_digests
    from app.plans.follows import tell_followers, tell_overdue
    from app.plans.reminders import remind_implementers
    from app.privacy import portability, retention
    from app.review.voter_mail import tell_voters_outcomes
    from app.working_group.minutes import tell_members_minutes_circulated

    jobs.init_app(app)
    outbox.init_app(app)
    jobs.register(app, tell_voters_outcomes)
    jobs.register(app, build_open_data)
    jobs.register(app, tell_members_minutes_circulated)
    jobs.register(app, tell_followers)
    jobs.register(app, tell_overdue, every_minute=True)
    jobs.register(app, remind_implementers, every_month=True)
    jobs.register(app, send_digests, every_hour=True)
    portability.init_app(app)
    jobs.register(app, retention.apply_retention, every_hour=True)


def _register_cli(app: Flask) -> None:
    from app.accounts.cli import users_cli
    from app.backup.cli import backup_command, restore_command
    from app.core.cli import jobs_cli
    from app.demo.cli import demo_cli
    from app.dialogues.cli import import_command
    from app.plans.cli import plans_cli
    from app.privacy.cli import privacy_cli
    from app.proposals.cli import search_cli
    from app.results.cli import export_command
    from app.voting.cli import codes_cli, votes_cli

    for command in (users_cli, demo_cli, votes_cli, codes_cli, export_command, jobs_cli,
                    search_cli, backup_command, restore_command, privacy_cli,
                    import_command, plans_cli):
        app.cli.add_command(command)


def csrf_field() -> Markup:
    """A hand-built form's CSRF token, made (and put in the session) only when shown.

    Built once per request: a list page has two vote forms per proposal.
    """
    field = g.get("minga_csrf_field")
    if field is None:
        field = g.minga_csrf_field = Markup(
            '<input name="csrf_token" type="hidden" value="%s">') % escape(generate_csrf())
    return field


def _register_templating(app: Flask) -> None:
    from app.calls.models import PHASE_LABELS
    from app.moderation.models import hide_reason_text

    app.jinja_env.filters["rich"] = render_rich
    app.jinja_env.filters["page_text"] = render_page_text
    app.jinja_env.filters["hide_reason"] = hide_reason_text
    app.jinja_env.filters["number"] = number
    app.jinja_env.filters["when"] = lambda value, fmt=SHOWN_DATETIME: (
        format_datetime(value, fmt) if value else "")
    from app.moderation.services import can_moderate, can_report, public_reason
    from app.voting.services import VOTABLE_STATUSES
    from app.web.error_summary import error_summary_links

    app.jinja_env.globals.update(PHASE_LABELS=PHASE_LABELS, get_locale=get_locale,
                                 votable_statuses=VOTABLE_STATUSES, csrf_field=csrf_field,
                                 can_report=can_report, can_moderate=can_moderate,
                                 public_reason=public_reason,
                                 error_summary_links=error_summary_links)

    @app.context_processor
    def layout_forms():
        return {
            "site_name": app.config["MINGA_SITE_NAME"],
            "site_timezone": app.config["MINGA_TIMEZONE"],
            "locales": {"es": "Español", "en": "English"},
        }
