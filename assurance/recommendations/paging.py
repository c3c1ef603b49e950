"""The register's pagination and sort links now live in core (every list pages)."""

from assurance.core.paging import PageLink, SortLink, page_links, sort_links

__all__ = ["PageLink", "SortLink", "page_links", "sort_links"]
