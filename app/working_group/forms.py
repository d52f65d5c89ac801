from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    DateField,
    DateTimeLocalField,
    EmailField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
    URLField,
)
from wtforms.validators import Length, Optional

from app.core.timezones import local_to_utc, utc_to_local
from app.review.models import CONSTITUENCIES
from app.working_group.document_models import DOCUMENT_KINDS
from app.working_group.meeting_models import MEETING_KINDS, STANCES
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
    file = FileField(_l("File of the adopted text (optional)"),
                     description=_l("PDF, ODT, DOCX, XLSX or CSV, up to 2 MB. It is also "
                                    "listed in the document repository."))


class MeetingForm(FlaskForm):
    kind = SelectField(_l("Type of meeting"), choices=choices_from(MEETING_KINDS))
    title = StringField(_l("Title"), validators=NAME)
    starts_at = DateTimeLocalField(_l("Date and time"), format="%Y-%m-%dT%H:%M",
                                   validators=[Optional()],
                                   description=_l("In the site's timezone."))
    place = StringField(_l("Place"), validators=[Length(max=300)])
    online_link = URLField(_l("Online link"), validators=[Length(max=500)],
                           description=_l("Where to join online, if the meeting is also "
                                          "held online."))

    def when(self):
        return local_to_utc(self.starts_at.data)

    def fill_from(self, meeting) -> None:
        for name in ("kind", "title", "place", "online_link"):
            getattr(self, name).data = getattr(meeting, name)
        self.starts_at.data = utc_to_local(meeting.starts_at)


class AgendaItemForm(FlaskForm):
    title = StringField(_l("Agenda item"), validators=[Length(max=300)])
    call = SelectField(_l("About a call (optional)"), choices=[], validate_choice=False)
    proposal = StringField(_l("About a proposal (optional)"), validators=[Length(max=20)],
                           description=_l("Its reference, e.g. 2026-0042."))


class MinutesForm(FlaskForm):
    body = TextAreaField(_l("Minutes"), validators=[Length(max=60_000)],
                         description=_l("What was discussed and agreed. Blank lines "
                                        "separate paragraphs; lines starting with \"- \" "
                                        "make a list."))


class ResponseForm(FlaskForm):
    stance = RadioField(_l("Your seat's answer"), choices=choices_from(STANCES),
                        validate_choice=False)
    comment = TextAreaField(_l("Comment"), validators=[Length(max=5_000)],
                            description=_l("Required when you object: say what should "
                                           "change."))


class ObserverCommentForm(FlaskForm):
    comment = TextAreaField(_l("Comment"), validators=[Length(max=5_000)],
                            description=_l("Observers comment on the minutes; they do not "
                                           "approve them."))


class DocumentForm(FlaskForm):
    title = StringField(_l("Title"), validators=[Length(max=300)])
    kind = SelectField(_l("Type of document"), choices=choices_from(DOCUMENT_KINDS))
    dated_on = DateField(_l("Date of the document"), validators=[Optional()])
    meeting = SelectField(_l("Meeting (optional)"), choices=[], validate_choice=False)
    call = SelectField(_l("Call (optional)"), choices=[], validate_choice=False)
    file = FileField(_l("File"), description=_l("PDF, ODT, DOCX, XLSX or CSV, up to 2 MB."))
