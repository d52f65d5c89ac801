from flask import Blueprint

bp = Blueprint("api", __name__, url_prefix="/api/v1")

from app.api import plan_routes, routes  # noqa: E402,F401
