"""Forms in views: run a form's state change (validate, call the service, commit once or
show why not), and build select choices."""

from typing import Any, NamedTuple

from wtforms.fields.choices import SelectChoice

from app.core.errors import DomainError
from app.extensions import db


class Outcome(NamedTuple):
    done: bool  # the service ran and the change is committed
    value: Any  # what the service returned
    status: int  # HTTP status for re-showing the form when not done
    error: DomainError | None = None  # the rule that said no, when one did


def show_domain_error(form, exc: DomainError) -> int:
    """Put the refusal beside its fields, or above the form when it is about the whole
    form (both listed in the page's error summary); return the HTTP status for the page."""
    for name, message in exc.field_errors.items():
        if name in form:
            form[name].errors = [*form[name].errors, str(message)]
        else:
            form.form_errors.append(str(message))
    if not exc.field_errors:
        form.form_errors.append(str(exc.message))
    return exc.status


def version_of(field) -> int:
    """The version a form was loaded from (hidden field); garbage counts as stale (0)."""
    try:
        return int(field.data or 0)
    except ValueError:
        return 0


def form_status(form) -> int:
    """Status for a page showing a form: 422 when a submitted form was refused."""
    return 422 if form.errors else 200


def apply_form(form, action) -> Outcome:
    """Validate `form`; if valid, run `action()` and commit; on a rule's refusal roll back.

    What was typed stays in the form either way, so the page can be shown again.
    """
    if not form.validate_on_submit():
        return Outcome(False, None, form_status(form))
    try:
        value = action()
    except DomainError as exc:
        db.session.rollback()
        return Outcome(False, None, show_domain_error(form, exc), exc)
    db.session.commit()
    return Outcome(True, value, 200)


def choices_from(pairs) -> list[SelectChoice]:
    """Turn (value, label) pairs or a {value: label} mapping into select options."""
    items = pairs.items() if hasattr(pairs, "items") else pairs
    return [SelectChoice(value, label) for value, label in items]
