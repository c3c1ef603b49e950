from assurance.assessments import demo
from assurance.assessments.models import Assessment
from assurance.assessments.rules import Status
from assurance.frameworks.models import Framework
from assurance.organisations import demo as organisations_demo

from .factories import crosswalk


def _shipped_like(key: str, criteria: int, assured_separately=()):
    from .factories import scored_version

    ref = (
        demo.CONTENT["own_self_assessment"]["framework"]
        if key == "rag"
        else demo.CONTENT["frameworks"][key]
    )
    framework = Framework.objects.create(slug=ref["slug"], title=key.title(), publisher="Test")
    return scored_version(
        criteria=criteria,
        framework=framework,
        version=ref["version"],
        assured_separately=assured_separately,
    )


def _seed_accounts():
    from assurance.accounts import demo as accounts_demo

    organisations_demo.seed()
    accounts_demo.seed()


def test_demo_skips_with_a_note_when_frameworks_are_missing(db, capsys):
    _seed_accounts()
    demo.seed()
    assert "skipped" in capsys.readouterr().out
    assert not Assessment.objects.exists()


def test_demo_builds_the_cycle_and_is_idempotent(db):
    _seed_accounts()
    scoring = _shipped_like("scoring", 10)
    toolkit = _shipped_like("toolkit", 8, assured_separately=(5,))
    crosswalk(scoring, toolkit, {n: n for n in range(1, 9)})
    rag = _shipped_like("rag", 10)
    rag.allows_council_self_assessment = True
    rag.save()
    demo.seed()
    demo.seed()
    issued = Assessment.objects.filter(status=Status.ISSUED)
    assert issued.values("organisation").distinct().count() >= 4
    assert set(issued.values_list("period", flat=True)) == {"2021/22", "2022/23"}
    sample = Assessment.objects.get(
        organisation__name="Ashdown County Council", framework_version=scoring, period="2021/22"
    )
    levels = list(
        sample.responses.order_by("criterion__number").values_list(
            "moderated_level__value", flat=True
        )
    )
    assert levels == [4, 5, 5, 4, 5, 4, 3, 3, 2, 2]
    assert sample.letters.count() == 1 and sample.recommendations.count() == 3
    assert Assessment.objects.filter(status=Status.AWAITING_MODERATION).count() == 1
    in_progress = Assessment.objects.get(status=Status.SELF_ASSESSMENT)
    assert in_progress.responses.filter(task_status="completed").exists()
    # A carried-forward draft: last year's issued assessment, through the crosswalk.
    assert in_progress.carried_from.period == "2022/23"
    assert in_progress.responses.filter(carried_forward=True).exists()
    own = Assessment.objects.get(council_owned=True)
    assert own.status == Status.SIGNED_OFF and own.organisation.name == "Ashdown County Council"
    assert Assessment.objects.count() == 11
    letter = sample.letter_details
    assert letter.addressee_name and letter.salutation.startswith("Dear ")
    assert letter.signatory_name == "Evan Assessor" and sample.assessing_body.postal_address
