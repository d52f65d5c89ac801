"""How plan pages write days and percentages, as the reader's language does."""

from datetime import date

from flask_babel import format_date, format_percent

from app.plans import bp
from app.plans.consultation import FIELDS as CONSULTED_FIELDS
from app.proposals.models import OGP_VALUES


@bp.app_template_filter("day")
def day(value: date | None) -> str:
    return format_date(value, "d MMM y") if value else ""


@bp.app_template_filter("percent")
def percent(value: int | float) -> str:
    """A whole percentage (0–100) written as the reader's language writes one."""
    return format_percent(value / 100)


@bp.app_template_filter("ogp_value")
def ogp_value(code: str) -> str:
    return str(OGP_VALUES.get(code, code))


@bp.app_template_global("comment_field_label")
def comment_field_label(field: str | None) -> str:
    """The part of a commitment a comment is about, as the page names it."""
    return str(CONSULTED_FIELDS.get(field, field or ""))
