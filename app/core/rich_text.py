"""The one place user text becomes HTML (the `|rich` filter).

User text is stored as typed. On output it is escaped completely, then given
structure (paragraphs, line breaks, lists) and links to http(s) addresses.
bleach then cleans the result against a short allow-list, so swapping the
sanitiser means changing this module only.
"""

import functools
import re
import threading

import bleach
from bleach.linkifier import Linker
from markupsafe import Markup, escape

ALLOWED_TAGS = frozenset({"p", "br", "ul", "ol", "li", "a"})
ALLOWED_ATTRIBUTES = {"a": ["href", "rel"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https"})
LINK_REL = "nofollow ugc noopener"

_BULLET = re.compile(r"^\s*[-*•]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*\d{1,3}[.)]\s+(.*)$")
_BLANK_LINES = re.compile(r"\n\s*\n")
# Pages the site writes (not participants): "## Heading {#anchor}" lines become headings.
_HEADING = re.compile(r"^(#{2,3})\s+(.+?)(?:\s+\{#([a-z0-9_-]{1,40})\})?\s*$")
PAGE_TAGS = ALLOWED_TAGS | {"h2", "h3"}
PAGE_ATTRIBUTES = {**ALLOWED_ATTRIBUTES, "h2": ["id"], "h3": ["id"]}


def _link_attributes(attrs, new=False):
    href = attrs.get((None, "href"), "")
    if not href.lower().startswith(("http://", "https://")):
        return None  # leave anything else as text
    attrs[(None, "rel")] = LINK_REL
    attrs.pop((None, "target"), None)
    return attrs


# A Linker holds parser state and is not thread-safe: a threaded server rendering two
# pages at once corrupted it (IndexError). One per thread.
_local = threading.local()


def _linker() -> Linker:
    if not hasattr(_local, "linker"):
        _local.linker = Linker(callbacks=[_link_attributes], parse_email=False)
    return _local.linker


def _line_kind(line: str):
    for pattern, tag in ((_BULLET, "ul"), (_NUMBERED, "ol")):
        match = pattern.match(line)
        if match:
            return tag, match.group(1).strip()
    return "p", line.strip()


def _block_html(block: str) -> str:
    """Render one block: runs of list items become lists, other runs a paragraph."""
    html, run, run_tag = [], [], None

    def close_run():
        if not run:
            return
        if run_tag == "p":
            html.append("<p>" + "<br>".join(str(escape(text)) for text in run) + "</p>")
        else:
            items = "".join(f"<li>{escape(text)}</li>" for text in run)
            html.append(f"<{run_tag}>{items}</{run_tag}>")

    for line in block.split("\n"):
        if not line.strip():
            continue
        tag, text = _line_kind(line)
        if tag != run_tag:
            close_run()
            run, run_tag = [], tag
        run.append(text)
    close_run()
    return "".join(html)


def render_rich(text: str | None) -> Markup:
    """Turn plain user text into safe HTML: paragraphs, line breaks, lists and links."""
    if not text:
        return Markup("")
    return _render(text)


# Parsing and cleaning cost about half a millisecond per text, and a page of 50 ranked
# proposals shows 50 reasoned responses that seldom change. The result depends on the text
# alone, so remembering the most recent ones is safe; the bound keeps memory in check.
@functools.lru_cache(maxsize=4096)
def _render(text: str) -> Markup:
    return _clean(_structure(text), ALLOWED_TAGS, ALLOWED_ATTRIBUTES)


def _structure(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    blocks = [b for b in _BLANK_LINES.split(text) if b.strip()]
    return "".join(_block_html(block) for block in blocks)


def _clean(html: str, tags, attributes) -> Markup:
    html = _linker().linkify(html)
    return Markup(bleach.clean(html, tags=tags, attributes=attributes,
                               protocols=ALLOWED_PROTOCOLS, strip=True))


def _heading_html(match: re.Match) -> str:
    level = len(match.group(1))
    anchor = f' id="{match.group(3)}"' if match.group(3) else ""
    return f"<h{level}{anchor}>{escape(match.group(2))}</h{level}>"


@functools.lru_cache(maxsize=64)
def render_page_text(text: str | None) -> Markup:
    """Like render_rich, and a line "## Heading {#anchor}" (or ###) is a heading: for the
    site's own pages, written by its administrators."""
    if not text:
        return Markup("")
    html, rest = [], []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        heading = _HEADING.match(line)
        if heading is None:
            rest.append(line)
            continue
        html.append(_structure("\n".join(rest)))
        rest = []
        html.append(_heading_html(heading))
    html.append(_structure("\n".join(rest)))
    return _clean("".join(html), PAGE_TAGS, PAGE_ATTRIBUTES)
