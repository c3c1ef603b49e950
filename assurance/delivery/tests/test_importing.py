"""Parsing an upload of actions, meetings or training figures: no database."""

from datetime import date

from assurance.delivery import importing

TODAY = date(2025, 6, 30)


def _csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


def test_a_good_training_file():
    content = _csv(
        "Cohort,Mode,Mandated,Cohort size,Trained,Figures as at",
        "All staff,E-learning,Yes,4200,3950,31/03/2025",
    )
    result = importing.parse("training", "t.csv", content, {}, TODAY)
    assert result.ok
    assert result.rows[0] | {} == {
        "row": 2,
        "name": "All staff",
        "mode": "e_learning",
        "mandated": True,
        "cohort_size": 4200,
        "trained": 3950,
        "as_at": date(2025, 3, 31),
    }


def test_every_bad_row_is_reported_with_its_row_and_column():
    content = _csv(
        "Cohort,Mode,Mandated,Cohort size,Trained,Figures as at",
        "A,E-learning,Yes,-5,1,31/03/2025",
        "B,E-learning,Yes,10,2.5,31/03/2025",
        "C,E-learning,Yes,10,11,31/03/2025",
        "D,Carrier pigeon,Maybe,10,5,31/02/2025",
        "E,E-learning,No,10,5,31/03/2026",
    )
    result = importing.parse("training", "t.csv", content, {}, TODAY)
    assert not result.ok
    found = {(e.row, e.column) for e in result.errors}
    assert {
        (2, "Cohort size"),
        (3, "Trained"),
        (4, "Trained"),
        (5, "Mode"),
        (5, "Mandated"),
        (5, "Figures as at"),
        (6, "Figures as at"),
    } == found
    messages = " ".join(e.problem for e in result.errors)
    assert "cannot be negative" in messages and "not a fraction" in messages
    assert "cannot be more than the cohort size" in messages


def test_meetings_need_a_known_body_and_cannot_be_held_in_the_future():
    content = _csv(
        "Body,Date,Status,Sectors attending,Plan reviewed",
        "The board,12/06/2025,Held,Police; Health,Yes",
        "Unknown body,12/06/2025,Held,,No",
        "The board,12/07/2025,Held,,No",
        "The board,12/06/2025,Held,Astrology,No",
    )
    result = importing.parse("meetings", "m.csv", content, {"the board": 7}, TODAY)
    assert [e.row for e in result.errors] == [3, 4, 5]
    assert "does not match" in result.errors[0].problem
    assert "cannot be marked as held" in result.errors[1].problem


def test_actions_with_dates_out_of_order():
    content = _csv(
        "Plan version,Reference,Action,Owner,Start date,Due date,Status",
        "2025,A1,Do it,Lead,01/06/2025,01/05/2025,Not started",
    )
    result = importing.parse("actions", "a.csv", content, {"2025": 1}, TODAY)
    assert result.errors[0].problem == "The due date must be on or after the start date."


def test_whole_file_problems():
    assert importing.parse("training", "t.txt", b"x", {}, TODAY).errors[0].row == 0
    assert (
        "missing the column"
        in importing.parse("training", "t.csv", _csv("Cohort,Mode"), {}, TODAY).errors[0].problem
    )
    assert (
        "no rows"
        in importing.parse(
            "training",
            "t.csv",
            _csv("Cohort,Mode,Mandated,Cohort size,Trained,Figures as at"),
            {},
            TODAY,
        )
        .errors[0]
        .problem
    )


def test_the_templates_parse_cleanly():
    for slug in importing.SPECS:
        references = {"2025-1": 1, "prevent partnership board": 2}
        csv_result = importing.parse(
            slug, "t.csv", importing.template_csv(slug), references, date(2026, 6, 30)
        )
        xlsx_result = importing.parse(
            slug, "t.xlsx", importing.template_xlsx(slug), references, date(2026, 6, 30)
        )
        assert csv_result.ok, csv_result.errors
        assert xlsx_result.ok, xlsx_result.errors
        assert csv_result.rows == xlsx_result.rows
