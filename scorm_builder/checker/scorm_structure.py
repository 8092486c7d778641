"""What the SCORM content-packaging rules require of a manifest beyond its XSDs.

The IMS CP XSDs type identifiers as ``xs:ID`` but references loosely, leave ``adlcp:scormtype`` /
``adlcp:scormType`` optional and let the 2004 wildcards accept a misspelt attribute. SCORM 1.2 CAM
2.3.4 and SCORM 2004 CAM 3.4.1 require: a default organization that exists, every ``identifierref``
resolved, identifiers unique, a scorm type on every launchable resource, an ``href`` for every SCO;
2004 also requires that only leaf items reference resources.

Identifiers are compared as the XSDs read them: an ``xs:ID`` (every ``identifier``) or ``xs:IDREF``
(``organizations/@default``) has its whitespace collapsed (:func:`.scorm.collapse`). ``identifierref``
is a plain ``xs:string`` (IMS CP 1.1.4 XSD, ``attr.identifierref``): it names the collapsed identifier as written.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from lxml import etree

from .findings import ERROR, WARNING, Finding, finding

if TYPE_CHECKING:
    from .scorm import Manifest

SCORM_TYPES = {"sco", "asset"}


def check(m: Manifest) -> list[Finding]:
    """Return the structural findings of manifest ``m``."""
    return (
        _unique_identifiers(m)
        + _organizations(m)
        + _references(m)
        + _items(m)
        + _scorm_type_spelling(m)
        + _launchable(m)
    )


def resources(m: Manifest) -> dict[str, etree._Element]:
    """Return the manifest's resources by identifier (first one wins on duplicates)."""
    found: dict[str, etree._Element] = {}
    for resource in m.root.iter(m.q("resource")):
        found.setdefault(m.value(resource) or "", resource)
    return found


def _unique_identifiers(m: Manifest) -> list[Finding]:
    tags = {m.q(t) for t in ("manifest", "organization", "item", "resource")}
    elements = [e for e in m.root.iter(etree.Element) if e.tag in tags and e.get("identifier") is not None]
    counts = Counter(m.value(e) for e in elements)
    found = []
    for element in elements:
        ident = m.value(element)
        if counts[ident] > 1:
            found.append(
                finding(
                    ERROR,
                    "manifest",
                    "duplicate-identifier",
                    m.where(element),
                    f"identifier {ident!r} is used {counts[ident]} times; identifiers must be unique "
                    "in the manifest (CAM: xs:ID)",
                )
            )
    return found


def _organizations(m: Manifest) -> list[Finding]:
    holder = m.root.find(m.q("organizations"))
    orgs = holder.findall(m.q("organization")) if holder is not None else []
    if holder is None or not orgs:
        return [
            finding(
                ERROR,
                "manifest",
                "no-organization",
                m.where(holder),
                "no organization: an LMS imports nothing it can launch (a resource package, not a course)",
            )
        ]
    default = m.value(holder, "default")
    if default is None:
        level = ERROR if m.spec.rules.default_organization_required else WARNING
        return [
            finding(
                level,
                "manifest",
                "default-organization-missing",
                m.where(holder),
                "organizations has no default attribute: the LMS cannot tell which organization to "
                "launch (required by SCORM 2004 CAM 3.4.1.5; SCORM 1.2 LMSs guess the first)",
            )
        ]
    if default not in {m.value(o) for o in orgs}:
        return [
            finding(
                ERROR,
                "manifest",
                "default-organization-unknown",
                m.where(holder),
                f"default organization {default!r} does not name any organization of the manifest",
            )
        ]
    return []


def _references(m: Manifest) -> list[Finding]:
    known = set(resources(m))
    found = []
    for element in m.root.iter(m.q("item"), m.q("dependency")):
        ref = element.get("identifierref")
        if ref is not None and ref not in known:
            what = "item" if element.tag == m.q("item") else "dependency"
            found.append(
                finding(
                    ERROR,
                    "manifest",
                    "identifierref-unresolved",
                    m.where(element),
                    f"{what} identifierref {ref!r} names no resource of the manifest",
                )
            )
    return found


def _items(m: Manifest) -> list[Finding]:
    found = []
    for item in m.root.iter(m.q("item")):
        leaf = item.find(m.q("item")) is None
        ref = item.get("identifierref")
        if not leaf and ref is not None and m.spec.rules.leaf_items_only:
            found.append(
                finding(
                    ERROR,
                    "manifest",
                    "identifierref-on-cluster",
                    m.where(item),
                    f"item {item.get('identifier')!r} has child items and an identifierref: in SCORM "
                    "2004 only leaf items reference resources (CAM 3.4.1.9)",
                )
            )
        if leaf and ref is None:
            level = ERROR if m.spec.rules.leaf_items_only else WARNING
            found.append(
                finding(
                    level,
                    "manifest",
                    "leaf-without-resource",
                    m.where(item),
                    f"leaf item {item.get('identifier')!r} references no resource: there is nothing to launch for it",
                )
            )
    return found


def _scorm_type_spelling(m: Manifest) -> list[Finding]:
    right = m.spec.scorm_type
    found = []
    for resource in m.root.iter(m.q("resource")):
        for name in resource.attrib:
            wrong = etree.QName(name).localname
            if wrong.lower() == right.lower() and wrong != right:
                code = "scormtype-camelcase" if right.islower() else "scormtype-lowercase"
                message = (
                    f"adlcp:{wrong} is the wrong spelling for {m.label}: it needs adlcp:{right} "
                    f"({m.spec.rte.title} spells it so); the LMS ignores the attribute and may not track the resource"
                )
                found.append(finding(ERROR, "manifest", code, m.where(resource), message))
    return found


def _launchable(m: Manifest) -> list[Finding]:
    """Check scorm type and launch file of every resource an item references, and href of every SCO."""
    launched = {i.get("identifierref") for i in m.root.iter(m.q("item"))}  # xs:string: as written
    found = []
    for ident, resource in resources(m).items():
        scorm_type = resource.get(m.a(m.spec.scorm_type))
        if ident in launched:
            found += _launch_target(m, resource, scorm_type)
        if scorm_type == "sco" and not resource.get("href"):
            found.append(
                finding(
                    ERROR,
                    "manifest",
                    "launch-missing",
                    m.where(resource),
                    f"SCO resource {ident!r} has no href: the LMS has no file to launch",
                )
            )
    return found


def _launch_target(m: Manifest, resource: etree._Element, scorm_type: str | None) -> list[Finding]:
    ident = resource.get("identifier")
    name = f"adlcp:{m.spec.scorm_type}"
    where = m.where(resource)
    if scorm_type is None:
        message = (
            f"launchable resource {ident!r} has no {name}: the LMS cannot tell a SCO (talks to the API) from an asset"
        )
        return [finding(ERROR, "manifest", "scormtype-missing", where, message)]
    found = []
    if scorm_type not in SCORM_TYPES:
        message = f"{name}={scorm_type!r} on resource {ident!r}: must be 'sco' or 'asset'"
        found.append(finding(ERROR, "manifest", "scormtype-invalid", where, message))
    if scorm_type == "asset" and not resource.get("href"):
        found.append(finding(ERROR, "manifest", "launch-missing", where, f"launchable resource {ident!r} has no href"))
    if resource.get("type") != "webcontent":
        message = (
            f"resource {ident!r} has type {resource.get('type')!r}: launchable resources are 'webcontent' "
            "(CAM), other types are not launched by most LMSs"
        )
        found.append(finding(WARNING, "manifest", "resource-type", where, message))
    return found
