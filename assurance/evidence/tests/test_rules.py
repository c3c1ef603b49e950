import pytest

from assurance.evidence import rules
from assurance.evidence.rules import UploadRefused

from . import samples


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (samples.PDF, "pdf"),
        (samples.PNG, "png"),
        (samples.JPEG, "jpeg"),
        (samples.CSV, "csv"),
        (b"\xef\xbb\xbfName,Count\nA,1\n", "csv"),
        (samples.docx(), "docx"),
        (samples.xlsx(), "xlsx"),
        (samples.opendocument("text"), "odt"),
        (samples.opendocument("spreadsheet"), "ods"),
    ],
)
def test_accepted_types_are_recognised_from_their_content(data, kind):
    assert rules.detect_kind(data) == kind


@pytest.mark.parametrize(
    "data",
    [
        samples.HTML,
        samples.EXE,
        samples.plain_zip(),
        samples.macro_docx(),
        b"\x00\x01binary\x00",
        "caf\xe9".encode("latin-1"),
        b"\x7fELF\x02\x01\x01" + b"\x00" * 20,
    ],
)
def test_other_content_is_not_accepted(data):
    assert rules.detect_kind(data) is None


def test_the_name_does_not_decide_the_type():
    with pytest.raises(UploadRefused, match="must be a PDF, DOCX"):
        rules.check_upload("report.pdf", samples.HTML)
    with pytest.raises(UploadRefused, match="is a PNG image but its name ends in “.pdf”"):
        rules.check_upload("chart.pdf", samples.PNG)
    assert rules.check_upload("Chart.JPG", samples.JPEG).content_type == "image/jpeg"


def test_empty_and_oversized_files_are_refused():
    with pytest.raises(UploadRefused, match="empty"):
        rules.check_upload("a.pdf", b"")
    with pytest.raises(UploadRefused, match="smaller than 20 MB"):
        rules.check_upload("a.pdf", b"%PDF-" + b"0" * rules.MAX_BYTES)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("../../etc/passwd.pdf", "must not contain /"),
        ("..\\evil.pdf", "must not contain /"),
        ("report\x00.pdf", "control characters"),
        ("report\n.pdf", "control characters"),
        ("a..pdf", "two dots"),
        (".htaccess", "start with a dot"),
        ("   ", "has no name"),
        ("x" * 300 + ".pdf", "200 characters or fewer"),
    ],
)
def test_hostile_file_names_are_refused(name, message):
    with pytest.raises(UploadRefused, match=message):
        rules.check_filename(name)


def test_ordinary_names_are_kept_for_display():
    assert (
        rules.check_filename(" Prevent plan 2021–22 (final).pdf ")
        == "Prevent plan 2021–22 (final).pdf"
    )


def test_a_plain_text_file_is_called_a_text_file():
    with pytest.raises(rules.UploadRefused, match="is a text file"):
        rules.check_upload("notes.txt", samples.TEXT)
    assert rules.check_upload("figures.csv", samples.CSV).key == "csv"


def test_a_file_that_only_begins_like_a_pdf_is_refused():
    with pytest.raises(rules.UploadRefused, match="not a valid PDF"):
        rules.check_upload("letter.pdf", samples.PDF_PREFIX_ONLY)
    assert rules.check_upload("letter.pdf", samples.PDF).key == "pdf"
