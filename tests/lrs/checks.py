"""What every xAPI/cmi5 journey must show in the LRS: valid statements, in order, once, right scores."""

from __future__ import annotations

from collections import Counter
from typing import Any

from support import COURSE

from scorm_builder.loader import load_course
from scorm_builder.scoring import Answers, evaluate

from .lrs import ll_problems, ralph_problems

ADL = "http://adlnet.gov/expapi/verbs/"
BASE = "https://courses.example.org/aktivt-medarbeiderskap"


def verb(statement: dict[str, Any]) -> str:
    """Return the verb's last path segment (``initialized``, ``answered``...)."""
    return statement["verb"]["id"].rsplit("/", 1)[1]


def of(statements: list[dict[str, Any]], registration: str) -> list[dict[str, Any]]:
    """Return the statements of one registration in the order of their timestamps."""
    mine = [s for s in statements if s.get("context", {}).get("registration") == registration]
    return sorted(mine, key=lambda s: s["timestamp"])


def assert_valid(statements: list[dict[str, Any]]) -> None:
    """Every statement passes Learning Locker's validator and Ralph's base statement model."""
    assert statements
    ll = ll_problems(statements)
    bad = {statements[i]["verb"]["id"]: p for i, p in enumerate(ll) if p}
    assert not bad, bad
    ralph = ralph_problems(statements)
    bad = {statements[i]["verb"]["id"]: p for i, p in enumerate(ralph) if p}
    assert not bad, bad


def assert_once(statements: list[dict[str, Any]]) -> None:
    """No statement id twice, and no answer (statement, response) reported twice."""
    ids = Counter(s["id"] for s in statements)
    assert all(n == 1 for n in ids.values()), [i for i, n in ids.items() if n > 1]
    answers = Counter((s["object"]["id"], s["result"]["response"]) for s in statements if verb(s) == "answered")
    assert all(n == 1 for n in answers.values()), [a for a, n in answers.items() if n > 1]


def expected(given: dict[str, Any]) -> dict[str, Any]:
    """Return what the Python scoring makes of the learner's answers (scorm_builder.scoring)."""
    course = load_course(COURSE)
    return evaluate(course.scoring, course, Answers(given["answers"], given["placement"])).to_json()


def assert_scores(result: dict[str, Any], given: dict[str, Any], overall: bool = False) -> None:
    """The result's category extensions (and, when the scoring rules report it, the overall score) equal
    the Python evaluation of the same answers."""
    want = expected(given)
    if overall:
        assert result["score"] == {"raw": want["overall"]["raw"], "scaled": want["overall"]["scaled"], "min": 0, "max": 100}
    else:
        assert "score" not in result, "the course's rules keep the overall score out of the LMS"
    extensions = result["extensions"]
    assert set(extensions) == {f"{BASE}/extensions/category/{cid}" for cid in want["categories"]}
    for cid, res in want["categories"].items():
        value = extensions[f"{BASE}/extensions/category/{cid}"]
        assert value["raw"] == res["score"] and (value["min"], value["max"]) == (1, 5)
        assert (value["answered"], value["total"]) == (res["answered"], res["total"])


def likert_answers(statements: list[dict[str, Any]], prefix: str) -> dict[str, int]:
    """Return {statement id: response} of the Likert answers, whose object ids start with ``prefix``."""
    out = {}
    for s in statements:
        definition = s["object"].get("definition", {})
        if verb(s) == "answered" and definition.get("interactionType") == "likert" and "/placement" not in s["object"]["id"]:
            assert s["object"]["id"].startswith(prefix), s["object"]["id"]
            out[s["object"]["id"].rsplit("/", 1)[1]] = int(s["result"]["response"])
    return out
