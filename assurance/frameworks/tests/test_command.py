import pytest
from django.core.management import CommandError, call_command

from assurance.frameworks.models import FrameworkVersion

from .factories import framework_doc, to_yaml

pytestmark = pytest.mark.django_db


def test_without_arguments_it_loads_the_shipped_files(capsys):
    call_command("load_frameworks")
    assert FrameworkVersion.objects.count() == 4
    call_command("load_frameworks")
    assert "home-office-la-scoring-criteria 2021-22 unchanged" in capsys.readouterr().out


def test_given_paths_it_loads_those(tmp_path, capsys):
    path = tmp_path / "mine.yaml"
    path.write_bytes(to_yaml(framework_doc()))
    call_command("load_frameworks", str(path))
    assert FrameworkVersion.objects.get().source_file == str(path)


def test_problems_are_printed_and_nothing_loaded(tmp_path, capsys):
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_bytes(to_yaml(framework_doc(slug="good-one")))
    bad.write_text("kind: framework\n")
    with pytest.raises(CommandError, match="Nothing was loaded"):
        call_command("load_frameworks", str(good), str(bad))
    assert f"{bad}: the required field 'criteria' is missing" in capsys.readouterr().err
    assert not FrameworkVersion.objects.exists()


def test_a_missing_file_is_reported(tmp_path):
    with pytest.raises(CommandError):
        call_command("load_frameworks", str(tmp_path / "absent.yaml"))


def test_seed_demo_loads_frameworks_first():
    call_command("seed_demo")
    assert FrameworkVersion.objects.count() == 4
