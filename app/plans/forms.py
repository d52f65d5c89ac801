from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    DateTimeLocalField,
    EmailField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional

from app.calls.forms import DATETIME_FORMAT, years_in_range
from app.core.timezones import local_to_utc
from app.plans.consultation import FIELDS as CONSULTED_FIELDS
from app.plans.models import COMMITMENT_FIELDS, MILESTONE_FIELDS, PLAN_STATUSES, TEMPLATE_TEXTS
from app.plans.progress import SELF_STATUSES
from app.plans.readings import STANCES
from app.plans.scales import COMPLETION, POTENTIAL
from app.plans.services import TEXT_MAX, WEIGHT_MAX
from app.proposals.forms import CheckboxesField
from app.proposals.models import OGP_VALUES
from app.review.models import MIN_RESPONSE_LENGTH
from app.web.forms import choices_from, version_of


def _text(label, description=None):
    return TextAreaField(label, validators=[Optional(), Length(max=TEXT_MAX)],
                         description=description)


class PlanForm(FlaskForm):
    slug = StringField(
        _l("Address (slug)"), validators=[DataRequired(), Length(max=60)],
        description=_l("Part of every link to this plan, e.g. nap-2016. It cannot change "
                       "later, so links keep working."))
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    description = _text(_l("Description"))
    starts_on = DateField(_l("Period starts"), validators=[DataRequired()])
    ends_on = DateField(_l("Period ends"), validators=[DataRequired()])
    status = SelectField(_l("Status"), choices=choices_from(PLAN_STATUSES))
    adopted_on = DateField(_l("Adopted on"), validators=[Optional()])
    call_id = SelectField(_l("Co-created in the call"), coerce=int,
                          description=_l("The open call whose proposals became this plan's "
                                         "commitments."))

    def data_for_service(self) -> dict:
        return {name: getattr(self, name).data for name in
                ("title", "description", "starts_on", "ends_on", "status", "adopted_on",
                 "call_id")}


class CommitmentForm(FlaskForm):
    sources = CheckboxesField(
        _l("Source proposals"),
        description=_l("Shortlisted proposals of the plan's call. \"Copy their texts\" fills "
                       "the template below from them; their references and votes are shown "
                       "on the commitment."))
    title = StringField(_l("Title"), validators=[DataRequired(), Length(max=200)])
    problem = _text(TEMPLATE_TEXTS["problem"])
    description = _text(TEMPLATE_TEXTS["description"])
    how_it_helps = _text(TEMPLATE_TEXTS["how_it_helps"])
    ogp_values = CheckboxesField(_l("OGP values"), choices=choices_from(OGP_VALUES))
    ogp_relevance = _text(TEMPLATE_TEXTS["ogp_relevance"])
    expected_results = _text(TEMPLATE_TEXTS["expected_results"])
    theme = StringField(_l("Theme"), validators=[Optional(), Length(max=200)])
    sdg_targets = StringField(_l("SDG targets"), validators=[Optional(), Length(max=200)],
                              description=_l("Optional, e.g. 16.6, 16.10."))
    lead_agency = StringField(_l("Lead agency"), validators=[DataRequired(), Length(max=200)])
    supporting_government = _text(_l("Supporting actors from government"))
    supporting_others = _text(_l("Supporting actors from civil society and others"))
    starts_on = DateField(_l("Start date"), validators=[Optional()])
    ends_on = DateField(_l("End date"), validators=[Optional()])
    version = HiddenField()

    def data_for_service(self) -> dict:
        return {name: getattr(self, name).data for name in COMMITMENT_FIELDS}

    def fill_from(self, values: dict) -> None:
        for name, value in values.items():
            if name in self:
                self[name].data = value

    def version_number(self) -> int:
        return version_of(self.version)


class MilestoneForm(FlaskForm):
    deliverable = StringField(_l("Deliverable"), validators=[DataRequired(), Length(max=300)])
    indicator = _text(_l("Indicator"))
    verification = _text(_l("Means of verification"))
    responsible = StringField(_l("Responsible"), validators=[Optional(), Length(max=200)])
    starts_on = DateField(_l("Start date"), validators=[Optional()])
    ends_on = DateField(_l("End date"), validators=[Optional()])
    weight = IntegerField(
        _l("Weight"), default=1, validators=[InputRequired(), NumberRange(min=1, max=WEIGHT_MAX)],
        description=_l("Its share of the commitment's progress, relative to the other "
                       "milestones' weights."))

    def data_for_service(self) -> dict:
        return {name: getattr(self, name).data for name in MILESTONE_FIELDS}


class ImplementerForm(FlaskForm):
    email = EmailField(_l("Email of the official's account"),
                       validators=[DataRequired(), Email(), Length(max=254)],
                       description=_l("An official of the lead agency, registered first. "
                                      "Their name is shown on the commitment."))


