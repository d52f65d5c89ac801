"""Meetings: the public list, each meeting's page (agenda, attendance, minutes as far as the
reader may see them), the calendar feed, and the minutes' steps."""

from flask import Response, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.accounts.forms import SimpleForm
from app.core.errors import DomainError
from app.extensions import db
from app.working_group import bp, calendar_feed, meetings, minutes, seats
from app.working_group.forms import MinutesForm, ObserverCommentForm, ResponseForm
from app.working_group.meeting_models import ATTENDANCE, Meeting, Minutes
from app.web.forms import show_domain_error

ID = "int(max=2147483647)"


@bp.route("/working-group/meetings/")
def meetings_page():
    return render_template("working_group/meetings.html", name=seats.group_name(),
                           upcoming=meetings.upcoming(), past=meetings.past())


@bp.route("/working-group/meetings.ics")
def meetings_ics():
    body = calendar_feed.feed(meetings.upcoming(), seats.group_name())
    return Response(body, mimetype="text/calendar", headers={
        "Content-Disposition": 'inline; filename="meetings.ics"'})


def meeting_page(meeting: Meeting, status: int = 200, **forms):
    shown = minutes.shown_to(current_user, meeting)
    latest = shown[0] if shown else None
    sittings = seats.sittings_of(current_user)
    votes = any(s.seat.votes for s in sittings)
    draft = meeting.minutes[-1] if meeting.minutes else None
    minutes_form = forms.get("minutes_form") or MinutesForm(formdata=None)
    if "minutes_form" not in forms and draft is not None and draft.state == "draft":
        minutes_form.body.data = draft.body
    response_form = forms.get("response_form") or ResponseForm(formdata=None)
    comment_form = forms.get("comment_form") or ObserverCommentForm(formdata=None)
    return render_template(
        "working_group/meeting.html", name=seats.group_name(), meeting=meeting, shown=shown,
        latest=latest, standings=minutes.standings(latest) if latest else [],
        observer_comments=minutes.observer_comments(latest) if latest else [],
        minutes_rules=minutes, seats_now=seats.seats(), today=seats.today(),
        attendance={a.seat_id: a for a in meeting.attendance},
        attendance_choices=ATTENDANCE, votes=votes, sittings=sittings,
        can_write=minutes.can_edit(current_user, draft), minutes_form=minutes_form,
        response_form=response_form, comment_form=comment_form, step_form=SimpleForm(),
        decisions=meetings.decisions_taken_at(meeting, current_user)
    ), status


@bp.route(f"/working-group/meetings/<{ID}:meeting_id>")
def meeting(meeting_id):
    return meeting_page(db.get_or_404(Meeting, meeting_id))


def _refused(meeting, exc: DomainError, **forms):
    db.session.rollback()
    if not forms:
        flash(str(exc.message), "error")
    return meeting_page(meeting, exc.status, **forms)


@bp.route(f"/working-group/meetings/<{ID}:meeting_id>/minutes", methods=["POST"])
@login_required
def save_minutes(meeting_id):
    meeting = db.get_or_404(Meeting, meeting_id)
    form = MinutesForm()
    if not form.validate_on_submit():
        return meeting_page(meeting, 422, minutes_form=form)
    try:
        minutes.save_draft(current_user, meeting, form.body.data)
    except DomainError as exc:
        show_domain_error(form, exc)
        return _refused(meeting, exc, minutes_form=form)
    db.session.commit()
    flash(_("The draft minutes have been saved."), "success")
    return redirect(url_for("working_group.meeting", meeting_id=meeting.id))


def _step(minutes_id: int, action, done_message):
    found = db.get_or_404(Minutes, minutes_id)
    meeting = found.meeting
    if not SimpleForm().validate_on_submit():
        abort(400)
    try:
        action(current_user, found)
    except DomainError as exc:
        return _refused(meeting, exc)
    db.session.commit()
    flash(done_message(), "success")
    return redirect(url_for("working_group.meeting", meeting_id=meeting.id))


@bp.route(f"/working-group/minutes/<{ID}:minutes_id>/circulate", methods=["POST"])
@login_required
def circulate_minutes(minutes_id):
    return _step(minutes_id, minutes.circulate,
                 lambda: _("The minutes have been circulated; each member was told by mail."))


@bp.route(f"/working-group/minutes/<{ID}:minutes_id>/draft", methods=["POST"])
@login_required
def minutes_back_to_draft(minutes_id):
    return _step(minutes_id, minutes.return_to_draft,
                 lambda: _("The minutes are a draft again; circulating them asks every seat "
                           "anew."))


@bp.route(f"/working-group/minutes/<{ID}:minutes_id>/publish", methods=["POST"])
@login_required
def publish_minutes(minutes_id):
    return _step(minutes_id, minutes.publish, lambda: _("The minutes are published."))


@bp.route(f"/working-group/minutes/<{ID}:minutes_id>/correct", methods=["POST"])
@login_required
def correct_minutes(minutes_id):
    return _step(minutes_id, minutes.correct,
                 lambda: _("A correction has been started as a new draft; the published "
                           "minutes stay as they are."))


@bp.route(f"/working-group/minutes/<{ID}:minutes_id>/answer", methods=["POST"])
@login_required
def answer_minutes(minutes_id):
    found = db.get_or_404(Minutes, minutes_id)
    meeting = found.meeting
    votes = any(s.seat.votes for s in seats.sittings_of(current_user))
    form = ResponseForm() if votes else ObserverCommentForm()
    key = "response_form" if votes else "comment_form"
    if not form.validate_on_submit():
        return meeting_page(meeting, 422, **{key: form})
    try:
        minutes.respond(current_user, found, form.stance.data if votes else None,
                        form.comment.data)
    except DomainError as exc:
        show_domain_error(form, exc)
        return _refused(meeting, exc, **{key: form})
    db.session.commit()
    flash(_("Your seat's answer has been recorded."), "success")
    return redirect(url_for("working_group.meeting", meeting_id=meeting.id))
