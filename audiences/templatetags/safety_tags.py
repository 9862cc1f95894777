import re
from urllib.parse import quote

from django import template

register = template.Library()


@register.filter
def tel_href(number: str, extension: str = "") -> str:
    """`1-800-792-5200` -> `tel:18007925200`; an extension is dialled after a pause."""
    digits = re.sub(r"[^0-9+]", "", number or "")
    ext = re.sub(r"[^0-9]", "", extension or "")
    return f"tel:{digits},{ext}" if ext else f"tel:{digits}"


@register.filter
def sms_href(number: str, body: str = "") -> str:
    """`233733`, `HELP` -> `sms:233733?body=HELP` (the body most phones prefill)."""
    digits = re.sub(r"[^0-9+]", "", number or "")
    return f"sms:{digits}?body={quote(body)}" if body else f"sms:{digits}"
