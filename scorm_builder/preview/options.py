"""How the preview's LMS page plays the LMS: where it opens the SCO, and the failures of real LMSs it can play.

A ``scorm-builder preview`` always runs with the defaults: a working LMS that opens the SCO in a
frame. No option here is reachable from the command line, a URL or the page; only a program that
starts the preview itself passes them (``preview.start(path, options=LmsOptions(...))``), as the tests
do to play the LMSs that lose data. The page reads them from ``/api/package`` (``options``).

Example:
    server = start(package, options=LmsOptions(fail_commit=2, suspend_limit=4096, response_limit=255))
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from typing import Any

from ..specs.model import camel

#: When the preview's LMS starts a new attempt (``LmsOptions.new_attempts``).
NEW_ATTEMPTS = ("", "exit", "completed", "always")


@dataclass(frozen=True)
class LmsOptions:
    """The launch configuration of the preview LMS (every default is an ordinary, working LMS).

    Attributes:
        api: ``"present"``, or ``"missing"``: no API object anywhere.
        fail_set_value: True (every element) or the elements whose SetValue answers "false" with the
            record's set failure (an entry ending in "." stands for every element under it, e.g.
            ``"cmi.interactions."``: an LMS that keeps no interactions); ``fail_commit``: so do the
            first N Commit calls (commit failure).
        fail_get_value: The elements whose GetValue answers "" with the record's get failure (an LMS
            that cannot reach its store at launch).
        fail_finish: Finish/Terminate answers "false" with the record's finish failure (a session the
            LMS server ended): what the session wrote since its last Commit is not stored.
        throw_on, missing_functions: API function names that throw instead of answering; that are deleted.
        entry_flag_stuck: cmi(.core).entry says "ab-initio" even on resume (the data still comes back).
        suspend_limit: A strict LMS: longer suspend_data is refused with the record's type mismatch and
            its length recorded (``refused`` in the page); 0: no limit.
        response_limit: A strict LMS: an interaction's response (student_response, learner_response)
            longer than this many characters as JavaScript counts them (UTF-16 code units), after any
            ``{lang=...}`` tag, is refused with the record's type mismatch and its length recorded
            (``refused``); 0: scorm-again's own checks alone.
        interaction_limit: A strict LMS that keeps this many interaction records: setting any
            element of a record at this index or beyond answers "false" with the record's set
            failure (SCORM 2004's smallest permitted maximum is 250); 0: no limit.
        crlf_on_exit: The last save (Finish/Terminate) is stored with CRLF line breaks (Moodle's exit path).
        new_attempts: When a launch starts a new attempt with no data (entry ``ab-initio``), as a real
            LMS does: ``"exit"`` after a session that did not exit with "suspend" (SCORM 2004's rule),
            ``"completed"`` after an attempt completed, passed or failed, ``"always"`` at every launch
            (the last two: Moodle's *Force new attempt*); ``""``: never, the preview keeps the data.
        opener, nested_frames: The SCO in a popup (opened by a click on Launch); this deep below the page.
        launch: A path in the package (with its query) launched instead of the SCO's own.
        cmi, settings: Flattened CMI values set at every launch; extra scorm-again settings.
    """

    api: str = "present"
    fail_set_value: bool | Sequence[str] = False
    fail_commit: int = 0
    fail_get_value: Sequence[str] = ()
    fail_finish: bool = False
    throw_on: Sequence[str] = ()
    missing_functions: Sequence[str] = ()
    entry_flag_stuck: bool = False
    suspend_limit: int = 0
    response_limit: int = 0
    interaction_limit: int = 0
    crlf_on_exit: bool = False
    new_attempts: str = ""
    opener: bool = False
    nested_frames: int = 1
    launch: str | None = None
    cmi: Mapping[str, str] = field(default_factory=dict)
    settings: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        """Reject values the LMS page cannot honour."""
        if self.api not in ("present", "missing"):
            raise ValueError(f"api must be 'present' or 'missing', not {self.api!r}")
        if self.new_attempts not in NEW_ATTEMPTS:
            raise ValueError(f"new_attempts must be one of {NEW_ATTEMPTS}, not {self.new_attempts!r}")
        if self.nested_frames < 1:
            raise ValueError("nested_frames counts the SCO frame itself, so it must be >= 1")

    def page(self) -> dict[str, Any]:
        """Return the options as the LMS page reads them (camelCase keys, JSON values)."""
        return {camel(f.name): _plain(getattr(self, f.name)) for f in fields(self)}


def _plain(value: Any) -> Any:
    if isinstance(value, Mapping):
        return dict(value)
    return list(value) if isinstance(value, (list, tuple)) else value
