"""Generation-keyed cache keys: one per change to the site."""

from pagecache.generation import generation_key, site_changed, site_generation


def test_a_generation_key_names_its_parts_and_the_generation(db):
    assert generation_key("serving", "site", 80) == (
        f"serving:{site_generation()}:site:80"
    )


def test_a_change_to_the_site_makes_every_key_new(db):
    before = generation_key("fragment", "header", "en")
    site_changed()
    after = generation_key("fragment", "header", "en")
    assert after != before
    assert after == generation_key("fragment", "header", "en")
