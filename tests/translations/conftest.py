import shutil

import pytest

from tests.training.pseudo_translation import pseudo_translate
from training.curriculum_loader import CURRICULUM_DIR, load_curriculum
from training.curriculum_translations import load_translations

MODULE = "youth-understanding-exploitation"


@pytest.fixture
def translated_site(home, tmp_path, django_capture_on_commit_callbacks):
    """The youth module, its quiz and the site pages in English and pseudo-Spanish."""
    (tmp_path / "pages").mkdir()
    for name in (
        f"{MODULE}.yaml",
        f"{MODULE}.gift",
        "site.yaml",
        "pages/about-csec.yaml",
        "pages/get-help.yaml",
        "pages/privacy.yaml",
    ):
        shutil.copy(CURRICULUM_DIR / name, tmp_path / name)
    pseudo_translate(tmp_path, "es")
    load_curriculum(directory=tmp_path)
    with django_capture_on_commit_callbacks(execute=True):
        load_translations(directory=tmp_path)
    return tmp_path
