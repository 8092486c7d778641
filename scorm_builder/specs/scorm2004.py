"""The records of SCORM 2004, 2nd, 3rd and 4th edition: IMS CP 1.1.4 with ADL CP/Seq/Nav and IMS Simple Sequencing.

The editions share the namespaces, the API and the data model's elements (:data:`RTE`); each edition's
record is the one before it with what changed: ``schemaversion``, the XSD folder, a limit, and in the
4th the ``jump`` navigation request. scorm-builder builds the 3rd and 4th edition; the 2nd has a
record because ``validate`` reads packages other tools made.
"""

from __future__ import annotations

from dataclasses import replace

from .model import (
    Api,
    CamRules,
    Cmi,
    DataLimits,
    ErrorCodes,
    ManifestValue,
    Rte,
    Schema,
    ScormSpec,
    XsdSet,
    iso_duration,
)

IMSCP = "http://www.imsglobal.org/xsd/imscp_v1p1"
ADLCP = "http://www.adlnet.org/xsd/adlcp_v1p3"
ADLSEQ = "http://www.adlnet.org/xsd/adlseq_v1p3"
ADLNAV = "http://www.adlnet.org/xsd/adlnav_v1p3"
IMSSS = "http://www.imsglobal.org/xsd/imsss"

#: The namespaces of every edition's manifest and the official schema files, IMS CP first.
SCHEMAS = (
    Schema(None, IMSCP, "imscp_v1p1.xsd"),
    Schema("adlcp", ADLCP, "adlcp_v1p3.xsd"),
    Schema("adlseq", ADLSEQ, "adlseq_v1p3.xsd"),
    Schema("adlnav", ADLNAV, "adlnav_v1p3.xsd"),
    Schema("imsss", IMSSS, "imsss_v1p0.xsd"),
)

RTE = Rte(
    name="scorm2004",
    title="SCORM 2004",
    # RTE 3.1.2.1 (API_1484_11) and 3.1.3 (its functions).
    api=Api("API_1484_11", init="Initialize", finish="Terminate", get="GetValue", set="SetValue", commit="Commit",
            last_error="GetLastError", error_string="GetErrorString", diagnostic="GetDiagnostic"),
    # RTE 4.2 (the cmi.* elements; completion and success apart, a scaled score).
    cmi=Cmi(entry="cmi.entry", exit="cmi.exit", exit_normal="normal", credit="cmi.credit", mode="cmi.mode",
            session_time="cmi.session_time", total_time="cmi.total_time", location="cmi.location",
            status="cmi.completion_status", success="cmi.success_status",
            score_raw="cmi.score.raw", score_scaled="cmi.score.scaled", response="learner_response",
            learner_id="cmi.learner_id", learner_name="cmi.learner_name",
            # RTE 4.2.9: an interaction's id is read/write, so a record can be found again.
            interaction_ids_readable=True,
            report_only=("cmi.interactions.", "cmi.objectives.", "cmi.score.", "cmi.progress_measure")),
    # RTE 3.1.7: 351 General Set Failure, 391 General Commit Failure, 406 Data Model Element Type
    # Mismatch, 403 Data Model Element Value Not Initialized.
    errors=ErrorCodes(set_failure="351", commit_failure="391", type_mismatch="406", not_initialized="403",
                      get_failure="301", finish_failure="111"),
    timespan=iso_duration,
    # An exit of normal or "" ends the attempt: the next launch is a new attempt with fresh data.
    exit_ends_attempt=True,
    # CAM (the ADL CP extensions) and RTE 4.2: what an item's ADL CP and IMS SS elements become in the data model.
    manifest_values=(
        ManifestValue("adlcp:dataFromLMS", "cmi.launch_data", code="datafromlms-too-long", length=4000, hard=False,
                      type="SPM, an LMS may keep more"),
        ManifestValue("adlcp:completionThreshold", "cmi.completion_threshold", attribute="minProgressMeasure",
                      code="value-range", range=(0, 1)),
        ManifestValue("imsss:sequencing/imsss:objectives/imsss:primaryObjective[@satisfiedByMeasure='true']",
                      "cmi.scaled_passing_score", child="imsss:minNormalizedMeasure", default="1.0"),
    ),
)

SCORM2004_2 = ScormSpec(
    name="scorm2004-2",
    title="SCORM 2004 2nd edition",
    namespace=IMSCP,
    edition=2,
    schemaversion="CAM 1.3",
    xsd=XsdSet("scorm20043rdedition", "1.0", SCHEMAS, stand_in=(
        "SCORM 2004 2nd edition (CAM 1.3): validated against the 3rd edition XSDs, "
        "which the pinned official set has instead of the 2nd edition's")),
    scorm_type="scormType",
    rules=CamRules(
        schemaversion_required=True,
        default_organization_required=True,
        leaf_items_only=True,
        sequencing=True,
        jump_navigation=False,
        misplaced=(("adlcp:masteryscore", "masteryscore-in-2004",
                    "adlcp:masteryscore is SCORM 1.2: in SCORM 2004 set imsss:minNormalizedMeasure "
                    '(0-1) on the primary objective with satisfiedByMeasure="true"'),),
    ),
    rte=RTE,
    # RTE 4.2 (2nd edition): suspend_data 4000, location 1000, long-fill-in 4000, descriptions 250.
    limits=DataLimits(suspend_data=4000, location=1000, reflection_response=4000, description=250),
    declared_limit=True,
)

SCORM2004_3 = replace(
    SCORM2004_2,
    name="scorm2004-3",
    title="SCORM 2004 3rd edition",
    edition=3,
    schemaversion="2004 3rd Edition",
    xsd=XsdSet("scorm20043rdedition", "1.0", SCHEMAS),
    # RTE 4.2 (3rd edition): suspend_data 64000, location 1000, long-fill-in 4000, descriptions 250.
    limits=replace(SCORM2004_2.limits, suspend_data=64000),
    # SPEC COMPLIANCE NOTE: the 3rd edition's smallest permitted maximum for suspend_data is 64000,
    # but we hold 3rd-edition packages to 4000 (the 2nd edition's), because LMSs whose players grew
    # from the 2nd edition still enforce it.
    build_suspend_data=SCORM2004_2.limits.suspend_data,
)

SCORM2004_4 = replace(
    SCORM2004_3,
    name="scorm2004-4",
    title="SCORM 2004 4th edition",
    edition=4,
    schemaversion="2004 4th Edition",
    # SN 5.2 (Table 5.2a): content may reach any activity with a jump navigation request.
    rules=replace(SCORM2004_3.rules, jump_navigation=True),
    xsd=XsdSet("scorm20044thedition", "1.0", SCHEMAS),
    # RTE 4.2 (4th edition): the 3rd edition's limits, packages built to them.
    build_suspend_data=None,
)
