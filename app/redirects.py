import re

from flask import redirect, url_for

# Browsers drop tabs and newlines from a URL and read "\" as "/": "/\t/evil.example"
# and "/\evil.example" both lead off the site. Nothing we link to has a space or a
# control character in its path either.
_UNSAFE = re.compile(r"[\x00-\x20\x7f\\]")


def safe_next(target: str | None, default_endpoint: str = "calls.home", **values):
    """Redirect to a same-site path from a `next` parameter, or to a default page.

    Only a path from the root qualifies: anything with a scheme or a host (including
    `//evil.example`) is ignored, so a login link cannot send people to another site.
    """
    if target and target[0] == "/" and target[1:2] != "/" and not _UNSAFE.search(target):
        return redirect(target)
    return redirect(url_for(default_endpoint, **values))
