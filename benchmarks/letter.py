"""Time rendering a 10-criterion assessment letter in each format.

    .venv/bin/python benchmarks/letter.py [--runs 7]

Builds one letter context in memory (ten criteria, five levels each with a
descriptor, feedback and three recommendations), renders it to HTML, PDF and
DOCX several times and prints the median per format, e.g. ``pdf 0.31 s``.
No database is needed: the renderers read only the context."""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()
logging.getLogger("weasyprint").setLevel(logging.WARNING)  # its progress log is noise here

from assurance.assessments.letter import render_docx, render_html, render_pdf  # noqa: E402
from assurance.assessments.letter.context import (  # noqa: E402
    AnnexCriterion,
    DescriptorLine,
    Feedback,
    LetterContext,
    RecommendationLine,
    ScoreRow,
)
from assurance.frameworks.rules import level_name  # noqa: E402

LEVELS = (
    (1, "Weak", "not_met", "Not met"),
    (2, "Developing", "not_met", "Not met"),
    (3, "Established", "met", "Met"),
    (4, "Strong", "exceeded", "Exceeded"),
    (5, "Leading", "exceeded", "Exceeded"),
)
SCORES = [4, 5, 5, 4, 5, 4, 3, 3, 2, 2]
PARAGRAPH = (
    "The partnership reviews this area each quarter, records its decisions and checks that "
    "actions are finished on time; partners describe the arrangements consistently. "
)


def sample_letter() -> LetterContext:
    scores, feedback, annex = [], [], []
    for number, value in enumerate(SCORES, start=1):
        _, label, band, band_label = LEVELS[value - 1]
        title = f"Criterion {number}"
        scores.append(ScoreRow(number, title, value, level_name(value, label), band, band_label))
        feedback.append(
            Feedback(
                number,
                title,
                "What the criterion asks for, in a sentence.",
                f"Level {level_name(value, label)}",
                PARAGRAPH * 2,
                PARAGRAPH,
                ("Partnership board minutes, March", "Training record"),
            )
        )
        annex.append(
            AnnexCriterion(
                number,
                title,
                "What the criterion asks for, in a sentence.",
                tuple(DescriptorLine(level_name(v, lbl), PARAGRAPH) for v, lbl, _, _ in LEVELS),
            )
        )
    return LetterContext(
        title="Assessment of the Prevent duty 2021/22: Example Council",
        marking="OFFICIAL",
        reference="PDA-1-2021-22",
        issued_on=date(2022, 5, 27),
        version_number=1,
        addressee="Example Council",
        addressee_lines=("The Prevent lead", "Example Council", "1 High Street", "Example Town"),
        cc_lines=("The chief executive, Example Council",),
        salutation="Dear Prevent lead,",
        assessing_body="Example Assessing Body",
        assessing_body_lines=("Example Assessing Body", "2 Market Street", "Example City"),
        signatory="A. Assessor",
        signatory_lines=("A. Assessor", "Regional adviser"),
        period="2021/22",
        framework_title="Example scoring framework",
        scale_sentence="Each criterion is scored from 1 to 5.",
        caveats=("This assessment reflects the evidence available at the time.",),
        opening=PARAGRAPH,
        closing=PARAGRAPH,
        summary=PARAGRAPH * 3,
        show_band=True,
        scores=tuple(scores),
        feedback=tuple(feedback),
        recommendations=tuple(RecommendationLine(i, "General", PARAGRAPH) for i in (1, 2, 3)),
        annex=tuple(annex),
        file_stem="Example Council 2021-22 assessment letter",
    )


def median_seconds(render, letter, runs: int) -> float:
    render(letter)  # warm up: fonts, templates, imports
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        render(letter)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    letter = sample_letter()
    for name, render in (("html", render_html), ("pdf", render_pdf), ("docx", render_docx)):
        print(f"{name} {median_seconds(render, letter, args.runs):.2f} s")


if __name__ == "__main__":
    main()
