"""The demo's fictional authors and their commitment proposals, kept as data in data/proposals.json.

The file holds one object with two lists. ``organisations``: the authors (name, email,
sector, organisation or null, region). ``proposals``: the open call's proposals, where
``author`` indexes ``organisations``, ``theme`` indexes the call's themes (0..6, in the
order of DEMO_THEMES in the loader) and ``region`` is a region name or "national".

The organisations and people are invented; the public bodies are real Chilean
institutions. Proposals are written in one language, as people write them: here Spanish
(the calls' own texts are in Spanish and English, see the loader). Two pairs of proposals
are deliberately near-duplicates (municipal lobby registry; open data on water rights),
as happens in real calls.
"""

import json
from functools import cache
from importlib import resources

DATA_FILE = "proposals.json"


@cache
def _read() -> dict:
    """Parse the data file once per process."""
    text = resources.files(__package__).joinpath("data", DATA_FILE).read_text(encoding="utf-8")
    return json.loads(text)


def demo_organisations() -> list[dict]:
    """The demo authors, in file order. Shared by every caller: read, do not modify."""
    return _read()["organisations"]


def demo_proposals() -> list[dict]:
    """The demo proposals, in file order. Shared by every caller: read, do not modify."""
    return _read()["proposals"]
