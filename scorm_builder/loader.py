"""Read a course folder into a checked :class:`~scorm_builder.models.Course`, or report every mistake."""

from __future__ import annotations

import re
import types
from collections import defaultdict
from collections.abc import Iterable, Sequence
from itertools import islice
from pathlib import Path
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

import yaml
from pydantic import BaseModel, ValidationError

from .errors import ContentError, Problem, close_or_all, closest, did_you_mean
from .fieldwords import field_message
from .models import (
    Course,
    CourseFile,
    Page,
    Questionnaire,
    QuestionnaireBlock,
    ReflectionBlock,
    UiFile,
    VideoBlock,
    iter_ids,
    iter_texts,
)
from .primitives import Text
from .scoring import ScoringSpec, check_references
from .ui import UI_FILE, check_course_ui
from .yamlhint import explain

COURSE_FILE = "course.yaml"
Loc = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)


class _Strict:
    """Reject a key written twice in one mapping (YAML 1.1 says keys are unique; PyYAML keeps the last)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)  # type: ignore[attr-defined]
            if isinstance(key, (list, dict)):
                raise yaml.constructor.ConstructorError(
                    None, None, "a field name must be a word, not a list or a mapping", key_node.start_mark
                )
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key!r} is written twice", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)  # type: ignore[misc]


class _StrictLoader(_Strict, yaml.SafeLoader):
    """The pure-Python safe loader: slow, but its error messages are the ones authors see."""


#: libyaml's safe loader when PyYAML was built with it (about ten times faster), else the Python one.
_FastLoader: type = (
    type("_FastLoader", (_Strict, yaml.CSafeLoader), {}) if yaml.__with_libyaml__ else _StrictLoader
)


def _parse(text: str) -> tuple[yaml.Node | None, Any]:
    """Return the node tree (for lines) and the data of one YAML document, parsing it once.

    A document that does not parse is parsed again by the pure-Python loader, so that every syntax
    error reads the same whichever loader is installed (libyaml words its messages differently).
    """
    try:
        return _compose_and_construct(_FastLoader, text)
    except yaml.YAMLError:
        if _FastLoader is _StrictLoader:
            raise
    return _compose_and_construct(_StrictLoader, text)


def _compose_and_construct(loader_class: type, text: str) -> tuple[yaml.Node | None, Any]:
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        return node, loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()


class _Source:
    """One parsed YAML file: its data and a way back from a field path to a line."""

    def __init__(self, path: Path, label: str) -> None:
        self.path = path
        self.label = label
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            first_bad = raw[: exc.start].count(b"\n") + 1
            raise ContentError([Problem(label, first_bad, "", "not UTF-8 text: save the file as UTF-8")]) from None
        try:
            self.node, self.data = _parse(text)
        except yaml.MarkedYAMLError as exc:
            line, message = explain(exc, text)
            raise ContentError([Problem(label, line, "", f"YAML: {message}")]) from None

    def line(self, loc: Loc) -> int | None:
        """Return the line of the deepest field ``loc`` reaches (its parent when it is missing).

        A field's line is its key's, not its value's: ``title:`` with its texts on the lines below.
        """
        node = self.node
        if node is None:
            return None
        mark = node
        for part in loc:
            entry = _entry(node, part)
            if entry is not None:
                mark, node = entry
        return mark.start_mark.line + 1

    def problem(self, loc: Loc, message: str) -> Problem:
        """Make a problem pointing at ``loc`` in this file."""
        return Problem(self.label, self.line(loc), _dotted(loc), message)

    def validate(self, model: type[M], problems: list[Problem]) -> M | None:
        """Validate the file's data as ``model``; add a problem per error and return None on failure."""
        try:
            return model.model_validate(self.data)
        except ValidationError as exc:
            for error in exc.errors():
                loc = self._clean_loc(error["loc"])
                message = _message(error, self._raw(loc), _kinds(model, error["loc"]))
                if error["type"] == "extra_forbidden":
                    message += _did_you_mean(model, error["loc"])
                problems.append(self.problem(loc, message))
            return None

    def _raw(self, loc: Loc) -> str | None:
        """Return the value at ``loc`` as the file writes it, when it is one scalar."""
        node = self.node
        for part in loc:
            node = _child(node, part) if node is not None else None
        return node.value if isinstance(node, yaml.ScalarNode) else None


    def _clean_loc(self, loc: Iterable[Any]) -> Loc:
        """Drop what pydantic adds to a path that the file does not have: 'root', a union's tag."""
        node, clean = self.node, []
        for part in loc:
            if part == "root":
                continue
            child = _child(node, part) if node is not None else None
            tag = _child(node, "type") if child is None and node is not None else None
            if tag is not None and getattr(tag, "value", None) == part:
                continue
            clean.append(part)
            node = child
        return tuple(clean)


