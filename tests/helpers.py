"""Small helpers shared by tests (fixtures live in conftest.py)."""

import os
import re
import subprocess
import sys


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


def dangerous_markup(html: str) -> list[str]:
    """Parse a page as a browser would and list every element or attribute that could run code.

    Text that merely *looks* like markup (escaped, or inside an attribute value) is fine;
    only real tags and attributes count.
    """
    from html.parser import HTMLParser

    found: list[str] = []
    allowed_scripts = {"/static/js/minga.js"}

    class Inspector(HTMLParser):
        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if tag == "script" and attrs.get("src") not in allowed_scripts:
                found.append(f"<script {attrs}>")
            ours = tag == "svg" and attrs.get("class") == "chart-svg"  # server-drawn charts
            if tag in {"iframe", "img", "svg", "math", "style", "object", "embed", "base"} \
                    and not ours:
                found.append(f"<{tag}>")
            for name, value in attrs.items():
                if name.startswith("on") or name == "style":
                    found.append(f"{tag}[{name}]")
                if name in ("href", "src", "action", "formaction") and value and \
                        value.strip().lower().startswith(("javascript:", "data:", "vbscript:")):
                    found.append(f"{tag}[{name}={value}]")

    Inspector().feed(html)
    return found


def run_in_fresh_process(test) -> None:
    """Run the test function `test` (with its fixtures) alone in a new Python process.

    For settings an extension reads from the first app of a process only. The function is
    named without `test_`, so pytest collects it only when asked for it by name.
    """
    module = sys.modules[test.__module__].__file__
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "-o", "python_functions=*", f"{module}::{test.__name__}"],
        capture_output=True, text=True, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        timeout=300)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


VOID = {"br", "hr", "img", "input", "meta", "link"}  # elements with no end tag


def error_summary(html: str) -> list[tuple[str | None, str]]:
    """The entries of a page's error summary, in order: (where its link goes, or None for
    an entry without one; its text)."""
    from html.parser import HTMLParser

    entries: list[list] = []

    class Reader(HTMLParser):
        depth = 0  # open elements inside the summary, 0 outside it

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if self.depth:
                self.depth += tag not in VOID
                if tag == "li":
                    entries.append([None, ""])
                elif tag == "a" and entries:
                    entries[-1][0] = attrs.get("href")
            elif "data-error-summary" in attrs:
                self.depth = 1

        def handle_endtag(self, tag):
            if self.depth:
                self.depth -= 1

        def handle_data(self, data):
            if self.depth and entries:
                entries[-1][1] += data

    Reader().feed(html)
    return [(href, " ".join(text.split())) for href, text in entries]


def title_of(html: str) -> str:
    match = re.search(r"<title>(.*?)</title>", html, re.S)
    assert match, "no <title> in the page"
    return " ".join(match.group(1).split())


def assert_error_summary(html: str, expected: list[tuple[str | None, str]] | None = None,
                         links: list[str] | None = None) -> None:
    """The page of a refused form: "Error:" in its title, the summary first in <main>,
    each of its links leading to an element of the page; its entries (or just their
    links) as expected when given."""
    entries = error_summary(html)
    assert entries, "no error summary in the page"
    assert title_of(html).startswith("Error: ")
    main = html.index('<main id="main"')
    assert re.match(r'\s*<div class="error-summary" data-error-summary tabindex="-1"',
                    html[html.index(">", main) + 1:])
    for href, _text in entries:
        if href:
            assert f'id="{href.split("#", 1)[1]}"' in html, f"{href} leads nowhere"
    if expected is not None:
        assert entries == expected
    if links is not None:
        assert [href for href, _text in entries] == links


def fingerprint_from(html: str) -> str:
    """The fingerprint of the consequences a confirmation page shows (its hidden field)."""
    match = re.search(r'name="consequences_seen" type="hidden" value="([^"]+)"', html)
    assert match, "no consequences to confirm in the page"
    return match.group(1)
