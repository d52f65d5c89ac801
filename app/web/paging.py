"""Page numbers as visitors type them into a query string, and a page of results."""

from dataclasses import dataclass

MAX_PAGE = 100_000  # a page number beyond any call; keeps OFFSET arithmetic sane


def page_number(value) -> int:
    """A requested page number: anything that is not a whole number ≥ 1 means page 1."""
    try:
        return max(1, min(int(value), MAX_PAGE))
    except (TypeError, ValueError):
        return 1


@dataclass(frozen=True)
class Page:
    """One page of a listing: what the `pagination` macro and the API read of it."""

    items: list
    page: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def prev_num(self) -> int | None:
        return self.page - 1 if self.has_prev else None

    @property
    def next_num(self) -> int | None:
        return self.page + 1 if self.has_next else None
