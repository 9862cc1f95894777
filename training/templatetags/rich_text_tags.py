from django import template
from django.utils.safestring import mark_safe
from wagtail.rich_text import expand_db_html

from training.sanitize import clean_rich_text

register = template.Library()


@register.filter
def clean_richtext(value) -> str:
    """Wagtail's `richtext`, then cleaned: no script, handler or javascript: URL."""
    html = value.source if hasattr(value, "source") else str(value or "")
    return mark_safe(clean_rich_text(expand_db_html(html)))  # noqa: S308 - cleaned above
