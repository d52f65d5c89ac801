from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, PasswordField
from wtforms.validators import DataRequired, Length

from app.web.confirmation import ConfirmationFields


class PasswordOnlyForm(FlaskForm):
    password = PasswordField(_l("Your password"), validators=[DataRequired()],
                             description=_l("To be sure it is you who asks."))


class EraseConfirmForm(ConfirmationFields, FlaskForm):
    """The last step of an erasure: the consequences, ticked as read."""


class MailSwitchForm(FlaskForm):
    stop = BooleanField(_l("Stop every email from Minga"), description=_l(
        "Only what you ask for yourself still comes: a password reset, your download, the "
        "link to delete your account."))


class FreezeForm(FlaskForm):
    freeze_password = PasswordField(_l("Your password"), validators=[DataRequired()],
                                    description=_l("To be sure it is you who asks."))


class UnfreezeForm(FlaskForm):
    email = EmailField(_l("Email address"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired()])


class AcceptNoticeForm(FlaskForm):
    accept = BooleanField(
        _l("I have read the privacy notice and agree to it"),
        validators=[DataRequired(_l("You must accept the privacy notice to go on."))])
    next = HiddenField()
