import re

import pytest
from wagtail.models import Site

from audiences.models import SafetySettings

AUDIENCE_URLS = ["/youth/", "/parents/", "/caregivers/", "/providers/"]
PUBLIC_URLS = [
    "/",
    *AUDIENCE_URLS,
    "/about-csec/",
    "/get-help/",
    "/privacy/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
]


@pytest.mark.parametrize("url", AUDIENCE_URLS)
def test_audience_page_is_open_and_links_to_the_other_three(client, home, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    for other in AUDIENCE_URLS:
        if other != url:
            assert f'href="{other}"' in html


def test_home_page_has_one_door_per_audience(client, home):
    html = client.get("/").content.decode()
    doors = re.findall(r'<a class="door" href="([^"]+)"', html)
    assert doors == AUDIENCE_URLS


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_every_public_page_has_quick_exit_first_and_the_hotlines(client, home, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    body = html.split("<body", 1)[1]
    # Nothing focusable may come before the quick exit.
    first_focusable = re.search(r"<(a|button|input|select|textarea)\b[^>]*>", body)
    assert 'id="quick-exit"' in first_focusable.group(0)
    assert 'data-quick-exit-url="https://www.weather.gov/"' in html
    assert "<noscript>" in html
    assert 'href="tel:18007925200"' in html
    assert 'href="tel:8883737888"' in html
    assert 'href="sms:233733?body=HELP"' in html


def test_changing_a_hotline_in_settings_changes_every_page(client, home):
    safety = SafetySettings.for_site(Site.objects.get(is_default_site=True))
    safety.dcf_hotline = "1-800-555-0199"
    safety.quick_exit_url = "https://example.org/news"
    safety.save()
    for url in PUBLIC_URLS:
        html = client.get(url).content.decode()
        assert 'href="tel:18005550199"' in html, url
        assert "1-800-555-0199" in html, url
        assert "tel:18007925200" not in html, url
        assert 'data-quick-exit-url="https://example.org/news"' in html, url


def test_unknown_page_gets_the_site_404_with_help(client, home):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert 'id="quick-exit"' in response.content.decode()


def test_pages_load_nothing_from_other_hosts(client, home):
    for url in PUBLIC_URLS:
        html = client.get(url).content.decode()
        external = re.findall(r'(?:src|href)="(?:https?:)?//(?!testserver)[^"]*"', html)
        # Only outbound links a person clicks (sources, the exit target) may
        # point elsewhere; nothing is loaded from another host.
        loaded = re.findall(
            r"<(?:script|link(?![^>]*rel=\"alternate\")|img|iframe|video|audio|source)"
            r'\b[^>]*(?:src|href)="(?:https?:)?//',
            html,
        )
        assert not loaded, (url, external)
        # hreflang alternates load nothing; they name this page on this host.
        alternates = re.findall(
            r'<link rel="alternate" hreflang="[^"]+" href="([^"]+)"', html
        )
        assert alternates and all(
            href.startswith("http://testserver/") for href in alternates
        ), alternates


def test_site_pages_are_linked_by_name_so_a_renamed_slug_keeps_working(client, home):
    from audiences.models import StandardPage

    page = StandardPage.objects.get(slug="get-help")
    page.slug = "help-now"
    page.save_revision().publish()
    html = client.get("/youth/").content.decode()
    assert 'href="/get-help/"' not in html
    assert html.count('href="/help-now/"') >= 2  # help bar and footer


def test_a_renamed_site_page_is_reloaded_in_place(home):
    from audiences.models import StandardPage
    from training.curriculum_loader import CURRICULUM_DIR, LoadReport, load_page_file

    page = StandardPage.objects.get(site_role="get_help")
    page.slug = "help-now"
    page.save_revision().publish()
    load_page_file(CURRICULUM_DIR / "pages" / "get-help.yaml", LoadReport())
    assert list(StandardPage.objects.filter(site_role="get_help")) == [page]
    assert not StandardPage.objects.filter(slug="get-help").exists()
