import time

from tests.factories import audience_page, make_module


def test_search_finds_modules_lessons_and_pages(client, home):
    make_module(parent=audience_page("parents"), title="Warning signs at home")
    html = client.get("/search/", {"q": "warning signs"}).content.decode()
    assert "Warning signs at home" in html
    assert "1 result" in html or "results" in html


def test_search_with_no_query_shows_the_form(client, home):
    response = client.get("/search/")
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()


def test_a_huge_query_is_capped_and_answers_quickly(client, home):
    started = time.monotonic()
    response = client.get("/search/", {"q": "a(" * 50_000})
    assert response.status_code == 200
    assert time.monotonic() - started < 5
    assert ("a(" * 101) not in response.content.decode()  # cut to 200 characters
