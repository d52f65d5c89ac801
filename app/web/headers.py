"""Response headers that every page carries."""

from flask import current_app, session

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])


PAGE_HEADERS = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ("X-Frame-Options", "DENY"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
)
SECURE_SITE_HEADERS = (
    *PAGE_HEADERS,
    ("Strict-Transport-Security", "max-age=31536000; includeSubDomains"),
)


def security_headers(config) -> tuple[tuple[str, str], ...]:
    """The headers every response of a site with this configuration carries."""
    return SECURE_SITE_HEADERS if config.get("SESSION_COOKIE_SECURE") else PAGE_HEADERS


def add_security_headers(response):
    """Add each header the response does not set itself.

    In one pass over the response's headers: werkzeug's `setdefault` raises and catches
    an exception for every header it adds, six times on every response.
    """
    wanted = security_headers(current_app.config)
    headers = response.headers
    # A page built for a session (a login, a form's token, a message) is nobody else's:
    # no browser or proxy may keep it. Pages for readers without one may be kept.
    if session and "Cache-Control" not in headers:
        headers["Cache-Control"] = "no-store"
    present = {name.lower() for name, _value in headers.items()}
    headers.extend([(name, value) for name, value in wanted if name.lower() not in present])
    return response
