"""Fixtures for the whole suite (assurance/ and tests/)."""

import pytest


@pytest.fixture(autouse=True)
def _second_factor_with_force_login():
    """``client.force_login`` also passes the second factor for users whose role
    needs one (assurance/accounts/tests/two_factor_support.py)."""
    from assurance.accounts.tests.two_factor_support import install_verified_force_login

    undo = install_verified_force_login()
    yield
    undo()
