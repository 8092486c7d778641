"""The shape of a spec record: the facts of one standard or edition, frozen, each with its spec citation.

A record holds facts, never behaviour: names, namespaces, limits, values. Code that differs between
standards asks the record (``spec.rules.sequencing``, ``spec.rte.cmi.status``) instead of comparing
versions, so a new edition is a new record.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, replace


@dataclass(frozen=True)
class DataLimits:
    """The data-model limits of one standard (smallest permitted maximums, in characters)."""

    suspend_data: int
    location: int
    #: Longest reflection an interaction response can carry (after any language tag).
    reflection_response: int
    #: Longest interaction/objective description, or 0 when the standard has none.
    description: int


@dataclass(frozen=True)
class Schema:
    """One namespace a manifest uses and the official XSD file that declares it."""

    #: The prefix the manifest binds (None: the manifest's default namespace).
    prefix: str | None
    namespace: str
    file: str


@dataclass(frozen=True)
class XsdSet:
    """The official XSDs a manifest is validated against: one folder of the pinned set, one XSD version."""

    #: The folder inside the fetched ``definitionFiles``.
    folder: str
    #: "1.0" or "1.1" (see the SPEC COMPLIANCE NOTE in :func:`scorm_builder.validate._build`).
    version: str
    #: Every namespace a manifest may use, the manifest's own (the IMS CP namespace) first.
    schemas: tuple[Schema, ...]
    #: Said as information when this set stands in for a missing one; empty when it is the edition's own.
    stand_in: str = ""

    @property
    def namespaces(self) -> tuple[tuple[str, str], ...]:
        """Return (namespace, schema file) pairs, the manifest's own first (as ``validate.SchemaSet`` wants)."""
        return tuple((s.namespace, s.file) for s in self.schemas)

    @property
    def prefixes(self) -> dict[str, str]:
        """Return prefix -> namespace of the extension namespaces (for ``find`` paths like ``adlcp:x``)."""
        return {s.prefix: s.namespace for s in self.schemas if s.prefix}

    def namespace(self, prefix: str | None) -> str:
        """Return the namespace bound to ``prefix`` (None: the IMS CP namespace)."""
        return next(s.namespace for s in self.schemas if s.prefix == prefix)


@dataclass(frozen=True)
class Api:
    """The API object an LMS offers a SCO, and its function names."""

    #: The window property the SCO looks for in its parents and opener.
    object: str
    init: str
    finish: str
    get: str
    set: str
    commit: str
    last_error: str
    error_string: str
    diagnostic: str

    def functions(self) -> dict[str, str]:
        """Return kind -> function name (``{"init": "LMSInitialize", ...}``), as the JavaScript reads it."""
        names = asdict(self)
        del names["object"]
        return {camel(kind): name for kind, name in names.items()}


@dataclass(frozen=True)
class ErrorCodes:
    """The error codes an LMS answers with, where a test LMS injects a failure."""

    #: SetValue refused by the LMS.
    set_failure: str
    #: Commit refused by the LMS.
    commit_failure: str
    #: A value the LMS will not store as given (the test LMS's strict suspend_data limit).
    type_mismatch: str
    #: GetValue of an element nobody has set yet.
    not_initialized: str
    #: GetValue that failed (an LMS that cannot reach its store).
    get_failure: str
    #: Finish/Terminate refused: what the session wrote since its last commit is not stored.
    finish_failure: str


@dataclass(frozen=True)
class Cmi:
    """The data-model elements the runtime, the preview and the tests read and write (dotted paths)."""

    entry: str
    exit: str
    session_time: str
    total_time: str
    #: Completion (SCORM 1.2 keeps completion and success in one element).
    status: str
    score_raw: str
    location: str
    mode: str
    #: The field of ``cmi.interactions.n`` that holds the learner's answer.
    response: str
    learner_id: str
    learner_name: str
    credit: str
    #: cmi(.core).exit when the learner is done (the attempt ends normally).
    exit_normal: str
    exit_suspend: str = "suspend"
    suspend_data: str = "cmi.suspend_data"
    interaction_count: str = "cmi.interactions._count"
    #: Success, when the standard keeps it apart from completion; else None.
    success: str | None = None
    #: The scaled score (-1..1), when the standard has one; else None.
    score_scaled: str | None = None
    #: Interaction records (``cmi.interactions.n.*``), and whether their ids can be read back.
    interactions: str = "cmi.interactions."
    interaction_ids_readable: bool = False
    #: What only the L&D team's report needs (element prefixes): a value of these the LMS refuses
    #: while it takes the rest is dropped, not retried; the status, bookmark and resume state always are.
    report_only: tuple[str, ...] = ()

    def relative(self, path: str) -> str:
        """Return an element's path inside the ``cmi`` JSON object (``cmi.core.exit`` -> ``core.exit``)."""
        return path.removeprefix("cmi.")


