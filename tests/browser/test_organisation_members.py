"""Organisation member pages in a browser: axe, the strict CSP, 320px wide."""

import pytest

from organisations.models import InvitationKind, MemberGroup
from tests.browser.conftest import (
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
    sign_in,
)
from tests.factories import make_user
from tests.organisations.builders import (
    make_invitation,
    make_manager,
    make_organisation,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_member_pages_pass_axe(page, site_url):
    organisation = make_organisation(name="Durfee High")
    MemberGroup.objects.create(organisation=organisation, name="Nurses")
    manager = make_manager(organisation)
    make_invitation(organisation, email="late@example.org")
    make_invitation(organisation, kind=InvitationKind.LINK)
    invitation = make_invitation(organisation, email="sam@example.org")
    sign_in(page.context, site_url, manager)
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        for path in [
            "/organisations/",
            f"/organisations/{organisation.pk}/leave/",
            f"/organisations/{organisation.pk}/invitations/",
            "/organisations/join/nope-nope/",
        ]:
            page.goto(site_url + path)
            assert_no_axe_violations(page)
            assert_no_horizontal_scroll(page)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{site_url}/organisations/{organisation.pk}/invitations/")
    page.get_by_label("Email address", exact=True).fill("nope")
    page.get_by_role("button", name="Send the invitation").click()
    assert_no_axe_violations(page)
    page.goto(f"{site_url}/organisations/{organisation.pk}/invitations/")
    page.get_by_label("Email addresses (optional)").fill(
        "a@example.org bad b@example.org"
    )
    page.get_by_role("button", name="Check the list").click()
    assert "Line 1 (bad)" in page.content()
    assert_no_axe_violations(page)
    page.set_viewport_size({"width": 320, "height": 900})
    assert_no_horizontal_scroll(page)
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Send 2 invitations").click()
    assert "2 invitations sent" in page.content()
    page.set_viewport_size({"width": 1280, "height": 900})

    sign_in(page.context, site_url, make_user(email="sam@example.org"))
    page.goto(f"{site_url}/organisations/join/{invitation.token}/")
    assert_no_axe_violations(page)
    page.set_viewport_size({"width": 320, "height": 900})
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Join Durfee High").click()
    assert "You have joined" in page.content()
