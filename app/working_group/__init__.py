"""The standing Open Government Working Group: seats over time, its rules, its meetings."""

from flask import Blueprint

bp = Blueprint("working_group", __name__)

from app.working_group import (  # noqa: E402,F401
    admin_routes,
    document_routes,
    export_routes,
    meeting_routes,
    personal_data,
    routes,
)
