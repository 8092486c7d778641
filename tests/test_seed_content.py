"""The content says what the seed says: its texts, slide titles, self-assessments, write-in places and
closing recap (``seed_expected.py``, read from the seed) against the content model and the built pages."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest
import yaml
from seed_expected import (
    FILM_TEXTS,
    LEARNING_GOALS,
    RENDERER_LABELS,
    SEED_TEXTS,
    SELF_ASSESSMENTS,
    SLIDE_TITLES,
    WRITE_INS,
)
from support import COURSE, copy_course

from scorm_builder.build import build
from scorm_builder.loader import load_course
from scorm_builder.models import Course, ListBlock, Page, QuestionnaireBlock, iter_texts

LANGS = {"nb", "en"}


def norm(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def course() -> Course:
    return load_course(COURSE)


def model_texts(course: Course, lang: str) -> set[str]:
    """Every text of the course's pages and questionnaires (what the learner reads)."""
    return {norm(text.get(lang)) for _, text in iter_texts([course.title, course.pages, course.questionnaires])}


def page_texts(course: Course, page: Page) -> set[str]:
    """The nb texts a page shows, with those of the questionnaires placed on it."""
    placed = [course.questionnaire(b.questionnaire) for b in page.blocks if isinstance(b, QuestionnaireBlock)]
    return {norm(t.get("nb")) for _, t in iter_texts([page.blocks, placed])}


def test_every_seed_text_is_in_the_content_model(course: Course) -> None:
    texts = model_texts(course, "nb")
    missing = [t for t in SEED_TEXTS if norm(t) not in texts]
    assert not missing, f"seed texts missing from content/: {missing}"


def test_every_text_has_an_english_version(course: Course) -> None:
    assert all(text.get("en") for _, text in iter_texts(course))


@pytest.mark.parametrize(("title", "member"), SLIDE_TITLES)
def test_each_slide_keeps_the_seeds_title(course: Course, title: str, member: str) -> None:
    pages = [p for p in course.pages if norm(member) in page_texts(course, p)]
    assert len(pages) == 1, f"{member!r} is on {len(pages)} pages"
    assert pages[0].title.get("nb") == title


def test_the_model_page_has_the_seed_title_and_the_dimensions_their_own(course: Course) -> None:
    model = next(p for p in course.pages if any(b.type == "matrix" for b in p.blocks))
    assert model.title.get("nb") == "Hva er de viktigste kompetansekravene i et arbeidsliv i endring?"
    dimensions = next(p for p in course.pages if "Gjøre din leder god" in page_texts(course, p))
    assert dimensions.title.get("nb") == "Økte krav til aktivt medarbeiderskap"
    # The heading is the page's, not repeated as a block title below it.
    assert "Økte krav til aktivt medarbeiderskap" not in {
        b.title.get("nb") for b in dimensions.blocks if getattr(b, "title", None)
    }


def test_self_assessments_are_the_seeds(course: Course) -> None:
    order = list(dict.fromkeys(q.id for q, _, _ in course.statements()))
    placed = [course.questionnaire(qid) for qid in order]
    found = [
        (q.title.get("nb"), [(c.title.get("nb"), [s.text.get("nb") for s in c.statements]) for c in q.categories])
        for q in placed
    ]
    assert found == SELF_ASSESSMENTS


def test_write_ins_are_the_seeds_and_follow_their_self_assessment(course: Course) -> None:
    titles = {q.id: q.title.get("nb") for q in course.questionnaires}
    found = [
        (r.label.get("nb"), titles[r.questionnaire] if r.questionnaire else None) for r in course.reflections()
    ]
    assert found == WRITE_INS


def test_the_questions_page_asks_each_question_once(course: Course) -> None:
    page = next(p for p in course.pages if "Hvem er du?" in page_texts(course, p))
    texts = [norm(t.get("nb")) for _, t in iter_texts(page)]
    assert [texts.count(q) for q in ("Hvem er du?", "Hva kan du?", "Hva vil du?")] == [1, 1, 1]


def test_the_course_opens_and_closes_with_the_learning_goals(course: Course) -> None:
    def goals(page: Page) -> list[list[str]]:
        return [[i.get("nb") for i in b.items] for b in page.blocks if isinstance(b, ListBlock)]

    assert LEARNING_GOALS in goals(course.pages[0])
    last = course.pages[-1]
    assert goals(last)[-1] == LEARNING_GOALS
    assert last.blocks[-1].type == "text" and last.blocks[-1].body.get("nb") == SEED_TEXTS[6]


