from flask import Blueprint

bp = Blueprint("results", __name__)

from app.results import data_version, routes  # noqa: E402,F401
