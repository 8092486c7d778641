"""The namespaces of the standards: spec constants shared by the manifest builders and the package checker."""

from __future__ import annotations

IMSCP12 = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP12 = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
IMSMD12 = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"

IMSCP2004 = "http://www.imsglobal.org/xsd/imscp_v1p1"
ADLCP2004 = "http://www.adlnet.org/xsd/adlcp_v1p3"
ADLSEQ = "http://www.adlnet.org/xsd/adlseq_v1p3"
ADLNAV = "http://www.adlnet.org/xsd/adlnav_v1p3"
IMSSS = "http://www.imsglobal.org/xsd/imsss"

#: Metadata namespaces SCORM allows inline but whose XSDs are not in the pinned official set.
UNPINNED_METADATA = {
    "http://ltsc.ieee.org/xsd/LOM": "IEEE LOM (SCORM 2004 metadata)",
    "http://www.imsglobal.org/xsd/imsmd_v1p2": "IMS Metadata 1.2",
}

TINCAN = "http://projecttincan.com/tincan.xsd"
CMI5 = "https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd"

#: (namespace, schema file) of each XSD set, the manifest's own namespace first (as validate.SchemaSet wants).
SCHEMA_NAMESPACES_12 = (
    (IMSCP12, "imscp_rootv1p1p2.xsd"),
    (IMSMD12, "imsmd_rootv1p2p1.xsd"),
    (ADLCP12, "adlcp_rootv1p2.xsd"),
)
SCHEMA_NAMESPACES_2004 = (
    (IMSCP2004, "imscp_v1p1.xsd"),
    (ADLCP2004, "adlcp_v1p3.xsd"),
    (ADLSEQ, "adlseq_v1p3.xsd"),
    (ADLNAV, "adlnav_v1p3.xsd"),
    (IMSSS, "imsss_v1p0.xsd"),
)
