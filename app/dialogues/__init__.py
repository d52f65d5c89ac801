from flask import Blueprint

bp = Blueprint("dialogues", __name__)

from app.dialogues import routes  # noqa: E402,F401