def _child(node: yaml.Node, part: str | int) -> yaml.Node | None:
    entry = _entry(node, part)
    return entry[1] if entry is not None else None


def _entry(node: yaml.Node, part: str | int) -> tuple[yaml.Node, yaml.Node] | None:
    """Return (the node whose line names it, the child) for a key of a mapping or an item of a list."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == str(part):
                return key, value
    elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
        return node.value[part], node.value[part]
    return None


def _did_you_mean(model: type[BaseModel], loc: Loc) -> str:
    """Return " (did you mean 'title'?)" when an unknown field is close to one the model has there."""
    names = {
        field.alias or name
        for kind in _kinds(model, loc[:-1])
        if isinstance(kind, type) and issubclass(kind, BaseModel)
        for name, field in kind.model_fields.items()
    }
    return did_you_mean(str(loc[-1]), names)


def _kinds(model: type[BaseModel], loc: Loc) -> list[Any]:
    """Return the types pydantic's error path ``loc`` leads to from ``model``."""
    kinds: list[Any] = [model]
    for part in loc:
        kinds = [found for kind in kinds for found in _step(kind, part)]
    return kinds


def _step(kind: Any, part: str | int) -> list[Any]:
    """Return the types that pydantic's error path ``part`` leads to from ``kind``."""
    while get_origin(kind) is Annotated:
        kind = get_args(kind)[0]
    origin = get_origin(kind)
    if origin in (Union, types.UnionType):
        members = [m for m in get_args(kind) if m is not type(None)]
        # a discriminated union names the member by its tag (``blocks.0.text.title``)
        tagged = [m for m in members if _tag(m) == part]
        return tagged or [found for m in members for found in _step(m, part)]
    if origin in (list, tuple) and isinstance(part, int):
        return list(get_args(kind)[:1])
    if origin is dict and isinstance(part, str):
        return list(get_args(kind)[1:2])
    if isinstance(kind, type) and issubclass(kind, BaseModel):
        field = kind.model_fields.get(str(part))
        if field is None and "root" in kind.model_fields:  # pydantic leaves a root model's 'root' out
            return _step(kind.model_fields["root"].annotation, part)
        return [field.annotation] if field is not None else []
    return []


def _tag(model: Any) -> object:
    """Return a block model's ``type`` tag, or None."""
    field = model.model_fields.get("type") if isinstance(model, type) and issubclass(model, BaseModel) else None
    args = get_args(field.annotation) if field is not None else ()
    return args[0] if len(args) == 1 else None


def _dotted(loc: Loc) -> str:
    return ".".join(str(p) for p in loc)


def _message(error: Any, raw: str | None, kinds: list[Any]) -> str:
    kind = error["type"]
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown field"
    if kind == "union_tag_invalid":
        return f"unknown block type {error['input'].get('type')!r}; expected one of {error['ctx']['expected_tags']}"
    return field_message(error, raw, any(_is_text(k) for k in kinds))


def _is_text(kind: Any) -> bool:
    while get_origin(kind) is Annotated:
        kind = get_args(kind)[0]
    if get_origin(kind) in (Union, types.UnionType):
        return any(_is_text(member) for member in get_args(kind))
    return kind is Text


