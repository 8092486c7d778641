"""Every mistake a course author can make is reported as file:line: field: message."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support import COURSE, ROOTS, copy_course

from scorm_builder.errors import ContentError
from scorm_builder.loader import load_course


def test_seed_course_loads() -> None:
    course = load_course(COURSE)
    assert course.id == "aktivt-medarbeiderskap"
    assert course.languages == ("nb", "en")
    assert len(course.pages) >= 13
    assert [len(c.statements) for q in course.questionnaires for c in q.categories] == [3] * 7
    assert course.notes == (), "every page and questionnaire file of the seed course is listed"


def test_a_content_file_course_yaml_does_not_list_is_noted_not_refused(tmp_path: Path) -> None:
    course = copy_course(tmp_path / "c")
    (course / "pages" / "15-ny-side.yaml").write_text("id: ny-side\n", encoding="utf-8")
    (course / "questionnaires" / "utkast.yml").write_text("id: utkast\n", encoding="utf-8")
    for ignored in (".15-ny-side.yaml.swp", ".skjult.yaml", "15-ny-side.yaml~", "notater.txt"):
        (course / "pages" / ignored).write_text("x", encoding="utf-8")  # editors' files, hidden ones, other kinds
    loaded = load_course(course)
    assert loaded.notes == (
        f"{_rel(course / 'pages' / '15-ny-side.yaml')}: not in the course: course.yaml does not list it"
        " (add it under `pages:`)",
        f"{_rel(course / 'questionnaires' / 'utkast.yml')}: not in the course: course.yaml does not list it"
        " (add it under `questionnaires:`)",
    )
    assert [p.id for p in loaded.pages] == [p.id for p in load_course(COURSE).pages]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def problems(course_dir: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_course(course_dir)
    return [str(p) for p in caught.value.problems]


@pytest.fixture(params=["libyaml", "python"])
def yaml_loader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run a test with libyaml's loader (when PyYAML has it) and with the pure-Python fallback."""
    import yaml

    from scorm_builder import loader

    if request.param == "libyaml":
        if not yaml.__with_libyaml__:
            pytest.skip("PyYAML is built without libyaml here")
        assert issubclass(loader._FastLoader, yaml.CSafeLoader)
    else:
        monkeypatch.setattr(loader, "_FastLoader", loader._StrictLoader)
    return request.param


def test_libyaml_and_the_python_loader_read_the_course_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    from scorm_builder import loader

    fast = load_course(COURSE)
    monkeypatch.setattr(loader, "_FastLoader", loader._StrictLoader)
    assert load_course(COURSE) == fast


def test_a_key_written_twice_names_its_second_line(tmp_path: Path, yaml_loader: str) -> None:
    course = copy_course(tmp_path / "c")
    edit(course / "course.yaml", "version: 1.1.0", "version: 1.1.0\nversion: 1.1.1")
    line = line_of(course / "course.yaml", "version: 1.1.1")
    assert problems(course) == [f"{_rel(course / 'course.yaml')}:{line}: YAML: the key 'version' is written twice"]


def test_yaml_syntax_error_names_file_and_line(tmp_path: Path, yaml_loader: str) -> None:
    course = copy_course(tmp_path / "c")
    page = course / "pages" / "01-laeringsmal.yaml"
    line = line_of(page, "title:")
    edit(page, "title:", "title: [unclosed")
    assert problems(course) == [
        f"{_rel(page)}:{line}: YAML: the [ on this line starts a list that is not closed with ]; "
        'a text that starts with [ must be in quotes (write "[…")'
    ]


