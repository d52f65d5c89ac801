"""A person's rights over their data (Chile's Law 21.719): access and portability,
rectification, erasure, opposition and blocking; and how long Minga keeps what."""

from flask import Blueprint

bp = Blueprint("privacy", __name__, url_prefix="/accounts")

from app.privacy import routes  # noqa: E402,F401
