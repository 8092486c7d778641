"""The content model: what a course author can write, validated once at the load boundary."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    RootModel,
    field_validator,
    model_validator,
)

from .primitives import (
    ID_PATTERN,
    REL_PATH_PATTERN,
    URL_RE,
    Id,
    Lang,
    Model,
    RelPath,
    Scale,
    Text,
    Version,
    _no_parent_segment,
)
from .scoring_rules import ScoringSpec

__all__ = ["ID_PATTERN", "Id", "Lang", "Model", "RelPath", "Scale", "Text", "Version"]

OriginKind = Literal["source", "editorial"]


class Block(Model):
    """Fields every block shares."""

    #: ``source``: taken from the course's source material; ``editorial``: written for this
    #: course (an introduction, an instruction), so readers of the content can tell them apart.
    origin: OriginKind = "source"


class TextBlock(Block):
    """Paragraphs of running text; a blank line starts a new paragraph."""

    type: Literal["text"]
    title: Text | None = None
    body: Text


class ListBlock(Block):
    """A titled list of bullets."""

    type: Literal["list"]
    title: Text | None = None
    #: Shown instead of ``title`` while the course has no film (no video block with a ``src``),
    #: e.g. "Learning goals for this course" for the source's "Learning goals for this film".
    title_without_video: Text | None = None
    intro: Text | None = None
    items: list[Text] = Field(min_length=1)
    numbered: bool = False


class Group(Model):
    """One card, stage or circle of a groups block."""

    id: Id
    title: Text
    text: Text | None = None
    items: list[Text] = []


class GroupsBlock(Block):
    """Titled groups of bullets, shown as cards, as a flow (A -> B -> C) or as overlapping circles."""

    type: Literal["groups"]
    layout: Literal["cards", "flow", "circles"] = "cards"
    title: Text | None = None
    intro: Text | None = None
    groups: list[Group] = Field(min_length=1)
    #: For ``circles``: the text of the area the circles share.
    core: Text | None = None
    source: Text | None = None


class Axis(Model):
    """One axis of the 2x2 model."""

    label: Text
    low: Text
    high: Text


class Profile(Model):
    """One quadrant of the 2x2 model."""

    id: Id
    name: Text
    description: Text
    x: Literal["low", "high"]
    y: Literal["low", "high"]


class MatrixBlock(Block):
    """A 2x2 model: two axes and four profiles, one per quadrant."""

    type: Literal["matrix"]
    id: Id
    title: Text | None = None
    intro: Text | None = None
    x_axis: Axis
    y_axis: Axis
    profiles: list[Profile] = Field(min_length=4, max_length=4)
    source: Text | None = None
    #: Shown beside the learner's placement: the model is a reflection aid, not a diagnosis.
    note: Text | None = None

    @model_validator(mode="after")
    def _one_profile_per_quadrant(self) -> MatrixBlock:
        cells = [(p.x, p.y) for p in self.profiles]
        if len(set(cells)) != 4:
            raise ValueError("the four profiles must sit in four different quadrants (x, y)")
        return self


class Caption(Model):
    """A WebVTT captions file for a video."""

    lang: Lang
    src: RelPath
    label: Text | None = None

    @field_validator("src")
    @classmethod
    def _vtt(cls, value: str) -> str:
        if not value.endswith(".vtt"):
            raise ValueError("captions must be a WebVTT file (.vtt)")
        return value


#: Sites whose addresses are pages with a player, not video files a ``<video>`` element can play.
VIDEO_PAGES = {"youtube.com": "YouTube", "youtu.be": "YouTube", "vimeo.com": "Vimeo"}
#: Video files that no browser plays (AVI, Windows Media, Flash, MPEG-1/2 program streams) or that
#: phones' browsers do not (Matroska, Ogg); MP4, M4V, MOV (H.264) and WebM play.
NOT_PLAYED = {
    ".avi", ".wmv", ".asf", ".flv", ".f4v", ".swf", ".mpg", ".mpeg", ".vob", ".mkv", ".ogv", ".ogg",
    ".m2ts", ".mts",
}


class VideoBlock(Block):
    """The film: a video file or https URL with captions and transcript, or key points only."""

    type: Literal["video"]
    title: Text | None = None
    #: A file in the course folder (``media/film.mp4``) or an ``https://`` URL; none: key points only.
    src: str | None = None
    poster: RelPath | None = None
    captions: list[Caption] = []
    transcript: Text | None = None
    key_points: list[Text] = []

    @field_validator("src")
    @classmethod
    def _src(cls, value: str | None) -> str | None:
        if value is None:
            return value
        if URL_RE.match(value):
            host = re.sub(r"^www\.|^m\.", "", value.split("/")[2].split(":")[0].lower())
            if host in VIDEO_PAGES:
                raise ValueError(
                    f"{value} is a {VIDEO_PAGES[host]} page, not a video file: the course plays the file itself,"
                    " so give the address of the film's .mp4 file, or put the file in the course folder"
                )
        elif re.match(REL_PATH_PATTERN, value):
            _no_parent_segment(value)
        else:
            raise ValueError("src must be a relative file path or an https:// URL")
        suffix = re.search(r"(\.[A-Za-z0-9]+)$", value.split("?")[0].split("#")[0].rstrip("/").rsplit("/", 1)[-1])
        if suffix and suffix.group(1).lower() in NOT_PLAYED:
            raise ValueError(
                f"{suffix.group(1).lower()} films do not play in every browser (phones' least of all):"
                " convert the film to MP4 (H.264 video and AAC sound), which every browser plays"
            )
        return value

    @property
    def is_url(self) -> bool:
        """Whether the video is streamed from a URL rather than packaged."""
        return bool(self.src and URL_RE.match(self.src))


class ReflectionBlock(Block):
    """A free-text field the learner writes in, with optional hints."""

    type: Literal["reflection"]
    id: Id
    label: Text
    prompt: Text | None = None
    hints_title: Text | None = None
    hints: list[Text] = []
    max_length: int = Field(default=2000, ge=1, le=4000)
    #: The id of the self-assessment (questionnaire) this field follows up, e.g. a development area
    #: written after it; the summary shows the text under that self-assessment.
    questionnaire: Id | None = None


class QuestionnaireBlock(Block):
    """Places a questionnaire (by id) on the page."""

    type: Literal["questionnaire"]
    questionnaire: Id


class SummaryBlock(Block):
    """The learner's own results: scores, placement and reflections."""

    type: Literal["summary"]
    title: Text | None = None
    intro: Text | None = None


