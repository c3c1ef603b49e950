"""Decompression bombs are refused before anything parses the container."""

import io
import zipfile

import pytest

from assurance.documents.archives import ArchiveLimits, ArchiveRefused, check_archive
from assurance.evidence.rules import UploadRefused, check_upload
from assurance.recommendations import importing

MB = 1024 * 1024


def _zip(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def docx_bomb() -> bytes:
    # About 120 kB on disk, 120 MB once opened.
    types = b'<?xml version="1.0"?><Types/>' + b" " * (120 * MB)
    return _zip({"[Content_Types].xml": types, "word/document.xml": b"<w:document/>"})


@pytest.fixture(scope="module")
def xlsx_bomb() -> bytes:
    sheet = b"<worksheet><sheetData>" + b" " * (60 * MB) + b"</sheetData></worksheet>"
    return _zip(
        {
            "[Content_Types].xml": b"<Types/>",
            "xl/workbook.xml": b"<workbook/>",
            "xl/worksheets/sheet1.xml": sheet,
        }
    )


def test_evidence_upload_of_a_bomb_is_refused(docx_bomb):
    assert len(docx_bomb) < 1 * MB
    with pytest.raises(UploadRefused, match="expands to more than"):
        check_upload("report.docx", docx_bomb)


def test_import_of_a_bomb_is_refused(xlsx_bomb):
    result = importing.parse("recommendations.xlsx", xlsx_bomb)
    assert not result.ok
    assert "expands to more than" in result.errors[0].problem


def test_ratio_is_checked_on_declared_sizes():
    with pytest.raises(ArchiveRefused, match="expands"):
        check_archive(_zip({"a.xml": b"a" * (2 * MB)}), ArchiveLimits(max_ratio=50))


def test_actual_size_is_counted_when_the_declared_size_lies():
    honest = _zip({"a.xml": b"a" * MB})
    # Shrink the declared size in both headers: the entry then inflates past it.
    lying = honest.replace((MB).to_bytes(4, "little"), (1000).to_bytes(4, "little"))
    with pytest.raises(ArchiveRefused):
        check_archive(lying)


def test_too_many_entries_and_encryption_are_refused():
    many = _zip({f"part{i}.xml": b"x" for i in range(20)})
    with pytest.raises(ArchiveRefused, match="too many parts"):
        check_archive(many, ArchiveLimits(max_entries=10))
    encrypted = bytearray(_zip({"a.xml": b"x"}))
    for offset in (6, encrypted.rfind(b"PK\x01\x02") + 8):
        encrypted[offset] |= 1
    with pytest.raises(ArchiveRefused, match="encrypted"):
        check_archive(bytes(encrypted))


def test_real_documents_pass():
    check_archive(importing.template_xlsx())
    check_archive(
        _zip({"word/document.xml": b"<w:document>" + b"text " * 20000 + b"</w:document>"})
    )


def test_not_a_zip_is_refused_plainly():
    with pytest.raises(ArchiveRefused, match="damaged"):
        check_archive(b"PK\x03\x04 not really")