@dataclass(frozen=True)
class ManifestValue:
    """A manifest element the LMS hands the SCO as a data-model value (and how the checker types it)."""

    #: Where, below the ``item``, with the record's prefixes (``adlcp:masteryscore``).
    path: str
    #: The data-model element the LMS initialises from it.
    cmi: str
    #: Read this attribute of the element (its text when the attribute is absent).
    attribute: str | None = None
    #: Read this child of the element, or ``default`` when the element has no such child.
    child: str | None = None
    default: str | None = None
    #: The finding code of a value that breaks ``check``; None: not checked here.
    code: str | None = None
    #: (lowest, highest) for a number.
    range: tuple[float, float] | None = None
    #: Most characters, and whether more is an error (a hard type) or a warning (a smallest permitted maximum).
    length: int | None = None
    hard: bool = True
    #: A pattern the trimmed value must match, or the values it may take.
    pattern: str | None = None
    vocabulary: tuple[str, ...] = ()
    #: The data type as the spec names it, for messages.
    type: str = ""


@dataclass(frozen=True)
class Rte:
    """The run-time environment of one SCORM version: API, data-model paths, error codes, time format."""

    #: The runtime adapter (``SB.adapters[name]``), the preview's scorm-again build, the preview's standard.
    name: str
    #: "SCORM 1.2", "SCORM 2004": the version the editions share.
    title: str
    api: Api
    cmi: Cmi
    errors: ErrorCodes
    #: Formats centiseconds as the version's timespan (session_time and total_time).
    timespan: Callable[[int], str]
    #: Whether an exit other than ``suspend`` ends the attempt, so that the LMS starts the next one afresh.
    exit_ends_attempt: bool
    #: The item's manifest elements the LMS hands the SCO, in the order the checker reports them.
    manifest_values: tuple[ManifestValue, ...]

    def describe(self) -> dict[str, object]:
        """Return the facts the preview's LMS page reads (``/api/package``): API, elements, error codes."""
        cmi = {camel(k): v for k, v in asdict(self.cmi).items()}
        errors = {camel(k): v for k, v in asdict(self.errors).items()}
        return {"object": self.api.object, "api": self.api.functions(), "cmi": cmi, "errors": errors,
                "exitEndsAttempt": self.exit_ends_attempt}

    def runtime(self) -> dict[str, object]:
        """Return the facts the learner's runtime takes over its adapter (``data.standard.lms``)."""
        cmi = self.cmi
        keys = {"suspend": cmi.suspend_data, "location": cmi.location, "sessionTime": cmi.session_time,
                "interactionCount": cmi.interaction_count, "mode": cmi.mode, "learner": cmi.learner_id,
                "entry": cmi.entry}
        return {
            "apiName": self.api.object,
            "fn": self.api.functions(),
            "keys": keys,
            "completed": [[cmi.status, "completed"]],
            "incomplete": [[cmi.status, "incomplete"]],
            # Once completed the attempt stays open where a normal exit would end it (SCORM 2004
            # RTE 4.2.8): the LMS keeps the learner's answers and texts for their next visit, from
            # any computer; the completion is reported all the same.
            "exitDone": [[cmi.exit, cmi.exit_suspend if self.exit_ends_attempt else cmi.exit_normal]],
            "exitSuspend": [[cmi.exit, cmi.exit_suspend]],
            "records": cmi.interactions,
            "readsRecords": cmi.interaction_ids_readable,
            "reportOnly": list(cmi.report_only),
            # GetLastError after reading an element nobody has set: not a failed read.
            "unset": self.errors.not_initialized,
        }


