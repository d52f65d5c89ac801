"""Administrators keep the group's seats, holders and rules; the services audit each change."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from app.accounts.forms import SimpleForm
from app.calls.models import Call
from app.core.errors import DomainError
from app.extensions import db
from app.working_group import bp, meetings, rules, seats
from app.working_group.forms import (
    AgendaItemForm,
    EndTermForm,
    MeetingForm,
    RulesForm,
    SeatForm,
    TermForm,
)
from app.working_group.meeting_models import ATTENDANCE, Meeting
from app.working_group.models import Seat, SeatTerm
from app.web.access import admin_required
from app.web.forms import apply_form

ID = "int(max=2147483647)"


@bp.route("/admin/working-group/", methods=["GET", "POST"])
@admin_required
def admin_seats():
    form = SeatForm()
    outcome = apply_form(form, lambda: seats.add_seat(current_user, form.constituency.data,
                                                      form.name.data))
    if outcome.done:
        flash(_("The seat has been added."), "success")
        return redirect(url_for("working_group.admin_seats"))
    return render_template("working_group/admin_seats.html", form=form, seats=seats.seats(),
                           today=seats.today()), outcome.status


@bp.route(f"/admin/working-group/seats/<{ID}:seat_id>/appoint", methods=["GET", "POST"])
@admin_required
def appoint(seat_id):
    seat = db.get_or_404(Seat, seat_id)
    form = TermForm()
    outcome = apply_form(form, lambda: seats.appoint(
        current_user, seat, starts_on=form.starts_on.data, holder_name=form.holder_name.data,
        role=form.role.data, organisation=form.organisation.data,
        appointed_by=form.appointed_by.data, alternate_name=form.alternate_name.data,
        holder_email=form.holder_email.data, alternate_email=form.alternate_email.data))
    if outcome.done:
        flash(_("%(name)s now holds the seat.", name=outcome.value.holder_name), "success")
        return redirect(url_for("working_group.admin_seats"))
    return render_template("working_group/appoint.html", form=form, seat=seat), outcome.status


@bp.route(f"/admin/working-group/terms/<{ID}:term_id>/end", methods=["GET", "POST"])
@admin_required
def end_term(term_id):
    term = db.get_or_404(SeatTerm, term_id)
    if term.ends_on is not None:
        abort(404)
    form = EndTermForm()
    outcome = apply_form(form, lambda: seats.end_term(current_user, term, form.ends_on.data))
    if outcome.done:
        flash(_("The term has ended; the seat is vacant."), "success")
        return redirect(url_for("working_group.admin_seats"))
    return render_template("working_group/end_term.html", form=form, term=term), \
        outcome.status


@bp.route("/admin/working-group/rules/new", methods=["GET", "POST"])
@admin_required
def new_rules():
    form = RulesForm()
    in_force = rules.current()
    if in_force is not None and not form.is_submitted():
        form.body.data = in_force.body
    sent = form.file.data
    outcome = apply_form(form, lambda: rules.adopt(
        current_user, title=form.title.data, body=form.body.data,
        adopted_on=form.adopted_on.data, adopted_at=form.adopted_at.data,
        file_data=sent.read() if sent else None))
    if outcome.done:
        flash(_("The new version of the rules is in force."), "success")
        return redirect(url_for("working_group.rules_page"))
    return render_template("working_group/rules_form.html", form=form), outcome.status


def _meeting_form_page(form, meeting, status, agenda_form=None):
    return render_template("working_group/meeting_form.html", form=form, meeting=meeting,
                           agenda_form=agenda_form or _agenda_form(), seats=seats.seats(),
                           attendance_choices=ATTENDANCE,
                           attendance={a.seat_id: a.status for a in meeting.attendance}
                           if meeting else {}), status


def _agenda_form(form=None):
    form = form or AgendaItemForm(formdata=None)
    form.call.choices = [("", _("No call"))] + [
        (call.slug, call.title) for call in db.session.scalars(
            select(Call).order_by(Call.submission_opens_at.desc()))]
    return form


@bp.route("/admin/working-group/meetings/new", methods=["GET", "POST"])
@admin_required
def new_meeting():
    form = MeetingForm()
    outcome = apply_form(form, lambda: meetings.schedule(
        current_user, kind=form.kind.data, title=form.title.data, starts_at=form.when(),
        place=form.place.data, online_link=form.online_link.data))
    if outcome.done:
        flash(_("The meeting has been scheduled; add its agenda."), "success")
        return redirect(url_for("working_group.edit_meeting", meeting_id=outcome.value.id))
    return _meeting_form_page(form, None, outcome.status)


@bp.route(f"/admin/working-group/meetings/<{ID}:meeting_id>/edit", methods=["GET", "POST"])
@admin_required
def edit_meeting(meeting_id):
    meeting = db.get_or_404(Meeting, meeting_id)
    form = MeetingForm()
    if not form.is_submitted():
        form.fill_from(meeting)
    outcome = apply_form(form, lambda: meetings.update(
        current_user, meeting, kind=form.kind.data, title=form.title.data,
        starts_at=form.when(), place=form.place.data, online_link=form.online_link.data))
    if outcome.done:
        flash(_("The meeting has been saved."), "success")
        return redirect(url_for("working_group.meeting", meeting_id=meeting.id))
    return _meeting_form_page(form, meeting, outcome.status)


@bp.route(f"/admin/working-group/meetings/<{ID}:meeting_id>/agenda", methods=["POST"])
@admin_required
def add_agenda_item(meeting_id):
    meeting = db.get_or_404(Meeting, meeting_id)
    form = _agenda_form(AgendaItemForm())
    outcome = apply_form(form, lambda: meetings.add_agenda_item(
        current_user, meeting, form.title.data, form.call.data, form.proposal.data))
    if outcome.done:
        flash(_("The item has been added to the agenda."), "success")
        return redirect(url_for("working_group.edit_meeting", meeting_id=meeting.id))
    meeting_form = MeetingForm(formdata=None)
    meeting_form.fill_from(meeting)
    return _meeting_form_page(meeting_form, meeting, outcome.status, form)


@bp.route(f"/admin/working-group/meetings/<{ID}:meeting_id>/attendance", methods=["POST"])
@admin_required
def record_attendance(meeting_id):
    meeting = db.get_or_404(Meeting, meeting_id)
    if not SimpleForm().validate_on_submit():
        abort(400)
    statuses = {}
    for name, value in request.form.items():
        if name.startswith("seat-") and name[5:].isdigit() and value:
            statuses[int(name[5:])] = value
    try:
        meetings.record_attendance(current_user, meeting, statuses)
    except DomainError as exc:
        db.session.rollback()
        flash(str(exc.message), "error")
        return redirect(url_for("working_group.edit_meeting", meeting_id=meeting.id))
    db.session.commit()
    flash(_("Attendance has been recorded."), "success")
    return redirect(url_for("working_group.meeting", meeting_id=meeting.id))
