from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from app.moderation.hidden import AUTOMATIC, HiddenFilter
from app.moderation.models import REPORT_REASONS
from app.web.forms import choices_from


class CommentForm(FlaskForm):
    body = TextAreaField(_l("Your comment"), validators=[DataRequired(), Length(max=5000)],
                         description=_l("Be constructive: comments are public. Lines "
                                        "starting with '-' become lists."))
    parent_id = HiddenField(validators=[Optional()])


class ReportForm(FlaskForm):
    reason = SelectField(_l("Why do you report it?"), choices=choices_from(REPORT_REASONS),
                         validators=[DataRequired()])


class ModerationForm(FlaskForm):
    reason = StringField(_l("Public reason"), validators=[Optional(), Length(max=300)])


class HideForm(FlaskForm):
    reason = StringField(_l("Public reason"), validators=[Length(max=300)],
                         description=_l("Shown in place of what you hide, to everyone."))
    next = HiddenField()


HIDDEN_KINDS = {"": _l("All kinds"), "proposal": _l("Proposals"),
                "comment": _l("Comments")}


class HiddenFilterForm(FlaskForm):
    """The filters of the list of hidden content, read from the query string."""

    class Meta:
        csrf = False  # a GET form that changes nothing

    call = SelectField(_l("Call"), validators=[Optional()])
    kind = SelectField(_l("Kind"), choices=choices_from(HIDDEN_KINDS), validators=[Optional()])
    hidden_by = SelectField(_l("Hidden by"), validators=[Optional()])
    hidden_from = DateField(_l("Hidden from"), validators=[Optional()])
    hidden_to = DateField(_l("Hidden until"), validators=[Optional()])

    def fill_choices(self, calls, people) -> None:
        self.call.choices = [("", _l("All calls"))] + [(c.slug, c.title) for c in calls]
        self.hidden_by.choices = [("", _l("Anyone")), (AUTOMATIC, _l("Automatic (reports)"))] \
            + [(str(person.id), person.name) for person in people]
        self.call_ids = {c.slug: c.id for c in calls}

    def validate_hidden_to(self, field) -> None:
        if field.data and self.hidden_from.data and field.data < self.hidden_from.data:
            raise ValidationError(_l("The end date is before the start date."))

    def filters(self) -> HiddenFilter:
        return HiddenFilter(call_id=self.call_ids.get(self.call.data or ""),
                            kind=self.kind.data or "", hidden_by=self.hidden_by.data or "",
                            hidden_from=self.hidden_from.data, hidden_to=self.hidden_to.data)

    def query_args(self) -> dict:
        """The filters as typed, for the links to other pages of the list."""
        return {field.name: field.raw_data[0] for field in self if field.raw_data}


class MergeForm(FlaskForm):
    target = StringField(_l("Merge into (reference)"),
                         validators=[DataRequired(), Length(max=16)],
                         description=_l("The reference of the proposal that stays, e.g. "
                                        "2026-0012. Votes move to it."))