def _label(path: Path) -> str:
    """Name a file as the author typed it: relative to the working folder when inside it."""
    absolute = path.resolve()
    try:
        return absolute.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return str(absolute)


def load_course(course_dir: Path, *, all_languages: bool = True) -> Course:
    """Load and check the course in ``course_dir``.

    Args:
        course_dir: the folder holding ``course.yaml``.
        all_languages: require every text in every language of the course (off only for translation,
            which reads a course whose new language is still partly missing).

    Raises:
        ContentError: with one ``file:line: field: message`` problem per mistake found.
    """
    course_dir = Path(course_dir)
    course_path = course_dir / COURSE_FILE
    if not course_path.is_file():
        raise ContentError([Problem(_label(course_path), None, "", "course file not found")])
    problems: list[Problem] = []
    head = _Source(course_path, _label(course_path))
    course = head.validate(CourseFile, problems)
    if course is None:
        raise ContentError(problems)
    pages = _load_parts(course_dir, head, "pages", course.pages, Page, problems)
    quests = _load_parts(course_dir, head, "questionnaires", course.questionnaires, Questionnaire, problems)
    scoring = (
        _load_file(course_dir, course.scoring, ScoringSpec, problems, (head, ("scoring",)))
        if course.scoring else None
    )
    ui = _load_ui(course_dir, course.languages, problems)
    if problems:
        raise ContentError(problems)
    sources = [(head, course)] + pages + quests + ([scoring] if scoring else [])
    problems += _check_ids(sources)
    if all_languages:
        problems += _check_languages(sources, course.languages)
    problems += _check_references(pages, {q.id for _, q in quests})
    if scoring is not None:
        spec_source, spec = scoring
        refs = check_references(spec, [q for _, q in quests], [p for _, p in pages])
        problems += [spec_source.problem(loc, message) for loc, message in refs]
    if course.xapi is not None and course.xapi.mastery_score is not None:
        reported = scoring is not None and scoring[1].overall.report
        if not reported:
            problems.append(head.problem(("xapi", "mastery_score"), "needs a reported overall score to judge "
                                         "against: set `overall: {report: true}` in the scoring rules"))
    media, media_problems = _check_media(course_dir, pages)
    problems += media_problems
    if problems:
        raise ContentError(problems)
    return Course(
        id=course.id,
        version=course.version,
        languages=tuple(course.languages),
        title=course.title,
        description=course.description,
        keywords=tuple(course.keywords),
        author=course.author,
        pages=tuple(p for _, p in pages),
        questionnaires=tuple(q for _, q in quests),
        media=tuple(media),
        privacy=course.privacy,
        xapi=course.xapi,
        scoring=scoring[1] if scoring else None,
        ui=ui,
        notes=tuple(_unlisted(course_dir, course)),
    )


def _unlisted(course_dir: Path, course: CourseFile) -> list[str]:
    """Return a note for each YAML file beside the listed pages or questionnaires that is not listed.

    A page written but never added to ``course.yaml`` is not in the course, and nothing else would
    say so; a draft kept on purpose is only noted.
    """
    listed = {*course.pages, *course.questionnaires, course.scoring, COURSE_FILE, UI_FILE}
    lists: dict[Path, set[str]] = defaultdict(set)
    for field, paths in (("pages", course.pages), ("questionnaires", course.questionnaires)):
        for rel in paths:
            lists[(course_dir / rel).parent].add(field)
    notes = []
    for folder, fields in lists.items():
        for path in sorted(folder.iterdir()):
            rel = path.relative_to(course_dir).as_posix()
            draft = path.suffix in (".yaml", ".yml") and not path.name.startswith(".")
            if draft and path.is_file() and rel not in listed:
                where = " or ".join(f"`{f}:`" for f in sorted(fields, reverse=True))
                notes.append(f"{_label(path)}: not in the course: course.yaml does not list it (add it under {where})")
    return sorted(notes)


