from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """A dictionary's value by a key held in a variable (None when absent)."""
    if not mapping:
        return None
    return mapping.get(key)


@register.filter
def model_label(record) -> str:
    return record._meta.label_lower