PAGE5 = "pages/05-tre-sporsmal.yaml"
PROMPT = '"Dine verdier, prioriteringer, din balanse, dine mål og visjoner, det gode liv for deg?"'
#: Mistakes authors make in YAML: (what is written instead of the page's own line, the line at fault,
#: what the message says). The line at fault is the one to change, not where the parser gave up.
SYNTAX = {
    "a tab indents": (
        ("    id: hvem-er-du", "\tid: hvem-er-du"),
        "id: hvem-er-du",
        "a tab character indents this line: YAML indents with spaces only (replace the tab with spaces)",
    ),
    "a quote left open": (
        (f"nb: {PROMPT}", f"nb: {PROMPT[:-1]}"),
        "Dine verdier",
        'the text that starts on this line has no closing quote ("): close it with " where the text ends',
    ),
    "a quote inside quotes": (
        ('nb: "Hva er dine sterke sider', 'nb: "Hva er dine "sterke" sider'),
        "Hva er dine",
        "the text goes on after its closing quote: keep the whole text inside one pair of quotes, "
        'and write a quote inside it as \\" (or use « »)',
    ),
    "a colon in a text without quotes": (
        ('nb: "Dine motivasjonsdrivere og verdier? Dine mål, ønsker og planer?"', "nb: Merk: dine mål"),
        "Merk: dine mål",
        "a colon and a space inside a text without quotes: put the whole text in double quotes",
    ),
    "a field name without its colon": (
        ("\ntitle:\n", "\ntitle\n"),
        "title",
        "a field name without its colon: write `title:`",
    ),
    "a field indented one space too far": (
        ("    max_length: 1000\n  - type: reflection\n    id: hva-kan-du", "     max_length: 1000\n"
         "  - type: reflection\n    id: hva-kan-du"),
        "     max_length: 1000",
        "this line does not line up with the lines above it (from line 8): the fields of one thing "
        "start in the same column, and so do the items of one list",
    ),
    "a text starting with a star": (
        ('nb: "Tre sentrale spørsmål vi alle må stille oss …"', "nb: *Tre* sentrale spørsmål"),
        "*Tre*",
        'a text that starts with * must be in quotes (write "*…"): YAML reads * there as a reference '
        "to an anchor",
    ),
    "a backslash in double quotes": (
        ("det gode liv for deg?", "det gode liv for deg\\?"),
        "Dine verdier",
        "a backslash (\\) inside double quotes starts an escape such as \\n: write \\\\ for a "
        "backslash itself, or put the text in single quotes",
    ),
    "a list as a field name (an error, not a crash)": (
        ("id: tre-sporsmal\n", "id: tre-sporsmal\n? [a]\n: b\n"),
        "? [a]",
        "a field name must be a word, not a list or a mapping",
    ),
    "a second document in one file": (
        ("blocks:\n", "---\nblocks:\n"),
        "---",
        "a second document starts here (---): a content file holds one, so remove this line or move "
        "what follows to a file of its own",
    ),
    "a mapping not closed": (
        ('label: {nb: "Hvem er du?", en: "Who are you?"}', 'label: {nb: "Hvem er du?", en: "Who are you?"'),
        "Hvem er du?",
        "the { on this line starts a mapping that is not closed with }; a text that starts with { "
        'must be in quotes (write "{…")',
    ),
}


@pytest.mark.parametrize("case", list(SYNTAX))
def test_a_yaml_mistake_is_named_in_plain_words_on_the_line_to_change(
    case: str, tmp_path: Path, yaml_loader: str
) -> None:
    (old, new), at, message = SYNTAX[case]
    course = copy_course(tmp_path / "c")
    page = course / PAGE5
    edit(page, old, new)
    line = line_of(page, at)
    assert problems(course) == [f"{_rel(page)}:{line}: YAML: {message}"]


LABEL = 'label: {nb: "Hvem er du?", en: "Who are you?"}'
TEXT = 'a text is written per language: {nb: "…", en: "…"}, or nb: and en: on lines of their own below it'
#: A value of the wrong kind: (file, what is written instead, the line, the field and what the message says).
WRONG_KIND = {
    "a version YAML reads as a number": (
        "course.yaml", ("version: 1.1.0", "version: 1.10"), "version: 1.10",
        'version: a text is expected here: write it in quotes ("1.10"), otherwise YAML reads it as a number',
    ),
    "a text without its languages": (
        PAGE5, (LABEL, 'label: "Hvem er du?"'), 'label: "Hvem er du?"', f"blocks.0.label: {TEXT}",
    ),
    "a text as a list": (
        PAGE5, (LABEL, 'label:\n      - nb: "Hvem er du?"'), "label:", f"blocks.0.label: {TEXT}",
    ),
    "yes where a text is meant": (
        PAGE5, (LABEL, 'label: {nb: yes, en: "Who are you?"}'), "label: {nb: yes",
        'blocks.0.label.nb: a text is expected here: write it in quotes ("yes"), otherwise YAML reads it '
        "as true or false",
    ),
    "a language's name for its code": (
        "course.yaml", ("languages: [nb, en]", "languages: [nb, English]"), "languages:",
        "languages.1: a language code such as nb, nn or en, not 'English'",
    ),
    "a number over the limit": (
        PAGE5, ("max_length: 1000", "max_length: 100000"), "max_length: 100000",
        "blocks.0.max_length: at most 4000, not 100000",
    ),
}


