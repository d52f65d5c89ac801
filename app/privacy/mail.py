"""Mail the person asked for themselves (an erasure link, their download): it goes even
when they stopped every other message."""

from flask import current_app, render_template
from flask_babel import force_locale

from app.core.mail import send_mail


def send_requested(user, subject, template: str, **context) -> None:
    with force_locale(user.locale or current_app.config["MINGA_DEFAULT_LOCALE"]):
        send_mail(user.email, str(subject), render_template(template, user=user, **context))