AnyBlock = Annotated[
    TextBlock
    | ListBlock
    | GroupsBlock
    | MatrixBlock
    | VideoBlock
    | ReflectionBlock
    | QuestionnaireBlock
    | SummaryBlock,
    Field(discriminator="type"),
]


class Page(Model):
    """One page of the course, as written in one page file."""

    id: Id
    title: Text
    blocks: list[AnyBlock] = Field(min_length=1)


class Statement(Model):
    """One Likert statement."""

    id: Id
    text: Text


class Category(Model):
    """A category of statements, scored together."""

    id: Id
    title: Text
    statements: list[Statement] = Field(min_length=1)


class Questionnaire(Model):
    """A self-assessment: categories of Likert statements on one scale."""

    id: Id
    title: Text
    intro: Text | None = None
    scale: Scale = Scale()
    categories: list[Category] = Field(min_length=1)
    #: The recommended process that follows the self-assessment.
    process: Text | None = None

    def statements(self) -> Iterator[tuple[Category, Statement]]:
        """Yield every statement with its category, in order."""
        for category in self.categories:
            for statement in category.statements:
                yield category, statement


class Privacy(Model):
    """What of the learner's own writing leaves the browser."""

    #: ``local``: free-text reflections stay in the browser and in the resume state (suspend_data)
    #: and are never reported as interactions; ``lms``: each reflection is also reported to the LMS
    #: as an interaction the L&D team can read.
    reflections: Literal["local", "lms"] = "local"
    #: ``lms``: every Likert answer, the category scores and the placement in the 2x2 model are
    #: reported to the LMS (interactions, objectives; xAPI/cmi5 statements); ``local``: they stay in
    #: the browser and in the resume state, and the LMS is told about completion only.
    ratings: Literal["local", "lms"] = "lms"


#: Characters an IRI may not contain unescaped (RFC 3987: space, controls, and these delimiters).
_IRI_FORBIDDEN = re.compile(r'[\s<>"{}|\\^`\x00-\x1f\x7f]')


def _base_iri(value: str) -> str:
    """Check an absolute http(s) IRI with a host, no query and no fragment; drop a trailing slash."""
    match = re.match(r"^(https?)://([^/?#]+)([^?#]*)$", value)
    if not match or _IRI_FORBIDDEN.search(value) or "@" in match.group(2):
        raise ValueError(
            "base_iri must be an absolute http(s) IRI without query or fragment, "
            "e.g. https://learning.example.org/courses/my-course"
        )
    return value.rstrip("/")


MoveOn = Literal["Completed", "Passed", "CompletedAndPassed", "CompletedOrPassed", "NotApplicable"]


