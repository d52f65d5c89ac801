from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField
from wtforms.validators import DataRequired, Length


class VoteForm(FlaskForm):
    next = HiddenField()


class CodeForm(FlaskForm):
    code = StringField(_l("Voting code"), validators=[DataRequired(), Length(max=40)],
                       description=_l("The code on the card you received at a dialogue "
                                      "session, e.g. ABCDE-FGH23. Each code works once."))
