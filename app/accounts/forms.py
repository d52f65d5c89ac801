from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, HiddenField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length, Optional

from app.accounts.models import ROLES, SECTORS
from app.accounts.passwords import MIN_LENGTH
from app.web.forms import choices_from


def _region_choices():
    regions = [(r, r) for r in current_app.config["MINGA_REGIONS"]]
    return choices_from([("", _l("Choose your region")), *regions])


def _sector_choices():
    return choices_from([("", _l("Choose a sector")), *SECTORS.items()])


class ProfileFieldsMixin:
    def fill_choices(self):
        self.sector.choices = _sector_choices()
        self.region.choices = _region_choices()


class RegisterForm(ProfileFieldsMixin, FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)],
                       description=_l("Shown beside what you publish."))
    email = EmailField(_l("Email address"), validators=[DataRequired(), Email(), Length(max=254)],
                       description=_l("Never shown publicly. We send a link to confirm it."))
    password = PasswordField(
        _l("Password"), validators=[DataRequired()],
        description=_l("At least %(n)d characters; a few unrelated words are easy to "
                       "remember and hard to guess.", n=MIN_LENGTH))
    sector = SelectField(_l("Sector"), validators=[DataRequired()],
                         description=_l("Government accounts can vote and comment, but the "
                                        "open call is for non-governmental proposals."))
    region = SelectField(_l("Region"), validators=[DataRequired()])
    organisation = StringField(_l("Organisation (optional)"),
                               validators=[Optional(), Length(max=200)],
                               description=_l("The organisation you speak for, if any."))
    accept_privacy = BooleanField(
        _l("I have read the privacy notice and agree to it"),
        validators=[DataRequired(_l("You must accept the privacy notice to register."))])


class LoginForm(FlaskForm):
    email = EmailField(_l("Email address"), validators=[DataRequired(), Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired()])
    remember = BooleanField(_l("Remember me on this device for 30 days"))
    next = HiddenField()


class EmailOnlyForm(FlaskForm):
    email = EmailField(_l("Email address"), validators=[DataRequired(), Email(), Length(max=254)])


class NewPasswordForm(FlaskForm):
    password = PasswordField(_l("New password"), validators=[DataRequired()],
                             description=_l("At least %(n)d characters.", n=MIN_LENGTH))


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(_l("Current password"), validators=[DataRequired()])
    new_password = PasswordField(_l("New password"), validators=[DataRequired()],
                                 description=_l("At least %(n)d characters.", n=MIN_LENGTH))


class ChangeEmailForm(FlaskForm):
    new_email = EmailField(_l("New email address"),
                           validators=[DataRequired(), Email(), Length(max=254)],
                           description=_l("We send a link to it: the change is made when you "
                                          "open that link."))
    email_password = PasswordField(_l("Current password"), validators=[DataRequired()])


class ProfileForm(ProfileFieldsMixin, FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)])
    sector = SelectField(_l("Sector"), validators=[DataRequired()])
    region = SelectField(_l("Region"), validators=[DataRequired()])
    organisation = StringField(_l("Organisation (optional)"),
                               validators=[Optional(), Length(max=200)])
    notify_by_email = BooleanField(_l("Email me the Working Group's answer to my proposals"))
    notify_comments = BooleanField(_l("Email me when someone comments on my proposals"))
    notify_moderation = BooleanField(_l("Email me when moderators act on what I published"))
    notify_merges = BooleanField(_l("Email me when one of my proposals is merged"))
    notify_replies = BooleanField(_l("Email me when someone replies to my comments"))
    notify_outcomes = BooleanField(_l("Email me the outcome of the proposals I voted for, "
                                      "when the results are published"))


class RoleForm(FlaskForm):
    role = SelectField(_l("Role"), choices=choices_from(ROLES), validators=[DataRequired()])


class SimpleForm(FlaskForm):
    """A form with nothing but its CSRF token: logout, resend and similar buttons."""


class LocaleForm(FlaskForm):
    locale = HiddenField(validators=[DataRequired()])
    next = HiddenField()
