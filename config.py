"""Configuration classes; every secret and URL can be overridden from the environment."""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = BASE_DIR / "instance"
DEFAULT_SECRET_KEY = "dev-only-change-me"
DEFAULT_BASE_URL = "http://127.0.0.1:5000"

CHILE_REGIONS = (
    "Arica y Parinacota",
    "Tarapacá",
    "Antofagasta",
    "Atacama",
    "Coquimbo",
    "Valparaíso",
    "Metropolitana de Santiago",
    "Libertador General Bernardo O'Higgins",
    "Maule",
    "Ñuble",
    "Biobío",
    "La Araucanía",
    "Los Ríos",
    "Los Lagos",
    "Aysén del General Carlos Ibáñez del Campo",
    "Magallanes y de la Antártica Chilena",
)


def _env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _env_list(name: str, default: tuple[str, ...]) -> tuple[str, ...]:
    """Read a semicolon-separated list (region names contain commas)."""
    value = os.environ.get(name)
    if not value:
        return default
    return tuple(item.strip() for item in value.split(";") if item.strip())


def _trusted_hosts(default: tuple[str, ...] | None) -> list[str] | None:
    """MINGA_TRUSTED_HOSTS: comma-separated host names this site answers to ("." prefix for
    subdomains); empty means any host."""
    value = os.environ.get("MINGA_TRUSTED_HOSTS")
    if value is None:
        return list(default) if default else None
    return [host.strip() for host in value.split(",") if host.strip()] or None