def _load_parts(
    course_dir: Path, head: _Source, field: str, paths: list[str], model: type[M], problems: list[Problem]
) -> list[tuple[_Source, M]]:
    loaded = [
        _load_file(course_dir, rel, model, problems, (head, (field, index)))
        for index, rel in enumerate(paths)
    ]
    return [part for part in loaded if part is not None]


def _load_file(
    course_dir: Path, rel: str, model: type[M], problems: list[Problem], listed: tuple[_Source, Loc] | None
) -> tuple[_Source, M] | None:
    """Read and validate one file; a missing file is a problem at the field that ``listed`` it (None: optional)."""
    path = course_dir / rel
    if not path.is_file():
        if listed is not None:
            source, loc = listed
            problems.append(source.problem(loc, not_found(course_dir, rel)))
        return None
    try:
        source = _Source(path, _label(path))
    except ContentError as exc:
        problems += exc.problems
        return None
    part = source.validate(model, problems)
    return None if part is None else (source, part)


def _load_ui(course_dir: Path, languages: list[str], problems: list[Problem]) -> dict[str, Any]:
    """Read the course's own interface strings (``ui.yaml``, optional) and check them."""
    loaded = _load_file(course_dir, UI_FILE, UiFile, problems, None)
    if loaded is None:
        return {}
    source, ui = loaded
    problems += [source.problem(loc, message) for loc, message in check_course_ui(ui.root, languages)]
    return dict(ui.root)


def _check_ids(sources: Sequence[tuple[_Source, BaseModel]]) -> list[Problem]:
    seen: dict[str, list[tuple[_Source, Loc]]] = defaultdict(list)
    for source, model in sources:
        for loc, value in iter_ids(model):
            seen[value].append((source, loc))
    problems = []
    for value, places in seen.items():
        for source, loc in places[1:]:
            first, first_loc = places[0]
            where = f"{first.label}:{first.line(first_loc)}"
            problems.append(source.problem(loc, f"duplicate id {value!r} (first used at {where})"))
    return problems


def _check_languages(sources: Sequence[tuple[_Source, BaseModel]], languages: list[str]) -> list[Problem]:
    problems = []
    wanted = set(languages)
    for source, model in sources:
        for loc, text in iter_texts(model):
            missing = sorted(wanted - text.languages)
            extra = sorted(text.languages - wanted)
            if missing:
                problems.append(source.problem(loc, f"text missing in {', '.join(missing)}"))
            if extra:
                problems.append(source.problem(loc, f"language {', '.join(extra)} is not in the course's languages"))
    return problems


def _check_references(pages: list[tuple[_Source, Page]], questionnaire_ids: set[str]) -> list[Problem]:
    problems = []
    used: set[str] = set()
    for source, page in pages:
        for index, block in enumerate(page.blocks):
            loc: Loc = ("blocks", index, "questionnaire")
            if (
                isinstance(block, ReflectionBlock)
                and block.questionnaire is not None
                and block.questionnaire not in questionnaire_ids
            ):
                problems.append(source.problem(loc, _no_questionnaire(block.questionnaire, questionnaire_ids)))
            if isinstance(block, QuestionnaireBlock):
                if block.questionnaire not in questionnaire_ids:
                    problems.append(source.problem(loc, _no_questionnaire(block.questionnaire, questionnaire_ids)))
                elif block.questionnaire in used:
                    problems.append(source.problem(loc, f"questionnaire {block.questionnaire!r} is placed twice"))
                used.add(block.questionnaire)
    return problems


def _no_questionnaire(wanted: str, known: set[str]) -> str:
    return f"no questionnaire has the id {wanted!r}{close_or_all(wanted, known)}"


#: How many files a missing file's path is compared with, at the most (a course folder holds few).
_MOST_FILES = 2000


