import io
import zipfile
from datetime import date

import pytest

from app.working_group import documents
from app.working_group.documents import FileNotAccepted, FileTooLarge
from app.working_group.errors import AdminsOnly
from app.working_group.file_types import kind_of
from tests.helpers import text_of

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _zip(names: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in names.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX = _zip({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})
XLSX = _zip({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"})
ODT = _zip({"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"})


@pytest.mark.parametrize(("data", "kind"), [
    (PDF, "pdf"), (DOCX, "docx"), (XLSX, "xlsx"), (ODT, "odt"),
    (b"comuna,monto\nTalca,100\n", "csv"),
    (b"<html><script>alert(1)</script></html>", None), (b"MZ\x90\x00binary", None),
    (_zip({"evil.exe": "x"}), None), (b"", None)])
def test_a_file_is_what_its_bytes_say(data, kind):
    assert kind_of(data) == kind


def _upload(client, data, name="acta.pdf", **fields):
    form = {"title": "Acta de la sesión de octubre", "kind": "minutes",
            "dated_on": "2025-10-01", "meeting": "", "call": "", **fields,
            "file": (io.BytesIO(data), name)}
    return client.post("/admin/documents/new", data=form, content_type="multipart/form-data")


def test_an_admin_uploads_and_everyone_downloads_it_safely(client, login, group, people):
    login(people["admin"])
    response = _upload(client, PDF, meeting=str(group.meetings["published"].id))
    assert response.status_code == 302
    client.post("/accounts/logout")
    listing = text_of(client.get("/documents/"))
    assert "Acta de la sesión de octubre" in listing
    document_id = int(response.location.rstrip("/").split("/")[-1])
    download = client.get(f"/documents/{document_id}/file")
    assert download.data == PDF and download.mimetype == "application/pdf"
    assert download.headers["Content-Disposition"].startswith("attachment;")
    assert download.headers["X-Content-Type-Options"] == "nosniff"


def test_a_file_that_is_not_a_document_is_refused_and_the_form_kept(client, login, group,
                                                                    people):
    login(people["admin"])
    response = _upload(client, b"<html><script>alert(1)</script></html>", name="acta.pdf")
    assert response.status_code == 422
    assert "Acta de la sesión de octubre" in response.get_data(as_text=True)
    assert "error-summary" in response.get_data(as_text=True)


def test_size_and_role_are_checked(app, db, group, people):
    app.config["MINGA_DOCUMENT_MAX_BYTES"] = 10
    with pytest.raises(FileTooLarge):
        documents.upload(people["admin"], title="T", kind="minutes",
                         dated_on=date(2025, 1, 1), data=PDF)
    with pytest.raises(AdminsOnly):
        documents.upload(people["civil_society"], title="T", kind="minutes",
                         dated_on=date(2025, 1, 1), data=PDF)
    app.config["MINGA_DOCUMENT_MAX_BYTES"] = 2_000_000
    with pytest.raises(FileNotAccepted):
        documents.upload(people["admin"], title="T", kind="minutes",
                         dated_on=date(2025, 1, 1), data=b"MZ\x90")


def test_documents_are_filtered_by_type_year_and_linked_item(db, client, group, people):
    admin = people["admin"]
    documents.upload(admin, title="Texto fundacional", kind="rules", dated_on=date(2017, 7, 31),
                     data=PDF)
    documents.upload(admin, title="Balance anual", kind="report", dated_on=date(2025, 3, 1),
                     data=XLSX, meeting_id=group.meetings["published"].id)
    db.session.commit()
    assert "Texto fundacional" not in text_of(client.get("/documents/?kind=report"))
    assert "Balance anual" not in text_of(client.get("/documents/?year=2017"))
    by_meeting = text_of(client.get(f"/documents/?meeting={group.meetings['published'].id}"))
    assert "Balance anual" in by_meeting and "Texto fundacional" not in by_meeting
    assert client.get("/documents/?year=abcd&meeting=x&kind=zzz").status_code == 200
