from flask import Blueprint

bp = Blueprint("priorities", __name__)

from app.priorities import personal_data, routes  # noqa: E402,F401
