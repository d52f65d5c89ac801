from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from app.proposals.models import EDITABLE_FIELDS, NATIONAL, OGP_VALUES
from app.proposals.services import completeness_refusal
from app.web.forms import choices_from, version_of

TEXT_MAX = 5000


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def _text(label, description):
    return TextAreaField(label, validators=[Optional(), Length(max=TEXT_MAX)],
                         description=description)


class ProposalForm(FlaskForm):
    """A proposal's fields. A draft needs only its title; set `whole_template` when the
    author previews or changes a public proposal, which need every field of the template
    (services.completeness_refusal says which are missing)."""

    whole_template = False

    title = StringField(
        _l("Title"), validators=[DataRequired(), Length(max=150)],
        description=_l("One line that says what would change, e.g. “Open data on water "
                       "rights, updated monthly”. At most 150 characters."))
    summary = TextAreaField(
        _l("Summary"), validators=[Optional(), Length(max=500)],
        description=_l("Two or three sentences a busy reader understands: the problem and "
                       "what you propose. At most 500 characters."))
    problem = _text(_l("The public problem"),
                    _l("What is wrong today, for whom, and how do you know? Facts and "
                       "sources help the Working Group."))
    commitment = _text(_l("The proposed commitment"),
                       _l("What exactly should the public body do? Concrete actions, with a "
                          "deliverable you could check. Lines starting with '-' become a list."))
    solution = _text(_l("How it solves the problem"),
                     _l("Why these actions would improve things, and who would benefit."))
    expected_results = _text(_l("Expected results"),
                             _l("What would be different at the end of the plan, ideally "
                                "measurable: numbers, dates, published documents."))
    ogp_values = CheckboxesField(
        _l("Relevance to open government values"), choices=choices_from(OGP_VALUES),
        description=_l("Tick every value the commitment advances. Technology counts only "
                       "as a means to one of the other three."))
    # An empty choice is "not chosen yet", also when a form leaves the field out.
    theme = SelectField(_l("Theme"), default="")
    responsible_body = StringField(
        _l("Responsible public body"), validators=[Optional(), Length(max=200)],
        description=_l("The ministry, service or agency that would lead, e.g. "
                       "“Consejo para la Transparencia”. Pick a suggestion or type a new one."))
    region = SelectField(_l("Region"), default="",
                         description=_l("Where the commitment applies."))
    organisation = StringField(
        _l("Submitting organisation (optional)"), validators=[Optional(), Length(max=200)],
        description=_l("Taken from your profile; leave empty to submit as an individual."))
    version = HiddenField()

    def fill_choices(self, call) -> None:
        self.theme.choices = choices_from([("", _l("Choose a theme")),
                                           *[(t, t) for t in call.themes]])
        regions = [(r, r) for r in current_app.config["MINGA_REGIONS"]]
        self.region.choices = choices_from([("", _l("Choose where it applies")),
                                            (NATIONAL, _l("National")), *regions])

    def validate(self, extra_validators=None) -> bool:
        """Check the fields; where the whole template is needed, the empty ones are listed
        with any other mistake, so the author sees everything to fix at once (the
        services check it again when publishing)."""
        valid = super().validate(extra_validators)
        refusal = completeness_refusal(self.data_for_service()) if self.whole_template else None
        if refusal is None:
            return valid
        for name, message in refusal.field_errors.items():
            if not self[name].errors:
                self[name].errors = [*self[name].errors, str(message)]
        return False

    def version_number(self) -> int:
        return version_of(self.version)

    def data_for_service(self) -> dict:
        return {field: getattr(self, field).data for field in EDITABLE_FIELDS}

    def fill_from(self, proposal) -> None:
        for field in EDITABLE_FIELDS:
            getattr(self, field).data = getattr(proposal, field)
        self.version.data = str(proposal.version)


class WithdrawForm(FlaskForm):
    reason = TextAreaField(
        _l("Why do you withdraw it?"), validators=[DataRequired(), Length(max=1000)],
        description=_l("Shown publicly on the proposal's page, e.g. “merged with 2026-0012”."))
