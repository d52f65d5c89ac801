"""Access and portability: everything Minga holds about a person, as JSON and CSV in one
zip, built by a background job and mailed as a link that works once, for
DATA_EXPORT_HOURS, only for that person logged in."""

import csv
import hashlib
import io
import json
import secrets
import zipfile
from datetime import timedelta
from pathlib import Path

from flask import current_app, has_request_context, url_for
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select, update

from app.accounts.models import User
from app.accounts.services import LinkExpired, LinkInvalid
from app.audit.services import record_event
from app.core import jobs
from app.core.clock import now
from app.core.errors import DomainError, NotAllowed
from app.core.spreadsheet import cell
from app.extensions import db
from app.privacy.mail import send_requested
from app.privacy.models import BUILDING, READY, TAKEN, DataExport
from app.privacy.registry import PersonalData, iso, provide, providers

JOB = "build_data_export"
# A request whose job died is asked again after this; until then a second one waits.
BUILD_PATIENCE = timedelta(minutes=30)


class ExportUnderway(DomainError):
    status = 409
    message = _l("Your download is being prepared; we will email you the link.")


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def folder() -> Path:
    config = current_app.config
    path = Path(config["DATA_EXPORT_DIR"] or Path(current_app.instance_path) / "data-exports")
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def can_download(user) -> bool:
    return bool(user and user.is_authenticated and not user.is_erased)


def request_download(user: User) -> DataExport:
    """Queue the building of the person's download; the link is mailed when it is ready.

    :raises NotAllowed, ExportUnderway:
    """
    if not can_download(user):
        raise NotAllowed
    underway = db.session.scalar(select(DataExport.id).where(
        DataExport.user_id == user.id, DataExport.status == BUILDING,
        DataExport.created_at > now() - BUILD_PATIENCE).with_for_update())
    if underway is not None:
        raise ExportUnderway
    export = DataExport(user_id=user.id, status=BUILDING, created_at=now())
    db.session.add(export)
    db.session.flush()
    record_event(user, "user.data_export_requested", user)
    jobs.enqueue_after_commit(JOB, export.id)
    return export


def _csv(rows: list[dict]) -> str:
    out = io.StringIO()
    columns = list(dict.fromkeys(key for row in rows for key in row))
    writer = csv.writer(out)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([cell(json.dumps(row.get(c), ensure_ascii=False)
                              if isinstance(row.get(c), dict | list) else row.get(c))
                         for c in columns])
    return out.getvalue()


def build_zip(user: User) -> bytes:
    """The zip: data.json with every kind, one CSV per kind, and a guide to them."""
    everything = {data.name: data.export(user) for data in providers()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(
            {"generated_at": iso(now()), **everything}, ensure_ascii=False, indent=2))
        for name, rows in everything.items():
            archive.writestr(f"{name}.csv", _csv(rows))
        with force_locale(user.locale or current_app.config["MINGA_DEFAULT_LOCALE"]):
            guide = [f"{data.name}.csv: {data.what}. {data.why}" for data in providers()]
        archive.writestr("README.txt", "\n".join(guide) + "\n")
    return buffer.getvalue()


def build_data_export(export_id: int) -> bool:
    """The job: build the zip, keep it under a random name, mail its link."""
    export = db.session.get(DataExport, export_id)
    if export is None or export.status != BUILDING:
        return False
    user = db.session.get(User, export.user_id)
    content = build_zip(user)
    name = f"{secrets.token_hex(16)}.zip"
    path = folder() / name
    path.write_bytes(content)
    path.chmod(0o600)
    token = secrets.token_urlsafe(32)
    hours = current_app.config["DATA_EXPORT_HOURS"]
    export.status, export.token_hash, export.file_name = READY, _hash(token), name
    export.expires_at = now() + timedelta(hours=hours)
    if has_request_context():
        link = url_for("privacy.download", token=token, _external=True)
    else:  # a worker: links name the site as configured
        with current_app.test_request_context(base_url=current_app.config["MINGA_BASE_URL"]):
            link = url_for("privacy.download", token=token, _external=True)
    send_requested(user, _l("Your data from Minga is ready to download"),
                   "mail/data_export.txt", hours=hours, link=link)
    db.session.commit()
    return True


def take_download(user, token: str) -> bytes:
    """The zip behind a link, once: the file is deleted as it is handed over.

    :raises NotAllowed, LinkInvalid, LinkExpired:
    """
    if not can_download(user):
        raise NotAllowed
    export = db.session.scalar(select(DataExport).where(
        DataExport.token_hash == _hash(token or "")))
    if export is None or export.user_id != user.id or export.status != READY:
        raise LinkInvalid
    if export.expires_at <= now():
        raise LinkExpired
    # Two clicks at once: one conditional update decides which gets the file.
    taken = db.session.execute(update(DataExport).where(
        DataExport.id == export.id, DataExport.status == READY)
        .values(status=TAKEN, taken_at=now()).execution_options(synchronize_session=False))
    if taken.rowcount != 1:
        raise LinkInvalid
    path = folder() / export.file_name
    try:
        content = path.read_bytes()
    except FileNotFoundError as exc:
        raise LinkInvalid from exc
    path.unlink(missing_ok=True)
    record_event(user, "user.data_exported", user)
    return content


def discard(exports) -> int:
    """Delete these exports' files and rows; return how many."""
    exports = list(exports)
    for export in exports:
        if export.file_name:
            (folder() / export.file_name).unlink(missing_ok=True)
    if exports:
        db.session.execute(delete(DataExport).where(DataExport.id.in_([e.id for e in exports]))
                           .execution_options(synchronize_session=False))
    return len(exports)


def _export_requests(user: User) -> list[dict]:
    return [{"status": e.status, "created_at": iso(e.created_at),
             "expires_at": iso(e.expires_at), "taken_at": iso(e.taken_at)}
            for e in db.session.scalars(select(DataExport).where(DataExport.user_id == user.id)
                                        .order_by(DataExport.id))]


def _erase_exports(user: User, _pseudonym: str) -> None:
    discard(db.session.scalars(select(DataExport).where(DataExport.user_id == user.id)))


provide(PersonalData(
    name="downloads", what=_l("Downloads of your data"), where="data_exports, data-exports/",
    why=_l("To hand you a copy of your data."),
    kept=_l("The file until you download it or for %(export_hours)s hours; the request "
            "until your account is deleted."),
    export=_export_requests, erase=_erase_exports, order=50))


def init_app(app) -> None:
    jobs.register(app, build_data_export)
