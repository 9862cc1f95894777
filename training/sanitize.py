"""Clean HTML on its way out, whatever path it came in by (admin, loader, import)."""

import re

import bleach

# What Draftail may produce with the features lessons allow, once expanded.
RICH_TEXT_TAGS = frozenset(
    {"p", "br", "h2", "h3", "h4", "b", "i", "strong", "em", "ul", "ol", "li", "a"}
)
RICH_TEXT_ATTRIBUTES = {"a": ["href"]}
SAFE_PROTOCOLS = frozenset({"http", "https", "mailto", "tel"})

# bleach strips tags but keeps their text, so executable content goes first.
# An opening tag with no '>' runs to the end, like an element with no closing
# tag: "[^>]*>" alone rescans the rest of the text from every "<script " that
# lacks a '>', which is quadratic (256 KB of them took 15 s).
_EXECUTABLE_ELEMENT = re.compile(
    r"<(script|style)\b[^>]*(?:>|\Z).*?(?:</\1\s*>|\Z)", re.IGNORECASE | re.DOTALL
)
_EXECUTABLE_START = re.compile(r"<(?:script|style)\b", re.IGNORECASE)
# Each pass undoes one level of nesting like <scr<script></script>ipt>; text
# nested deeper than this was built to wear the cleaner down, one pass each.
_MAX_PASSES = 4


def sanitize_html(html: str, *, tags=RICH_TEXT_TAGS, attributes=None) -> str:
    """Keep only `tags` (and `attributes`, with safe URL schemes); drop the rest."""
    html = _drop_executable(html)
    return bleach.clean(
        html,
        tags=tags,
        attributes=attributes or {},
        protocols=SAFE_PROTOCOLS,
        strip=True,
        strip_comments=True,
    )


def _drop_executable(html: str) -> str:
    """Remove script and style elements, in time linear in the length of html."""
    # Repeat so that nesting like <scr<script></script>ipt> cannot reassemble.
    for _ in range(_MAX_PASSES):
        html, removed = _EXECUTABLE_ELEMENT.subn("", html)
        if not removed:
            return html
    # Still reassembling: treat what survives as an element that never closes.
    if survivor := _EXECUTABLE_START.search(html):
        html = html[: survivor.start()]
    return html


def clean_rich_text(html: str) -> str:
    return sanitize_html(html, attributes=RICH_TEXT_ATTRIBUTES)
