import pytest

from assurance.delivery import national


def test_the_shipped_reference_holds_the_published_figures():
    reference = national.reference()
    assert "Home Office" in reference.source
    assert [y.referrals for y in reference.years] == [6287, 4915, 6406, 6817, 6922, 8778]
    latest = reference.year("2024/25")
    assert latest.shares["education"] == 36 and latest.shares["police"] == 30
    assert latest.shares["local_authority"] == pytest.approx(10.2)
    assert reference.year("2020/21").shares == {"education": 25, "police": 36}
    assert reference.latest(upto="2030/31").period == "2024/25"
    assert reference.latest(upto="2018/19") is None


def test_a_bad_file_is_refused():
    doc = {
        "kind": "national_reference",
        "title": "t",
        "version": "1",
        "source": "s",
        "years": [{"period": "2024/25", "referrals": 10, "shares": {"a": 60, "b": 50}}],
    }
    with pytest.raises(ValueError, match="more than 100"):
        national.parse(doc)
    with pytest.raises(ValueError):
        national.parse({"kind": "framework"})
