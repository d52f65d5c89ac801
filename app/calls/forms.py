from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    HiddenField,
    IntegerField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange

from app.calls.models import DECISION_RULES, ELIGIBILITY
from app.calls.services import EDITABLE_FIELDS
from app.core.timezones import local_to_utc, utc_to_local
from app.web.forms import choices_from, version_of

DATE_FIELDS = ("submission_opens_at", "submission_closes_at", "voting_opens_at",
               "voting_closes_at")
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
MIN_YEAR, MAX_YEAR = 2000, 2100


def _when(label, description=None):
    return DateTimeLocalField(label, format=DATETIME_FORMAT, validators=[DataRequired()],
                              description=description)


class CallForm(FlaskForm):
    slug = StringField(
        _l("Address (slug)"), validators=[DataRequired(), Length(max=64)],
        description=_l("Part of every link to this call, e.g. nap-2026. It cannot change "
                       "later, so links keep working."))
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    description = TextAreaField(
        _l("Description"), validators=[DataRequired(), Length(max=20000)],
        description=_l("What this cycle is for and how people take part. Blank lines "
                       "separate paragraphs; lines starting with '-' become lists."))
    submission_opens_at = _when(_l("Submissions open"),
                                _l("Dates and times are in the site's timezone."))
    submission_closes_at = _when(_l("Submissions close"))
    voting_opens_at = _when(_l("Voting opens"))
    voting_closes_at = _when(_l("Voting closes"))
    votes_per_voter = IntegerField(
        _l("Votes per voter"), default=10,
        validators=[InputRequired(), NumberRange(min=1, max=1000)],
        description=_l("Each voter may support up to this many different proposals."))
    themes = TextAreaField(
        _l("Themes"), validators=[DataRequired()],
        description=_l("One theme per line. Proposals are filed under one of them."))
    max_proposals_per_author = IntegerField(
        _l("Proposals per author"), default=5,
        validators=[InputRequired(), NumberRange(min=1, max=100)])
    allow_vote_withdrawal = BooleanField(_l("Voters may withdraw a vote while voting is open"),
                                         default=True)
    hide_counts_until_close = BooleanField(_l("Hide vote counts until voting closes"),
                                           default=True)
    comments_open = BooleanField(_l("Participants may comment on proposals"), default=True)
    eligibility = SelectField(_l("Who may vote"), choices=choices_from(ELIGIBILITY),
                              default="email")
    decision_rule = SelectField(_l("Working Group decision rule"),
                                choices=choices_from(DECISION_RULES), default="consensus")
    rules = TextAreaField(
        _l("Working Group rules"), validators=[Length(max=20000)],
        description=_l("The group's public procedural rules: who sits on it, how it meets "
                       "and decides."))
    version = HiddenField()

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for name in DATE_FIELDS:
            field = getattr(self, name)
            if field.data and not MIN_YEAR <= field.data.year <= MAX_YEAR:
                field.errors.append(_l("Give a year between %(low)d and %(high)d.",
                                       low=MIN_YEAR, high=MAX_YEAR))
                valid = False
        return valid

    def version_number(self) -> int:
        return version_of(self.version)

    def data_for_service(self) -> dict:
        """Return the editable fields as the service wants them: UTC times, a list of themes."""
        data = {name: getattr(self, name).data for name in EDITABLE_FIELDS}
        for name in DATE_FIELDS:
            data[name] = local_to_utc(data[name])
        data["themes"] = (self.themes.data or "").splitlines()
        data["description"] = data["description"] or ""
        data["rules"] = data["rules"] or ""
        return data

    def fill_from(self, call) -> None:
        for name in EDITABLE_FIELDS:
            getattr(self, name).data = getattr(call, name)
        for name in DATE_FIELDS:
            getattr(self, name).data = utc_to_local(getattr(call, name))
        self.themes.data = "\n".join(call.themes)
        self.version.data = str(call.version)
