"""Assessor consistency as a pure computation (numpy only, no database).

A linear mixed model with crossed random effects is fitted to the levels
assessors gave under one framework version:

    level = cell + council + assessor + noise

- *cell*: a fixed effect for each criterion in each period (some criteria are
  harder to meet, and a year may be harder than another);
- *council*: a random effect, the council's own standing, shared by all of its
  assessments of that framework version (whoever assessed them);
- *assessor*: a random effect, how much higher or lower this assessor's
  levels are for councils of the same standing.

An assessor's *difference* is their effect minus the average effect of the
other assessors, with its standard error from the same equations.

The variances are estimated by EM-REML on Henderson's mixed-model equations,
so an assessor with few assessments is shrunk towards zero (empirical Bayes)
and gets a wide uncertainty. An assessor is flagged when the estimated
difference is at least ``MIN_DIFFERENCE`` levels, at least ``MIN_Z`` standard
errors from zero, and rests on at least ``MIN_ASSESSMENTS`` assessments.
docs/oversight.md gives the reasons for these thresholds."""

from __future__ import annotations

import os
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

# The matrices are small (a few hundred rows): BLAS threads only contend with
# the web server's workers for the CPUs, and on a busy two-core machine a
# threaded fit took 50 times longer. Set before numpy is first imported.
for _variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

import numpy as np  # noqa: E402

MIN_DIFFERENCE = 0.5  # levels: half a step moves borderline councils across a level
MIN_Z = 3.0  # about 1 in 370 for an assessor with no real difference
MIN_ASSESSMENTS = 5
MIN_ASSESSORS = 3  # with two, a difference between them cannot say which one is out of line
MAX_ITERATIONS = 200
TOLERANCE = 1e-6


@dataclass(frozen=True)
class Observation:
    level: float
    cell: Hashable  # criterion and period
    council: Hashable
    assessor: Hashable
    assessment: Hashable


@dataclass(frozen=True)
class AssessorEffect:
    assessor: Hashable
    difference: float  # levels above (+) or below (−) other assessors, standing allowed for
    standard_error: float
    assessments: int
    levels: int
    flagged: bool

    @property
    def z(self) -> float:
        return self.difference / self.standard_error if self.standard_error else 0.0

    @property
    def direction(self) -> str:
        if not self.flagged:
            return "within range"
        return "lenient" if self.difference > 0 else "severe"


@dataclass(frozen=True)
class Fit:
    effects: list[AssessorEffect]
    residual_sd: float
    council_sd: float
    assessor_sd: float
    observations: int
    iterations: int


def is_flagged(difference: float, standard_error: float, assessments: int) -> bool:
    """Large enough to matter, and the evidence strong enough to say so."""
    if assessments < MIN_ASSESSMENTS or standard_error <= 0:
        return False
    return abs(difference) >= MIN_DIFFERENCE and abs(difference) / standard_error >= MIN_Z


def _index(keys: Sequence[Hashable]) -> tuple[np.ndarray, list]:
    order: dict[Hashable, int] = {}
    codes = np.fromiter((order.setdefault(k, len(order)) for k in keys), dtype=np.int64)
    return codes, list(order)


def _normal_equations(columns: list[np.ndarray], y: np.ndarray, size: int):
    """X'X and X'y for a design with one 1 per observation in each block,
    accumulated by counting rather than by forming the n × size matrix."""
    wtw = np.zeros((size, size))
    for rows in columns:
        for cols in columns:
            np.add.at(wtw, (rows, cols), 1.0)
    wty = sum(np.bincount(rows, weights=y, minlength=size) for rows in columns)
    return wtw, wty


def fit(observations: Sequence[Observation]) -> Fit | None:
    """Fit the model; None when there is too little to separate assessors."""
    if len(observations) < 3:
        return None
    y = np.array([o.level for o in observations], dtype=float)
    cells, _ = _index([o.cell for o in observations])
    councils, _ = _index([o.council for o in observations])
    assessor_codes, assessor_keys = _index([o.assessor for o in observations])
    p, qc, qa = cells.max() + 1, councils.max() + 1, len(assessor_keys)
    if qa < 2:
        return None
    # Fixed cells and assessors first (m of them), councils last: the council
    # block of the equations is diagonal, so it is eliminated (Schur complement)
    # and only an m × m system is solved, however many councils there are.
    m = p + qa
    wtw, wty = _normal_equations([cells, assessor_codes + p, councils + m], y, m + qc)
    a_block, b_block = wtw[:m, :m], wtw[:m, m:]
    council_counts, r_f, r_u = np.diag(wtw)[m:], wty[:m], wty[m:]
    n = y.size
    cell_means = np.bincount(cells, weights=y) / np.bincount(cells)
    total = float(np.var(y - cell_means[cells])) or 1.0
    sigma2, council_var, assessor_var = total / 2, total / 4, total / 4
    assessors = slice(p, m)
    iterations = 0
    while iterations < MAX_ITERATIONS:
        iterations += 1
        d_inv = 1.0 / (council_counts + sigma2 / council_var)
        lhs = a_block.copy()
        lhs[assessors, assessors] += np.eye(qa) * (sigma2 / assessor_var)
        schur = lhs - (b_block * d_inv) @ b_block.T
        s_inv = np.linalg.inv(schur)
        f = s_inv @ (r_f - b_block @ (d_inv * r_u))
        u = d_inv * (r_u - b_block.T @ f)
        v = f[assessors]
        # tr(C^uu) = Σ d⁻¹ + tr(S⁻¹ B D⁻² Bᵀ)
        trace_uu = d_inv.sum() + np.sum(s_inv * ((b_block * d_inv**2) @ b_block.T))
        trace_aa = np.trace(s_inv[assessors, assessors])
        new_sigma2 = max((y @ y - f @ r_f - u @ r_u) / max(n - p, 1), 1e-9)
        new_council = max((u @ u + sigma2 * trace_uu) / qc, 1e-9)
        new_assessor = max((v @ v + sigma2 * trace_aa) / qa, 1e-9)
        change = max(
            abs(new_sigma2 - sigma2),
            abs(new_council - council_var),
            abs(new_assessor - assessor_var),
        )
        sigma2, council_var, assessor_var = new_sigma2, new_council, new_assessor
        if change < TOLERANCE:
            break
    # Each assessor against the average of the others: a contrast, so the
    # uncertainty about the overall level (taken up by the cells) cancels out.
    contrast = (np.eye(qa) * qa - np.ones((qa, qa))) / (qa - 1)
    differences = contrast @ v
    errors = np.sqrt(
        np.maximum(sigma2 * np.diag(contrast @ s_inv[assessors, assessors] @ contrast.T), 0.0)
    )
    enough_assessors = qa >= MIN_ASSESSORS
    assessments: dict[Hashable, set] = {}
    for o in observations:
        assessments.setdefault(o.assessor, set()).add(o.assessment)
    counts = np.bincount(assessor_codes, minlength=qa)
    effects = [
        AssessorEffect(
            assessor=key,
            difference=float(differences[i]),
            standard_error=float(errors[i]),
            assessments=len(assessments[key]),
            levels=int(counts[i]),
            flagged=enough_assessors
            and is_flagged(float(differences[i]), float(errors[i]), len(assessments[key])),
        )
        for i, key in enumerate(assessor_keys)
    ]
    return Fit(
        effects=sorted(effects, key=lambda e: -abs(e.difference)),
        residual_sd=float(np.sqrt(sigma2)),
        council_sd=float(np.sqrt(council_var)),
        assessor_sd=float(np.sqrt(assessor_var)),
        observations=n,
        iterations=iterations,
    )
