"""The notices that tell the learner, before they answer, what of their answers reaches the LMS.

Each course setting (``privacy.ratings``, ``privacy.reflections``, ``overall.report``) is built into a
copy of the seed course, in both languages, and the rendered page is read as the learner reads it.
"""

from __future__ import annotations

import zipfile

import lxml.html
import pytest
from support import copy_course

from scorm_builder.build import build

#: (privacy.ratings, privacy.reflections, overall.report) per variant.
VARIANTS = {
    "seed": ("lms", "local", False),
    "local": ("local", "local", False),
    "report": ("lms", "lms", True),
}


def norm(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], lxml.html.HtmlElement]:
    """{(variant, lang): the parsed index.html} for every variant, built from a changed copy."""
    found = {}
    for name, (ratings, reflections, report) in VARIANTS.items():
        base = tmp_path_factory.mktemp(name)
        course = copy_course(base / "course")
        if name != "seed":
            head = course / "course.yaml"
            head.write_text(
                head.read_text(encoding="utf-8")
                + f"privacy:\n  ratings: {ratings}\n  reflections: {reflections}\n",
                encoding="utf-8",
            )
            spec = course / "scoring.yaml"
            text = spec.read_text(encoding="utf-8")
            assert text.count("  report: false\n") == 1
            spec.write_text(text.replace("  report: false\n", f"  report: {str(report).lower()}\n"), "utf-8")
        for result in build(course, ["scorm12"], ["nb", "en"], base / "dist"):
            with zipfile.ZipFile(result.path) as archive:
                found[(name, result.lang)] = lxml.html.fromstring(archive.read("index.html"))
    return found


def before_first(container: lxml.html.HtmlElement, question: str) -> str:
    """The privacy note of ``container``, checked to stand before its first question."""
    (note,) = container.xpath(".//p[contains(@class, 'ratings-notice')]")
    first = container.xpath(f".//fieldset[{question}]")[0]
    order = list(container.iter())
    assert order.index(note) < order.index(first), "the notice must come before the first question"
    return norm(note.text_content())


def questionnaire_notes(page: lxml.html.HtmlElement) -> list[str]:
    blocks = page.xpath("//div[contains(@class, 'block-questionnaire')]")
    assert len(blocks) == 2
    return [before_first(b, "@data-statement") for b in blocks]


def placement_note(page: lxml.html.HtmlElement) -> str:
    (block,) = page.xpath("//div[contains(@class, 'block-placement')]")
    return before_first(block, "@data-axis")


def reflection_notes(page: lxml.html.HtmlElement) -> set[str]:
    notes = page.xpath("//section[.//textarea]/p[contains(@class, 'privacy')]")
    assert len(notes) == 5  # every page with a field: the questions, 2 x after a self-assessment, 2 x self-leadership
    return {norm(n.text_content()) for n in notes}


def test_ratings_sent_nb(pages: dict) -> None:
    page = pages[("seed", "nb")]
    for note in questionnaire_notes(page):
        assert note == (
            "Læringsplattformen får alle svarene dine her (1–5) og poengsummen din for hver kategori "
            "(gjennomsnittet av svarene i kategorien). De som følger opp kurset, kan se dette i læringsplattformen, "
            "med navnet ditt."
        )
    assert placement_note(page) == (
        "Læringsplattformen får de to tallene dine og plasseringen din i modellen. "
        "De som følger opp kurset, kan se dette i læringsplattformen, med navnet ditt."
    )


def test_ratings_sent_en(pages: dict) -> None:
    page = pages[("seed", "en")]
    for note in questionnaire_notes(page):
        assert note.startswith("The learning platform receives all your answers here (1–5) and your score for each category")
        assert "overall" not in note
    assert placement_note(page).startswith("The learning platform receives your two numbers and your placement in the model.")


def test_the_overall_score_is_named_only_when_it_is_reported(pages: dict) -> None:
    for lang, words in (("nb", "samlet poengsum fra 0 til 100"), ("en", "an overall score from 0 to 100")):
        assert all(words not in n for n in questionnaire_notes(pages[("seed", lang)]))
        assert all(words in n for n in questionnaire_notes(pages[("report", lang)]))


@pytest.mark.parametrize(
    ("lang", "expected", "sent_words"),
    [
        (
            "nb",
            "Svarene dine lagres i denne nettleseren og i fremdriften din, som læringsplattformen tar vare på "
            "slik at du kan fortsette senere. De rapporteres ikke: De som følger opp kurset, får bare vite om du har fullført.",
            "Læringsplattformen får",
        ),
        (
            "en",
            "Your answers are saved in this browser and in your progress, which the learning platform keeps so "
            "that you can continue later. They are not reported: those who follow up the course only learn whether "
            "you have completed it.",
            "The learning platform receives",
        ),
    ],
)
def test_ratings_kept_local(pages: dict, lang: str, expected: str, sent_words: str) -> None:
    page = pages[("local", lang)]
    assert questionnaire_notes(page) == [expected, expected]
    assert placement_note(page) == expected
    visible = page.xpath("//body")[0].__copy__()
    for script in visible.iter("script"):
        script.drop_tree()
    assert sent_words not in norm(visible.text_content())


@pytest.mark.parametrize(
    ("variant", "lang", "expected"),
    [
        (
            "seed",
            "nb",
            "Det du skriver her, lagres i denne nettleseren og i fremdriften din, som læringsplattformen tar vare på "
            "slik at du kan fortsette senere. Det rapporteres ikke som svar.",
        ),
        (
            "seed",
            "en",
            "What you write here is saved in this browser and in your progress, which the learning platform keeps "
            "so that you can continue later. It is not reported as an answer.",
        ),
        (
            "report",
            "nb",
            "Det du skriver her, sendes til læringsplattformen som svar, og de som følger opp kurset, kan lese det.",
        ),
        (
            "report",
            "en",
            "What you write here is sent to the learning platform as an answer, and those who follow up the course can read it.",
        ),
    ],
)
def test_reflection_notice_says_the_truth(pages: dict, variant: str, lang: str, expected: str) -> None:
    assert reflection_notes(pages[(variant, lang)]) == {expected}
    assert "only in" not in expected and "bare i" not in expected
