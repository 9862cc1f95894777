"""Sections other apps add to an audience's page, without audiences importing them.

An app registers `section(request, page)`, which returns (template name,
context) to include on the page, or None to add nothing. Organisations uses it
to list the audience's public live sessions.
"""

from collections.abc import Callable
from dataclasses import dataclass

AudiencePageSectionMaker = Callable[..., tuple[str, dict] | None]
_makers: list[AudiencePageSectionMaker] = []


@dataclass(frozen=True)
class AudiencePageSection:
    template: str
    context: dict


def register_audience_page_section(
    maker: AudiencePageSectionMaker,
) -> AudiencePageSectionMaker:
    if maker not in _makers:
        _makers.append(maker)
    return maker


def audience_page_sections(request, page) -> list[AudiencePageSection]:
    """The sections registered apps add to this page, in registration order."""
    sections = []
    for maker in _makers:
        made = maker(request, page)
        if made is not None:
            template, context = made
            sections.append(AudiencePageSection(template=template, context=context))
    return sections
