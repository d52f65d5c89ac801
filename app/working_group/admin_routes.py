"""Administrators keep the group's seats, holders and rules; the services audit each change."""

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.extensions import db
from app.working_group import bp, rules, seats
from app.working_group.forms import EndTermForm, RulesForm, SeatForm, TermForm
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
    outcome = apply_form(form, lambda: rules.adopt(
        current_user, title=form.title.data, body=form.body.data,
        adopted_on=form.adopted_on.data, adopted_at=form.adopted_at.data))
    if outcome.done:
        flash(_("The new version of the rules is in force."), "success")
        return redirect(url_for("working_group.rules_page"))
    return render_template("working_group/rules_form.html", form=form), outcome.status
