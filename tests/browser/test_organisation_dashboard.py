"""The manager's dashboard and a member's assignments in a browser: axe, the
strict CSP, 320px wide."""

import pytest

from organisations.models import ArchiveStatus, CertificateArchive
from tests.browser.conftest import (
    assert_no_axe_violations,
    assert_no_horizontal_scroll,
    sign_in,
)
from tests.factories import audience_page, make_module
from tests.organisations.builders import (
    make_assignment,
    make_group,
    make_manager,
    make_member,
    make_organisation,
)
from tests.training.certificates.builders import (
    complete_module,
    finish_lessons,
    issue,
    make_certificate_module,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_dashboard_pages_pass_axe_and_csp(page, site_url):
    organisation = make_organisation(name="Durfee High")
    make_group(organisation)
    manager = make_manager(organisation, name="Morgan Head")
    certificate_module = make_certificate_module()
    plain = make_module(parent=audience_page("providers"), lessons=1)
    assignment = make_assignment(organisation, certificate_module)
    make_assignment(organisation, plain, assigned_by=manager)
    holder = make_member(organisation, name="Dana Done")
    complete_module(certificate_module, user=holder)
    issue(certificate_module, holder)
    finish_lessons(plain, user=make_member(organisation, name="Pat Progress"))
    busy = CertificateArchive.objects.create(
        assignment=assignment, status=ArchiveStatus.RUNNING, total=4, done=1
    )
    sign_in(page.context, site_url, manager)
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        for path in [
            f"/organisations/{organisation.pk}/",
            f"/organisations/{organisation.pk}/?status=done&q=dana",
            f"/organisations/{organisation.pk}/certificate-zips/{busy.pk}/",
            "/my-training/",
        ]:
            page.goto(site_url + path)
            assert_no_axe_violations(page)
            assert_no_horizontal_scroll(page)
    # The assign form with an error.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{site_url}/organisations/{organisation.pk}/")
    page.get_by_role("button", name="Assign", exact=True).click()
    assert_no_axe_violations(page)
