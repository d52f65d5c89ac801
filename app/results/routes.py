import tempfile
from pathlib import Path

from flask import Response, abort, render_template, request, send_file, stream_with_context

from app.calls.models import Phase
from app.calls.services import get_call_or_404
from app.core.clock import now
from app.results import bp, exports, open_data, stats
from app.review import services as review
from app.voting import ranking as ranks


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
                           summary=stats.summary(call, at),
                           final=call.phase(at) in (Phase.REVIEW, Phase.RESULTS))


@bp.route("/calls/<slug>/export.<fmt>")
def export(slug, fmt):
    call = get_call_or_404(slug)
    if fmt not in exports.FORMATS:
        abort(404)
    filename = f"minga-{call.slug}.{fmt}"
    headers = {"Content-Disposition": f'attachment; filename="{filename}"',
               "Cache-Control": "public, max-age=300"}
    if fmt == "sqlite":
        path = Path(tempfile.mkdtemp(prefix="minga-export-")) / filename
        exports.build_sqlite(call, path)
        response = send_file(path, mimetype=exports.MIMETYPES[fmt], as_attachment=True,
                             download_name=filename, max_age=300)
        response.call_on_close(lambda: (path.unlink(missing_ok=True), path.parent.rmdir()))
        return response
    chunks = exports.csv_chunks(call) if fmt == "csv" else exports.json_chunks(call)
    return Response(stream_with_context(chunks), mimetype=exports.MIMETYPES[fmt],
                    headers=headers)
