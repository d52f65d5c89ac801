from flask import Blueprint

bp = Blueprint("plans", __name__)

from app.plans import (  # noqa: E402,F401
    admin_routes,
    filters,
    data_routes,
    follow_routes,
    readings_routes,
    reporting_routes,
    routes,
)
