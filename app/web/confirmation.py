"""The two fields a form needs to confirm an action's consequences (app/core/confirmation.py)."""

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, HiddenField

from app.core.confirmation import Consequence, fingerprint


class ConfirmationFields:
    """Mix into a FlaskForm: a checkbox, and the fingerprint of the consequences shown."""

    confirm = BooleanField(_l("I have read what this will do, and I want to go ahead."))
    consequences_seen = HiddenField()

    def confirmed(self) -> str | None:
        """The fingerprint the person confirmed, or None if they did not tick the box."""
        return self.consequences_seen.data if self.confirm.data else None

    def ask(self, consequences: list[Consequence]) -> None:
        """Show these consequences: a box ticked for other figures must be ticked again."""
        shown = fingerprint(consequences)
        if self.consequences_seen.data != shown:
            self.confirm.data = False
        self.consequences_seen.data = shown
