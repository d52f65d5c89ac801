from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, EmailField, SelectField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from app.review.models import CONSTITUENCIES
from app.web.forms import choices_from

NAME = [Length(max=200)]


class SeatForm(FlaskForm):
    constituency = SelectField(_l("Constituency"), choices=choices_from(CONSTITUENCIES),
                               description=_l("Government, civil society and academia "
                                              "approve minutes and decide; observers do "
                                              "not."))
    name = StringField(_l("Seat"), validators=NAME,
                       description=_l("Whom the seat is for, e.g. the institution or "
                                      "network it represents."))


class TermForm(FlaskForm):
    holder_name = StringField(_l("Holder's public name"), validators=NAME)
    role = StringField(_l("Role"), validators=NAME)
    organisation = StringField(_l("Organisation"), validators=NAME)
    appointed_by = StringField(_l("Appointed by"), validators=NAME)
    starts_on = DateField(_l("From"), validators=[Optional()],
                          description=_l("The current holder's term ends on this day."))
    holder_email = EmailField(_l("Holder's account (email, optional)"),
                              validators=[Optional(), Length(max=254)],
                              description=_l("An account lets the holder approve minutes; "
                                             "the address is never shown."))
    alternate_name = StringField(_l("Alternate's public name"), validators=NAME)
    alternate_email = EmailField(_l("Alternate's account (email, optional)"),
                                 validators=[Optional(), Length(max=254)])


class EndTermForm(FlaskForm):
    ends_on = DateField(_l("Until"), validators=[Optional()],
                        description=_l("The seat is vacant from this day."))


class RulesForm(FlaskForm):
    title = StringField(_l("Title"), validators=NAME)
    adopted_on = DateField(_l("Adopted on"), validators=[Optional()])
    adopted_at = StringField(_l("Adopted by"), validators=NAME,
                             description=_l("The resolution or meeting that adopted it."))
    body = TextAreaField(_l("Text"), validators=[Length(max=100_000)],
                         description=_l("Blank lines separate paragraphs; lines starting "
                                        "with \"- \" make a list."))