def evidence_lines(text: str | None) -> list[tuple[str, str]]:
    """`https://… label` per line -> (url, label) pairs."""
    pairs = []
    for line in (text or "").splitlines():
        url, _, label = line.strip().partition(" ")
        if url:
            pairs.append((url, label))
    return pairs


class UpdateForm(FlaskForm):
    milestone_id = SelectField(_l("Milestone"), coerce=int)
    status = SelectField(_l("Completion of the milestone"), choices=choices_from(SELF_STATUSES))
    narrative = TextAreaField(
        _l("What was done"), validators=[DataRequired(), Length(max=10_000)],
        description=_l("What was done since the last update, what is left, and the reasons "
                       "for any delay."))
    evidence = TextAreaField(
        _l("Evidence"), validators=[Optional(), Length(max=6000)],
        description=_l("One link per line: the address, then a space and what it is. "
                       "E.g. https://www.example.gob.cl/acta.pdf Minutes of the launch."))
    documents = SelectMultipleField(
        _l("Documents of the public repository"), coerce=int, validators=[Optional()],
        description=_l("Optional: pick the documents that show the progress; upload them "
                       "to the repository first. Hold Ctrl (or ⌘) to pick several."))

    def links(self) -> list[tuple[str, str]]:
        return evidence_lines(self.evidence.data)


class CodingForm(FlaskForm):
    completion = RadioField(_l("Completion"), choices=choices_from(COMPLETION),
                            validators=[InputRequired()])
    potential = RadioField(_l("Potential for results"), choices=choices_from(POTENTIAL),
                           validators=[InputRequired()])
    verifiable = RadioField(_l("Verifiable"),
                            choices=choices_from({"yes": _l("Yes"), "no": _l("No")}),
                            validators=[InputRequired()])
    source_title = StringField(_l("Source"), validators=[Optional(), Length(max=300)],
                               description=_l("The report the coding comes from, e.g. "
                                              "IRM Chile Implementation Report 2016–2018."))
    source_url = StringField(_l("Link to the source"), validators=[Optional(), Length(max=500)])


class ReadingForm(FlaskForm):
    stance = RadioField(_l("Your reading"), choices=choices_from(STANCES),
                        validators=[InputRequired()])
    reasons = TextAreaField(_l("Reasons"), validators=[DataRequired(), Length(max=5000)],
                            description=_l("Why you agree or disagree with what the update "
                                           "reports. It is published with your name."))
    evidence_url = StringField(_l("Link to your evidence"),
                               validators=[Optional(), Length(max=500)],
                               description=_l("Optional: a web address starting with "
                                              "https://."))


class AnswerForm(FlaskForm):
    answer = TextAreaField(_l("Your answer"), validators=[DataRequired(), Length(max=5000)],
                           description=_l("Published beside the reading; it cannot be "
                                          "changed later."))


class ImportForm(FlaskForm):
    file = FileField(_l("CSV file"), validators=[FileRequired()],
                     description=_l("In the format of the plan's CSV export: one row per "
                                    "milestone, its commitment's columns repeated."))
    dry_run = BooleanField(_l("Only check the file (dry run): write nothing"), default=True)


class CommitmentCommentForm(FlaskForm):
    body = TextAreaField(_l("Your comment"), validators=[DataRequired(), Length(max=5000)],
                         description=_l("Be constructive: comments are public. Lines "
                                        "starting with '-' become lists."))
    field = SelectField(_l("About"), validators=[Optional()],
                        choices=choices_from({"": _l("The commitment as a whole"),
                                              **CONSULTED_FIELDS}))
    parent_id = HiddenField(validators=[Optional()])


class ConsultationAnswerForm(FlaskForm):
    answer = TextAreaField(
        _l("The Working Group's response"), validators=[DataRequired(), Length(max=5000)],
        description=_l("Public, beside the comment: say what the group did with it and why. "
                       "At least %(n)d characters; it cannot be changed later.",
                       n=MIN_RESPONSE_LENGTH))


class ConsultationWindowForm(FlaskForm):
    opens_at = DateTimeLocalField(_l("Consultation opens"), format=DATETIME_FORMAT,
                                  validators=[DataRequired()],
                                  description=_l("Dates and times are in the site's timezone."))
    closes_at = DateTimeLocalField(_l("Consultation closes"), format=DATETIME_FORMAT,
                                   validators=[DataRequired()])

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        return years_in_range([self.opens_at, self.closes_at]) and valid

    def data_for_service(self) -> dict:
        return {"opens_at": local_to_utc(self.opens_at.data),
                "closes_at": local_to_utc(self.closes_at.data)}
