from urllib.parse import urlsplit

from flask import redirect, url_for


def safe_next(target: str | None, default_endpoint: str = "calls.home", **values):
    """Redirect to a same-site path from a `next` parameter, or to a default page.

    Anything with a scheme or a host (including `//evil.example`) is ignored,
    so a login link cannot send people to another site.
    """
    if target and not any(ord(c) < 33 or c == "\x7f" for c in target):
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and target.startswith("/") \
                and not target.startswith("//") and "\\" not in target:
            return redirect(target)
    return redirect(url_for(default_endpoint, **values))
