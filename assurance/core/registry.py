"""Extension points through which each app adds to shared pages without the
core app knowing about it: navigation links, home page sections and the
records whose history may be viewed, panels on assessment pages (beside
each criterion, and on the submit and scoring overview pages) and the records
a letter cites under each criterion. Apps register in AppConfig.ready()."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model

from assurance.accounts.permissions import Action, has_action


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    action: Action
    order: int


@dataclass(frozen=True)
class HomeSection:
    """A block on the home page. ``context`` returns None to hide the block."""

    template_name: str
    context: Callable[[Any], dict | None]
    order: int


@dataclass(frozen=True)
class Panel:
    """A block another app adds to an assessment page. ``context`` returns None
    to hide it; it is called once per page with a bounded number of queries."""

    template_name: str
    context: Callable[..., dict | None]
    order: int


_NAV: list[NavItem] = []
# Beside each criterion on the self-assessment and scoring pages:
# context(user, assessment, criterion)
_CRITERION_PANELS: list[Panel] = []
# On the submit page and the scoring overview: context(user, assessment)
_ASSESSMENT_PANELS: list[Panel] = []
_HOME: list[HomeSection] = []
# What an issued letter cites under each criterion:
# fn(organisation_ids, period, criterion_ids) -> {criterion_id: (short plain line, ...)}.
# Called once per letter for all its criteria, with a fixed number of queries;
# the letter leaves the council, so lines carry only what may be shown outside it.
LetterEvidence = Callable[[tuple[int, ...], str, tuple[int, ...]], dict[int, tuple[str, ...]]]
_LETTER_EVIDENCE: list[LetterEvidence] = []
# model label ("app.model") -> (getter, purpose): ``getter(user, pk, purpose=purpose)``
# returns the instance or raises Http404. The purpose is the action that lets
# a user see the record itself; the history page also needs VIEW_HISTORY.
_HISTORY: dict[str, tuple[Callable[..., Model], Action]] = {}


def register_nav(label: str, url_name: str, action: Action, order: int = 50) -> None:
    if all(item.url_name != url_name for item in _NAV):
        _NAV.append(NavItem(label, url_name, action, order))


def register_home_section(
    template_name: str, context: Callable[[Any], dict | None], order: int = 50
) -> None:
    if all(section.template_name != template_name for section in _HOME):
        _HOME.append(HomeSection(template_name, context, order))


def register_history(model: type[Model], getter: Callable[..., Model], *, purpose: Action) -> None:
    _HISTORY[model._meta.label_lower] = (getter, purpose)


def register_criterion_panel(
    template_name: str, context: Callable[[Any, Any, Any], dict | None], order: int = 50
) -> None:
    if all(panel.template_name != template_name for panel in _CRITERION_PANELS):
        _CRITERION_PANELS.append(Panel(template_name, context, order))


def register_assessment_panel(
    template_name: str, context: Callable[[Any, Any], dict | None], order: int = 50
) -> None:
    if all(panel.template_name != template_name for panel in _ASSESSMENT_PANELS):
        _ASSESSMENT_PANELS.append(Panel(template_name, context, order))


def register_letter_evidence(fn: LetterEvidence) -> None:
    if fn not in _LETTER_EVIDENCE:
        _LETTER_EVIDENCE.append(fn)


def letter_evidence_for(organisation_ids, period: str, criterion_ids) -> dict[int, tuple[str, ...]]:
    """Every registered app's lines for each criterion, in registration order;
    a criterion with none is left out."""
    found: dict[int, tuple[str, ...]] = {}
    ids, criteria = tuple(organisation_ids), tuple(criterion_ids)
    for fn in _LETTER_EVIDENCE:
        for criterion_id, lines in fn(ids, period, criteria).items():
            if lines:
                found[criterion_id] = found.get(criterion_id, ()) + tuple(lines)
    return found


def _panels(panels: list[Panel], *args) -> list[tuple[str, dict]]:
    shown = []
    for panel in sorted(panels, key=lambda p: p.order):
        context = panel.context(*args)
        if context is not None:
            shown.append((panel.template_name, context))
    return shown


def criterion_panels_for(user, assessment, criterion) -> list[tuple[str, dict]]:
    return _panels(_CRITERION_PANELS, user, assessment, criterion)


def assessment_panels_for(user, assessment) -> list[tuple[str, dict]]:
    return _panels(_ASSESSMENT_PANELS, user, assessment)


def nav_items_for(user) -> list[NavItem]:
    return [i for i in sorted(_NAV, key=lambda i: i.order) if has_action(user, i.action)]


def home_sections_for(user) -> list[tuple[str, dict]]:
    sections = []
    for section in sorted(_HOME, key=lambda s: s.order):
        context = section.context(user)
        if context is not None:
            sections.append((section.template_name, context))
    return sections


def history_getter(label: str) -> Callable[[Any, int], Model] | None:
    """``getter(user, pk)`` scoped to the purpose the app registered, or None."""
    found = _HISTORY.get(label)
    if found is None:
        return None
    getter, purpose = found
    return lambda user, pk: getter(user, pk, purpose=purpose)
