from flask import Blueprint

bp = Blueprint("priorities", __name__)

from app.priorities import routes  # noqa: E402,F401