@pytest.mark.parametrize("case", list(WRONG_KIND))
def test_a_value_of_the_wrong_kind_says_what_to_write(case: str, tmp_path: Path) -> None:
    name, (old, new), at, message = WRONG_KIND[case]
    course = copy_course(tmp_path / "c")
    edit(course / name, old, new)
    assert problems(course) == [f"{_rel(course / name)}:{line_of(course / name, at)}: {message}"]


def test_a_yaml_mistake_with_no_plain_words_keeps_the_parsers(tmp_path: Path, yaml_loader: str) -> None:
    course = copy_course(tmp_path / "c")
    page = course / PAGE5
    edit(page, "blocks:\n", "}\nblocks:\n")  # a stray sign alone on a line: no hint fits
    line = line_of(page, "}")
    assert problems(course) == [
        f"{_rel(page)}:{line}: YAML: expected <block end>, but found '}}' (while parsing a block mapping at "
        f"line {line_of(page, 'id: tre-sporsmal')})"
    ]


def test_a_key_written_twice_with_a_mapping_as_its_value_is_named_as_such(
    tmp_path: Path, yaml_loader: str
) -> None:
    course = copy_course(tmp_path / "c")
    page = course / PAGE5
    label = 'label: {nb: "Hvem er du?", en: "Who are you?"}'
    edit(page, label, f"{label}\n    {label}")
    second = line_of(page, label) + 1
    assert problems(course) == [f"{_rel(page)}:{second}: YAML: the key 'label' is written twice"]


def test_unknown_field(tmp_path: Path) -> None:
    course = copy_course(tmp_path / "c")
    edit(course / "course.yaml", "version: 1.1.0", "version: 1.1.0\nauthr: Someone")
    line = line_of(course / "course.yaml", "authr:")
    assert problems(course) == [
        f"{_rel(course / 'course.yaml')}:{line}: authr: unknown field (did you mean 'author'?)"
    ]


@pytest.mark.parametrize(
    ("file", "old", "new", "field", "suggested"),
    [
        # a block's field, found through the page's union of block types by the block's tag
        ("pages/01-laeringsmal.yaml", "    title:", "    titel:", "blocks.0.titel", "title"),
        ("questionnaires/karrierebevissthet.yaml", "  labels:", "  lables:", "scale.lables", "labels"),
        ("scoring.yaml", "rounding:", "roundng:", "roundng", "rounding"),
        # nothing close: no guess
        ("course.yaml", "version: 1.1.0", "version: 1.1.0\ncolour: blue", "colour", None),
    ],
)
def test_an_unknown_field_names_the_field_it_is_close_to(
    tmp_path: Path, file: str, old: str, new: str, field: str, suggested: str | None
) -> None:
    course = copy_course(tmp_path / "c")
    path = course / file
    edit(path, old, new)
    line = line_of(path, new.split("\n")[-1])
    hint = f" (did you mean {suggested!r}?)" if suggested else ""
    found = [p for p in problems(course) if "unknown field" in p]
    assert found == [f"{_rel(path)}:{line}: {field}: unknown field{hint}"]


def test_wrong_type(tmp_path: Path) -> None:
    course = copy_course(tmp_path / "c")
    page = course / "pages" / "12-refleksjon-selvledelse.yaml"
    text = page.read_text(encoding="utf-8")
    page.write_text(text + "", encoding="utf-8")
    edit(page, "type: reflection", "type: reflection\n    max_length: lots")
    line = line_of(page, "max_length: lots")
    [message] = problems(course)
    assert message == f"{_rel(page)}:{line}: blocks.0.max_length: a whole number is expected here, not 'lots'"


def test_duplicate_id_points_at_both(tmp_path: Path) -> None:
    course = copy_course(tmp_path / "c")
    page = course / "pages" / "13-selvledelse-fremover.yaml"
    first = line_of(course / "pages" / "01-laeringsmal.yaml", "id: ")
    edit(page, "id: selvledelse-fremover", "id: laeringsmal")
    line = line_of(page, "id: laeringsmal")
    [message] = problems(course)
    assert message.startswith(f"{_rel(page)}:{line}: id: duplicate id 'laeringsmal'"), message
    assert f"01-laeringsmal.yaml:{first}" in message


def test_missing_referenced_file(tmp_path: Path) -> None:
    course = copy_course(tmp_path / "c")
    (course / "pages" / "07-kan-og-liker.yaml").unlink()
    line = line_of(course / "course.yaml", "pages/07-kan-og-liker.yaml")
    assert problems(course) == [f"{_rel(course / 'course.yaml')}:{line}: pages.6: file not found: pages/07-kan-og-liker.yaml"]


