"""Which records evidence can be attached to, and who may see it.

Evidence is reached only through the record that holds it (a criterion of an
assessment, later a peer review's self-assessment). Each holding app registers
a scoped getter, ``getter(user, pk, *, purpose)``, that returns the holder or raises
Http404; the download view asks it before streaming a byte."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Model

_HOLDERS: dict[str, Callable[[Any, int], Model]] = {}


def register_evidence_holder(model: type[Model], getter: Callable[[Any, int], Model]) -> None:
    _HOLDERS[model._meta.label_lower] = getter


def holder_getter(label: str) -> Callable[[Any, int], Model] | None:
    return _HOLDERS.get(label)
