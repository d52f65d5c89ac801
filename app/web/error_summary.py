"""The error summary of a refused form (the GOV.UK pattern): at the top of the page, every
message, each a link to its field, so a phone user sees at once why and where."""

from typing import NamedTuple

from flask_babel import gettext as _
from jinja2 import pass_context
from wtforms import Form
from wtforms.fields import HiddenField
from wtforms.widgets import ListWidget


class ErrorLink(NamedTuple):
    text: str
    href: str | None  # None: about the whole form, or about a field nobody can see


def _target_id(field) -> str:
    """The element a link to `field` lands on: the first option of a list of checkboxes or
    radio buttons (WTForms numbers them `<id>-0`, `<id>-1` …), else the field itself."""
    return f"{field.id}-0" if isinstance(field.widget, ListWidget) else field.id


def form_error_links(form: Form, page: str = "") -> list[ErrorLink]:
    """The summary's entries for `form`, in the order of its fields; `page` is where the
    fields are when that is not the page showing the summary."""
    links = [ErrorLink(str(message), None) for message in form.form_errors]
    for field in form:
        for message in field.errors:
            if isinstance(field, HiddenField):  # the form token, a version number
                links.append(ErrorLink(str(message), None))
            else:
                links.append(ErrorLink(_entry(str(field.label.text), str(message)),
                                       f"{page}#{_target_id(field)}"))
    return links


def _entry(label: str, message: str) -> str:
    """The field's label, then its message: the summary is read away from the field."""
    if label.endswith("?"):  # "Why do you withdraw it? This field is required."
        return f"{label} {message}"
    return _("%(field)s: %(error)s", field=label, error=message)


@pass_context
def error_summary_links(context) -> list[ErrorLink]:
    """The entries of this page's error summary: `error_links` when the view gives them,
    else those of every refused form the page shows, so no view can forget them."""
    given = context.get("error_links")
    if given is not None:
        return given
    forms = {id(value): value for value in context.get_all().values()
             if isinstance(value, Form)}
    return [link for form in forms.values() for link in form_error_links(form)]
