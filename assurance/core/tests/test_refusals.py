"""A refusal says who to ask, in words that fit the reader's role."""

import pytest
from django.contrib.auth.models import AnonymousUser

from assurance.accounts.models import Role
from assurance.accounts.tests.factories import assessor_for, user_with_role
from assurance.core.errors import who_to_ask

pytestmark = pytest.mark.django_db


def test_each_role_is_told_who_to_ask(council):
    assert "Prevent lead" in who_to_ask(user_with_role(Role.COUNCIL_VIEWER, council))
    assert "Prevent lead" in who_to_ask(user_with_role(Role.COUNCIL_CONTRIBUTOR, council))
    assert "administrators" in who_to_ask(user_with_role(Role.COUNCIL_LEAD, council))
    assert "assign you" in who_to_ask(assessor_for(council))
    assert "administration pages" in who_to_ask(user_with_role(Role.ADMINISTRATOR))
    assert "Sign in" in who_to_ask(AnonymousUser())
