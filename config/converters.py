"""URL converters: a database id in a URL is at most 18 digits.

Django's `int` converter takes any length, and a 20-digit id overflows the
database's 64-bit integer (a 500 on SQLite). Longer is simply not found.
"""

from django.urls import register_converter


class DatabaseIdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(value)


register_converter(DatabaseIdConverter, "id")
