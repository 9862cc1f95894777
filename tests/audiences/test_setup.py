from django.core.management import call_command
from wagtail.models import Page, Site

from accounts.models import User
from audiences.models import Audience, AudiencePage, HomePage


def test_migrations_create_the_four_audiences(db):
    audiences = {a.slug: a for a in Audience.objects.all()}
    assert list(audiences) == ["youth", "parents", "caregivers", "providers"]
    # Every audience learns without an account (issue 11); only youth are minors.
    assert all(a.allows_anonymous_learners for a in audiences.values())
    assert [slug for slug, a in audiences.items() if a.for_minors] == ["youth"]
    assert audiences["providers"].earns_formal_certificates
    assert not audiences["youth"].earns_formal_certificates


def test_setup_site_is_idempotent(db):
    call_command("setup_site", verbosity=0)
    pages_after_first_run = Page.objects.count()
    call_command("setup_site", verbosity=0)
    assert Page.objects.count() == pages_after_first_run
    assert HomePage.objects.count() == 1
    assert AudiencePage.objects.count() == 4


def test_setup_site_builds_the_tree_at_the_documented_urls(home):
    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific == home
    urls = {page.url for page in home.get_children().live().specific()}
    assert {
        "/youth/",
        "/parents/",
        "/caregivers/",
        "/providers/",
        "/about-csec/",
        "/get-help/",
        "/privacy/",
    } <= urls
    # Wagtail's "Welcome" placeholder is gone: one site root only.
    assert Page.objects.filter(depth=2).count() == 1


def test_setup_site_keeps_a_trainers_edits(home):
    youth = AudiencePage.objects.get(slug="youth")
    youth.title = "For teens"
    youth.save_revision().publish()
    call_command("setup_site", verbosity=0)
    youth.refresh_from_db()
    assert youth.title == "For teens"


def test_dev_trainer_only_with_the_dev_setting(db, settings):
    call_command("setup_site", verbosity=0)
    assert not User.objects.exists()

    settings.CREATE_DEV_TRAINER = True
    settings.DEV_TRAINER_EMAIL = "trainer@example.org"
    settings.DEV_TRAINER_PASSWORD = "train-the-trainers"
    call_command("setup_site", verbosity=0)
    call_command("setup_site", verbosity=0)
    trainer = User.objects.get()
    assert trainer.check_password("train-the-trainers")
    assert trainer.groups.filter(name="CAC trainers").exists()
