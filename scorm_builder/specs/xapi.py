"""The records of xAPI with the Tin Can launch (``tincan.xml``) and of cmi5 (``cmi5.xml``)."""

from __future__ import annotations

from dataclasses import replace

from .model import DataLimits, Spec

TINCAN = "http://projecttincan.com/tincan.xsd"
CMI5_NAMESPACE = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"

XAPI = Spec(
    name="xapi",
    title="xAPI (tincan.xml)",
    kind="xapi",
    control_document="tincan.xml",
    namespace=TINCAN,
    # The resume state lives in an LRS State API document (no size limit in xAPI) or, without one,
    # in localStorage (about 5 MB per origin): 64000 characters keeps it within one keepalive request
    # (64 KiB) at page close for ordinary text. Reflections reported to the LRS (privacy "lms") are
    # capped at 4000 characters like the authoring limit; xAPI defines no description limit.
    limits=DataLimits(suspend_data=64000, location=1000, reflection_response=4000, description=0),
)

#: As xAPI's limits (the resume state is a State API document: cmi5 LMSs must offer the State API, section 10).
CMI5 = replace(XAPI, name="cmi5", title="cmi5", kind="cmi5", control_document="cmi5.xml", namespace=CMI5_NAMESPACE)
