"""Render the panels other apps add to assessment pages (see core.registry).

The panel's context function is the registering app's selector, called once
per page; the template itself runs no query."""

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from assurance.core.registry import assessment_panels_for, criterion_panels_for

register = template.Library()


def _render(panels, request) -> str:
    html = [render_to_string(name, context, request=request) for name, context in panels]
    return mark_safe(format_html_join("", "{}", ((mark_safe(h),) for h in html)))  # noqa: S308


@register.simple_tag(takes_context=True)
def criterion_panels(context, assessment, criterion):
    request = context.get("request")
    if request is None or assessment is None or criterion is None:
        return ""
    return _render(criterion_panels_for(request.user, assessment, criterion), request)


@register.simple_tag(takes_context=True)
def assessment_panels(context, assessment):
    request = context.get("request")
    if request is None or assessment is None:
        return ""
    return _render(assessment_panels_for(request.user, assessment), request)
