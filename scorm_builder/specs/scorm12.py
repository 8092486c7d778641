"""The record of SCORM 1.2 (ADL, 2001): IMS CP 1.1.2 with ADL CP 1.2 and IMS MD 1.2.1, and its run-time environment."""

from __future__ import annotations

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
    hhmmss,
)

IMSCP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
IMSMD = "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1"

RTE = Rte(
    name="scorm12",
    title="SCORM 1.2",
    # RTE 3.3.6.1 (the API object and its functions).
    api=Api("API", init="LMSInitialize", finish="LMSFinish", get="LMSGetValue", set="LMSSetValue",
            commit="LMSCommit", last_error="LMSGetLastError", error_string="LMSGetErrorString",
            diagnostic="LMSGetDiagnostic"),
    # RTE 3.4 (the cmi.core.* elements; interactions are write-only, student_response the answer).
    cmi=Cmi(entry="cmi.core.entry", exit="cmi.core.exit", exit_normal="", credit="cmi.core.credit",
            session_time="cmi.core.session_time", total_time="cmi.core.total_time",
            status="cmi.core.lesson_status", score_raw="cmi.core.score.raw", response="student_response",
            location="cmi.core.lesson_location", mode="cmi.core.lesson_mode",
            learner_id="cmi.core.student_id", learner_name="cmi.core.student_name",
            # RTE 3.4.2.7: interactions are write-only; their ids cannot be read back.
            interaction_ids_readable=False,
            report_only=("cmi.interactions.", "cmi.objectives.", "cmi.core.score.")),
    # RTE 3.3.2: 101 General Exception (1.2 has no set- or commit-specific code), 405 Incorrect Data
    # Type. SCORM 1.2 has no "not initialized" error: an element never set answers "" with 0.
    errors=ErrorCodes(set_failure="101", commit_failure="101", type_mismatch="405", not_initialized="0",
                      get_failure="101", finish_failure="101"),
    timespan=hhmmss,
    exit_ends_attempt=False,
    # CAM 2.3.5 and RTE 3.4: what an item's ADL CP elements become in the data model. CMITimespan
    # (RTE 3.4.2.2): HHHH:MM:SS.SS, hours 2-4 digits, optional 1-2 decimals.
    manifest_values=(
        ManifestValue("adlcp:masteryscore", "cmi.student_data.mastery_score", code="masteryscore-range",
                      range=(0, 100), type="CMIDecimal"),
        ManifestValue("adlcp:maxtimeallowed", "cmi.student_data.max_time_allowed", code="maxtimeallowed-format",
                      pattern=r"^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$", type="CMITimespan (HHHH:MM:SS.SS, e.g. 00:30:00)"),
        ManifestValue("adlcp:timelimitaction", "cmi.student_data.time_limit_action", code="timelimitaction-value",
                      vocabulary=("exit,message", "exit,no message", "continue,message", "continue,no message")),
        ManifestValue("adlcp:datafromlms", "cmi.launch_data", code="datafromlms-too-long", length=4096,
                      type="CMIString4096"),
    ),
)

SCORM12 = ScormSpec(
    name="scorm12",
    title="SCORM 1.2",
    namespace=IMSCP,
    edition=None,
    schemaversion="1.2",
    # SPEC COMPLIANCE NOTE: read as XSD 1.1, see validate._build (IMS MD 1.2.1 breaks XSD 1.0's UPA rule).
    xsd=XsdSet("scorm12edition", "1.1", (Schema(None, IMSCP, "imscp_rootv1p1p2.xsd"),
                                         Schema("imsmd", IMSMD, "imsmd_rootv1p2p1.xsd"),
                                         Schema("adlcp", ADLCP, "adlcp_rootv1p2.xsd"))),
    scorm_type="scormtype",
    rules=CamRules(schemaversion_required=False, default_organization_required=False, leaf_items_only=False,
                   sequencing=False, jump_navigation=False),
    rte=RTE,
    # RTE 3.4: suspend_data CMIString4096, lesson_location CMIString255, student_response CMIFeedback
    # (255 characters); interactions carry no description.
    limits=DataLimits(suspend_data=4096, location=255, reflection_response=255, description=0),
    declared_limit=True,
)
