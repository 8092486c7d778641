"""This course's statements, per learner: the latest answer to each statement, pages reached, completion.

Only the statements the course sends count (``course.py``): ``answered`` a Likert statement or a
placement axis, ``experienced`` a page, ``completed`` the course or AU. A voiding statement (xAPI Data
2.3.2) removes the statement it points to wherever that appears, before or after it; the latest
remaining answer (by ``timestamp``, then ``stored``, then order read) is the learner's answer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import msgspec

from .course import AXIS, LIKERT, PAGE, ROOT, CourseKeys
from .skips import Skips
from .sources import why
from .statements import Statement, grouping_ids, learner_of, moment

VERBS = "http://adlnet.gov/expapi/verbs/"
ANSWERED, EXPERIENCED, COMPLETED, VOIDED = (
    VERBS + v for v in ("answered", "experienced", "completed", "voided")
)
#: A statement that both completes the course and holds nothing else: its pseudo page index.
DONE = -1

Answer = tuple[str, int, int, "str | None"]  # (time, order read, value, statement id)
Scale = tuple[int, dict[str, int], str]  # (answer key, {response text: value}, "low-high")
Target = tuple[str, "Scale | int"]  # (the verb that counts, the answer's scale or the page index)


class Track:
    """Everything one learner did that the report reads, with statement ids kept for voiding."""

    __slots__ = ("latest", "older", "events")

    def __init__(self) -> None:
        #: answer key -> the latest answer read so far.
        self.latest: dict[int, Answer] = {}
        #: (answer key, answer) of every answer a later one replaced (only needed if one is voided).
        self.older: list[tuple[int, Answer]] = []
        #: (page index or DONE, statement id) of every page view and completion.
        self.events: list[tuple[int, str | None]] = []


@dataclass(frozen=True)
class Learner:
    """One learner's data after voiding: answers by key, the furthest page reached, completion."""

    answers: dict[int, int]
    furthest: int
    completed: bool


