"""Ralph's LRS application as the report tests run it, with one correction to Ralph 5.1.

Ralph's router turns the ``activity`` (and ``verb``) query parameter into its ``IRI`` model, and the
file-system backend then compares each statement's ``object.id`` string with that model, which is
never equal: every ``activity=`` query answers no statement. Comparing the IRI by its text restores
the query the xAPI specification describes (Communication 2.1.3); the other backends (Elasticsearch,
ClickHouse, MongoDB) turn the parameter into text themselves.
"""

from __future__ import annotations

from typing import Any

from ralph.models.xapi.base.common import IRI


def _equal(self: IRI, other: Any) -> bool:
    return str(self) == str(other)


IRI.__eq__ = _equal  # type: ignore[method-assign,assignment]

from ralph.api import app  # noqa: E402 - after the correction

__all__ = ["app"]
