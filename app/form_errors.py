"""Turn a refused state change into a message beside the field that caused it."""

from flask import flash

from app.errors import DomainError


def show_domain_error(form, exc: DomainError) -> int:
    """Attach the error to its field (or flash it) and return the HTTP status for the page."""
    field = getattr(form, exc.field, None) if exc.field else None
    if field is not None:
        field.errors = [*field.errors, str(exc.message)] if isinstance(field.errors, list) \
            else [str(exc.message)]
    else:
        flash(str(exc.message), "error")
    return exc.status


def form_status(form) -> int:
    """Status for a page showing a form: 422 when a submitted form was refused."""
    return 422 if form.errors else 200
