"""Exports open in Excel whatever a trainer or learner typed."""

import io

from openpyxl import load_workbook

from config.spreadsheets import csv_bytes, safe_sheet_title, xlsx_bytes


def test_a_sheet_title_with_characters_excel_refuses_still_exports():
    content = xlsx_bytes(
        [["a"], ["=1+1"]], sheet_title="Questions of CSEC: the [basics]?"
    )
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet.title == safe_sheet_title("Questions of CSEC: the [basics]?")
    assert len(sheet.title) <= 31 and not set(sheet.title) & set(":[]?*/\\")
    assert sheet["A2"].value == "'=1+1"


def test_an_empty_or_quoted_title_gets_a_name():
    assert safe_sheet_title("'") == "Sheet"
    assert safe_sheet_title("::") == "Sheet"


def test_csv_cells_cannot_run_as_formulas():
    text = csv_bytes([["@SUM(A1)", "plain"]]).decode("utf-8-sig")
    assert text.strip() == "'@SUM(A1),plain"
