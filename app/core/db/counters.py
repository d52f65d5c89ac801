"""Numbers handed out once: one counter row per key, raised by a single UPDATE.

Proposal references (per year) and commitment references (per prefix) both come from
here, so neither can give the same number twice when two requests ask at once.
"""

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from app.extensions import db


def next_number(model, key_column: str, key) -> int:
    """Raise the counter of `key` in `model` (a table of key + `last_number`) and return it."""
    column = getattr(model, key_column)
    if not _bump(model, column, key):
        try:
            with db.session.begin_nested():  # the key's first: two at once, one insert wins
                db.session.add(model(**{key_column: key, "last_number": 0}))
                db.session.flush()
        except IntegrityError:
            pass
        _bump(model, column, key)
    return db.session.scalar(select(model.last_number).where(column == key))


def _bump(model, column, key) -> bool:
    # One UPDATE takes the row's lock (SQLite's write lock, PostgreSQL's row lock) and
    # reads the number it raises, so two requests at once never share one.
    bumped = db.session.execute(update(model).where(column == key)
                                .values(last_number=model.last_number + 1)
                                .execution_options(synchronize_session=False))
    return bumped.rowcount == 1
