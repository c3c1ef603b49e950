"""Signed-in pages and generated documents are never kept by a cache."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "") and "private" in response.get(
        "Cache-Control", ""
    )


def test_signed_in_pages_are_no_store(client, lead):
    client.force_login(lead)
    for url in (reverse("core:home"), reverse("recommendations:register")):
        assert _no_store(client.get(url)), url


def test_generated_documents_are_no_store(client, lead, council):
    from assurance.recommendations.tests.factories import SourceFactory

    source = SourceFactory(organisation=council)
    client.force_login(lead)
    for extension in ("xlsx", "docx", "pdf"):
        url = reverse("recommendations:document", args=[source.pk, "matrix", extension])
        assert _no_store(client.get(url)), extension
    assert _no_store(client.get(reverse("recommendations:import_template", args=["csv"])))


def test_public_pages_may_be_cached(client):
    assert not _no_store(client.get(reverse("core:accessibility")))
