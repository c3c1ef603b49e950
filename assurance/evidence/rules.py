"""What an evidence upload may be. Pure functions on names and bytes, so they
are tested without the database or the file system.

The type is decided from the content, never from the name: a file's first
bytes (PDF, PNG, JPEG), the inside of its ZIP container (Word, Excel and
OpenDocument files) or, for CSV, that it is plain UTF-8 text."""

from __future__ import annotations

import io
import unicodedata
import zipfile
from dataclasses import dataclass

import puremagic

from assurance.documents.archives import ArchiveLimits, ArchiveRefused, check_archive

MAX_BYTES = 20 * 1024 * 1024
MAX_NAME_LENGTH = 200
ARCHIVE_LIMITS = ArchiveLimits(max_uncompressed=100 * 1024 * 1024)


@dataclass(frozen=True)
class FileKind:
    key: str
    label: str
    content_type: str
    extensions: tuple[str, ...]


KINDS = {
    kind.key: kind
    for kind in (
        FileKind("pdf", "PDF", "application/pdf", ("pdf",)),
        FileKind(
            "docx",
            "Word document",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ("docx",),
        ),
        FileKind(
            "xlsx",
            "Excel spreadsheet",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ("xlsx",),
        ),
        FileKind("odt", "OpenDocument text", "application/vnd.oasis.opendocument.text", ("odt",)),
        FileKind(
            "ods",
            "OpenDocument spreadsheet",
            "application/vnd.oasis.opendocument.spreadsheet",
            ("ods",),
        ),
        FileKind("csv", "CSV file", "text/csv", ("csv",)),
        FileKind("png", "PNG image", "image/png", ("png",)),
        FileKind("jpeg", "JPEG image", "image/jpeg", ("jpg", "jpeg")),
    )
}
ALLOWED_LABEL = "PDF, DOCX, XLSX, ODT, ODS, CSV, PNG or JPEG"


class UploadRefused(ValueError):
    """The message is shown to the person who uploaded the file."""


def check_filename(name: str) -> str:
    """The name as it will be shown, or UploadRefused for a hostile one.

    The stored file gets a generated name; this one is only displayed and
    offered on download, but it must still be harmless there."""
    name = unicodedata.normalize("NFC", name or "").strip()
    if not name:
        raise UploadRefused("The file has no name. Rename it and upload it again.")
    if "/" in name or "\\" in name:
        raise UploadRefused(
            "The file name must not contain / or \\. Rename the file and try again."
        )
    if any(unicodedata.category(c).startswith("C") for c in name):
        raise UploadRefused(
            "The file name contains control characters. Rename the file and try again."
        )
    if ".." in name or name.startswith("."):
        raise UploadRefused(
            "The file name must not start with a dot or contain two dots in a row. "
            "Rename the file and try again."
        )
    if len(name) > MAX_NAME_LENGTH:
        raise UploadRefused(f"The file name must be {MAX_NAME_LENGTH} characters or fewer.")
    return name


def extension_of(name: str) -> str:
    return name.rsplit(".", 1)[1].lower() if "." in name else ""


def _zip_kind(data: bytes) -> str | None:
    # Before reading any part of the container: refuse a decompression bomb.
    try:
        check_archive(data, ARCHIVE_LIMITS)
    except ArchiveRefused as error:
        if error.damaged:
            return None
        raise
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        if "[Content_Types].xml" in names:
            types = archive.read("[Content_Types].xml").decode("utf-8", "replace")
            if "macroEnabled" in types:
                return None  # files that carry macros are refused
            if "word/document.xml" in names:
                return "docx"
            if "xl/workbook.xml" in names:
                return "xlsx"
            return None
        if "mimetype" in names:
            mimetype = archive.read("mimetype").decode("ascii", "replace").strip()
            return {KINDS["odt"].content_type: "odt", KINDS["ods"].content_type: "ods"}.get(
                mimetype
            )
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, ValueError):
        return None
    return None


def _looks_like_csv(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    # Markup passed off as text (HTML, SVG, XML) is not a spreadsheet.
    return not text.lstrip().startswith("<")


def _binary_signature(data: bytes) -> bool:
    """True if puremagic is fairly sure the bytes are some binary format
    (executables, archives, media): weak guesses about text are ignored."""
    sample = data[:8192].removeprefix(b"\xef\xbb\xbf")
    try:
        matches = puremagic.magic_string(sample)
    except (puremagic.PureError, ValueError):
        return False
    return any(m.confidence >= 0.4 and m.extension not in (".txt", ".csv") for m in matches)


def _readable_pdf(data: bytes) -> bool:
    """A PDF reader can open it and find its pages (not just a "%PDF-" prefix)."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        return len(PdfReader(io.BytesIO(data), strict=False).pages) > 0
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError):
        return False


def detect_kind(data: bytes) -> str | None:
    """The kind of file the bytes are, or None if it is not one we accept."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    # puremagic knows hundreds of binary formats; none of them is CSV.
    if _binary_signature(data):
        return None
    return "csv" if _looks_like_csv(data) else None


def check_upload(name: str, data: bytes) -> FileKind:
    """The kind of an acceptable upload, or UploadRefused saying what is wrong."""
    check_filename(name)
    if not data:
        raise UploadRefused("The selected file is empty. Choose a file that has something in it.")
    if len(data) > MAX_BYTES:
        raise UploadRefused("The selected file must be smaller than 20 MB.")
    try:
        key = detect_kind(data)
    except ArchiveRefused as error:
        raise UploadRefused(str(error)) from error
    if key is None:
        raise UploadRefused(f"The selected file must be a {ALLOWED_LABEL}.")
    if key == "csv" and extension_of(name) != "csv":
        raise UploadRefused(
            "The selected file is a text file, which cannot be uploaded as evidence. Save it "
            "as a PDF or Word document (or as a .csv file if it is a table) and upload that."
        )
    if key == "pdf" and not _readable_pdf(data):
        raise UploadRefused(
            "The selected file begins like a PDF but is not a valid PDF: it may be damaged "
            "or only partly saved. Save it again as a PDF and upload that."
        )
    kind = KINDS[key]
    if extension_of(name) not in kind.extensions:
        raise UploadRefused(
            f"The file is a {kind.label} but its name ends in “.{extension_of(name) or '(none)'}”. "
            f"Rename it to end in .{kind.extensions[0]} and upload it again."
        )
    return kind