def _database_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if not url:
        return f"sqlite:///{INSTANCE_DIR / 'minga.sqlite3'}"
    # Hosting providers hand out postgres:// URLs; SQLAlchemy wants a driver.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", DEFAULT_SECRET_KEY)
    SQLALCHEMY_DATABASE_URI = _database_url()
    SQLITE_BUSY_TIMEOUT_MS = int(os.environ.get("SQLITE_BUSY_TIMEOUT_MS", "15000"))
    # Database errors must not copy emails or password hashes into the logs.
    SQLALCHEMY_ENGINE_OPTIONS = {"hide_parameters": True}  # noqa: RUF012

    MINGA_TIMEZONE = os.environ.get("MINGA_TIMEZONE", "America/Santiago")
    MINGA_DEFAULT_LOCALE = os.environ.get("MINGA_DEFAULT_LOCALE", "es")
    MINGA_LOCALES = ("es", "en")
    MINGA_REGIONS = _env_list("MINGA_REGIONS", CHILE_REGIONS)
    MINGA_SITE_NAME = os.environ.get("MINGA_SITE_NAME", "Minga")
    # The standing multi-stakeholder body this deployment serves (one per deployment).
    MINGA_WORKING_GROUP_NAME = os.environ.get("MINGA_WORKING_GROUP_NAME",
                                              "Mesa de Gobierno Abierto")
    # Named in the privacy notice (Chile's Law 21.719): who decides what is done with the
    # data, and where people write to exercise their rights.
    MINGA_DATA_CONTROLLER = os.environ.get(
        "MINGA_DATA_CONTROLLER", "Ministerio Secretaría General de la Presidencia (demo)")
    MINGA_CONTACT_EMAIL = os.environ.get("MINGA_CONTACT_EMAIL", "privacidad@example.org")
    # Links in mail sent from the command line (no request to take the address from).
    MINGA_BASE_URL = os.environ.get("MINGA_BASE_URL", DEFAULT_BASE_URL)
    # Links in mail sent from a request are built from its Host header: Flask answers 400 to
    # a host not in this list, so a forged Host cannot put another site's address (and a
    # reset token) in a genuine mail. Development answers any host; production defaults to
    # the host of MINGA_BASE_URL.
    TRUSTED_HOSTS = _trusted_hosts(None)
    # Commitment references read `<prefix><nnnn>` (CL0050): the country's OGP code by default.
    MINGA_COMMITMENT_PREFIX = os.environ.get("MINGA_COMMITMENT_PREFIX", "CL")
    DEMO_ACCOUNTS_FILE = os.environ.get("DEMO_ACCOUNTS_FILE",
                                        str(INSTANCE_DIR / "demo-accounts.txt"))

    BABEL_DEFAULT_LOCALE = MINGA_DEFAULT_LOCALE
    BABEL_DEFAULT_TIMEZONE = MINGA_TIMEZONE

    MAIL_BACKEND = os.environ.get("MAIL_BACKEND", "file")
    MAIL_OUTBOX_DIR = os.environ.get("MAIL_OUTBOX_DIR", str(INSTANCE_DIR / "outbox"))
    MAIL_SERVER = os.environ.get("MAIL_SERVER", "localhost")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "587"))
    MAIL_USE_STARTTLS = _env_bool("MAIL_USE_STARTTLS", True)
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_TIMEOUT = int(os.environ.get("MAIL_TIMEOUT", "10"))
    MAIL_CA_FILE = os.environ.get("MAIL_CA_FILE")  # a private CA for the SMTP server, if any
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "Minga <no-reply@minga.local>")
    # A refused message is tried again after 30 s, 1, 2, 4, 8 minutes, then kept as failed.
    MAIL_MAX_ATTEMPTS = int(os.environ.get("MAIL_MAX_ATTEMPTS", "6"))
    MAIL_RETRY_SECONDS = float(os.environ.get("MAIL_RETRY_SECONDS", "30"))

    # "json": one JSON object per log line, with the request id (app/core/logs.py).
    LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")

    # Background jobs (Huey): a SQLite file (default instance/jobs.sqlite3), or Redis.
    JOBS_SQLITE_PATH = os.environ.get("JOBS_SQLITE_PATH", "")
    JOBS_REDIS_URL = os.environ.get("JOBS_REDIS_URL", "")
    # The queue's name (its Redis keys, its SQLite rows): deployments sharing one Redis
    # need a name each, or their workers run each other's jobs.
    JOBS_QUEUE_NAME = os.environ.get("JOBS_QUEUE_NAME", "minga")
    JOBS_WORKERS = int(os.environ.get("JOBS_WORKERS", "2"))
    # Run each job as it is queued, in the queuing process: no worker needed (tests).
    JOBS_IMMEDIATE = _env_bool("JOBS_IMMEDIATE", False)

    # Links in mail: how long they stay valid.
    VERIFY_TOKEN_MAX_AGE = int(os.environ.get("VERIFY_TOKEN_MAX_AGE", str(3 * 24 * 3600)))
    RESET_TOKEN_MAX_AGE = int(os.environ.get("RESET_TOKEN_MAX_AGE", str(2 * 3600)))
    # Personal data rights (app/privacy/) and retention; the privacy notice states these.
    ERASE_TOKEN_MAX_AGE = int(os.environ.get("ERASE_TOKEN_MAX_AGE", str(24 * 3600)))
    DATA_EXPORT_HOURS = int(os.environ.get("DATA_EXPORT_HOURS", "24"))
    DATA_EXPORT_DIR = os.environ.get("DATA_EXPORT_DIR", "")  # default: instance/data-exports
    PRIVACY_UNVERIFIED_DAYS = int(os.environ.get("PRIVACY_UNVERIFIED_DAYS", "30"))
    PRIVACY_VOTE_LINK_MONTHS = int(os.environ.get("PRIVACY_VOTE_LINK_MONTHS", "12"))

    REPORT_THRESHOLD = int(os.environ.get("REPORT_THRESHOLD", "3"))
    COMMENT_RATE_LIMIT = os.environ.get("COMMENT_RATE_LIMIT", "10 per minute;100 per day")
    # Failed logins: per email address typed, known or not (app/accounts/throttle.py),
    # and per IP address (Flask-Limiter).
    LOGIN_MAX_FAILURES = int(os.environ.get("LOGIN_MAX_FAILURES", "5"))
    LOGIN_LOCKOUT_MINUTES = int(os.environ.get("LOGIN_LOCKOUT_MINUTES", "15"))
    # A browser that logged in to an account is trusted by it this long (device cookie).
    DEVICE_COOKIE_DAYS = int(os.environ.get("DEVICE_COOKIE_DAYS", "180"))
    LOGIN_RATE_LIMIT = os.environ.get("LOGIN_RATE_LIMIT", "10 per minute;50 per hour")
    MAIL_RATE_LIMIT = os.environ.get("MAIL_RATE_LIMIT", "5 per minute;20 per hour")
    # Votes: generous per address (a dialogue session votes from one network), tighter per voter.
    VOTE_RATE_LIMIT_ADDRESS = os.environ.get("VOTE_RATE_LIMIT_ADDRESS", "600 per minute")
    VOTE_RATE_LIMIT_VOTER = os.environ.get("VOTE_RATE_LIMIT_VOTER", "60 per minute")
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    # Put before every count's key: sites (or test runs) that share one Redis count apart.
    RATELIMIT_KEY_PREFIX = os.environ.get("RATELIMIT_KEY_PREFIX", "")
    RATELIMIT_ENABLED = _env_bool("RATELIMIT_ENABLED", True)
    # With the limits' storage (Redis) unreachable, requests go through uncounted and the
    # outage is logged, rather than every vote and login failing: the rules that matter
    # (one vote per proposal, the budget, login lockouts) are kept in the database; the
    # limits only slow abuse down. `false` refuses instead (503, nothing written).
    RATELIMIT_SWALLOW_ERRORS = _env_bool("RATELIMIT_SWALLOW_ERRORS", True)
    # A Redis that stops answering (rather than refusing) would otherwise hold every vote
    # and login until the operating system gives up on the connection.
    RATELIMIT_STORAGE_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 1}
    # X-RateLimit-* headers cost one more Redis round trip per limit on every vote, and the
    # forms they would describe are read by people, not by clients that back off.
    RATELIMIT_HEADERS_ENABLED = _env_bool("RATELIMIT_HEADERS_ENABLED", False)

    # Sessions live on the server (Flask-Session): the cookie holds a random id, and
    # logging out deletes what it pointed to. Stored in files under instance/ by default
    # (one host, no server needed); in Redis when SESSION_REDIS_URL is set, which several
    # hosts need. (Flask-Session's SQLAlchemy store defines its table outside the
    # migrations and once per app: pallets-eco/flask-session#245.)
    SESSION_REDIS_URL = os.environ.get("SESSION_REDIS_URL", "")
    SESSION_KEY_PREFIX = os.environ.get("SESSION_KEY_PREFIX", "minga-session:")
    SESSION_FILE_DIR = os.environ.get("SESSION_FILE_DIR", "")  # default: instance/sessions
    # Flask and Flask-Login defaults are longer and looser than a voting site should be.
    PERMANENT_SESSION_LIFETIME = timedelta(hours=12)
    # A session is stored again only when it changes, or when its login is touched
    # (LOGIN_TOUCH_SECONDS): twelve hours run from the last use, and a read writes
    # nothing in between.
    SESSION_REFRESH_EACH_REQUEST = False
    LOGIN_TOUCH_SECONDS = int(os.environ.get("LOGIN_TOUCH_SECONDS", "300"))
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_DURATION = timedelta(days=30)
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = False

    PASSWORD_HASH_METHOD = "scrypt"
    WTF_CSRF_ENABLED = True
    WTF_CSRF_TIME_LIMIT = None  # the token lives as long as the 12-hour session
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024
    # The public repository's files (app/core/storage.py): under instance/ by default; a
    # document is at most this size, within MAX_CONTENT_LENGTH with room for the form.
    MINGA_STORAGE_DIR = os.environ.get("MINGA_STORAGE_DIR", str(INSTANCE_DIR / "documents"))
    MINGA_DOCUMENT_MAX_BYTES = 2_000_000

    # Participation figures on the results page are recomputed at most this often (per
    # call and process): working them out reads every ballot and vote. 0 turns caching off.
    STATS_CACHE_SECONDS = int(os.environ.get("STATS_CACHE_SECONDS", "300"))

    # The proposal list's filter choices (bodies, regions) are a scan of every proposal of
    # the call; each process keeps them this many seconds. 0 turns caching off.
    FILTER_OPTIONS_CACHE_SECONDS = int(os.environ.get("FILTER_OPTIONS_CACHE_SECONDS", "60"))

    # Open-data downloads: each call's SQLite file is kept in EXPORT_DIR and built anew when
    # the call's public data changes; while a vote with public counts runs, also once it is
    # older than this. 0 keeps nothing: every download builds the file.
    EXPORT_CACHE_SECONDS = int(os.environ.get("EXPORT_CACHE_SECONDS", "300"))
    # The job queue builds the file this long after a change, so a burst of edits builds once.
    EXPORT_BUILD_DELAY_SECONDS = int(os.environ.get("EXPORT_BUILD_DELAY_SECONDS", "30"))
    EXPORT_DIR = os.environ.get("EXPORT_DIR", "")  # default: instance/exports
    EXPORT_RATE_LIMIT = os.environ.get("EXPORT_RATE_LIMIT", "10 per minute;100 per hour")

    # Public pages for readers without a cookie are kept this many seconds by each process
    # (app/page_cache.py): what a reader may see lags by at most this. 0 turns it off.
    PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "10"))
    PAGE_CACHE_ENTRIES = int(os.environ.get("PAGE_CACHE_ENTRIES", "500"))

    # Trust X-Forwarded-* from this many proxies (set to 1 behind nginx/Caddy).
    PROXY_FIX_HOPS = int(os.environ.get("PROXY_FIX_HOPS", "0"))
    TESTING = False


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    MAIL_BACKEND = os.environ.get("MAIL_BACKEND", "smtp")
    PREFERRED_URL_SCHEME = "https"
    TRUSTED_HOSTS = _trusted_hosts(
        (urlsplit(os.environ.get("MINGA_BASE_URL", DEFAULT_BASE_URL)).hostname or "",))

    @classmethod
    def check(cls) -> None:
        """Refuse to start with the published development secret."""
        if not cls.SECRET_KEY or cls.SECRET_KEY == DEFAULT_SECRET_KEY:
            raise RuntimeError(
                "SECRET_KEY is not set: production refuses to start with the default secret."
            )
        if cls.MINGA_BASE_URL == DEFAULT_BASE_URL:
            raise RuntimeError(
                "MINGA_BASE_URL is not set: production needs the site's public address for "
                "links in mail and for the hosts it answers to (MINGA_TRUSTED_HOSTS).")


class TestConfig(Config):
    TESTING = True
    SECRET_KEY = "test-secret"
    # Tests get their own database: DATABASE_URL (PostgreSQL in CI) or a file per test.
    SQLALCHEMY_DATABASE_URI = (os.environ.get("DATABASE_URL") and _database_url()) or "sqlite://"
    RATELIMIT_ENABLED = False
    RATELIMIT_STORAGE_URI = "memory://"
    MAIL_BACKEND = "file"
    JOBS_IMMEDIATE = _env_bool("JOBS_IMMEDIATE", True)
    TRUSTED_HOSTS = _trusted_hosts(("localhost", "127.0.0.1"))
    EXPORT_BUILD_DELAY_SECONDS = 0  # immediate jobs run at once; a delayed one never would
    # scrypt is deliberately slow; tests create hundreds of accounts.
    PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"
    STATS_CACHE_SECONDS = 0  # every request sees fresh figures
    FILTER_OPTIONS_CACHE_SECONDS = 0
    PAGE_CACHE_SECONDS = 0
    EXPORT_CACHE_SECONDS = 0


CONFIGS = {"development": Config, "production": ProductionConfig, "testing": TestConfig}
