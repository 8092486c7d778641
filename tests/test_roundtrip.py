"""Round-trip editing of content files: the file changes only where a text is added."""

from __future__ import annotations

import pytest

from scorm_builder.roundtrip import line_of, parse, set_text


@pytest.mark.parametrize(
    "text",
    [
        "# a comment\nid: x   # why\ntitle: {nb: \"Hei\", en: 'Hi'}\n",
        "blocks:\n  - type: text\n    body:\n      nb: \"A\"\n",
        "blocks:\n- type: text\n  body:\n    nb: A\n",
        "blocks:\n    - type: text\n      body:\n          nb: A\n",
        "---\nid: x\n",
        "body:\n  nb: |\n    Line one\n    line two.\n\n    Second paragraph.\n",
    ],
)
def test_an_unedited_file_is_written_back_byte_for_byte(text: str) -> None:
    doc = parse(text)
    assert doc.exact and doc.dump() == text


def test_a_layout_that_cannot_be_kept_is_flagged() -> None:
    doc = parse("title:\n  nb: Dette er\n    en lang tekst\n")
    assert not doc.exact


@pytest.mark.parametrize(
    ("text", "loc", "expected"),
    [
        ('label: {nb: "Hei", en: "Hi"}  # kept\n', ("label",), 'label: {nb: "Hei", en: "Hi", sv: "Hej"} # kept\n'),
        ("label: {nb: 'Hei'}\n", ("label",), "label: {nb: 'Hei', sv: 'Hej'}\n"),
        ("label:\n  nb: Hei\n# after\n", ("label",), "label:\n  nb: Hei\n  sv: Hej\n# after\n"),
        ("label:\n  nb: Hei  # eol\n\n# next\nb: 1\n", ("label",), "label:\n  nb: Hei  # eol\n  sv: Hej\n\n# next\nb: 1\n"),
        ("a:\n  - l:\n      nb: Hei\n    # mid\n  - b\n", ("a", 0, "l"), "a:\n  - l:\n      nb: Hei\n      sv: Hej\n    # mid\n  - b\n"),
        ("items:\n  - {nb: \"Hei\"}\n", ("items", 0), 'items:\n  - {nb: "Hei", sv: "Hej"}\n'),
        ("label: {nb: \"Hei\", sv: 'Tja'}\n", ("label",), "label: {nb: \"Hei\", sv: 'Hej'}\n"),
    ],
)
def test_a_new_language_takes_the_style_of_its_neighbours(text: str, loc: tuple, expected: str) -> None:
    doc = parse(text)
    assert set_text(doc.data, loc, "sv", "Hej", "nb")
    assert doc.dump() == expected


def test_a_literal_block_stays_a_literal_block() -> None:
    doc = parse("body:\n  nb: |\n    Hei.\n\n    Hallo.\n")
    set_text(doc.data, ("body",), "sv", "Hej.\n\nHallå.", "nb")
    assert doc.dump() == "body:\n  nb: |\n    Hei.\n\n    Hallo.\n  sv: |\n    Hej.\n\n    Hallå.\n"


def test_an_unchanged_text_is_not_rewritten_and_lines_are_the_loaders() -> None:
    doc = parse('a: 1\nlabel:\n  nb: "Hei"\n  sv: "Hej"\n')
    assert not set_text(doc.data, ("label",), "sv", "Hej", "nb")
    assert line_of(doc.data, ("label",)) == 3 and line_of(doc.data, ("missing",)) is None


@pytest.mark.parametrize("gap", ["", "\n"])
@pytest.mark.parametrize("indent", ["", "  "])
@pytest.mark.parametrize(
    ("nb", "added"),
    [("nb: |\n      Hei.\n", "    sv: |\n      Hej.\n"), ('nb: "Hei."\n', '    sv: "Hej."\n')],
)
def test_a_comment_after_a_literal_block_stays_above_the_next_field(gap: str, indent: str, nb: str, added: str) -> None:
    text = f"- body:\n    {nb}    en: |\n      Hi.\n{gap}{indent}# next\n- b: 1\n"
    doc = parse(text)
    assert doc.exact
    set_text(doc.data, (0, "body"), "sv", "Hej.", "nb")
    assert doc.dump() == f"- body:\n    {nb}    en: |\n      Hi.\n{added}{gap}{indent}# next\n- b: 1\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("languages: [nb, en]  # two\ntitle: x\n", "languages: [nb, en, sv] # two\ntitle: x\n"),
        ("languages:\n  - nb\n  - en\n# the title\ntitle: x\n", "languages:\n  - nb\n  - en\n  - sv\n# the title\ntitle: x\n"),
        ("languages:\n  - nb\n  - en  # last\n\n# the title\ntitle: x\n", "languages:\n  - nb\n  - en  # last\n  - sv\n\n# the title\ntitle: x\n"),
    ],
)
def test_a_language_appended_to_a_list_goes_after_its_last_item(text: str, expected: str) -> None:
    from scorm_builder.roundtrip import append

    doc = parse(text)
    append(doc.data["languages"], "sv")
    assert doc.dump() == expected
