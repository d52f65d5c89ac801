from flask import Blueprint

bp = Blueprint("plans", __name__)

from app.plans import admin_routes, filters, reporting_routes, routes  # noqa: E402,F401