def _texts_with_marks(path: Path) -> Iterator[tuple[str, int, bool]]:
    """Yield (nb text, line, marked editorial) for every text of a YAML content file.

    Marked: inside a block with ``origin: editorial``, or a ``# redaksjonell`` comment stands directly
    above the text's key or one of its parents' keys (or list items).
    """
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()

    def comment_above(line: int) -> bool:
        above = []
        while line > 0 and lines[line - 1].strip().startswith("#"):
            line -= 1
            above.append(lines[line])
        return any("redaksjonell" in c for c in above)

    def walk(node: yaml.Node, anchors: list[int], editorial: bool) -> Iterator[tuple[str, int, bool]]:
        if isinstance(node, yaml.MappingNode):
            keys = {k.value: v for k, v in node.value}
            if keys and set(keys) <= LANGS and "nb" in keys:
                marked = editorial or any(comment_above(n) for n in anchors)
                yield keys["nb"].value, node.start_mark.line + 1, marked
                return
            origin = keys.get("origin")
            editorial = editorial or (origin is not None and origin.value == "editorial")
            for key, value in node.value:
                yield from walk(value, [*anchors, key.start_mark.line], editorial)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                yield from walk(item, [*anchors, item.start_mark.line], editorial)

    yield from walk(yaml.compose(source), [], False)


def test_every_text_not_in_the_seed_is_marked_editorial() -> None:
    seed = {norm(t) for t in SEED_TEXTS}
    files = sorted(COURSE.rglob("*.yaml"))
    assert len(files) >= 17
    unmarked = [
        f"{path.relative_to(COURSE)}:{line}: {text}"
        for path in files
        for text, line, marked in _texts_with_marks(path)
        if norm(text) not in seed and not marked
    ]
    assert not unmarked, "invented texts without origin: editorial or # redaksjonell:\n" + "\n".join(unmarked)


def test_an_unmarked_invented_text_is_found(tmp_path: Path) -> None:
    copied = copy_course(tmp_path / "c")
    page = copied / "pages" / "06-kompetanse-og-motivasjon.yaml"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("# redaksjonell: gruppetittelen", "# gruppetittelen"), encoding="utf-8")
    found = [(t, marked) for t, _, marked in _texts_with_marks(page)]
    assert ("Effekter", False) in found and ("Lederstøtte", False) in found
    assert ("Effekter", True) in [(t, m) for t, _, m in _texts_with_marks(COURSE / page.relative_to(copied))]


def _rendered(zip_path: Path) -> str:
    with zipfile.ZipFile(zip_path) as archive:
        page = lxml.html.fromstring(archive.read("index.html"))
    for script in page.iter("script"):
        script.drop_tree()
    return norm(page.text_content())


@pytest.mark.parametrize("standard", ["scorm12", "scorm2004-4"])
def test_every_seed_and_content_text_is_in_the_built_page(
    standard: str, built: dict[str, Path], course: Course
) -> None:
    rendered = _rendered(built[standard])
    shown = [t for t in [*SEED_TEXTS, *RENDERER_LABELS] if t not in FILM_TEXTS]
    missing = [t for t in shown if norm(t) not in rendered]
    assert not missing, f"not rendered: {missing}"
    film_only = {norm(t) for t in FILM_TEXTS}
    missing_model = [t for t in model_texts(course, "nb") - film_only if t not in rendered]
    assert not missing_model, f"content texts not rendered: {missing_model}"


def test_without_a_film_the_goals_are_the_courses(built: dict[str, Path]) -> None:
    rendered = _rendered(built["scorm12"])
    assert "Læringsmål for denne filmen" not in rendered
    assert rendered.count("Læringsmål for kurset") == 2  # the first page and the closing recap


def test_with_a_film_the_goals_are_the_films(tmp_path: Path) -> None:
    copied = copy_course(tmp_path / "c")
    (copied / "media").mkdir()
    (copied / "media" / "film.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42")
    page = copied / "pages" / "02-filmen.yaml"
    page.write_text(page.read_text(encoding="utf-8").replace("type: video", "type: video\n    src: media/film.mp4"), "utf-8")
    (result,) = build(copied, ["scorm12"], ["nb"], tmp_path / "dist")
    rendered = _rendered(result.path)
    assert rendered.count("Læringsmål for denne filmen") == 2
    assert "Læringsmål for kurset" not in rendered
