"""Parsing invitation lists: pure functions, no database."""

from organisations.invite_csv import (
    MAX_BYTES,
    as_lines,
    check_groups,
    parse_csv,
    parse_pasted,
)


def test_pasted_addresses_any_separator():
    parsed = parse_pasted("a@example.org, b@example.org;c@example.org\nd@example.org")
    assert [row.email for row in parsed.rows] == [
        "a@example.org",
        "b@example.org",
        "c@example.org",
        "d@example.org",
    ]
    assert parsed.ok


def test_bad_rows_are_reported_by_line_number():
    data = (
        b"email,group\nok@example.org,\nnot-an-address,\n,Nurses\nfine@example.org,\n"
    )
    parsed = parse_csv(data)
    assert [row.email for row in parsed.rows] == ["ok@example.org", "fine@example.org"]
    assert [(problem.line, problem.value) for problem in parsed.problems] == [
        (3, "not-an-address"),
        (4, ""),
    ]
    assert "not an email address" in parsed.problems[0].message
    assert "missing" in parsed.problems[1].message
    assert not parsed.ok


def test_duplicates_are_merged_case_insensitively():
    parsed = parse_csv(b"Email\nSam@Example.org\nsam@example.org\nSAM@EXAMPLE.ORG\n")
    assert [row.email for row in parsed.rows] == ["sam@example.org"]
    assert parsed.duplicates == 2


def test_1000_rows_are_accepted():
    data = "email\n" + "".join(f"p{n}@example.org\n" for n in range(1000))
    parsed = parse_csv(data.encode())
    assert len(parsed.rows) == 1000
    assert not parsed.refused


def test_1001_rows_are_refused_with_a_clear_message():
    data = "email\n" + "".join(f"p{n}@example.org\n" for n in range(1001))
    parsed = parse_csv(data.encode())
    assert parsed.rows == ()
    assert "1,001 addresses" in parsed.refused
    assert "at most 1,000" in parsed.refused


def test_1001_pasted_addresses_are_refused():
    parsed = parse_pasted(" ".join(f"p{n}@example.org" for n in range(1001)))
    assert parsed.refused and not parsed.rows


def test_size_is_capped_before_parsing():
    parsed = parse_csv(b"email\n" + b"x" * MAX_BYTES)
    assert "too large" in parsed.refused


def test_a_file_without_an_email_column_is_refused():
    assert "“email”" in parse_csv(b"name,address\nSam,sam@example.org\n").refused
    assert parse_csv(b"").refused


def test_a_file_that_is_not_utf8_is_refused():
    assert "UTF-8" in parse_csv("email\nJosé@example.org\n".encode("utf-16")).refused


def test_group_column_is_optional_and_checked_against_the_organisation():
    data = (
        b"email,group\na@example.org,Nurses\nb@example.org,nurses\n"
        b"c@example.org,Cooks\n"
    )
    parsed = check_groups(parse_csv(data), known={"nurses": 1})
    assert [row.email for row in parsed.rows] == ["a@example.org", "b@example.org"]
    assert [(problem.line, problem.value) for problem in parsed.problems] == [
        (4, "Cooks")
    ]


def test_the_preview_round_trips():
    parsed = parse_csv(b"email,group\na@example.org,Nurses\nb@example.org,\n")
    again = parse_csv(as_lines(parsed.rows).encode())
    assert [(r.email, r.group) for r in again.rows] == [
        ("a@example.org", "Nurses"),
        ("b@example.org", ""),
    ]


def test_an_empty_list_is_refused():
    assert parse_pasted("  \n ").refused