@dataclass(frozen=True)
class CamRules:
    """What the content-packaging and sequencing books require of a manifest, beyond its XSDs."""

    #: ``metadata/schemaversion`` must be there (SCORM 2004 CAM 3.4.1.3); SCORM 1.2 is known by its namespace.
    schemaversion_required: bool
    #: ``organizations/@default`` must be there (SCORM 2004 CAM 3.4.1.5); SCORM 1.2 LMSs take the first.
    default_organization_required: bool
    #: Only leaf items reference resources, and every leaf must (SCORM 2004 CAM 3.4.1.9).
    leaf_items_only: bool
    #: The manifest carries IMS Simple Sequencing (the SN book).
    sequencing: bool
    #: Content can issue a ``jump`` navigation request, which no control mode restricts (4th edition SN 5.2).
    jump_navigation: bool
    #: (path, finding code, message) of elements of another version that are errors here.
    misplaced: tuple[tuple[str, str, str], ...] = ()


@dataclass(frozen=True, kw_only=True)
class Spec:
    """The facts of one standard or edition, as every part of scorm-builder reads them."""

    #: The name on the command line (``--standard``) and in package names; the registry's key.
    name: str
    #: A human name for messages and reports ("SCORM 2004 4th edition").
    title: str
    #: Which of the checker's readers takes the control document ("scorm", "xapi", "cmi5").
    kind: str
    #: The control document at the package root.
    control_document: str
    #: The namespace of the control document's root element.
    namespace: str
    #: The official XSDs the control document is validated against; None: checked in code only.
    xsd: XsdSet | None = None
    #: The run-time environment a SCO talks to (SCORM); None: the package talks to an LRS.
    rte: Rte | None = None
    #: The data-model limits the standard guarantees (smallest permitted maximums).
    limits: DataLimits
    #: The suspend_data limit packages are built for, when it is not the standard's (see the record's note).
    build_suspend_data: int | None = None
    #: Whether an author may declare the LMS's real suspend_data limit: SCORM's limits are smallest
    #: permitted maximums, and many LMSs store more (Moodle has a setting for SCORM 1.2).
    declared_limit: bool = False

    @property
    def build_limits(self) -> DataLimits:
        """Return the limits packages are built for (the standard's, or the held suspend_data)."""
        if self.build_suspend_data is None:
            return self.limits
        return replace(self.limits, suspend_data=self.build_suspend_data)


@dataclass(frozen=True, kw_only=True)
class ScormSpec(Spec):
    """A SCORM version or edition: its manifest, its XSDs, its packaging rules and its run-time environment."""

    kind: str = "scorm"
    control_document: str = "imsmanifest.xml"
    #: 2, 3 or 4 for a SCORM 2004 edition; None for SCORM 1.2.
    edition: int | None
    #: ``metadata/schemaversion`` (SCORM 1.2 CAM 2.3.3; SCORM 2004 CAM 3.4.1.3).
    schemaversion: str
    xsd: XsdSet
    #: The ADL CP attribute that says SCO or asset, as this version spells it.
    scorm_type: str
    rules: CamRules
    rte: Rte

    def qname(self, prefix: str | None, local: str) -> str:
        """Return the Clark name of ``prefix:local`` (None: an IMS CP element)."""
        return f"{{{self.xsd.namespace(prefix)}}}{local}"


def hhmmss(centis: int) -> str:
    """Return centiseconds as a SCORM 1.2 CMITimespan ``HHHH:MM:SS.SS``, at most 9999 hours (RTE 3.4.2.2)."""
    hours, minutes, seconds, hundredths = _clock(centis)
    return f"{min(hours, 9999):04d}:{minutes:02d}:{seconds:02d}.{hundredths:02d}"


def iso_duration(centis: int) -> str:
    """Return centiseconds as a SCORM 2004 timeinterval (second,10,2): ISO 8601 ``PT#H#M#S`` (RTE 4.2)."""
    return "PT{}H{}M{}.{:02d}S".format(*_clock(centis))


def _clock(centis: int) -> tuple[int, int, int, int]:
    """Return (hours, minutes, seconds, hundredths) of a span in centiseconds."""
    hours, rest = divmod(centis, 360000)
    minutes, rest = divmod(rest, 6000)
    return hours, minutes, *divmod(rest, 100)


def camel(name: str) -> str:
    """Return a snake_case name in camelCase, as the JavaScript reads it."""
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)
