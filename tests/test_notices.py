"""The notices that tell the learner, before they answer, what of their answers reaches the LMS.

Each course setting (``privacy.ratings``, ``privacy.reflections``, ``overall.report``) is built into a
copy of the seed course, in both languages, and the rendered page is read as the learner reads it.
"""

from __future__ import annotations

import re
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
            r"får (alle )?svarene|plasseringen din i modellen\.",
        ),
        (
            "en",
            "Your answers are saved in this browser and in your progress, which the learning platform keeps so "
            "that you can continue later. They are not reported: those who follow up the course only learn whether "
            "you have completed it.",
            r"receives (all )?your answers|your placement in the model\.",
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
    assert not re.search(sent_words, norm(visible.text_content()))


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


WHO_NB = "De som følger opp kurset, kan se dette i læringsplattformen, med navnet ditt."
KEPT_NB = "lagres bare i fremdriften din, som læringsplattformen tar vare på slik at du kan fortsette senere, og i denne nettleseren."


@pytest.mark.parametrize(
    ("variant", "expected"),
    [
        (
            "seed",
            [
                "Læringsplattformen får vite hvor langt du har kommet, og om du har fullført kurset.",
                "Læringsplattformen får svarene dine i egenvurderingene og poengsummen din for hver kategori. "
                f"Den får også de to tallene dine og plasseringen din i modellen. {WHO_NB}",
                f"Det du har skrevet, rapporteres ikke: Det {KEPT_NB}",
            ],
        ),
        (
            "local",
            [
                "Læringsplattformen får vite hvor langt du har kommet, og om du har fullført kurset.",
                f"Svarene og poengsummene dine rapporteres ikke: De {KEPT_NB}",
                f"Det du har skrevet, rapporteres ikke: Det {KEPT_NB}",
            ],
        ),
        (
            "report",
            [
                "Læringsplattformen får vite hvor langt du har kommet, og om du har fullført kurset.",
                "Læringsplattformen får svarene dine i egenvurderingene og poengsummen din for hver kategori. "
                "Den får også den samlede poengsummen din (0–100). "
                f"Den får også de to tallene dine og plasseringen din i modellen. {WHO_NB}",
                "Det du har skrevet, sendes til læringsplattformen som svar, og de som følger opp kurset, kan lese det.",
            ],
        ),
    ],
)
def test_the_summary_says_where_the_answers_are_as_the_settings_make_it(
    pages: dict, variant: str, expected: list[str]
) -> None:
    (where,) = pages[(variant, "nb")].xpath("//section[@id='summary-where']")
    assert norm(where.xpath("./h2")[0].text_content()) == "Hvor svarene dine er"
    assert [norm(li.text_content()) for li in where.xpath(".//li")] == expected
    (en,) = pages[(variant, "en")].xpath("//section[@id='summary-where']//li[2]")
    sent = norm(en.text_content()).startswith("The learning platform receives your answers")
    assert sent == (VARIANTS[variant][0] == "lms")
