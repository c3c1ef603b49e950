"""Demo data for frameworks: the shipped framework files, through the loader."""

from django.core.exceptions import ImproperlyConfigured

from .loader import load_shipped


def seed() -> None:
    result = load_shipped()
    if not result.ok:
        raise ImproperlyConfigured(
            "Shipped framework files do not load:\n" + "\n".join(result.messages())
        )
