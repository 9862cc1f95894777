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
_EXECUTABLE_ELEMENT = re.compile(
    r"<(script|style)\b[^>]*>.*?(?:</\1\s*>|\Z)", re.IGNORECASE | re.DOTALL
)


def sanitize_html(html: str, *, tags=RICH_TEXT_TAGS, attributes=None) -> str:
    """Keep only `tags` (and `attributes`, with safe URL schemes); drop the rest."""
    previous = None
    # Repeat so that nesting like <scr<script></script>ipt> cannot reassemble.
    while previous != html:
        previous, html = html, _EXECUTABLE_ELEMENT.sub("", html)
    return bleach.clean(
        html,
        tags=tags,
        attributes=attributes or {},
        protocols=SAFE_PROTOCOLS,
        strip=True,
        strip_comments=True,
    )


def clean_rich_text(html: str) -> str:
    return sanitize_html(html, attributes=RICH_TEXT_ATTRIBUTES)
