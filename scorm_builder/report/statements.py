"""The statement fields the report reads, as msgspec structs: everything else is skipped unparsed.

Field names follow xAPI 1.0.3 (Data, section 2.4); an actor is identified by exactly one inverse
functional identifier (section 2.4.2.3): ``mbox``, ``mbox_sha1sum``, ``openid`` or ``account``.
"""

from __future__ import annotations

from datetime import UTC, datetime

import msgspec


class Account(msgspec.Struct, gc=False):
    """An LMS account (xAPI 2.4.2.4): the learner is its ``name``."""

    name: str | None = None


class Actor(msgspec.Struct, gc=False):
    """The agent or identified group who did it."""

    mbox: str | None = None
    mbox_sha1sum: str | None = None
    openid: str | None = None
    account: Account | None = None


class Verb(msgspec.Struct, gc=False):
    """The verb; only its IRI counts."""

    id: str | None = None


class Target(msgspec.Struct, gc=False):
    """The object: an activity, or a statement reference for voiding."""

    id: str | None = None
    objectType: str | None = None  # noqa: N815 - the xAPI field name


class Result(msgspec.Struct, gc=False):
    """The result; only the response is read."""

    response: str | None = None


class Activity(msgspec.Struct, gc=False):
    """An activity named in the context; only its id is read."""

    id: str | None = None


class ContextActivities(msgspec.Struct, gc=False):
    """The context's activities; only ``grouping`` is read (one activity or a list, xAPI 2.4.6.2)."""

    grouping: list[Activity] | Activity | None = None


class Context(msgspec.Struct, gc=False):
    """The context; only its activities are read."""

    contextActivities: ContextActivities | None = None  # noqa: N815 - the xAPI field name


class Statement(msgspec.Struct, gc=False):
    """One statement, reduced to what the report reads."""

    id: str | None = None
    actor: Actor | None = None
    verb: Verb | None = None
    object: Target | None = None
    result: Result | None = None
    #: Kept undecoded: only a statement whose object is not one of the course's own ids needs it.
    context: msgspec.Raw = msgspec.Raw(b"null")
    timestamp: str | None = None
    stored: str | None = None


def grouping_ids(st: Statement) -> list[str]:
    """Return the ids of the statement's grouping activities (cmi5 puts the AU's publisher id there).

    Raises:
        msgspec.ValidationError: the context is not an xAPI context.
    """
    context = CONTEXT.decode(st.context)
    acts = context.contextActivities if context else None
    group = acts.grouping if acts else None
    items = group if isinstance(group, list) else [group] if group is not None else []
    return [a.id for a in items if a.id]


class Page(msgspec.Struct):
    """One page of an LRS's statement query (xAPI Communication 2.1.3, StatementResult)."""

    statements: list[msgspec.Raw] = msgspec.field(default_factory=list)
    more: str | None = None


#: Decoders shared by the readers (msgspec decoders are reusable and thread-safe).
ONE = msgspec.json.Decoder(Statement)
MANY = msgspec.json.Decoder(list[msgspec.Raw])
PAGE = msgspec.json.Decoder(Page)
CONTEXT = msgspec.json.Decoder(Context | None)


def learner_of(actor: Actor | None) -> str | None:
    """Return the learner's id as GROUPS.csv names them: ``mailto:…``, the account name, or the opaque id."""
    if actor is None:
        return None
    if actor.mbox:
        return actor.mbox
    if actor.account is not None and actor.account.name:
        return actor.account.name
    return actor.mbox_sha1sum or actor.openid or None


def moment(text: str) -> str:
    """Return an xAPI timestamp (ISO 8601) as a UTC text that sorts in time order (to the millisecond).

    The runtime's own form (``2026-09-01T08:00:00.000Z``) is returned as it is; any other is converted
    (no zone means UTC); within the same millisecond the order read decides.

    Raises:
        ValueError: ``text`` is not an ISO 8601 date and time.
    """
    if len(text) == 24 and text[23] == "Z" and text[19] == "." and text[10] == "T":
        return text
    when = datetime.fromisoformat(text)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")
