from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_wtf import FlaskForm
from wtforms import DateTimeLocalField, IntegerField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from app.calls.forms import DATETIME_FORMAT
from app.core.timezones import local_to_utc
from app.proposals.forms import CheckboxesField
from app.web.forms import choices_from


class ChoiceForm(FlaskForm):
    themes = CheckboxesField(_l("Themes"), coerce=str)
    code = StringField(
        _l("Voting code (optional)"), validators=[Optional(), Length(max=40)],
        description=_l("Without an account, type the code handed out at a dialogue session."))

    def fill_choices(self, themes, max_picks: int) -> None:
        self.themes.choices = choices_from([(str(t.id), t.name) for t in themes])
        self.themes.label.text = ngettext("Choose up to %(num)d theme",
                                               "Choose up to %(num)d themes", max_picks)


class PollForm(FlaskForm):
    max_picks = IntegerField(
        _l("Themes each voter may choose"), default=3,
        validators=[InputRequired(), NumberRange(min=1, max=100)])
    opens_at = DateTimeLocalField(_l("Poll opens"), format=DATETIME_FORMAT,
                                  validators=[DataRequired()],
                                  description=_l("Dates and times are in the site's timezone."))
    closes_at = DateTimeLocalField(_l("Poll closes"), format=DATETIME_FORMAT,
                                   validators=[DataRequired()])

    def data_for_service(self) -> dict:
        return {"max_picks": self.max_picks.data,
                "opens_at": local_to_utc(self.opens_at.data),
                "closes_at": local_to_utc(self.closes_at.data)}


class ThemeForm(FlaskForm):
    name = StringField(_l("Theme"), validators=[DataRequired(), Length(max=200)])
    description = TextAreaField(
        _l("Short description"), validators=[Optional(), Length(max=2000)],
        description=_l("One or two sentences that say what the theme covers."))


class AdoptForm(FlaskForm):
    count = IntegerField(_l("How many of the most chosen themes to adopt"),
                         validators=[InputRequired(), NumberRange(min=1, max=100)],
                         description=_l("They replace the call's themes; the step is recorded."))