def not_found(course_dir: Path, rel: str) -> str:
    """Return "file not found: REL", naming a file whose name is close to it (its folder's, else any)."""
    path = course_dir / rel
    if path.parent.is_dir():  # a slip in the name: the files beside it
        names = [p.name for p in path.parent.iterdir() if p.is_file() and not p.name.startswith(".")]
        near = closest(path.name, names)
        hint = f" (did you mean {(path.parent / near).relative_to(course_dir).as_posix()!r}?)" if near else ""
    else:  # a slip in the folder: every file of the course
        found = (p.relative_to(course_dir) for p in course_dir.rglob("*") if p.is_file())
        visible = (p.as_posix() for p in found if not any(part.startswith(".") for part in p.parts))
        hint = did_you_mean(rel, list(islice(visible, _MOST_FILES)))
    return f"file not found: {rel}{hint}"


def _check_media(course_dir: Path, pages: list[tuple[_Source, Page]]) -> tuple[list[str], list[Problem]]:
    media: list[str] = []
    problems = []
    for source, page in pages:
        for index, block in enumerate(page.blocks):
            if not isinstance(block, VideoBlock):
                continue
            files: list[tuple[Loc, str | None]] = [(("src",), None if block.is_url else block.src)]
            files.append((("poster",), block.poster))
            files += [(("captions", n, "src"), c.src) for n, c in enumerate(block.captions)]
            for sub, rel in files:
                if rel is None:
                    continue
                if (course_dir / rel).is_file():
                    media.append(rel)
                    wrong = captions_problem(course_dir / rel, rel) if sub[0] == "captions" else None
                    if wrong:
                        problems.append(source.problem(("blocks", index, *sub), wrong))
                else:
                    problems.append(source.problem(("blocks", index, *sub), not_found(course_dir, rel)))
    return sorted(set(media)), problems


#: A WebVTT time: ``mm:ss.ttt``, or ``h:mm:ss.ttt`` with any number of digits for the hours.
_VTT_TIME = r"(?:\d+:)?[0-5]\d:[0-5]\d\.\d{3}"
#: A cue's timing line as browsers read it (WebVTT 6.1): start ``-->`` end, the spaces around the
#: arrow optional; whatever follows the end time's three digits is its settings.
_VTT_TIMING = re.compile(rf"[ \t]*{_VTT_TIME}[ \t]*-->[ \t]*{_VTT_TIME}(?!\d).*")


def captions_problem(path: Path, name: str) -> str | None:
    """Return why a browser would show none, or not all, of the captions in a WebVTT file, or None.

    A browser says nothing when it drops them: a file that does not start with ``WEBVTT`` gives no
    captions at all, text that is not UTF-8 shows wrong letters, and a cue whose time it cannot read
    (an SRT time, ``00:00:01,000``) is skipped. ``name`` is the file as the message names it.
    """
    try:
        text = path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return f"{name}: not UTF-8 text, which WebVTT requires: browsers show wrong letters (save it as UTF-8)"
    lines = text.splitlines()
    if not lines or not re.fullmatch(r"WEBVTT([ \t].*)?", lines[0]):
        srt = any("-->" in line and "," in line for line in lines)
        hint = " (an SRT file? convert it to WebVTT)" if srt else ""
        return f"{name}: does not start with WEBVTT, so browsers show none of its captions{hint}"
    timings = [(n, line) for n, line in enumerate(lines, start=1) if "-->" in line]
    if not timings:
        return f"{name}: no cue (no line with -->), so there are no captions to show"
    bad = [(n, line.strip()) for n, line in timings if not _VTT_TIMING.fullmatch(line)]
    if not bad:
        return None
    n, line = bad[0]
    comma = ", a full stop before the milliseconds, not a comma" if "," in line.split("-->")[0] else ""
    more = f" (and {len(bad) - 1} more)" if len(bad) > 1 else ""
    return (
        f"{name}:{n}: {line!r} is not a WebVTT cue time (00:01.000 --> 00:04.000{comma}),"
        f" so browsers skip the cue{more}"
    )
