"""Every shipped scale gives each level its own colour and a name, so a tag is
never told apart by colour alone nor shown as a made-up number."""

from pathlib import Path

import pytest
import yaml

DATA = Path(__file__).resolve().parents[1] / "data"
FILES = sorted(DATA.glob("*.yaml"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_levels_have_distinct_colours_and_labels(path):
    scale = yaml.safe_load(path.read_text(encoding="utf-8"))["scale"]
    if scale == "unscored":
        return
    levels = scale["levels"]
    assert len({level["colour"] for level in levels}) == len(levels)
    assert all(str(level["label"]).strip() for level in levels)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_shipped_framework_says_what_its_letters_caveat(path):
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert doc.get("letter", {}).get("caveats")
