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


def test_demos_run_in_the_declared_order_and_every_demo_is_placed():
    from assurance.core.management.commands.seed_demo import DEMO_ORDER, demo_modules

    names = demo_modules()
    assert names == [f"{app}.demo" for app in DEMO_ORDER]
    assert names[:2] == ["assurance.organisations.demo", "assurance.accounts.demo"]
    assert names.index("assurance.frameworks.demo") < names.index("assurance.assessments.demo")
    assert names.index("assurance.assessments.demo") < names.index("assurance.recommendations.demo")


def test_an_app_whose_demo_is_not_placed_fails_loudly(monkeypatch):
    from assurance.core.management.commands import seed_demo

    order = tuple(a for a in seed_demo.DEMO_ORDER if a != "assurance.delivery")
    monkeypatch.setattr(seed_demo, "DEMO_ORDER", order)
    with pytest.raises(CommandError, match="assurance.delivery"):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_a_broken_demo_module_fails_loudly(monkeypatch):
    from assurance.core.management.commands import seed_demo

    monkeypatch.setattr(seed_demo, "demo_modules", lambda: ["assurance.nowhere.demo"])
    with pytest.raises(ModuleNotFoundError):
        call_command("seed_demo")


def test_demo_records_are_made_by_the_people_who_would_make_them():
    """The demo goes through the services: the directory and the roles are the
    administrator's doing, an assessment is the assessor's."""
    call_command("seed_demo")
    from assurance.assessments.models import Assessment

    admin = User.objects.get(email="admin@service.example")
    ashdown = Organisation.objects.get(name="Ashdown County Council")
    assert ashdown.history.earliest().history_user == admin
    lead = User.objects.get(email="lead@ashdown.example")
    assert Membership.objects.get(user=lead).history.earliest().history_user == admin
    issued = Assessment.objects.filter(organisation=ashdown, status="issued").first()
    assert issued.history.filter(history_user__email="assessor@homeoffice.example").exists()
