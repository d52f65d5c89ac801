"""The public repository: administrators upload documents, checked by what their bytes are
and by size; everyone reads and filters them."""

from dataclasses import dataclass
from datetime import date

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import extract, select

from app.audit.services import record_event
from app.calls.models import Call
from app.core import storage
from app.core.clock import now
from app.core.errors import DomainError
from app.extensions import db
from app.working_group.document_models import DOCUMENT_KINDS, Document
from app.working_group.errors import Missing, UnknownChoice
from app.working_group.file_types import FORMATS, kind_of
from app.working_group.meeting_models import Meeting
from app.working_group.seats import clean, require_admin


class FileNotAccepted(DomainError):
    message = _l("Upload a PDF, ODT, DOCX, XLSX or CSV file: this file is none of them.")


class FileTooLarge(DomainError):
    status = 413
    message = _l("This file is larger than the repository accepts.")


@dataclass(frozen=True)
class Filter:
    kind: str = ""
    year: str = ""
    meeting: str = ""
    call: str = ""


def listed(wanted: Filter) -> list[Document]:
    query = select(Document).order_by(Document.dated_on.desc(), Document.id.desc())
    if wanted.kind in DOCUMENT_KINDS:
        query = query.where(Document.kind == wanted.kind)
    if wanted.year.isdigit() and len(wanted.year) == 4:
        query = query.where(extract("year", Document.dated_on) == int(wanted.year))
    if wanted.meeting.isdigit() and len(wanted.meeting) < 10:
        query = query.where(Document.meeting_id == int(wanted.meeting))
    if wanted.call:
        query = query.join(Call, Call.id == Document.call_id).where(Call.slug == wanted.call)
    return list(db.session.scalars(query))


def chosen(document_ids) -> list[Document] | None:
    """The documents named by these ids, each once, in the order given; None when one of
    them is not in the repository (another feature cites documents as evidence)."""
    found, seen = [], set()
    for raw in document_ids or ():
        text = str(raw)
        document = (db.session.get(Document, int(text))
                    if text.isdigit() and 0 < int(text) < 2**31 else None)
        if document is None:
            return None
        if document.id not in seen:
            seen.add(document.id)
            found.append(document)
    return found


def years() -> list[int]:
    return sorted({d.year for d in db.session.scalars(select(Document.dated_on))},
                  reverse=True)


def upload(actor, *, title: str, kind: str, dated_on: date | None, data: bytes | None,
           meeting_id: int | None = None, call_slug: str = "") -> Document:
    """:raises AdminsOnly, Missing, TooLong, UnknownChoice, FileNotAccepted, FileTooLarge:"""
    require_admin(actor)
    title = clean(title, "title", limit=300)
    if kind not in DOCUMENT_KINDS:
        raise UnknownChoice(field="kind")
    if dated_on is None:
        raise Missing(field="dated_on")
    if not data:
        raise Missing(field="file")
    if len(data) > current_app.config["MINGA_DOCUMENT_MAX_BYTES"]:
        raise FileTooLarge(field="file")
    file_format = kind_of(data)
    if file_format is None:
        raise FileNotAccepted(field="file")
    meeting = db.session.get(Meeting, meeting_id) if meeting_id else None
    if meeting_id and meeting is None:
        raise UnknownChoice(field="meeting")
    call = db.session.scalar(select(Call).where(Call.slug == call_slug)) if call_slug else None
    if call_slug and call is None:
        raise UnknownChoice(field="call")
    key = storage.save(data)
    moment = now()
    document = Document(title=title, kind=kind, dated_on=dated_on,
                        meeting_id=getattr(meeting, "id", None), call_id=getattr(call, "id", None),
                        storage_key=key, file_format=file_format, size=len(data),
                        created_at=moment, updated_at=moment, created_by_id=actor.id)
    db.session.add(document)
    db.session.flush()
    record_event(actor, "wg.document_uploaded", document, after={
        "title": title, "kind": kind, "format": file_format, "size": len(data)})
    return document


def file_of(document: Document) -> tuple[bytes, str, str]:
    """(bytes, media type, download name) of a document's file.

    :raises KeyError: when the storage has lost it.
    """
    extension, media_type = FORMATS[document.file_format]
    return storage.read(document.storage_key), media_type, f"document-{document.id}.{extension}"
