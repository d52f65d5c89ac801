from flask import render_template

from app.calls.models import Phase
from app.calls.services import get_call_or_404
from app.clock import now
from app.results import bp
from app.review import services as review
from app.voting.ranking import ranked_proposals


@bp.route("/calls/<slug>/results")
def show(slug):
    call = get_call_or_404(slug)
    at = now()
    visible = call.counts_public(at) and call.phase(at) not in (Phase.UPCOMING,
                                                                Phase.SUBMISSION)
    ranking = ranked_proposals(call) if visible else []
    published = review.results_published(call, at)
    decisions = review.decisions_by_proposal(call) if published else {}
    return render_template("results/show.html", call=call, now=at, visible=visible,
                           ranking=ranking, decisions=decisions, published=published,
                           final=call.phase(at) in (Phase.REVIEW, Phase.RESULTS))
