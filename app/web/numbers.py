"""Numbers written as the reader's language writes them ("12.345", "1,5"): Babel's
format_decimal, remembered per process.

A results page writes a hundred counts and a review queue 250 mean scores; Babel takes
about 20 µs for each (a tenth of such a page), and the same numbers come back request
after request: vote counts, ranks, means of 0–3 rounded to two decimals.
"""

from functools import lru_cache

from babel import Locale
from babel.numbers import format_decimal
from flask_babel import get_locale


@lru_cache(maxsize=20_000)
def _written(locale: Locale, number: int | float) -> str:
    return format_decimal(number, locale=locale)


def number(value: int | float) -> str:
    """The `number` template filter: `value` in the current language (force_locale too)."""
    return _written(get_locale(), value)
