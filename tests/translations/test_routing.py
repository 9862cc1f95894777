"""Every page in English at its old address and in Spanish under /es/; the
switcher, hreflang, the remembered choice and the review notice."""

import re

from wagtail.models import Locale

from audiences.models import StandardPage
from tests.factories import make_user
from tests.training.certificates.builders import complete_module, issue
from training.models import LessonPage, TrainingModulePage

SITE_PAGES = ["", "about-csec/", "get-help/", "privacy/"]
SITE_PAGES += ["youth/", "parents/", "caregivers/", "providers/"]


def english_module():
    return TrainingModulePage.objects.get(
        locale=Locale.get_default(), slug="understanding-exploitation"
    )


def html_lang(html: str) -> str:
    return re.search(r'<html lang="([^"]+)"', html)[1]


def switcher_targets(html: str) -> dict[str, str]:
    """{language: next} of the header switcher's forms."""
    nav = html[html.index('class="language-switcher"') :]
    nav = nav[: nav.index("</nav>")]
    return dict(
        re.findall(
            r'name="language" value="(\w+)">\s*<input type="hidden" name="next" '
            r'value="([^"]*)"',
            nav,
        )
    )


def hreflangs(html: str) -> dict[str, str]:
    return dict(
        re.findall(r'<link rel="alternate" hreflang="([\w-]+)" href="([^"]+)"', html)
    )


def test_english_addresses_are_unchanged_and_translations_live_under_es_and_pt(
    client, bilingual_site
):
    module = english_module()
    lesson = module.lessons().first()
    english = [f"/{path}" for path in SITE_PAGES] + [module.url, lesson.url]
    english.append("/certificates/verify/")
    for url in english:
        response = client.get(url)
        assert response.status_code == 200, url
        assert html_lang(response.content.decode()) == "en", url
    for language in ("es", "pt"):
        for url in english:
            translated = f"/{language}{url}"
            response = client.get(translated)
            assert response.status_code == 200, translated
            html = response.content.decode()
            assert html_lang(html) == language, translated
            if url != "/certificates/verify/":  # a view: no page text to translate
                assert f"[{language}] " in html, f"{translated} is not translated"


def test_the_switcher_and_hreflang_name_the_same_page_in_each_language(
    client, translated_site
):
    lesson = english_module().lessons().first()
    spanish = LessonPage.objects.get(
        locale__language_code="es", translation_key=lesson.translation_key
    )
    html = client.get(lesson.url).content.decode()
    assert switcher_targets(html)["es"] == spanish.url == "/es" + lesson.url
    # Portuguese was not loaded: the switcher leads to that language's home.
    assert switcher_targets(html)["pt"] == "/"
    links = hreflangs(html)
    assert links["en"].endswith(lesson.url) and links["x-default"] == links["en"]
    assert links["es"].endswith(spanish.url)
    assert "pt" not in links  # no hreflang for a page that does not exist
    html = client.get(spanish.url).content.decode()
    assert switcher_targets(html) == {"en": lesson.url, "pt": "/"}
    assert 'aria-current="true"' in html and 'lang="es" aria-current' in html


def test_a_page_without_a_translation_falls_back_to_that_languages_home(
    client, translated_site, home
):
    page = home.add_child(instance=StandardPage(title="Only English", slug="only-en"))
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert switcher_targets(html)["es"] == "/es/"
    assert "es" not in hreflangs(html)


def test_switching_remembers_the_choice_and_keeps_the_visitor_on_the_page(
    client, translated_site
):
    lesson = english_module().lessons().first()
    response = client.post(
        "/i18n/setlang/", {"language": "es", "next": "/es" + lesson.url}
    )
    assert response.status_code == 302
    assert response["Location"] == "/es" + lesson.url
    assert response.cookies["django_language"].value == "es"
    # The remembered choice: an English address leads to the Spanish page...
    response = client.get(lesson.url)
    assert response.status_code == 302 and response["Location"] == "/es" + lesson.url
    assert "private" in response["Cache-Control"] and "Cookie" in response["Vary"]
    # ...and an address under /es/ or /pt/ always shows what it names.
    assert client.get("/es" + lesson.url).status_code == 200
    # A page with no Spanish version stays English rather than vanish.
    home = english_module().get_parent().get_parent()
    page = home.add_child(instance=StandardPage(title="Only English", slug="only-en"))
    page.save_revision().publish()
    assert client.get(page.url).status_code == 200
    # Choosing English again is remembered too.
    client.post("/i18n/setlang/", {"language": "en", "next": lesson.url})
    assert client.get(lesson.url).status_code == 200


def test_switching_refuses_another_host(client, home):
    response = client.post(
        "/i18n/setlang/", {"language": "es", "next": "https://evil.example/"}
    )
    assert "evil.example" not in response.get("Location", "")


def test_a_logged_in_learner_s_switch_is_stored_on_the_account(client, home):
    user = make_user()
    client.force_login(user)
    client.post("/i18n/setlang/", {"language": "pt", "next": "/pt/"})
    user.refresh_from_db()
    assert user.language == "pt"
    client.post("/i18n/setlang/", {"language": "xx", "next": "/"})
    user.refresh_from_db()
    assert user.language == "pt"


def test_a_certificate_url_printed_before_the_change_still_verifies(
    client, translated_site
):
    module = english_module()
    module.issues_certificate = True
    module.save_revision().publish()
    user = make_user()
    complete_module(module, user=user)
    certificate = issue(module, user)
    url = f"/certificates/verify/{certificate.code}/"
    response = client.get(url)
    assert response.status_code == 200
    assert certificate.display_code in response.content.decode()
    client.cookies["django_language"] = "es"
    response = client.get(url, follow=True)
    assert response.redirect_chain[0][0] == "/es" + url
    html = response.content.decode()
    assert html_lang(html) == "es" and certificate.display_code in html
    spanish_title = TrainingModulePage.objects.get(
        locale__language_code="es", translation_key=module.translation_key
    ).title
    assert spanish_title in html


def test_an_unreviewed_translation_says_so_and_links_to_the_english(
    client, translated_site
):
    lesson = english_module().lessons().first()
    html = client.get("/es" + lesson.url).content.decode()
    notice = html[html.index('class="translation-notice"') :]
    assert f'href="{lesson.url}"' in notice[: notice.index("</aside>")]
    assert 'class="translation-notice"' not in client.get(lesson.url).content.decode()


def test_a_first_time_visitor_is_offered_not_sent_their_language(
    client, translated_site
):
    lesson = english_module().lessons().first()
    response = client.get(lesson.url, HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 200  # never redirected by the browser's wish
    html = response.content.decode()
    offer = html[html.index('data-language-offer="es"') :]
    assert offer.index("hidden") < offer.index(">")  # shown by script only
    assert 'value="/es' + lesson.url in offer
    assert 'data-language-offer="pt"' not in html  # no Portuguese page to offer


def test_search_finds_pages_in_the_active_language_only(client, translated_site):
    for prefix in ("", "/es"):
        html = client.get(f"{prefix}/search/", {"q": "exploitation"}).content.decode()
        results = html[html.index("<main") :]
        found = re.findall(r'<a href="([^"]+)"', results)
        page_links = [url for url in found if "understanding-exploitation" in url]
        assert page_links, f"{prefix}/search/ should find the module"
        assert all(url.startswith("/es/") == (prefix == "/es") for url in page_links)
