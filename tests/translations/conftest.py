import pytest

from tests.translations.builders import load_pseudo_translated_site


@pytest.fixture
def translated_site(home, tmp_path, django_capture_on_commit_callbacks):
    """The youth module, its quiz and the site pages in English and pseudo-Spanish."""
    with django_capture_on_commit_callbacks(execute=True):
        return load_pseudo_translated_site(tmp_path, languages=("es",))


@pytest.fixture
def bilingual_site(home, tmp_path, django_capture_on_commit_callbacks):
    """The same small site in English, pseudo-Spanish and pseudo-Portuguese."""
    with django_capture_on_commit_callbacks(execute=True):
        return load_pseudo_translated_site(tmp_path, languages=("es", "pt"))
