"""The page tree every install starts with. Idempotent: reruns add what is missing."""

from django.conf import settings
from django.db import transaction
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from audiences.defaults import AUDIENCES
from audiences.models import (
    Audience,
    AudiencePage,
    HomePage,
    StandardPage,
    TrainingRequestField,
    TrainingRequestPage,
)
from training.curriculum_loader import site_page_headings, site_pages


def ensure_wagtail_roots() -> Page:
    """The tree root, default locale and root collection Wagtail's migrations make.

    Rebuilt if missing, so setup also works on a flushed database (as the
    browser tests leave it) instead of failing on an empty tree.
    """
    locale, _ = Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    return Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=locale)
    )


def ensure_audiences() -> None:
    for fields in AUDIENCES:
        Audience.objects.get_or_create(slug=fields["slug"], defaults=fields)


def ensure_home_page() -> HomePage:
    """Replace Wagtail's welcome page with our HomePage and point the site at it."""
    # The English home: translated homes share its tree position, not its role.
    home = (
        HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
        .order_by("path")
        .first()
    )
    if home:
        return home
    root = ensure_wagtail_roots()
    welcome = root.get_children().filter(slug="home").first()
    if welcome:
        welcome.slug = "home-old"
        welcome.save_revision().publish()
    home = root.add_child(instance=HomePage(slug="home", **site_pages()["home"]))
    home.save_revision().publish()
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "root_page": home,
            "hostname": "localhost",
            "site_name": "CAC training",
        },
    )
    if welcome:
        welcome.delete()
    return home


def ensure_audience_pages(home: HomePage) -> None:
    landings = {entry["audience"]: entry for entry in site_pages()["audiences"]}
    for audience in Audience.objects.all():
        if AudiencePage.objects.filter(audience=audience).exists():
            continue
        landing = landings.get(audience.slug, {})
        page = home.add_child(
            instance=AudiencePage(
                title=landing.get("title", f"Training for {audience.name.lower()}"),
                slug=audience.slug,
                audience=audience,
                door_label=landing.get("door_label", audience.name),
                door_text=landing.get("door_text", audience.description),
                intro=landing.get("intro", f"<p>{audience.description}</p>"),
            )
        )
        page.save_revision().publish()


def ensure_standard_pages(home: HomePage) -> None:
    """About CSEC, Get help and Privacy, as the curriculum files name them; their
    content comes with `load_curriculum`."""
    for heading in site_page_headings():
        pages = StandardPage.objects.filter(site_role=heading["site_role"])
        if pages.exists() or StandardPage.objects.filter(slug=heading["slug"]).exists():
            continue
        page = home.add_child(instance=StandardPage(**heading))
        page.save_revision().publish()


def ensure_training_request_page(home: HomePage) -> None:
    if TrainingRequestPage.objects.exists():
        return
    spec = dict(site_pages()["training_request"])
    fields = spec.pop("fields")
    page = TrainingRequestPage(**spec)
    page.form_fields = [
        TrainingRequestField(
            label=field["label"],
            field_type=field["field_type"],
            required=field.get("required", False),
            choices=field.get("choices", ""),
            help_text=field.get("help_text", ""),
            sort_order=order,
        )
        for order, field in enumerate(fields)
    ]
    home.add_child(instance=page)
    page.save_revision().publish()


@transaction.atomic
def setup_site() -> HomePage:
    ensure_audiences()
    home = ensure_home_page()
    ensure_audience_pages(home)
    ensure_standard_pages(home)
    ensure_training_request_page(home)
    return home
