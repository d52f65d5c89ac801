"""Priorities polls and dialogue sessions for tests, made straight in the database."""

from datetime import timedelta

from app.core.clock import now
from app.dialogues.models import DialogueFacilitator, DialogueSession
from app.extensions import db
from app.priorities.models import PriorityPoll, PriorityTheme

THEMES = {
    "Acceso a la información": "Transparencia activa y solicitudes de información.",
    "Contrataciones abiertas": "Compras públicas con datos abiertos.",
    "Medio ambiente": "Participación en decisiones ambientales.",
    "Integridad": "Lobby, conflictos de interés y probidad.",
}


def make_poll(call, themes=THEMES, max_picks=2, opens_in_days=-1, closes_in_days=3,
              ) -> PriorityPoll:
    at = now()
    poll = PriorityPoll(call_id=call.id, max_picks=max_picks, created_at=at,
                        opens_at=at + timedelta(days=opens_in_days),
                        closes_at=at + timedelta(days=closes_in_days))
    db.session.add(poll)
    db.session.flush()
    for name, description in themes.items():
        db.session.add(PriorityTheme(poll_id=poll.id, name=name, description=description,
                                     vote_count=0, created_at=at))
    db.session.commit()
    return poll


def make_session(call, facilitators=(), **fields) -> DialogueSession:
    at = now()
    values = {"title": "Mesa regional de Temuco", "kind": "working_table",
              "region": "La Araucanía", "city": "Temuco", "held_at": at - timedelta(days=2),
              "convened_by": "Red de Sociedad Civil de La Araucanía",
              "attendance": {"civil_society": 18, "academia": 4, "government": 3},
              "agenda": "- Bienvenida\n- Trabajo en grupos", "minutes": "Se acordó…",
              "documents": [{"title": "Presentación", "url": "https://example.org/p.pdf"}],
              "created_at": at, "updated_at": at}
    values.update(fields)
    session = DialogueSession(call_id=call.id, **values)
    db.session.add(session)
    db.session.flush()
    for user in facilitators:
        db.session.add(DialogueFacilitator(session_id=session.id, user_id=user.id,
                                           created_at=at))
    db.session.commit()
    return session
