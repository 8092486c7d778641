"""A film supplied by the author: packaged file or streamed URL, captions, transcript; key points without one."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import lxml.html
from support import ROOTS, manifest, unzip

from scorm_builder.build import build


def test_packaged_film_with_captions_and_transcript(tmp_path: Path, lms_harness: Callable[..., Any]) -> None:
    [result] = build(ROOTS / "video", ["scorm2004-4"], ["en"], tmp_path / "dist")
    with zipfile.ZipFile(result.path) as archive:
        names = set(archive.namelist())
        page = lxml.html.fromstring(archive.read("index.html"))
    assert {"media/film.mp4", "media/film.nb.vtt", "media/film.en.vtt", "media/poster.png"} <= names
    listed = {f.get("href") for f in manifest(result.path).iter("{*}file")}
    assert {"media/film.mp4", "media/film.nb.vtt", "media/film.en.vtt", "media/poster.png"} <= listed
    [video, stream] = page.findall(".//video")
    assert next(video.iter("source")).get("src") == "media/film.mp4" and video.get("poster") == "media/poster.png"
    tracks = {t.get("srclang"): t for t in video.iter("track")}
    assert set(tracks) == {"nb", "en"}
    assert tracks["en"].get("kind") == "captions" and "default" in tracks["en"].attrib and "default" not in tracks["nb"].attrib
    assert tracks["nb"].get("label") == "Norwegian"
    assert "Hello and welcome." in page.find(".//details").text_content()
    assert stream.get("preload") == "none" and next(stream.iter("source")).get("src") == "https://video.example.org/film.mp4"
    # In the browser: the streamed film asks nothing of its host until the learner presses play.
    run = lms_harness(unzip(result.path, tmp_path / "pkg"), "scorm2004").launch()
    run.sco.click("#next")
    assert run.sco.locator("section.page:not([hidden]) video").is_visible()
    assert run.sco.evaluate("() => document.querySelector('video track').track.kind") == "captions"
    assert not run.external_requests


def test_without_a_film_only_the_key_points_show(built: dict[str, Path]) -> None:
    with zipfile.ZipFile(built["scorm12"]) as archive:
        page = lxml.html.fromstring(archive.read("index.html"))
    film = page.get_element_by_id("page-filmen")
    assert film.find(".//video") is None
    assert "Filmen er ikke lagt inn" in film.text_content()
    assert len(film.findall(".//li")) >= 5
