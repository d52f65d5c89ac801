"""Deliberation in the open demo call: comment threads, a report waiting, a merged duplicate."""

from sqlalchemy import select

from app.calls.models import Call
from app.extensions import db
from app.moderation import services
from app.proposals.models import Proposal

THREADS = [
    ("¿Qué plazo proponen para la primera publicación? Sería bueno un hito a seis meses.",
     "Buena idea: lo agregaremos como primer hito si la Mesa la selecciona."),
    ("Desde la academia podemos aportar la metodología de evaluación de impacto.", None),
    ("Ojo con los datos personales: el registro debería anonimizar a las personas naturales.",
     "Totalmente de acuerdo, lo precisamos en los resultados esperados."),
]


def load_deliberation(call: Call, participants: list, moderator) -> None:
    proposals = list(db.session.scalars(select(Proposal).where(Proposal.call_id == call.id)
                                        .order_by(Proposal.reference)))
    for index, (question, answer) in enumerate(THREADS):
        proposal = proposals[index * 3]
        commenter = next(p for p in participants if p.id != proposal.author_id)
        comment = services.add_comment(commenter, proposal, question)
        if answer:
            services.add_comment(proposal.author, proposal, answer, parent=comment)
    # A proposal reported by two people: below the threshold, waiting in the queue.
    reported = proposals[-1]
    reporters = [p for p in participants if p.id != reported.author_id][:2]
    for reporter in reporters:
        services.report(reporter, reported, "off_topic")
    # The near-duplicate municipal lobby registries: the later one joins the earlier.
    lobby = [p for p in proposals if "lobby municipal" in p.title.lower()]
    if len(lobby) >= 2:
        services.merge(moderator, lobby[1], lobby[0])
