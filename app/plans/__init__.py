from flask import Blueprint

bp = Blueprint("plans", __name__)

from app.plans import admin_routes, filters, routes  # noqa: E402,F401
