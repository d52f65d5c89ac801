import re
from urllib.parse import urldefrag

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


def next_url(target: str | None, default_endpoint: str = "calls.home",
             anchor: str | None = None, **values) -> str:
    """A same-site path from a `next` parameter (`is_safe_path`), else a default page's;
    at `anchor` on that page when given (in place of any the path had)."""
    if is_safe_path(target):
        return f"{urldefrag(target).url}#{anchor}" if anchor else target
    return url_for(default_endpoint, _anchor=anchor, **values)


def safe_next(target: str | None, default_endpoint: str = "calls.home",
              anchor: str | None = None, **values):
    """Redirect to `next_url(...)`."""
    return redirect(next_url(target, default_endpoint, anchor, **values))
