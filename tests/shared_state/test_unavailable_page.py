"""config/db_unavailable.py: a database that went away answers 503, anything
else keeps the 500 page; the 503 page reads nothing from the database."""

from django.db import OperationalError
from django.template import loader
from django.test import RequestFactory

from config.db_unavailable import server_error


def answer_while_handling(error):
    try:
        raise error
    except Exception:  # noqa: BLE001 - Django calls handler500 inside its except
        # No `db` fixture: any query here would fail the test.
        return server_error(RequestFactory().get("/youth/"))


def test_the_database_gone_answers_the_sites_503_page_without_a_query():
    response = answer_while_handling(OperationalError("server closed the connection"))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    page = response.content.decode()
    assert "be back in a moment" in page
    for number in ("1-800-792-5200", "888-373-7888", "988", "508-674-6111"):
        assert number in page
    assert "server closed the connection" not in page
    # The shared frame and help bar: quick exit first, no link that needs the page tree.
    assert page.index('id="quick-exit"') < page.index('class="help-bar"')
    assert 'data-quick-exit-url="https://www.weather.gov/"' in page
    assert "help-bar__link--more" not in page


def test_a_database_error_wrapped_by_a_template_still_counts():
    try:
        raise OperationalError("terminating connection")
    except OperationalError as cause:
        wrapped = RuntimeError("while rendering")
        wrapped.__cause__ = cause
    assert answer_while_handling(wrapped).status_code == 503


def test_any_other_error_keeps_the_500_page():
    response = answer_while_handling(ValueError("a bug"))
    assert response.status_code == 500
    assert "Sorry, something went wrong" in response.content.decode()


def test_the_500_page_needs_no_context_at_all():
    page = loader.render_to_string("500.html")
    assert "Sorry, something went wrong" in page
    assert 'data-quick-exit-url="https://www.weather.gov/"' in page
    assert 'class="help-bar"' not in page


def test_the_help_bar_elsewhere_keeps_its_get_help_link():
    from audiences.models import SafetySettings

    context = {"s": SafetySettings(), "links": {"get_help": "/get-help/"}}
    bar = loader.render_to_string("includes/help_bar.html", context)
    assert '<a class="help-bar__link help-bar__link--more" href="/get-help/">' in bar
