from django import template

from .. import rules

register = template.Library()


@register.filter
def share(value):
    """0.667 → "67%"; None → "–"."""
    return rules.percent(value)


@register.filter
def signed(value):
    """A difference in levels with its sign: +0.42, −0.10, or "–"."""
    if value is None:
        return "–"
    return f"{value:+.2f}".replace("-", "−")


@register.filter
def band_words(band):
    return rules.band_words(band)
