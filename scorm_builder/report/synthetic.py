"""Realistic statements for N learners of a real course, with the truth behind them (tests, benchmark).

Each learner goes through the course page by page in one delivery form (Tin Can or cmi5) and stops
somewhere or completes it; some change answers in a later session, some answers are voided (the
voiding statement sometimes comes first in the stream), and other courses' statements are mixed in.
:class:`Truth` keeps what the report must find: each learner's final answers, placement, furthest
page, completion and group.
"""

from __future__ import annotations

import csv
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import msgspec

from ..models import Course, MatrixBlock, QuestionnaireBlock
from ..scoring import Answers, evaluate
from .shapes import Shapes


@dataclass
class Person:
    """One generated learner and what they end up with."""

    id: str
    actor: dict[str, Any]
    form: str
    group: str | None
    answers: dict[str, int] = field(default_factory=dict)
    placement: dict[str, int] = field(default_factory=dict)
    furthest: int = -1
    completed: bool = False


@dataclass
class Truth:
    """Everyone generated, and how many statements of each kind were written."""

    people: list[Person] = field(default_factory=list)
    written: int = 0
    other_courses: int = 0
    voided: int = 0


def group_paths(rng: random.Random, tiny: bool = True) -> list[str]:
    """Return a tree of department/team/place paths, some of them small enough to be hidden."""
    paths = []
    for dept in ("Salg", "Drift", "Økonomi", "HR", "IT", "Kundeservice")[: rng.randint(3, 6)]:
        paths.append(dept)
        for team in ("Oslo", "Bergen", "Trondheim", "Tromsø")[: rng.randint(0, 4)]:
            paths.append(f"{dept}/{team}")
            if rng.random() < 0.3:
                paths.append(f"{dept}/{team}/Team {rng.randint(1, 9)}")
    if tiny:
        paths.append("Ledelse")  # a group of very few
    return paths