class Collector:
    """Feed statements in any order, from any number of sources; then read :meth:`learners`."""

    def __init__(self, keys: CourseKeys, skips: Skips) -> None:
        self.keys, self.skips = keys, skips
        self.au = keys.base + "/au"
        self.tracks: dict[str, Track] = {}
        self.voided: set[str] = set()
        self.order = 0
        axis_key = len(keys.statements)
        #: answer key -> {response text: value}: the scale's points, as the course sends them.
        self.points: dict[tuple[int, int], Scale] = {}
        for index, (low, high) in enumerate(keys.scales):
            self.points[(LIKERT, index)] = (index, _scale(low, high), f"{low}-{high}")
        if keys.placement_scale is not None:
            low, high = keys.placement_scale
            for axis in (0, 1):
                self.points[(AXIS, axis)] = (axis_key + axis, _scale(low, high), f"{low}-{high}")
        #: object id -> (the verb that counts for it, the answer's key/scale or the page index).
        self.targets = {oid: self.target(hit) for oid, hit in keys.objects.items()}

    def target(self, hit: tuple[int, int]) -> Target:
        """Return what a statement about the object ``hit`` (kind, index) must carry and where it goes."""
        kind, index = hit
        if kind in (LIKERT, AXIS):
            return ANSWERED, self.points[hit]
        if kind == PAGE:
            return EXPERIENCED, index
        return (COMPLETED, DONE) if kind == ROOT else ("", DONE)

    def feed(self, st: Statement, label: str, line: int | str) -> None:
        """Take one statement read at ``label``:``line`` (a file and line, or a URL and index)."""
        verb, target = st.verb, st.object
        if verb is None or not verb.id or target is None or not target.id:
            self.skips.problem(
                "without verb or object", f"{label}:{line}", "verb.id/object.id: missing"
            )
            return
        if verb.id == VOIDED:
            if target.objectType == "StatementRef":
                self.voided.add(target.id)
            return
        found = self.targets.get(target.id)
        if found is None:
            try:
                hit = self.keys.in_au(target.id) if self.au in grouping_ids(st) else None
            except msgspec.ValidationError as exc:
                self.skips.problem("not a statement", f"{label}:{line}", f"context.{why(exc)}")
                return
            if hit is None:
                if not self.keys.ours(target.id):
                    self.skips.ignore("of other courses")
                return
            found = self.target(hit)
        wanted, where = found
        if verb.id != wanted:
            return
        who = learner_of(st.actor)
        if who is None:
            self.skips.problem(
                "without an actor",
                f"{label}:{line}",
                "actor: missing, or without mbox, account, openid or mbox_sha1sum",
            )
            return
        if isinstance(where, int):
            self._track(who).events.append((where, st.id))
            return
        key, scale, span = where
        response = st.result.response if st.result is not None else None
        value = scale.get(response) if response is not None else None
        if value is None:
            shown = (
                "missing"
                if response is None
                else f"{quoted(response, 20)} is not a point of the scale {span}"
            )
            self.skips.problem(
                "with a response outside the scale", f"{label}:{line}", f"result.response: {shown}"
            )
            return
        stamp = st.timestamp or st.stored or ""
        try:
            when = moment(stamp) if stamp else ""
        except ValueError:
            self.skips.problem(
                "with a bad timestamp",
                f"{label}:{line}",
                f"timestamp: {quoted(stamp, 40)} is not ISO 8601",
            )
            return
        self.order += 1
        answer = (when, self.order, value, st.id)
        track = self._track(who)
        held = track.latest.get(key)
        if held is None:
            track.latest[key] = answer
        elif held[:2] < answer[:2]:
            track.latest[key] = answer
            track.older.append((key, held))
        else:
            track.older.append((key, answer))

    def _track(self, who: str) -> Track:
        track = self.tracks.get(who)
        if track is None:
            track = self.tracks[who] = Track()
        return track

    def learners(self) -> Iterator[tuple[str, Learner]]:
        """Yield (learner id, data) for every learner with anything left after voiding."""
        voided = self.voided
        if voided:
            self.skips.ignore("voided", self._count_voided())
        for who, track in self.tracks.items():
            learner = _resolve(track, voided) if voided else _plain(track)
            if learner.answers or learner.furthest >= 0 or learner.completed:
                yield who, learner

    def _count_voided(self) -> int:
        voided, count = self.voided, 0
        for track in self.tracks.values():
            count += sum(1 for a in track.latest.values() if a[3] in voided)
            count += sum(1 for _, a in track.older if a[3] in voided)
            count += sum(1 for _, sid in track.events if sid in voided)
        return count


#: A value made only of digits, signs and the marks of a date and time: no word of anyone's.
_PLAIN = re.compile(r"[0-9+\-.,:TZ ]*")


def quoted(value: str, most: int) -> str:
    """Return ``value`` quoted for a message when it holds no letters, else only its length.

    A field that should hold a number or a time may hold anything in a foreign or damaged export
    (a learner's words, an e-mail address); the terminal and logs never get them.
    """
    if len(value) <= most and _PLAIN.fullmatch(value):
        return repr(value)
    return f"a text of {len(value)} characters (not shown)"


def _scale(low: int, high: int) -> dict[str, int]:
    return {str(point): point for point in range(low, high + 1)}


def _plain(track: Track) -> Learner:
    pages = [page for page, _ in track.events]
    return Learner(
        {k: a[2] for k, a in track.latest.items()}, max(pages, default=DONE), DONE in pages
    )


def _resolve(track: Track, voided: set[str]) -> Learner:
    """Drop voided statements; an answer that was voided gives way to the latest one before it."""
    answers = {k: a[2] for k, a in track.latest.items() if a[3] not in voided}
    gone = {k for k, a in track.latest.items() if a[3] in voided}
    if gone:  # only then can an older answer be the learner's answer
        best: dict[int, Answer] = {}
        for key, answer in track.older:
            if key in gone and answer[3] not in voided:
                held = best.get(key)
                if held is None or held[:2] < answer[:2]:
                    best[key] = answer
        answers.update((k, a[2]) for k, a in best.items())
    pages = [page for page, sid in track.events if sid not in voided]
    return Learner(answers, max(pages, default=DONE), DONE in pages)
