from flask import Blueprint

bp = Blueprint("plans", __name__)

from app.plans import (  # noqa: E402,F401
    admin_routes,
    consultation_routes,
    data_routes,
    filters,
    follow_routes,
    personal_data,
    readings_routes,
    reporting_routes,
    routes,
)
