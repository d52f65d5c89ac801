from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import BooleanField, DateTimeLocalField, IntegerField, SelectField, StringField
from wtforms import SelectMultipleField, TextAreaField
from wtforms.validators import DataRequired, Email, InputRequired, Length, NumberRange, Optional

from app.calls.forms import DATETIME_FORMAT
from app.core.timezones import local_to_utc, utc_to_local
from app.dialogues.models import ATTENDANCE_SECTORS, KINDS
from app.dialogues.services import SESSION_FIELDS, documents_text
from app.proposals.forms import ProposalForm
from app.web.forms import choices_from


def _count(label):
    return IntegerField(label, default=0, validators=[InputRequired(),
                                                      NumberRange(min=0, max=100000)])


class SessionForm(FlaskForm):
    title = StringField(_l("Name"), validators=[DataRequired(), Length(max=200)],
                        description=_l("E.g. “Mesa regional de Temuco”."))
    kind = SelectField(_l("Kind of session"), choices=choices_from(KINDS))
    region = SelectField(_l("Region"))
    city = StringField(_l("City"), validators=[DataRequired(), Length(max=120)])
    held_at = DateTimeLocalField(_l("Held on"), format=DATETIME_FORMAT,
                                 validators=[DataRequired()],
                                 description=_l("Dates and times are in the site's timezone."))
    convened_by = StringField(_l("Convening organisation"),
                              validators=[DataRequired(), Length(max=200)])
    attendance_civil_society = _count(_l("Attendance: civil society"))
    attendance_academia = _count(_l("Attendance: academia"))
    attendance_private_sector = _count(_l("Attendance: private sector"))
    attendance_citizen = _count(_l("Attendance: citizens"))
    attendance_government = _count(_l("Attendance: government"))
    agenda = TextAreaField(_l("Agenda"), validators=[Optional(), Length(max=20000)],
                           description=_l("Lines starting with '-' become a list."))
    minutes = TextAreaField(_l("Minutes"), validators=[Optional(), Length(max=100000)],
                            description=_l("What was said and agreed. Blank lines separate "
                                           "paragraphs."))
    documents = TextAreaField(
        _l("Documents"), validators=[Optional(), Length(max=10000)],
        description=_l("One a line, as “Title | https://…” (presentations, attendance "
                       "sheets, photos of the flip charts)."))
    repository_documents = SelectMultipleField(
        _l("Documents of the public repository"), coerce=int, validators=[Optional()],
        description=_l("Optional: documents of the repository about this session, e.g. its "
                       "minutes. Hold Ctrl (or ⌘) to pick several."))

    def fill_choices(self) -> None:
        from app.working_group import documents as repository

        self.region.choices = choices_from([(r, r) for r in current_app.config["MINGA_REGIONS"]])
        self.repository_documents.choices = [
            (d.id, f"{d.title} ({d.dated_on.isoformat()})")
            for d in repository.listed(repository.Filter())]

    def data_for_service(self) -> dict:
        data = {field: getattr(self, field).data for field in SESSION_FIELDS}
        data["held_at"] = local_to_utc(self.held_at.data)
        data["attendance"] = {s: self[f"attendance_{s}"].data for s in ATTENDANCE_SECTORS}
        data["documents"] = self.documents.data or ""
        data["repository_documents"] = self.repository_documents.data or []
        return data

    def fill_from(self, session) -> None:
        for field in SESSION_FIELDS:
            getattr(self, field).data = getattr(session, field)
        self.held_at.data = utc_to_local(session.held_at)
        for sector in ATTENDANCE_SECTORS:
            self[f"attendance_{sector}"].data = (session.attendance or {}).get(sector, 0)
        self.documents.data = documents_text(session)
        self.repository_documents.data = [d["document_id"] for d in session.documents or []
                                          if d.get("document_id")]


class FacilitatorForm(FlaskForm):
    email = StringField(_l("Email address of the facilitator's account"),
                        validators=[DataRequired(), Email(), Length(max=254)])


class OnBehalfForm(ProposalForm):
    """A proposal made at a session, typed in by its facilitator."""

    whole_template = True
    credited_author = StringField(
        _l("Proposed by"), validators=[DataRequired(), Length(max=200)],
        description=_l("The person or organisation who made the proposal, named as they "
                       "agreed to be credited publicly. They need no account."))
    organisation = StringField(
        _l("Organisation (optional)"), validators=[Optional(), Length(max=200)],
        description=_l("The organisation the proposer speaks for, if any."))


class ImportForm(FlaskForm):
    file = FileField(_l("CSV file"), validators=[FileRequired()],
                     description=_l("UTF-8, with the template's columns, at most 2 MB."))
    dry_run = BooleanField(_l("Dry run: check every row and write nothing"), default=True)