@pytest.mark.parametrize(
    ("written", "suggested"),
    [
        ("pages/07-kan-og-likr.yaml", "pages/07-kan-og-liker.yaml"),  # a slip in the name
        ("sider/07-kan-og-liker.yaml", "pages/07-kan-og-liker.yaml"),  # a slip in the folder
        ("pages/07-ny-side.yaml", None),  # nothing close: no guess
    ],
)
def test_a_missing_file_names_the_file_it_is_close_to(
    tmp_path: Path, written: str, suggested: str | None
) -> None:
    course = copy_course(tmp_path / "c")
    edit(course / "course.yaml", "pages/07-kan-og-liker.yaml", written)
    line = line_of(course / "course.yaml", written)
    hint = f" (did you mean {suggested!r}?)" if suggested else ""
    assert problems(course) == [f"{_rel(course / 'course.yaml')}:{line}: pages.6: file not found: {written}{hint}"]


def test_a_missing_video_names_the_file_beside_it(tmp_path: Path) -> None:
    course = copy_course(tmp_path / "c")
    (course / "media").mkdir()
    (course / "media" / "film.mp4").write_bytes(b"\0" * 16)
    page = course / "pages" / "02-filmen.yaml"
    edit(page, "type: video", "type: video\n    src: media/flim.mp4")
    line = line_of(page, "src: media/flim.mp4")
    assert problems(course) == [
        f"{_rel(page)}:{line}: blocks.0.src: file not found: media/flim.mp4 (did you mean 'media/film.mp4'?)"
    ]


def test_a_page_names_the_questionnaires_there_are_when_none_is_close(tmp_path: Path) -> None:
    course = copy_course(tmp_path / "c")
    page = course / "pages" / "10-egenvurdering.yaml"
    edit(page, "questionnaire: aktivt-medarbeiderskap-egenvurdering", "questionnaire: skjema")
    line = line_of(page, "questionnaire: skjema")
    assert problems(course) == [
        f"{_rel(page)}:{line}: blocks.0.questionnaire: no questionnaire has the id 'skjema'"
        " (known: 'aktivt-medarbeiderskap-egenvurdering', 'karrierebevissthet')"
    ]


def test_missing_media_file(tmp_path: Path) -> None:
    course = copy_course(tmp_path / "c")
    page = course / "pages" / "02-filmen.yaml"
    edit(page, "type: video", "type: video\n    src: media/film.mp4")
    line = line_of(page, "src: media/film.mp4")
    assert problems(course) == [f"{_rel(page)}:{line}: blocks.0.src: file not found: media/film.mp4"]


@pytest.mark.parametrize(
    ("src", "message"),
    [
        (
            "media/film.avi",
            ".avi films do not play in every browser (phones' least of all): convert the film to MP4"
            " (H.264 video and AAC sound), which every browser plays",
        ),
        ("https://cdn.example.org/film.OGV?v=2", ".ogv films do not play in every browser"),
        (
            "https://www.youtube.com/watch?v=abc",
            "https://www.youtube.com/watch?v=abc is a YouTube page, not a video file: the course plays the file"
            " itself, so give the address of the film's .mp4 file, or put the file in the course folder",
        ),
        ("https://youtu.be/abc", "https://youtu.be/abc is a YouTube page, not a video file"),
        ("https://vimeo.com/123456", "https://vimeo.com/123456 is a Vimeo page, not a video file"),
    ],
)
def test_a_film_a_browser_cannot_play_is_refused(tmp_path: Path, src: str, message: str) -> None:
    course = copy_course(tmp_path / "c")
    page = course / "pages" / "02-filmen.yaml"
    edit(page, "type: video", f"type: video\n    src: {src}")
    line = line_of(page, f"src: {src}")
    [found] = problems(course)
    assert found.startswith(f"{_rel(page)}:{line}: blocks.0.src: {message}"), found


@pytest.mark.parametrize(
    "src", ["https://cdn.example.org/film.webm", "https://cdn.example.org/stream/1234", "https://cdn.example.org/a.mov"]
)
def test_a_film_address_browsers_play_is_taken(tmp_path: Path, src: str) -> None:
    course = copy_course(tmp_path / "c")
    edit(course / "pages" / "02-filmen.yaml", "type: video", f"type: video\n    src: {src}")
    assert load_course(course).has_video


