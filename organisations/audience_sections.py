"""An audience's page lists its upcoming public live sessions
(see audiences/page_extras.py)."""

from audiences.page_extras import register_audience_page_section

MAX_LISTED = 6


@register_audience_page_section
def upcoming_sessions_section(request, page):
    # Deferred: the models are not ready when the app registry imports this.
    from organisations.selectors.sessions import upcoming_public_sessions

    sessions = list(
        upcoming_public_sessions(audience=page.audience_id)[: MAX_LISTED + 1]
    )
    if not sessions:
        return None
    return (
        "organisations/sessions/audience_section.html",
        {"sessions": sessions[:MAX_LISTED], "more": len(sessions) > MAX_LISTED},
    )
