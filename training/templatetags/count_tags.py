from decimal import ROUND_CEILING, Decimal

from django import template

register = template.Library()


@register.filter
def plural_count(number) -> int:
    """A whole number for `{% blocktranslate count %}`, whose plural rules take
    only whole numbers (a Decimal is deprecated there): a whole amount stays as it
    is, and a fraction such as 1.5 or 0.5 hours counts as plural (at least 2), as
    it reads in English, Spanish and Portuguese."""
    value = Decimal(str(number or 0))
    if value == value.to_integral_value():
        return int(value)
    return max(2, int(value.to_integral_value(rounding=ROUND_CEILING)))