class Xapi(Model):
    """xAPI and cmi5 settings: the IRIs the course's activities get, and the cmi5 AU's rules."""

    #: The IRI every activity id of the course is made under (the course itself, its pages,
    #: questionnaires, categories, statements and reflections). Use an address your organisation owns.
    base_iri: Annotated[str, AfterValidator(_base_iri)]
    #: cmi5 ``moveOn`` of the AU (cmi5 section 13.1.4): what the LMS needs before the learner moves on.
    move_on: MoveOn = "Completed"
    #: cmi5 ``masteryScore`` (0-1, at most 4 decimals): the scaled score at or above which the AU passes.
    mastery_score: Annotated[float, Field(ge=0, le=1)] | None = None
    #: cmi5 ``launchMethod``: ``AnyWindow`` (the LMS may use a frame) or ``OwnWindow``.
    launch_method: Literal["AnyWindow", "OwnWindow"] = "AnyWindow"

    @model_validator(mode="after")
    def _mastery_when_passing(self) -> Xapi:
        if self.mastery_score is not None and round(self.mastery_score, 4) != self.mastery_score:
            raise ValueError("mastery_score has at most 4 decimals (cmi5 section 13.1.4)")
        if self.move_on in ("Passed", "CompletedAndPassed") and self.mastery_score is None:
            raise ValueError(f"move_on {self.move_on} needs a mastery_score: without one the course can never be passed")
        return self


class CourseFile(Model):
    """``course.yaml``: the course's identity and the files it is made of."""

    id: Id
    version: Version
    languages: list[Lang] = Field(min_length=1)
    title: Text
    description: Text
    keywords: list[Text] = []
    author: Text | None = None
    pages: list[RelPath] = Field(min_length=1)
    questionnaires: list[RelPath] = []
    #: The scoring specification (``scoring.yaml``), see :mod:`scorm_builder.scoring`.
    scoring: RelPath | None = None
    privacy: Privacy = Privacy()
    #: xAPI and cmi5 settings; required to build those standards.
    xapi: Xapi | None = None

    @field_validator("languages")
    @classmethod
    def _unique_languages(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("a language is listed twice")
        return value


class UiFile(RootModel[dict[str, Text]]):
    """A course's own ``ui.yaml``: interface strings per key and language, over the built-in ones."""

    model_config = ConfigDict(frozen=True)


class Course(Model):
    """A whole course: its identity, pages and questionnaires, loaded and cross-checked."""

    id: str
    version: str
    languages: tuple[str, ...]
    title: Text
    description: Text
    keywords: tuple[Text, ...]
    author: Text | None
    pages: tuple[Page, ...]
    questionnaires: tuple[Questionnaire, ...]
    #: Files of the course folder the pages use (video, captions, poster), relative paths.
    media: tuple[str, ...] = ()
    privacy: Privacy = Privacy()
    xapi: Xapi | None = None
    #: The checked scoring rules (``scoring.yaml``), or None.
    scoring: ScoringSpec | None = None
    #: The course's own interface strings (its ``ui.yaml``), merged over the built-in ones.
    ui: dict[str, Text] = {}
    #: What the author should know that does not stop a build (``file: message``): a content file
    #: beside the pages or questionnaires that ``course.yaml`` does not list, so it is not in the course.
    notes: tuple[str, ...] = ()

    def questionnaire(self, qid: str) -> Questionnaire:
        """Return the questionnaire with id ``qid``."""
        return next(q for q in self.questionnaires if q.id == qid)

    @property
    def has_video(self) -> bool:
        """Whether the course has a film: a video block with a ``src``."""
        return any(isinstance(b, VideoBlock) and b.src for p in self.pages for b in p.blocks)

    def reflections(self) -> list[ReflectionBlock]:
        """Return every reflection field, in course order."""
        return [b for page in self.pages for b in page.blocks if isinstance(b, ReflectionBlock)]

    def statements(self) -> list[tuple[Questionnaire, Category, Statement]]:
        """Return every Likert statement with its questionnaire and category, in course order."""
        placed = [b.questionnaire for p in self.pages for b in p.blocks if isinstance(b, QuestionnaireBlock)]
        return [(q, c, s) for qid in placed for q in [self.questionnaire(qid)] for c, s in q.statements()]


def iter_texts(value: Any, loc: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], Text]]:
    """Yield every :class:`Text` inside a model, list or dict, with its location path."""
    if isinstance(value, Text):
        yield loc, value
    elif isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from iter_texts(getattr(value, name), (*loc, name))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from iter_texts(item, (*loc, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from iter_texts(item, (*loc, key))


def iter_ids(value: Any, loc: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Yield every declared ``id`` field inside a model, with its location path."""
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            item = getattr(value, name)
            if name == "id" and isinstance(item, str):
                yield (*loc, name), item
            else:
                yield from iter_ids(item, (*loc, name))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from iter_ids(item, (*loc, index))
