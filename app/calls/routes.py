from flask import render_template
from flask_login import current_user

from app.calls import bp, services
from app.core.clock import now
from app.dialogues import services as dialogues
from app.priorities import services as priorities
from app.review import panel
from app.review import services as review


@bp.route("/")
def home():
    at = now()
    return render_template("calls/home.html", calls=services.home_calls(at), now=at)


@bp.route("/calls/")
def index():
    return render_template("calls/index.html", calls=services.list_calls(), now=now())


@bp.route("/calls/<slug>/")
def show(slug):
    call = services.get_call_or_404(slug)
    return render_template("calls/show.html", call=call, now=now(),
                           panel_terms=panel.terms_of_panel(call),
                           can_review=review.can_view(current_user, call),
                           poll=priorities.poll_of(call),
                           has_dialogues=bool(dialogues.regions_of(call)))
