"""How an app declares the designed refusal of each of its public services.

Beside ``ENTRIES`` (URLs), an app's ``tests/access.py`` has ``SERVICES``: the
name ``"<app label>.<service>"`` → ``Service(call, allowed)``. ``call(world,
target, actor)`` calls the service once with records of the target
organisation (own or other, as built for the URL matrix; any records it needs
beyond those it may create itself: every call is rolled back). ``allowed``
uses the same ``roles(...)`` helper as URL entries.

The service matrix (tests/test_service_matrix.py) finds every public service
(a function of ``assurance.<app>.services`` or its public submodules that
takes a keyword-only ``actor``), fails on one without an entry, and for every
role and target asserts: allowed → the service does not refuse permission
(it may still refuse the input with ValidationError: permission comes first);
not allowed → PermissionDenied.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from .world import NO_TARGET, OTHER, OWN


@dataclass(frozen=True)
class Service:
    call: Callable[[Any, str, Any], Any]
    allowed: dict[str, frozenset[str]] = field(default_factory=dict)
    targets: tuple[str, ...] = (OWN, OTHER)

    def permitted(self, role: str, target: str) -> bool:
        return target in self.allowed.get(role, frozenset())


def no_target_service(call: Callable[[Any, Any], Any], allowed) -> Service:
    """A service with no organisation in it (loading a framework file)."""
    return Service(
        call=lambda world, target, actor: call(world, actor),
        allowed=dict.fromkeys(allowed, frozenset({NO_TARGET})),
        targets=(NO_TARGET,),
    )


def _modules(package):
    yield package
    for info in pkgutil.iter_modules(getattr(package, "__path__", [])):
        if not info.name.startswith("_"):
            yield importlib.import_module(f"{package.__name__}.{info.name}")


def public_services() -> dict[str, Callable]:
    """``"<app label>.<name>"`` → every public service function of the project."""
    found: dict[str, Callable] = {}
    for app in settings.INSTALLED_APPS:
        if not app.startswith("assurance."):
            continue
        try:
            package = importlib.import_module(f"{app}.services")
        except ModuleNotFoundError:
            continue
        label = app.rsplit(".", 1)[-1]
        for module in _modules(package):
            for name, function in vars(module).items():
                if name.startswith("_") or not inspect.isfunction(function):
                    continue
                if not function.__module__.startswith(package.__name__):
                    continue
                parameter = inspect.signature(function).parameters.get("actor")
                if parameter is not None and parameter.kind is parameter.KEYWORD_ONLY:
                    found[f"{label}.{name}"] = function
    return found


def app_service_entries() -> dict[str, Service]:
    entries: dict[str, Service] = {}
    for app in settings.INSTALLED_APPS:
        if not app.startswith("assurance."):
            continue
        try:
            module = importlib.import_module(f"{app}.tests.access")
        except ModuleNotFoundError:
            continue
        entries.update(getattr(module, "SERVICES", {}))
    return entries


def fresh(world, name: str, target: str):
    """The world's record read again: a permitted call may have changed the
    instance in memory, even though the database was rolled back."""
    record = world.obj(name, target)
    return type(record).objects.get(pk=record.pk)
