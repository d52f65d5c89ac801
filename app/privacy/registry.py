"""Every kind of personal data Minga keeps, declared once: what the download holds, what
an erasure does, and the register an administrator reads all come from here.

A feature that keeps something about a person registers it, at import, from a module
that is always imported (its models module is a good place):

    from app.privacy.registry import PersonalData, provide

    provide(PersonalData(
        name="working_group_terms",          # file name in the download (JSON key, CSV)
        what=_l("Working Group terms"), where="wg_terms",
        why=_l("..."), kept=_l("..."),
        export=lambda user: [...],           # rows about `user`, JSON-able values
        erase=lambda user, pseudonym: ...,   # make the rows lead back to nobody
        order=50))

`export` returns a list of flat dicts (dates as ISO text: `iso`). `erase` runs in the
erasure's transaction, before the account row itself is scrubbed (it can still read the
email address), and must not commit; it keeps what is the public record of a process
(pseudonymised: the account row keeps only `pseudonym`) and deletes what is not. Hooks
run by `order`, lowest first; the account's own hook runs last (order 1000).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class PersonalData:
    name: str
    what: object  # lazy text: the kind of data, in the register and the download's guide
    where: str  # table(s) or files that hold it
    why: object  # lazy text: the purpose
    # lazy text: for how long, with %(name)s for a retention setting (`retention_values`)
    kept: object
    export: Callable[..., list[dict]]
    erase: Callable[..., None] | None = None
    order: int = 100


_PROVIDERS: dict[str, PersonalData] = {}


def provide(data: PersonalData) -> None:
    """Declare a kind of personal data; declaring a name twice is a programming error."""
    if data.name in _PROVIDERS and _PROVIDERS[data.name] != data:
        raise ValueError(f"personal data {data.name!r} is declared twice")
    _PROVIDERS[data.name] = data


def providers() -> list[PersonalData]:
    """Every declared kind, in the order erasure runs them."""
    from app.privacy import portability, providers  # noqa: F401  (they declare themselves)

    return sorted(_PROVIDERS.values(), key=lambda data: (data.order, data.name))


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None
