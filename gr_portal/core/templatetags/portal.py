"""Template helpers shared by every page: {% load portal %}."""

from urllib.parse import quote

from django import template
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def get_item(mapping, key):
    """``{{ mapping|get_item:key }}``: a dictionary's value for a key held in a variable."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def percentage(share) -> str:
    """``{{ share|percentage }}``: a fraction as a percentage with one decimal, in the active
    language's number format (0.5 → '50,0 %' in Dutch)."""
    try:
        value = round(float(share) * 100, 1)
    except (TypeError, ValueError):
        return ""
    return f"{number_format(value, 1)} %"


@register.simple_tag(takes_context=True)
def nav_link(context, view_name: str, label: str, *, come_back: bool = False) -> str:
    """A menu link, marked as the current page (aria-current) when the request is for it.

    With `come_back` the link carries ``?next=`` the current path (the login link).
    """
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    current = match is not None and match.view_name == view_name
    url = reverse(view_name)
    if come_back and request is not None:
        url += "?next=" + quote(request.path, safe="/")
    return format_html(
        '<a class="utrecht-link utrecht-link--html-a" href="{}"{}>{}</a>',
        url,
        mark_safe(' aria-current="page"') if current else "",
        label,
    )
