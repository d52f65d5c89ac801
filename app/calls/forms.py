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
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from app.calls.models import DATE_FIELDS, DECISION_RULES, ELIGIBILITY, TEXT_FIELDS
from app.calls.services import EDITABLE_FIELDS, TEXT_LIMITS
from app.core.timezones import local_to_utc, utc_to_local
from app.web.confirmation import ConfirmationFields
from app.web.forms import choices_from, version_of

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
MIN_YEAR, MAX_YEAR = 2000, 2100
# Every language the site speaks (config MINGA_LOCALES), named in the reader's language.
LANGUAGE_NAMES = {"es": _l("Spanish"), "en": _l("English")}


def years_in_range(fields) -> bool:
    """Refuse a year outside MIN_YEAR..MAX_YEAR on each date field, beside the field: a
    typo such as 20256 or 0001 is never stored (and year 9999 would overflow the UTC shift)."""
    valid = True
    for field in fields:
        if field.data and not MIN_YEAR <= field.data.year <= MAX_YEAR:
            field.errors.append(_l("Give a year between %(low)d and %(high)d.",
                                   low=MIN_YEAR, high=MAX_YEAR))
            valid = False
    return valid


def _when(label, description=None):
    return DateTimeLocalField(label, format=DATETIME_FORMAT, validators=[DataRequired()],
                              description=description)


class CallForm(ConfirmationFields, FlaskForm):
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
        return years_in_range([getattr(self, name) for name in DATE_FIELDS]) and valid

    def translated(self, code: str) -> list:
        """The fields of the texts in language `code`, in the order of TEXT_FIELDS."""
        return [getattr(self, f"{field}_{code}") for field in TEXT_FIELDS]

    def version_number(self) -> int:
        return version_of(self.version)

    def data_for_service(self) -> dict:
        """Return the editable fields as the service wants them: UTC times, a list of themes."""
        data = {name: getattr(self, name).data for name in EDITABLE_FIELDS
                if name != "translations"}
        for name in DATE_FIELDS:
            data[name] = local_to_utc(data[name])
        data["themes"] = (self.themes.data or "").splitlines()
        data["description"] = data["description"] or ""
        data["rules"] = data["rules"] or ""
        data["translations"] = {
            code: {field: getattr(self, f"{field}_{code}").data or "" for field in TEXT_FIELDS}
            for code in LANGUAGE_NAMES}
        return data

    def fill_from(self, call) -> None:
        for name in EDITABLE_FIELDS:
            if name != "translations":
                getattr(self, name).data = getattr(call, name)
        for name in DATE_FIELDS:
            getattr(self, name).data = utc_to_local(getattr(call, name))
        self.themes.data = "\n".join(call.themes)
        for code, texts in (call.translations or {}).items():
            for field, text in texts.items():
                if code in LANGUAGE_NAMES and field in TEXT_FIELDS:
                    getattr(self, f"{field}_{code}").data = text
        self.version.data = str(call.version)


def _translated_fields() -> None:
    """A title, description and rules field per language, e.g. title_en; the form shows
    those of the languages other than the default one (calls.services.other_locales)."""
    for code, language in LANGUAGE_NAMES.items():
        setattr(CallForm, f"title_{code}", StringField(
            _l("Title in %(language)s", language=language),
            validators=[Optional(), Length(max=TEXT_LIMITS["title"])]))
        setattr(CallForm, f"description_{code}", TextAreaField(
            _l("Description in %(language)s", language=language),
            validators=[Optional(), Length(max=TEXT_LIMITS["description"])]))
        setattr(CallForm, f"rules_{code}", TextAreaField(
            _l("Working Group rules in %(language)s", language=language),
            validators=[Optional(), Length(max=TEXT_LIMITS["rules"])]))


_translated_fields()