def test_empty_required_text(tmp_path: Path) -> None:
    course = copy_course(tmp_path / "c")
    questionnaire = course / "questionnaires" / "karrierebevissthet.yaml"
    text = questionnaire.read_text(encoding="utf-8")
    target = re.search(r"nb: \"Jeg vet hva som motiverer meg\"", text)
    assert target, "statement not found"
    questionnaire.write_text(text.replace(target.group(0), 'nb: "  "'), encoding="utf-8")
    line = line_of(questionnaire, 'nb: "  "')
    [message] = problems(course)
    assert message == f"{_rel(questionnaire)}:{line}: categories.2.statements.0.text.nb: the text is empty"


def test_missing_language_is_reported(tmp_path: Path) -> None:
    course = copy_course(tmp_path / "c")
    page = course / "pages" / "14-oppsummering.yaml"
    text = page.read_text(encoding="utf-8")
    page.write_text(re.sub(r"\n\s*en: .*", "", text, count=1), encoding="utf-8")
    messages = problems(course)
    assert len(messages) == 1 and messages[0].endswith("text missing in en"), messages


def test_unsafe_id_rejected(tmp_path: Path) -> None:
    course = copy_course(tmp_path / "c")
    edit(course / "pages" / "01-laeringsmal.yaml", "id: laeringsmal", "id: Læringsmål 1")
    [message] = problems(course)
    assert message.endswith(
        ": id: an id is lower-case letters a-z, digits and hyphens, starting with a letter, not 'Læringsmål 1' "
        "(for example 'laeringsmal-1')"
    ), message


def test_many_mistakes_reported_together(tmp_path: Path) -> None:
    course = copy_course(tmp_path / "c")
    edit(course / "pages" / "01-laeringsmal.yaml", "id: laeringsmal", "id: laeringsmal\nfoo: 1")
    edit(course / "pages" / "02-filmen.yaml", "type: video", "type: vidoe")
    messages = problems(course)
    assert len(messages) == 2
    assert "unknown block type 'vidoe'" in messages[1]


@pytest.mark.parametrize("content,line,message", [
    (b"", None, "the file must hold fields (key: value lines), not nothing (the file is empty)"),
    (b"- a\n- b\n", 1, "the file must hold fields (key: value lines), not a list"),
    (b"id: start\ntitle: {nb: \"\xff\"}\n", 2, "not UTF-8 text: save the file as UTF-8"),
])
def test_empty_list_or_binary_page_file(tmp_path: Path, content: bytes, line: int | None, message: str) -> None:
    course = copy_course(tmp_path / "c", ROOTS / "minimal")
    page = course / "pages" / "start.yaml"
    page.write_bytes(content)
    where = f"{_rel(page)}:{line}" if line else _rel(page)
    assert problems(course) == [f"{where}: {message}"]


def test_minimal_course_loads() -> None:
    assert load_course(ROOTS / "minimal").pages[0].id == "start"


def _rel(path: Path) -> str:
    return str(path.resolve())


def test_reflection_linked_to_an_unknown_questionnaire(tmp_path: Path) -> None:
    course = copy_course(tmp_path / "c")
    page = course / "pages" / "09-utvikling-og-styrker-karriere.yaml"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("questionnaire: karrierebevissthet", "questionnaire: karriere", 1), encoding="utf-8")
    line = line_of(page, "questionnaire: karriere\n".strip())
    assert problems(course) == [
        f"{_rel(page)}:{line}: blocks.1.questionnaire: no questionnaire has the id 'karriere'"
        " (did you mean 'karrierebevissthet'?)"
    ]


def test_reflection_link_must_be_an_id(tmp_path: Path) -> None:
    course = copy_course(tmp_path / "c")
    page = course / "pages" / "11-utvikling-og-styrker-medarbeiderskap.yaml"
    edit(page, "questionnaire: aktivt-medarbeiderskap-egenvurdering", "questionnaire: Egenvurdering 2")
    line = line_of(page, "questionnaire: Egenvurdering 2")
    [message] = problems(course)
    assert message == (
        f"{_rel(page)}:{line}: blocks.1.questionnaire: an id is lower-case letters a-z, digits and hyphens, "
        "starting with a letter, not 'Egenvurdering 2' (for example 'egenvurdering-2')"
    )


def test_reflections_after_a_self_assessment_name_it() -> None:
    by_field = {r.id: r.questionnaire for r in load_course(COURSE).reflections()}
    assert by_field["styrke-2-karriere"] == "karrierebevissthet"
    assert by_field["utvikling-1-medarbeiderskap"] == "aktivt-medarbeiderskap-egenvurdering"
    assert by_field["hvem-er-du"] is None
