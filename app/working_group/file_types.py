"""What an uploaded document really is, read from its bytes: the name and the browser's
word for it are not evidence. Only the formats of a public repository are accepted."""

import io
import zipfile

# kind -> (extension, media type served)
FORMATS = {
    "pdf": ("pdf", "application/pdf"),
    "odt": ("odt", "application/vnd.oasis.opendocument.text"),
    "docx": ("docx",
             "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    "xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "csv": ("csv", "text/csv"),
}
MAX_ZIP_ENTRIES = 5_000


def _zipped_kind(data: bytes) -> str | None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = archive.namelist()
        if len(names) > MAX_ZIP_ENTRIES:
            return None
        if "mimetype" in names and archive.read("mimetype").strip() == \
                FORMATS["odt"][1].encode():
            return "odt"
        if "[Content_Types].xml" in names:
            if "word/document.xml" in names:
                return "docx"
            if "xl/workbook.xml" in names:
                return "xlsx"
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        return None
    return None


def _is_csv(data: bytes) -> bool:
    if b"\x00" in data or not data.strip():
        return False
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    head = text.lstrip()[:1].lower()
    # Markup is never a data table: a page saved as .csv would be served as text anyway.
    return head != "<" and ("," in text or ";" in text or "\n" in text)


def kind_of(data: bytes) -> str | None:
    """The accepted format these bytes are, or None."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zipped_kind(data)
    return "csv" if _is_csv(data) else None
