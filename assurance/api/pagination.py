from rest_framework.pagination import CursorPagination


class Cursor(CursorPagination):
    """Opaque cursors: pages stay stable while records are added. Ordered by
    id, so that a page is one indexed range."""

    ordering = "pk"
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
