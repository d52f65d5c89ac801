"""How often one account may comment, on proposals and on commitments alike."""

from flask import current_app
from flask_login import current_user


def comment_limit() -> str:
    return current_app.config["COMMENT_RATE_LIMIT"]


def account_key() -> str:
    return f"commenter:{current_user.id}" if current_user.is_authenticated else "anonymous"