class Generator:
    """Writes statements of ``course`` for generated learners; ``truth`` says what the report must find."""

    def __init__(
        self, course: Course, seed: int = 1, complete_share: float = 0.7, cmi5_share: float = 0.3
    ) -> None:
        self.course, self.rng = course, random.Random(seed)
        self.shapes = Shapes(course, rng=self.rng)
        self.other = Shapes(course, "https://courses.example.org/another-course", self.rng)
        self.complete_share, self.cmi5_share = complete_share, cmi5_share
        self.pages = [p.id for p in course.pages]
        self.asks = {
            i: [
                s.id
                for b in p.blocks
                if isinstance(b, QuestionnaireBlock)
                for _, s in course.questionnaire(b.questionnaire).statements()
            ]
            for i, p in enumerate(course.pages)
        }
        matrix = (
            course.scoring.placement.matrix if course.scoring and course.scoring.placement else None
        )
        self.place_page = next(
            (
                i
                for i, p in enumerate(course.pages)
                for b in p.blocks
                if isinstance(b, MatrixBlock) and b.id == matrix
            ),
            None,
        )
        self.ratings = course.privacy.ratings == "lms"
        self.truth = Truth()
        self.later: list[dict[str, Any]] = []

    def people(self, count: int, groups: list[str]) -> Iterator[dict[str, Any]]:
        """Yield the statements of ``count`` learners, then the later sessions' ones, in stream order."""
        for number in range(count):
            yield from self.learner(number, groups)
        self.rng.shuffle(self.later)
        yield from self.later
        self.later = []

    def learner(self, number: int, groups: list[str]) -> Iterator[dict[str, Any]]:
        """Yield one learner's statements (changes and voids go to the later sessions)."""
        rng = self.rng
        name = f"u{number:06d}{rng.getrandbits(24):06x}"
        actor: dict[str, Any] = {"objectType": "Agent", "name": f"Learner {number}"}
        if rng.random() < 0.2:
            actor["mbox"] = f"mailto:{name}@example.com"
        else:
            actor["account"] = {"homePage": "https://lms.example.com", "name": name}
        group = self._group(rng, groups)
        who = Person(
            actor.get("mbox") or name,
            actor,
            "cmi5" if rng.random() < self.cmi5_share else "xapi",
            group,
        )
        self.truth.people.append(who)
        stop = (
            len(self.pages) - 1
            if rng.random() < self.complete_share
            else rng.randrange(len(self.pages))
        )
        yield from self._session(who, stop, rng.uniform(0, 60 * 86400))

    def _group(self, rng: random.Random, groups: list[str]) -> str | None:
        if not groups or rng.random() < 0.05:
            return None
        if groups[-1] == "Ledelse" and rng.random() < 0.004:
            return "Ledelse"
        return rng.choice(groups[:-1] if groups[-1] == "Ledelse" else groups)

    def _session(self, who: Person, stop: int, at: float) -> Iterator[dict[str, Any]]:
        s, form, reg, rng = (
            self.shapes,
            who.form,
            str(uuid.UUID(int=self.rng.getrandbits(128), version=4)),
            self.rng,
        )
        emit = lambda *a, **k: self._count(s.make(who.actor, form, reg, *a, **k))  # noqa: E731
        yield emit(at, "initialized", s.root(form), defined=True)
        for index in range(stop + 1):
            at += rng.uniform(20, 240)
            for sid in self.asks[index] if self.ratings else ():
                if index == stop and stop < len(self.pages) - 1 and rng.random() < 0.5:
                    break  # left in the middle of the questionnaire
                at += rng.uniform(2, 15)
                yield from self._answer(who, reg, at, sid, rng.randint(1, 5))
            if index == self.place_page and self.ratings:
                yield from self._place(who, reg, at)
            yield emit(at, "experienced", s.page(form, self.pages[index]), parent=[s.root(form)])
            who.furthest = index
        if stop == len(self.pages) - 1 and (
            len(who.answers) == sum(map(len, self.asks.values())) or not self.ratings
        ):
            yield emit(
                at + 1,
                "completed",
                s.root(form),
                result={"completion": True, "duration": "PT20M"},
                defined=True,
            )
            who.completed = True
        yield emit(at + 2, "terminated", s.root(form), defined=True)
        if rng.random() < 0.05:
            yield self._count(
                self.other.make(
                    who.actor,
                    "xapi",
                    reg,
                    at,
                    "experienced",
                    self.other.page("xapi", self.pages[0]),
                )
            )
            self.truth.other_courses += 1

    def _answer(
        self, who: Person, reg: str, at: float, sid: str, value: int
    ) -> Iterator[dict[str, Any]]:
        s, form, rng = self.shapes, who.form, self.rng
        target, parent, grouping = s.likert(form, sid)
        first = s.make(
            who.actor,
            form,
            reg,
            at,
            "answered",
            target,
            {"response": str(value), "duration": "PT5S"},
            parent=parent,
            grouping=[*grouping, s.root(form)],
        )
        who.answers[sid] = value
        roll = rng.random()
        def again(response: int) -> dict[str, Any]:
            """The same statement answered anew a day later."""
            later = s.make(
                who.actor,
                form,
                reg,
                at + 86400,
                "answered",
                target,
                {"response": str(response)},
                parent=parent,
                grouping=[*grouping, s.root(form)],
            )
            self.later.append(self._count(later))
            return later

        if roll < 0.03:  # changed in a later session
            changed = rng.randint(1, 5)
            again(changed)
            who.answers[sid] = changed
        elif roll < 0.04:  # changed, then the change voided: the first answer stands
            later = again(rng.randint(1, 5))
            self.later.append(self._void(who, reg, later["id"], at + 90000))
        elif roll < 0.045:  # the only answer voided: the statement is unanswered
            del who.answers[sid]
            yield self._void(who, reg, first["id"], at - 1)  # the voiding statement comes first
        yield self._count(first)

    def _place(self, who: Person, reg: str, at: float) -> Iterator[dict[str, Any]]:
        s, rng, form = self.shapes, self.rng, who.form
        for axis in ("x", "y"):
            who.placement[axis] = rng.randint(1, 5)
            yield self._count(
                s.make(
                    who.actor,
                    form,
                    reg,
                    at,
                    "answered",
                    s.placement(form, axis),
                    {"response": str(who.placement[axis])},
                )
            )
        result = evaluate(self.course.scoring, self.course, Answers({}, dict(who.placement)))  # type: ignore[arg-type]
        yield self._count(
            s.make(
                who.actor,
                form,
                reg,
                at,
                "answered",
                s.placement(form, "profile"),
                {"response": "[,]".join(result.near)},
            )
        )

    def _void(self, who: Person, reg: str, target: str, at: float) -> dict[str, Any]:
        self.truth.voided += 1
        return self._count(
            self.shapes.make(
                who.actor, who.form, reg, at, "voided", {"objectType": "StatementRef", "id": target}
            )
        )

    def _count(self, statement: dict[str, Any]) -> dict[str, Any]:
        self.truth.written += 1
        return statement


def write_jsonl(statements: Iterator[dict[str, Any]], out: IO[bytes]) -> None:
    """Write statements as JSON lines."""
    encode = msgspec.json.Encoder().encode
    for statement in statements:
        out.write(encode(statement) + b"\n")


def write_groups(people: list[Person], path: Path) -> None:
    """Write GROUPS.csv (``learner,group``) for everyone who has a group."""
    with open(path, "w", encoding="utf-8", newline="") as out:
        rows = csv.writer(out)
        rows.writerow(["learner", "group"])
        rows.writerows([p.id, p.group] for p in people if p.group is not None)
