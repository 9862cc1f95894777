"""Panels other apps add to a learner's My training page.

Training never imports the apps built on it (organisations depends on training,
not the other way round): they register a callable here from their
AppConfig.ready(). It gets the request and returns None (nothing to show) or
{"template": name, "context": {...}}; the page includes each template in order.
"""

from collections.abc import Callable

_panels: list[Callable] = []


def register_my_training_panel(panel: Callable) -> Callable:
    """Add `panel(request) -> dict | None` to My training (usable as a decorator)."""
    if panel not in _panels:
        _panels.append(panel)
    return panel


def my_training_panels(request) -> list[dict]:
    """The panels with something to show, each {"template": ..., "context": ...}."""
    shown = []
    for panel in _panels:
        found = panel(request)
        if found:
            shown.append(found)
    return shown
