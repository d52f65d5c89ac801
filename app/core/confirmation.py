"""Actions that cannot be taken back ask first, naming what they will do.

A service lists the consequences of an action in figures ("52 authors will be emailed").
The person confirms the list they were shown; the service recomputes it and goes ahead
only if what they confirmed is still what will happen. If a figure moved in between
(another draft, another vote), they are asked again with the new figures.
"""

import hashlib
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from app.core.errors import DomainError


@dataclass(frozen=True)
class Consequence:
    # What will happen, in words and figures that do not depend on the reader's language:
    # the same key is the same consequence.
    key: tuple
    message: str  # in the reader's language


def fingerprint(consequences: list[Consequence]) -> str:
    """A short digest of the consequences' keys: what a confirmation says was seen."""
    return hashlib.sha256(repr([c.key for c in consequences]).encode()).hexdigest()[:20]


class ConfirmationRequired(DomainError):
    status = 409
    message = _l("Read what this will do, then confirm to go ahead.")

    def __init__(self, consequences: list[Consequence]):
        super().__init__(field="confirm")
        self.consequences = consequences


def require_confirmation(consequences: list[Consequence], confirmed: str | None) -> None:
    """Go on only if `confirmed` is the fingerprint of exactly these consequences.

    :raises ConfirmationRequired: with the consequences to show, when there are any and
        they were not confirmed as they stand now.
    """
    if consequences and confirmed != fingerprint(consequences):
        raise ConfirmationRequired(consequences)
