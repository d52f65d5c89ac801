import re

from flask import redirect, url_for

# Browsers drop tabs and newlines from a URL and read "\" as "/": "/\t/evil.example"
# and "/\evil.example" both lead off the site. Nothing we link to has a space or a
# control character in its path either.
_UNSAFE = re.compile(r"[\x00-\x20\x7f\\]")


def is_safe_path(target: str | None) -> bool:
    """Whether `target` is a path from the root of this site: anything with a scheme or a
    host (including `//evil.example`) is not, so a link cannot send people elsewhere."""
    return bool(target) and target[0] == "/" and target[1:2] != "/" \
        and not _UNSAFE.search(target)


def safe_next(target: str | None, default_endpoint: str = "calls.home", **values):
    """Redirect to a same-site path from a `next` parameter (`is_safe_path`), or to a
    default page."""
    if is_safe_path(target):
        return redirect(target)
    return redirect(url_for(default_endpoint, **values))
