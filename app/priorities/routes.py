from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.accounts.forms import SimpleForm
from app.calls.services import get_call_or_404
from app.core.clock import now
from app.core.timezones import utc_to_local
from app.extensions import db, limiter
from app.priorities import bp, services
from app.priorities.forms import AdoptForm, ChoiceForm, PollForm, ThemeForm
from app.priorities.models import PriorityTheme
from app.web.access import admin_required
from app.web.forms import apply_form
from app.web.requests import client_address

ID = "<int(max=2147483647):theme_id>"


def _poll_or_404(call):
    poll = services.poll_of(call)
    if poll is None:
        abort(404)
    return poll


def _page(call, poll, form, status=200):
    at = now()
    ranked = services.ranked_themes(poll)
    return render_template(
        "priorities/show.html", call=call, poll=poll, form=form, ranked=ranked,
        themes=services.themes_of(poll), ballots=services.ballot_count(poll), now=at,
        is_open=poll.is_open(at), has_chosen=services.has_chosen(poll, current_user),
        total_picks=sum(t.vote_count for t in ranked)), status


@bp.route("/calls/<slug>/priorities", methods=["GET", "POST"])
# As generous per address as votes are: a dialogue session chooses from one network.
@limiter.limit(lambda: current_app.config["VOTE_RATE_LIMIT_ADDRESS"], key_func=client_address,
               methods=["POST"])
def show(slug):
    call = get_call_or_404(slug)
    poll = _poll_or_404(call)
    form = ChoiceForm()
    form.fill_choices(services.themes_of(poll), poll.max_picks)
    outcome = apply_form(form, lambda: services.choose_priorities(
        poll, current_user, form.themes.data, form.code.data))
    if outcome.done:
        flash(_("Your choice is counted. Thank you for taking part."), "success")
        return redirect(url_for("priorities.show", slug=slug))
    return _page(call, poll, form, outcome.status)


# --- administration --------------------------------------------------------------------------

def _admin_page(call, poll, poll_form=None, theme_form=None, adopt_form=None, status=200):
    if poll_form is None:
        poll_form = PollForm(formdata=None)
        if poll is not None:
            poll_form.max_picks.data = poll.max_picks
            poll_form.opens_at.data = utc_to_local(poll.opens_at)
            poll_form.closes_at.data = utc_to_local(poll.closes_at)
    themes = services.ranked_themes(poll) if poll else []
    adopt_form = adopt_form or AdoptForm(formdata=None, data={"count": poll.max_picks
                                                              if poll else 1})
    return render_template(
        "priorities/admin.html", call=call, poll=poll, poll_form=poll_form,
        theme_form=theme_form or ThemeForm(formdata=None), adopt_form=adopt_form,
        remove_form=SimpleForm(formdata=None), themes=themes, now=now()), status


@bp.route("/admin/calls/<slug>/priorities", methods=["GET", "POST"])
@admin_required
def admin(slug):
    call = get_call_or_404(slug)
    poll = services.poll_of(call)
    form = PollForm()
    outcome = apply_form(form, lambda: services.save_poll(current_user, call,
                                                          **form.data_for_service()))
    if outcome.done:
        flash(_("The priorities poll is saved."), "success")
        return redirect(url_for("priorities.admin", slug=slug))
    if request.method == "GET":
        form = None
    return _admin_page(call, poll, poll_form=form, status=outcome.status)


@bp.route("/admin/calls/<slug>/priorities/themes", methods=["POST"])
@admin_required
def add_theme(slug):
    call = get_call_or_404(slug)
    poll = _poll_or_404(call)
    form = ThemeForm()
    outcome = apply_form(form, lambda: services.add_theme(current_user, poll, form.name.data,
                                                          form.description.data))
    if outcome.done:
        flash(_("The theme is added."), "success")
        return redirect(url_for("priorities.admin", slug=slug))
    return _admin_page(call, poll, theme_form=form, status=outcome.status)


@bp.route(f"/admin/calls/<slug>/priorities/themes/{ID}/remove", methods=["POST"])
@admin_required
def remove_theme(slug, theme_id):
    call = get_call_or_404(slug)
    poll = _poll_or_404(call)
    theme = db.session.get(PriorityTheme, theme_id)
    if theme is None or theme.poll_id != poll.id:
        abort(404)
    outcome = apply_form(SimpleForm(), lambda: services.remove_theme(current_user, theme))
    if outcome.done:
        flash(_("The theme is removed."), "success")
    elif outcome.error is not None:
        flash(str(outcome.error.message), "error")
    return redirect(url_for("priorities.admin", slug=slug))


@bp.route("/admin/calls/<slug>/priorities/adopt", methods=["POST"])
@admin_required
def adopt(slug):
    call = get_call_or_404(slug)
    poll = _poll_or_404(call)
    form = AdoptForm()
    outcome = apply_form(form, lambda: services.adopt_top_themes(current_user, poll,
                                                                 form.count.data))
    if outcome.done:
        flash(_("The call's themes are now: %(themes)s.", themes=", ".join(outcome.value)),
              "success")
        return redirect(url_for("priorities.show", slug=slug))
    return _admin_page(call, poll, adopt_form=form, status=outcome.status)
