from app.calls.models import DATE_FIELDS
from app.core.timezones import utc_to_local

CALL_FORM = {
    "slug": "nap-2026",
    "title": "Plan de Acción 2026–2028",
    "description": "Convocatoria abierta.",
    "submission_opens_at": "2026-04-01T09:00",
    "submission_closes_at": "2026-04-30T23:59",
    "voting_opens_at": "2026-05-10T09:00",
    "voting_closes_at": "2026-05-31T23:59",
    "votes_per_voter": "10",
    "themes": "Acceso a la información\nContrataciones abiertas\n",
    "max_proposals_per_author": "5",
    "allow_vote_withdrawal": "y",
    "hide_counts_until_close": "y",
    "eligibility": "email",
    "decision_rule": "consensus",
    "rules": "La Mesa decide por consenso.",
    "comments_open": "y",
}


def edit_form(call, **changes) -> dict:
    """The edit form as its page fills it for `call` (its own dates, its version), changed."""
    dates = {field: utc_to_local(getattr(call, field)).strftime("%Y-%m-%dT%H:%M")
             for field in DATE_FIELDS}
    return {**CALL_FORM, **dates, "version": str(call.version), **changes}
