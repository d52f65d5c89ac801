"""Small helpers shared by tests (fixtures live in conftest.py)."""

import re


def link_in(message, path_prefix: str) -> str:
    """Return the path of the first link in a message that starts with path_prefix."""
    body = message.get_content()
    match = re.search(r"https?://[^/\s]+(" + re.escape(path_prefix) + r"\S+)", body)
    assert match, f"no {path_prefix} link in: {body}"
    return match.group(1)


def csrf_token_from(html: str) -> str:
    match = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html)
    assert match, "no CSRF token in the page"
    return match.group(1)


def text_of(response) -> str:
    return response.get_data(as_text=True)
