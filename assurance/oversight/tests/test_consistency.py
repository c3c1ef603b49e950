"""The consistency model on constructed data where the answer is known."""

import numpy as np
import pytest

from assurance.oversight import consistency
from assurance.oversight.consistency import Observation, fit, is_flagged


def _world(*, bias, councils=120, periods=3, criteria=8, seed=7, noise=0.7, rotate=True):
    """Councils of varied standing, assessed every period by one of the
    assessors (rotating), with a known bias per assessor."""
    rng = np.random.default_rng(seed)
    standing = rng.normal(0, 0.7, councils)
    assessors = len(bias)
    observations = []
    for period in range(periods):
        for council in range(councils):
            a = (council + period * rotate) % assessors
            for criterion in range(criteria):
                latent = 3 + standing[council] + bias[a] + rng.normal(0, noise)
                level = int(np.clip(np.rint(latent), 1, 5))
                observations.append(
                    Observation(level, (criterion, period), council, a, (council, period))
                )
    return observations


def _flagged(result):
    return {e.assessor: e.direction for e in result.effects if e.flagged}


def test_finds_the_lenient_and_severe_assessors_and_no_other():
    bias = [0.0] * 12
    bias[2], bias[5], bias[9] = 1.0, 0.9, -1.0
    result = fit(_world(bias=bias))
    assert _flagged(result) == {2: "lenient", 5: "lenient", 9: "severe"}


def test_no_assessor_flagged_when_all_agree():
    result = fit(_world(bias=[0.0] * 10, seed=3))
    assert _flagged(result) == {}
    assert max(abs(e.difference) for e in result.effects) < consistency.MIN_DIFFERENCE


def test_council_standing_is_allowed_for():
    """An assessor who happens to assess the strongest councils is not lenient:
    their councils are strong under every other assessor too."""
    rng = np.random.default_rng(11)
    observations = []
    for council in range(60):
        standing = 1.2 if council < 15 else rng.normal(0, 0.3)
        for period in range(3):
            # Assessor 0 takes the strong councils in period 0; others rotate.
            a = 0 if (council < 15 and period == 0) else 1 + (council + period) % 4
            for criterion in range(6):
                level = int(np.clip(np.rint(3 + standing + rng.normal(0, 0.5)), 1, 5))
                observations.append(
                    Observation(level, (criterion, period), council, a, (council, period))
                )
    result = fit(observations)
    zero = next(e for e in result.effects if e.assessor == 0)
    assert not zero.flagged
    assert abs(zero.difference) < 0.3


def test_few_assessments_are_shrunk_and_not_flagged():
    bias = [0.0] * 8
    observations = _world(bias=bias, councils=80, seed=5)
    # A newcomer with a big difference on only two assessments.
    for council in (1, 2):
        for criterion in range(8):
            observations.append(Observation(5, (criterion, 0), council, "new", (council, "new")))
    result = fit(observations)
    newcomer = next(e for e in result.effects if e.assessor == "new")
    assert newcomer.assessments == 2
    assert not newcomer.flagged


@pytest.mark.parametrize(
    ("difference", "se", "n", "expected"),
    [
        (0.6, 0.1, 20, True),
        (-0.6, 0.1, 20, True),
        (0.4, 0.05, 20, False),  # precise but too small to matter
        (0.9, 0.4, 20, False),  # large but not enough evidence
        (0.9, 0.1, 4, False),  # too few assessments
    ],
)
def test_flag_rule(difference, se, n, expected):
    assert is_flagged(difference, se, n) is expected


def test_too_little_data():
    assert fit([]) is None
    one = [Observation(3, (c, 0), c, "a", c) for c in range(5)]
    assert fit(one) is None
