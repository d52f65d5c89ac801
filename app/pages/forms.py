from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField, TextAreaField
from wtforms.validators import Length

from app.pages.services import BODY_MAX, TITLE_MAX


class PageForm(FlaskForm):
    title = StringField(_l("Title"), validators=[Length(max=TITLE_MAX)])
    body = TextAreaField(
        _l("Text"), validators=[Length(max=BODY_MAX)],
        description=_l("Blank lines separate paragraphs; lines starting with \"- \" make a "
                       "list; \"## Heading\" starts a section. {site}, {controller} and "
                       "{contact} are replaced by this site's settings."))
    restore_default = BooleanField(_l("Put back the default text"))
    material_change = BooleanField(
        _l("This is a material change: ask everyone to accept the notice again at their "
           "next login"),
        description=_l("For the privacy notice only. Tick it when what is processed, why or "
                       "for how long changes, not for a typo."))
