"""One frozen record of facts per standard and edition, read by the builder, the checker, the preview and the runtime.

Namespaces, XSD set, ``schemaversion``, the scorm type's spelling, data-model limits, API names, the
data-model elements the runtime and the preview use, error codes, the manifest values an LMS hands a
SCO: each is written once, in a record here, with its spec citation. Code that differs between
standards reads a fact of the record rather than comparing versions.

Example:
    spec = SPECS["scorm2004-4"]
    spec.rte.api.object, spec.xsd.folder, spec.limits.suspend_data   # "API_1484_11", ..., 64000
"""

from __future__ import annotations

from .model import DataLimits, ScormSpec, Spec
from .scorm12 import SCORM12
from .scorm2004 import SCORM2004_2, SCORM2004_3, SCORM2004_4
from .xapi import CMI5, XAPI

__all__ = [
    "CONTROL_DOCUMENTS", "RTES", "SPECS", "UNPINNED_METADATA", "DataLimits", "ScormSpec", "Spec", "scorm_editions"
]


_RECORDS = (SCORM12, SCORM2004_2, SCORM2004_3, SCORM2004_4, XAPI, CMI5)
#: Every record by name; SCORM editions oldest first within their version.
SPECS: dict[str, Spec] = {spec.name: spec for spec in _RECORDS}
if len(SPECS) != len(_RECORDS):
    raise TypeError("two records have the same name")

#: Metadata namespaces SCORM allows inline but whose XSDs are not in the pinned official set.
UNPINNED_METADATA = {
    "http://ltsc.ieee.org/xsd/LOM": "IEEE LOM (SCORM 2004 metadata)",
    "http://www.imsglobal.org/xsd/imsmd_v1p2": "IMS Metadata 1.2",
}

#: Control document name -> the kind of package it makes ("scorm", "xapi", "cmi5").
CONTROL_DOCUMENTS: dict[str, str] = {s.control_document: s.kind for s in SPECS.values()}

#: The SCORM run-time environments by name ("scorm12", "scorm2004").
RTES = {s.rte.name: s.rte for s in SPECS.values() if isinstance(s, ScormSpec)}


def scorm_editions(namespace: str | None) -> tuple[ScormSpec, ...]:
    """Return the SCORM editions whose manifest is in the IMS CP ``namespace``, oldest first (none: not SCORM)."""
    return tuple(s for s in SPECS.values() if isinstance(s, ScormSpec) and s.namespace == namespace)
