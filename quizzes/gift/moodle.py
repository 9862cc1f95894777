"""Turn the texts and categories a Moodle export holds into what our fields store.

Moodle marks the format of each text with a prefix, [html], [moodle],
[markdown] or [plain], on the question text and on every answer and feedback.
The site has two kinds of text field, and the format does not change which:

- rich fields (prompt, case text, explanation) are shown through the
  question_html filter, so they keep the few tags in ALLOWED_TAGS; everything
  else is removed and entities stay entities (the text is HTML);
- plain fields (choice text, choice feedback) are printed with autoescaping,
  so every tag goes and entities are decoded: "<p>Tom &amp; Jerry</p>" is
  stored as "Tom & Jerry", never as markup a learner would see as "&lt;p&gt;".

[moodle] and [markdown] texts are read as plain text, cleaned the same way:
tags typed into them are no safer than tags in [html]. Markup escaped once too
often ("&lt;p&gt;Yes&lt;/p&gt;") is cleaned as markup too, in both kinds of
field, so a learner never sees a tag.
"""

from __future__ import annotations

import html
import re

from training.sanitize import sanitize_html

ALLOWED_TAGS = frozenset(
    {"b", "i", "strong", "em", "p", "br", "ul", "ol", "li", "code", "sub", "sup"}
)
NO_TAGS: frozenset[str] = frozenset()
# Each pass undoes one level of escaping too many; three is more than any
# exporter writes, and keeps the cost bounded.
_MAX_UNESCAPES = 3

_FORMAT_PREFIX = re.compile(r"\s*\[(?:html|plain|moodle|markdown)\]", re.IGNORECASE)
# Patterns start with '<' and stop at the next '<' or '>', so they stay linear
# on text that is nothing but unclosed tags.
_KEPT_BLOCK_TAG = re.compile(r"(</?(?:p|br|ul|ol|li)\b[^<>]*>)", re.IGNORECASE)
_BLOCK_TAGS = re.compile(
    r"(?:</?(?:p|br|div|li|ul|ol|h[1-6]|tr|td|th|table|blockquote)\b[^<>]*>)+",
    re.IGNORECASE,
)
_ESCAPED_TAG = re.compile(r"&(?:amp;)*lt;/?[a-z!]", re.IGNORECASE)
_CONTEXT = re.compile(r"\$[a-z]+\$/(?:top(?:/|$))?", re.IGNORECASE)
# Moodle writes a '/' inside a category's name as '//'.
_PATH_SEPARATOR = re.compile(r"(?<!/)/(?!/)")


def strip_format(text: str) -> str:
    """Text without its leading format prefix, such as [html]."""
    if prefix := _FORMAT_PREFIX.match(text):
        return text[prefix.end() :]
    return text


def sanitize(text: str) -> str:
    """Return text with only basic formatting tags; everything else is removed."""
    return sanitize_html(text, tags=ALLOWED_TAGS)


def rich_text(text: str) -> str:
    """A prompt, case text or explanation: basic formatting kept, the rest gone."""
    # The quiz pages turn a line break into <br>; next to a block tag it is
    # only how Moodle laid out its HTML, and would add an empty line.
    pieces = _KEPT_BLOCK_TAG.split(text)  # text, tag, text, ..., text
    for index in range(0, len(pieces), 2):
        if index > 0:
            pieces[index] = pieces[index].lstrip("\n")
        if index < len(pieces) - 1:
            pieces[index] = pieces[index].rstrip("\n")
    return sanitize(_unescape_markup("".join(pieces))).strip()


def plain_text(text: str) -> str:
    """A choice or its feedback: no tags at all, and entities decoded."""
    # "<p>Yes</p><p>really</p>" reads "Yes really", not "Yesreally".
    spaced = _BLOCK_TAGS.sub(" ", _unescape_markup(text))
    decoded = html.unescape(sanitize_html(spaced, tags=NO_TAGS)).replace("\xa0", " ")
    # A single-line field: a line break (from \n or a tag) is a space.
    return " ".join(line.strip() for line in decoded.split("\n") if line.strip())


def _unescape_markup(text: str) -> str:
    """Text whose tags were escaped once too often ("&lt;p&gt;"), unescaped."""
    # Before cleaning, so that it is cleaned once: the cleaner is the slow part.
    for _ in range(_MAX_UNESCAPES):
        if not _ESCAPED_TAG.search(text):
            break
        text = html.unescape(text)
    return text


def plain_to_gift_html(text: str) -> str:
    """The inverse of plain_text, for writing a plain field into [html] GIFT."""
    return html.escape(text, quote=False)


def category_name(path: str) -> tuple[str, str]:
    """Return (the category as trainers know it, its last part as a topic key).

    "$course$/top/Default for CSEC/Risk Factors" gives
    ("Default for CSEC/Risk Factors", "risk factors").
    """
    shown = path.strip()
    if context := _CONTEXT.match(shown):
        shown = shown[context.end() :] or shown
    parts = [part.strip() for part in _PATH_SEPARATOR.split(shown) if part.strip()]
    last = parts[-1].replace("//", "/") if parts else ""
    return shown.strip("/ ") or shown, " ".join(last.split()).lower()
