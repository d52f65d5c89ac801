from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from app.review.models import CRITERIA, MIN_RESPONSE_LENGTH, OUTCOMES
from app.web.confirmation import ConfirmationFields
from app.web.forms import choices_from

SCORES = [(0, "0"), (1, "1"), (2, "2"), (3, "3")]
POSITIONS = {"agree": _l("Agree"), "disagree": _l("Disagree"), "abstain": _l("Abstain")}


def _score(label):
    return RadioField(label, choices=choices_from(SCORES), coerce=int,
                      validators=[InputRequired(_l("Score every criterion from 0 to 3."))])


class AssessmentForm(FlaskForm):
    relevance = _score(CRITERIA["relevance"])
    specificity = _score(CRITERIA["specificity"])
    measurability = _score(CRITERIA["measurability"])
    feasibility = _score(CRITERIA["feasibility"])
    impact = _score(CRITERIA["impact"])
    comment = TextAreaField(_l("Comment"), validators=[Optional(), Length(max=5000)],
                            description=_l("Seen by the Working Group only."))

    def scores(self) -> dict[str, int]:
        return {criterion: getattr(self, criterion).data for criterion in CRITERIA}


class ConflictForm(FlaskForm):
    reason = TextAreaField(_l("What is the conflict?"),
                           validators=[DataRequired(), Length(max=1000)],
                           description=_l("Published on the proposal's page, e.g. “my "
                                          "organisation submitted it”."))


class NoteForm(FlaskForm):
    body = TextAreaField(_l("Internal note"), validators=[DataRequired(), Length(max=5000)],
                         description=_l("Members only: never shown publicly or exported."))


class DecisionForm(FlaskForm):
    outcome = SelectField(_l("Outcome"),
                          choices=choices_from([("", _l("Choose an outcome")), *OUTCOMES.items()]),
                          validators=[DataRequired(_l("Choose an outcome."))])
    # A reference, not a list: a national call has 10,000 proposals to choose from.
    merged_into = StringField(_l("Merged into (reference)"),
                              validators=[Optional(), Length(max=16)],
                              filters=[lambda value: value.strip() if value else value],
                              render_kw={"autocomplete": "off", "spellcheck": "false"},
                              description=_l("Only for the outcome “merged”: the reference "
                                             "of the proposal whose commitment absorbs this "
                                             "one, e.g. 2026-0012."))
    response = TextAreaField(
        _l("Public reasoned response"),
        validators=[DataRequired(), Length(max=10000)],
        description=_l("Published with the results: what was decided and why, in plain "
                       "words. At least %(n)d characters.", n=MIN_RESPONSE_LENGTH))
    # The member's own constituency's position, and only theirs; nothing chosen beforehand.
    position = RadioField(_l("Your constituency's position"), choices=choices_from(POSITIONS),
                          validators=[InputRequired(_l("Give your constituency's position."))])
    meeting = SelectField(_l("Taken at the meeting (optional)"), choices=[],
                          validate_choice=False)
    version = HiddenField()

    def meeting_id(self) -> int | None:
        value = self.meeting.data or ""
        return int(value) if value.isdigit() and len(value) < 10 else None

    def version_number(self) -> int | None:
        try:
            return int(self.version.data) if self.version.data else None
        except ValueError:
            return 0

    def fill_from(self, decision) -> None:
        self.outcome.data = decision.outcome
        self.response.data = decision.response
        self.merged_into.data = decision.merged_into.reference if decision.merged_into else ""
        self.meeting.data = str(decision.meeting_id) if decision.meeting_id else ""
        self.version.data = str(decision.version)


class PublishForm(ConfirmationFields, FlaskForm):
    """Publishing the results: the admin confirms the consequences they were shown."""
