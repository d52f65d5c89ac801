"""The public consultation on the demo's next plan: open now, with comments on the draft
commitments (as a whole and on single fields), each answered by the Working Group."""

from datetime import timedelta

from sqlalchemy import select

from app.accounts.models import User
from app.core.clock import now
from app.extensions import db
from app.plans import comments, consultation
from app.plans.models import Plan

# (field or None, comment, the Working Group's response); texts invented for the demo.
COMMENTS = [
    (None,
     "Comentario de demostración: el compromiso es necesario, pero debería incluir a los "
     "municipios rurales desde el primer año y no solo a las capitales regionales.",
     "Respuesta de demostración: la Mesa acoge el comentario. El primer hito se amplía a "
     "diez municipios rurales elegidos con la Asociación de Municipalidades, y el informe "
     "semestral dará cuenta por separado de los avances en comunas rurales. El calendario "
     "se mantiene porque el financiamiento ya está comprometido para ese alcance."),
    ("milestones",
     "Comentario de demostración: los hitos no dicen cómo se medirá el avance. Propongo un "
     "indicador con el número de conjuntos de datos publicados y actualizados cada mes.",
     "Respuesta de demostración: se incorpora el indicador propuesto. Cada hito tiene ahora "
     "un indicador y un medio de verificación: el número de conjuntos publicados y su fecha "
     "de última actualización, visibles en el portal. La Mesa revisará la meta en la primera "
     "reunión de seguimiento de la implementación."),
    ("lead_agency",
     "Comentario de demostración: ¿por qué la institución responsable no es el Consejo para "
     "la Transparencia, que ya fiscaliza estas obligaciones?",
     "Respuesta de demostración: la Mesa no acoge el cambio. El Consejo participa como actor "
     "de apoyo, pero su función fiscalizadora hace recomendable que la ejecución quede en el "
     "servicio que administra los sistemas. Se deja constancia del comentario y se agrega al "
     "Consejo como revisor de los informes de avance."),
]


def load_consultation(admin: User, commenters: list[User]) -> None:
    """Open the consultation on the next plan's draft and answer every comment."""
    plan = db.session.scalar(select(Plan).where(Plan.slug == "plan-siguiente"))
    if plan is None or not plan.commitments:
        return
    at = now()
    consultation.open_consultation(admin, plan, at - timedelta(days=12), at + timedelta(days=18))
    for index, (field, body, answer) in enumerate(COMMENTS):
        commitment = plan.commitments[index % len(plan.commitments)]
        comment = comments.add_comment(commenters[index % len(commenters)], commitment, body,
                                       field=field)
        consultation.answer_comment(admin, comment, answer)
        # Spread over the consultation's first days, as they came in.
        comment.created_at = at - timedelta(days=11 - 2 * index)
        comment.answered_at = at - timedelta(days=6 - 2 * index)
    db.session.flush()
