"""Hostile files and numbers give a clear message, never a server error."""

import pytest
from django.urls import reverse

from assurance.recommendations import importing

HEAD = "Number,Recommendation,Theme,Response,Reason,Lead,Milestone,Status,Date completed\n"


def parse_csv(text: str):
    return importing.parse("file.csv", text.encode("utf-8"))


def test_cell_over_the_csv_field_limit():
    result = parse_csv(HEAD + "1," + "x" * 200_000 + "\n")
    assert not result.ok
    assert "longer than" in result.errors[0].problem


@pytest.mark.parametrize("number", ["²", "①", "-1", "0", "9" * 40])
def test_number_that_is_not_a_recommendation_number(number):
    result = parse_csv(HEAD + f"{number},Do it\n")
    assert [e.column for e in result.errors] == ["Number"]


def test_unbalanced_quote_at_the_end_is_refused():
    result = parse_csv(HEAD + '1,"Do it\n2,Then this\n3,And this\n')
    assert not result.ok and "quotation mark" in result.errors[0].problem


def test_unbalanced_quote_that_swallows_rows_is_refused():
    text = HEAD + '1,"Do it,,,,,,,\n2,Then this,,,,,,,\n3,And" this,,,,,,,\n'
    result = parse_csv(text)
    assert not result.ok and "quotation mark" in result.errors[0].problem


def test_line_breaks_inside_a_quoted_cell_are_kept():
    result = parse_csv(HEAD + '1,"First line\nsecond line, with a comma"\n')
    assert result.ok, result.errors
    assert result.rows[0].text == "First line\nsecond line, with a comma"


@pytest.mark.django_db
@pytest.mark.parametrize("number", ["2147483648", "9223372036854775808", "1²", "²"])
def test_add_form_with_hostile_number(client, lead, source, number):
    client.force_login(lead)
    url = reverse("recommendations:recommendation_add", args=[source.pk])
    response = client.post(url, {"number": number, "text": "Huge"})
    assert response.status_code in (200, 302)  # a message or a saved label, never an error
