"""Page numbers as visitors type them into a query string."""

MAX_PAGE = 100_000  # a page number beyond any call; keeps OFFSET arithmetic sane


def page_number(value) -> int:
    """A requested page number: anything that is not a whole number ≥ 1 means page 1."""
    try:
        return max(1, min(int(value), MAX_PAGE))
    except (TypeError, ValueError):
        return 1
