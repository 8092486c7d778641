"""Captions a browser would drop without a word are refused at build time, as Chromium reads them."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Route
from support import ROOTS, copy_course

from scorm_builder.errors import ContentError
from scorm_builder.loader import captions_problem, load_course

#: WebVTT files, good and bad, with the cues Chromium shows from each (None: none, the file refused).
FILES = {
    "plain": ("WEBVTT\n\n00:00.000 --> 00:02.000\nHei\n\n01:00:00.000 --> 01:00:02.500 line:0 align:start\nx\n", 2),
    "bom-crlf": ("\ufeffWEBVTT - tittel\r\n\r\n00:00.000 --> 00:02.000\r\nHei\r\n", 1),
    "cr": ("WEBVTT\r\r00:01.000 --> 00:02.000\rHei\r", 1),
    "no-blank-after-header": ("WEBVTT\n00:00.000 --> 00:02.000\nHei\n\n00:03.000 --> 00:04.000\nx\n", 2),
    "no-spaces": ("WEBVTT\n\n00:00.000-->00:02.000\nHei\n", 1),
    "tabs": ("WEBVTT\tx\n\n00:01.000\t-->\t00:02.000\nHei\n", 1),
    "indented": ("WEBVTT\n\n 00:01.000 --> 00:02.000\nHei\n", 1),
    "text-after-time": ("WEBVTT\n\n00:00.000 --> 00:02.000x\nHei\n", 1),
    "one-digit-hour": ("WEBVTT\n\n0:00:01.000 --> 0:00:02.000\nHei\n", 1),
    "long-hours": ("WEBVTT\n\n100:00:01.000 --> 100:00:02.000\nHei\n", 1),
    "srt": ("1\n00:00:01,000 --> 00:00:04,000\nHei\n\n2\n00:00:05,000 --> 00:00:06,000\nx\n", None),
    "comma": ("WEBVTT\n\n00:00:01,000 --> 00:00:04,000\nHei\n\n00:00:05.000 --> 00:00:06.000\nok\n", 1),
    "lower-case-header": ("webvtt\n\n00:01.000 --> 00:02.000\nHei\n", None),
    "blank-line-first": ("\nWEBVTT\n\n00:01.000 --> 00:02.000\nHei\n", None),
    "header-run-on": ("WEBVTTX\n\n00:00.000 --> 00:02.000\nHei\n", None),
    "one-digit-minute": ("WEBVTT\n\n5:01.000 --> 5:02.000\nHei\n", 0),
    "minute-60": ("WEBVTT\n\n60:01.000 --> 61:02.000\nHei\n", 0),
    "second-60": ("WEBVTT\n\n00:60.000 --> 00:61.000\nHei\n", 0),
    "four-digit-ms": ("WEBVTT\n\n00:01.0000 --> 00:02.000\nHei\n", 0),
    "two-digit-ms": ("WEBVTT\n\n00:01.00 --> 00:02.000\nHei\n", 0),
    "no-cue": ("WEBVTT\n\nNOTE only a note\n", 0),
}


def test_the_check_agrees_with_chromium_on_every_file(browser: Browser, tmp_path: Path) -> None:
    """A file passes exactly when Chromium shows every cue it has (and at least one)."""
    page = browser.new_page()

    def serve(route: Route) -> None:
        name = route.request.url.rsplit("/", 1)[1]
        if name == "index.html":
            tracks = "".join(f'<track id="{n}" kind="captions" src="{n}.vtt">' for n in FILES)
            route.fulfill(body=f"<!doctype html><video>{tracks}</video>", content_type="text/html")
        else:
            route.fulfill(body=FILES[name.removesuffix(".vtt")][0].encode(), content_type="text/vtt")

    try:
        page.route("http://captions.test/**", serve)
        page.goto("http://captions.test/index.html")
        page.evaluate("() => document.querySelectorAll('track').forEach(t => { t.track.mode = 'hidden'; })")
        page.wait_for_function("() => [...document.querySelectorAll('track')].every(t => t.readyState >= 2)")
        shown = page.evaluate(
            "() => Object.fromEntries([...document.querySelectorAll('track')].map(t =>"
            " [t.id, t.readyState === 3 ? null : t.track.cues.length]))"
        )
    finally:
        page.close()
    assert shown == {name: cues for name, (_, cues) in FILES.items()}, "the table above is what Chromium does"
    for name, (text, cues) in FILES.items():
        path = tmp_path / f"{name}.vtt"
        path.write_bytes(text.encode("utf-8"))
        every_cue = cues is not None and cues == text.count("-->") > 0
        assert (captions_problem(path, path.name) is None) == every_cue, name


def test_latin1_captions_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "film.vtt"
    path.write_bytes("WEBVTT\n\n00:00.000 --> 00:02.000\nBlåbær\n".encode("latin-1"))
    assert captions_problem(path, "film.vtt") == (
        "film.vtt: not UTF-8 text, which WebVTT requires: browsers show wrong letters (save it as UTF-8)"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            FILES["srt"][0],
            "media/film.nb.vtt: does not start with WEBVTT, so browsers show none of its captions"
            " (an SRT file? convert it to WebVTT)",
        ),
        (
            FILES["comma"][0] + "\n00:00:07,000 --> 00:00:08,000\nmer\n",
            "media/film.nb.vtt:3: '00:00:01,000 --> 00:00:04,000' is not a WebVTT cue time"
            " (00:01.000 --> 00:04.000, a full stop before the milliseconds, not a comma),"
            " so browsers skip the cue (and 1 more)",
        ),
        (FILES["no-cue"][0], "media/film.nb.vtt: no cue (no line with -->), so there are no captions to show"),
    ],
)
def test_a_course_with_captions_a_browser_drops_names_the_page_line_and_the_cue(
    tmp_path: Path, text: str, message: str
) -> None:
    course = copy_course(tmp_path / "c", ROOTS / "video")
    (course / "media" / "film.nb.vtt").write_text(text, encoding="utf-8")
    page = next(p for p in sorted((course / "pages").glob("*.yaml")) if "src: media/film.mp4" in p.read_text())
    lines = page.read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(lines, start=1) if "film.nb.vtt" in text)
    with pytest.raises(ContentError) as caught:
        load_course(course)
    found = [str(p) for p in caught.value.problems]
    # the same file serves the streamed film's page too: one problem per place it is used
    assert f"{page.resolve()}:{line}: blocks.0.captions.0.src: {message}" in found
    assert all(p.endswith(message) for p in found)


def test_the_video_course_loads_with_its_captions() -> None:
    assert {"media/film.nb.vtt", "media/film.en.vtt"} <= set(load_course(ROOTS / "video").media)
