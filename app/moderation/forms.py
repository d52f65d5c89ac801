from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

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


class MergeForm(FlaskForm):
    target = StringField(_l("Merge into (reference)"),
                         validators=[DataRequired(), Length(max=16)],
                         description=_l("The reference of the proposal that stays, e.g. "
                                        "2026-0012. Votes move to it."))
