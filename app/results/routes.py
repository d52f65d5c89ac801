from flask import (
    Response,
    abort,
    current_app,
    render_template,
    request,
    send_file,
    stream_with_context,
)

from app.calls.models import Phase
from app.calls.services import get_call_or_404
from app.core.clock import now
from app.extensions import limiter
from app.results import bp, exports, open_data, stats
from app.review import services as review
from app.voting import ranking as ranks
from app.web.requests import client_address


bp.add_app_template_filter(stats.share, "share")


@bp.route("/calls/<slug>/results")
def show(slug):
    call = get_call_or_404(slug)
    at = now()
    visible = call.counts_public(at) and call.phase(at) not in (Phase.UPCOMING,
                                                                Phase.SUBMISSION)
    ranking = (ranks.ranking_page(call, ranks.page_number(request.args.get("page")))
               if visible else None)
    published = review.results_published(call, at)
    # Only the decisions of the proposals on this page.
    decisions = open_data.published_decisions(
        call, at, [row.proposal.id for row in ranking.items]) if ranking else {}
    return render_template("results/show.html", call=call, now=at, visible=visible,
                           ranking=ranking, decisions=decisions, published=published,
                           summary=stats.summary(call, at), withheld=stats.WITHHELD,
                           final=call.phase(at) in (Phase.REVIEW, Phase.RESULTS))


@bp.route("/calls/<slug>/export.<fmt>")
@limiter.limit(lambda: current_app.config["EXPORT_RATE_LIMIT"], key_func=client_address)
def export(slug, fmt):
    call = get_call_or_404(slug)
    if fmt not in exports.FORMATS:
        abort(404)
    filename = f"minga-{call.slug}.{fmt}"
    headers = {"Content-Disposition": f'attachment; filename="{filename}"',
               "Cache-Control": "public, max-age=300"}
    if fmt == "sqlite":
        # A kept file, with an ETag: a repeated download answers 304 and builds nothing.
        return send_file(exports.kept_sqlite(call), mimetype=exports.MIMETYPES[fmt],
                         as_attachment=True, download_name=filename, max_age=300,
                         conditional=True, etag=True)
    chunks = exports.csv_chunks(call) if fmt == "csv" else exports.json_chunks(call)
    return Response(stream_with_context(chunks), mimetype=exports.MIMETYPES[fmt],
                    headers=headers)
