"""HTTP responses for generated files: always downloads, never rendered inline."""

from django.http import HttpResponse

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def file_response(content: bytes, *, filename: str, extension: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[extension])
    safe_name = "".join(c if (c.isascii() and c.isalnum()) or c in "-_." else "-" for c in filename)
    response["Content-Disposition"] = f'attachment; filename="{safe_name}.{extension}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
