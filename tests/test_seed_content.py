"""Nothing from the seed is dropped: every text of it is in the content model and in the built pages."""

from __future__ import annotations

import zipfile
from pathlib import Path

import lxml.html
import pytest
from seed_expected import RENDERER_LABELS, SEED_TEXTS
from support import COURSE

from scorm_builder.loader import load_course
from scorm_builder.models import iter_texts


def norm(text: str) -> str:
    return " ".join(text.split())


def model_texts(lang: str) -> set[str]:
    """Every text of the course's pages and questionnaires (what the learner reads)."""
    course = load_course(COURSE)
    return {norm(text.get(lang)) for _, text in iter_texts([course.title, course.pages, course.questionnaires])}


def test_seed_list_is_substantial() -> None:
    # The list written from the seed: 4 goals, 4 profiles, 9 dimension bullets, 21 statements, 15 hints ...
    assert len(SEED_TEXTS) >= 120
    assert len(set(SEED_TEXTS)) == len(SEED_TEXTS)


def test_every_seed_text_is_in_the_content_model() -> None:
    texts = model_texts("nb")
    missing = [t for t in SEED_TEXTS if norm(t) not in texts]
    assert not missing, f"seed texts missing from content/: {missing}"


def test_every_text_has_an_english_version() -> None:
    course = load_course(COURSE)
    assert all(text.get("en") for _, text in iter_texts(course))


@pytest.mark.parametrize("standard", ["scorm12", "scorm2004-4"])
def test_every_seed_and_content_text_is_in_the_built_page(standard: str, built: dict[str, Path]) -> None:
    with zipfile.ZipFile(built[standard]) as archive:
        page = lxml.html.fromstring(archive.read("index.html"))
    for script in page.iter("script"):
        script.drop_tree()
    rendered = norm(page.text_content())
    missing = [t for t in [*SEED_TEXTS, *RENDERER_LABELS] if norm(t) not in rendered]
    assert not missing, f"not rendered: {missing}"
    missing_model = [t for t in model_texts("nb") if t not in rendered]
    assert not missing_model, f"content texts not rendered: {missing_model}"
