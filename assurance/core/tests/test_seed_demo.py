import pytest
from django.core.management import CommandError, call_command

from assurance.accounts.models import Membership, User
from assurance.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def _counts():
    return User.objects.count(), Organisation.objects.count(), Membership.objects.count()


def test_seed_demo_is_idempotent_and_prints_one_login_per_role(capsys):
    call_command("seed_demo")
    first = _counts()
    out = capsys.readouterr().out
    call_command("seed_demo")
    assert _counts() == first
    for role in ("Council lead", "Assessor", "Peer reviewer", "National analyst", "Administrator"):
        assert role in out
    assert "Password for every demo account" in out
    # Oversight roles must use two-factor authentication: the logins say so.
    assessor_line = next(line for line in out.splitlines() if "assessor@homeoffice" in line)
    lead_line = next(line for line in out.splitlines() if "lead@ashdown" in line)
    assert "sets up two-factor authentication on first sign-in" in assessor_line
    assert "two-factor" not in lead_line
    assert Organisation.objects.filter(kind="district", parent__kind="county").count() >= 2


def test_seed_demo_refuses_where_demo_accounts_are_not_allowed(settings):
    settings.DEMO_ACCOUNTS_ALLOWED = False
    with pytest.raises(CommandError, match="not allowed"):
        call_command("seed_demo")
    assert User.objects.count() == 0


def test_every_installed_app_with_a_demo_is_seeded_foundation_first():
    from assurance.core.management.commands.seed_demo import demo_modules

    names = demo_modules()
    assert names[:2] == ["assurance.organisations.demo", "assurance.accounts.demo"]
    assert names.index("assurance.frameworks.demo") < names.index("assurance.assessments.demo")
    assert names.index("assurance.assessments.demo") < names.index("assurance.recommendations.demo")


def test_a_broken_demo_module_fails_loudly(monkeypatch):
    from assurance.core.management.commands import seed_demo

    monkeypatch.setattr(seed_demo, "demo_modules", lambda: ["assurance.nowhere.demo"])
    with pytest.raises(ModuleNotFoundError):
        call_command("seed_demo")
