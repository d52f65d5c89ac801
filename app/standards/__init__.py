"""/standards: each minimum requirement of OGP's Participation & Co-Creation Standards with
the evidence this deployment holds, printable for the IRM."""

from flask import Blueprint

bp = Blueprint("standards", __name__)

from app.standards import routes  # noqa: E402,F401
