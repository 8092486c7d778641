"""Statements from an LRS: the course's statements page by page through ``more`` (xAPI Communication 2.1.3).

One query per delivery form, ``activity=<base>`` and ``activity=<base>/au`` with
``related_activities=true`` (answers and page views name the course or AU in their context); one per
placement axis (``activity=<base>/placement/x``, its statements may carry no context); and
``verb=…/voided`` for the voiding statements, whose object is a statement, not an activity. Each
takes ``since`` when given. A statement that two queries return is read twice, which changes nothing
(the latest answer stays the same answer). Only one page of statements is held at a time.
Credentials come from a file or an environment variable and go only to the LRS's own host.
"""

from __future__ import annotations

import base64
import os
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

import msgspec

from ..errors import ScormBuilderError
from .sources import Problem, Sink, why
from .statements import ONE, PAGE, Page

#: The environment variable read when no --auth-file is given.
AUTH_ENV = "SCORM_BUILDER_LRS_AUTH"
#: Pages fetched at most per query: a guard against an LRS whose ``more`` never ends.
MAX_PAGES = 100_000
XAPI_VERSION = "1.0.3"
VOIDED = "http://adlnet.gov/expapi/verbs/voided"


@dataclass(frozen=True)
class Lrs:
    """An LRS's xAPI endpoint (ending in ``/``), the Authorization header value, and the timeout."""

    endpoint: str
    authorization: str | None = None
    timeout: float = 30.0

    def pages(self, query: dict[str, str], since: str | None = None) -> Iterator[list[msgspec.Raw]]:
        """Yield the statements of one query a page at a time, following ``more`` on the same host.

        Raises:
            ScormBuilderError: the LRS refused, failed, did not answer in time, or answered nonsense.
        """
        query = dict(query)
        if since:
            query["since"] = since
        url = urljoin(self.endpoint, "statements") + "?" + urlencode(query)
        for _ in range(MAX_PAGES):
            page = self._get(url)
            yield page.statements
            if not page.more:
                return
            following = urljoin(url, page.more)
            if _origin(following) != _origin(self.endpoint):
                raise ScormBuilderError(
                    f"{url}: the LRS's more link leads to another host: {_origin(following)}"
                )
            if following == url:
                raise ScormBuilderError(f"{url}: the LRS's more link points to the same page")
            url = following
        raise ScormBuilderError(
            f"{url}: more than {MAX_PAGES:,} pages; narrow the query with --since"
        )

    def _get(self, url: str) -> Page:
        headers = {"X-Experience-API-Version": XAPI_VERSION, "Accept": "application/json"}
        if self.authorization:
            headers["Authorization"] = self.authorization
        request = urllib.request.Request(url, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:  # noqa: S310 - http(s) only
                body = response.read()
        except urllib.error.HTTPError as exc:
            meaning = {
                401: "the LRS refused the credentials",
                403: "the credentials may not read statements",
            }
            raise ScormBuilderError(
                f"{url}: HTTP {exc.code}: {meaning.get(exc.code, exc.reason)}"
            ) from None
        except TimeoutError:
            raise ScormBuilderError(
                f"{url}: no answer within {self.timeout:g} s (--timeout)"
            ) from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, TimeoutError):
                raise ScormBuilderError(
                    f"{url}: no answer within {self.timeout:g} s (--timeout)"
                ) from None
            raise ScormBuilderError(f"{url}: cannot reach the LRS: {reason}") from None
        except OSError as exc:
            raise ScormBuilderError(f"{url}: the connection failed: {exc}") from None
        try:
            return PAGE.decode(body)
        except msgspec.DecodeError as exc:
            raise ScormBuilderError(f"{url}: not an xAPI StatementResult ({why(exc)})") from None


def queries(base: str) -> list[dict[str, str]]:
    """Return the statement queries that find every statement of the course under ``base``."""
    related = [{"activity": a, "related_activities": "true"} for a in (base, base + "/au")]
    axes = [{"activity": f"{base}/placement/{axis}"} for axis in ("x", "y")]
    return [*related, *axes, {"verb": VOIDED}]


def read_lrs(lrs: Lrs, base: str, since: str | None, sink: Sink, problem: Problem) -> int:
    """Feed every statement of the course's queries to ``sink``; return how many were read."""
    count = 0
    for query in queries(base):
        for number, page in enumerate(lrs.pages(query, since), start=1):
            label = f"{lrs.endpoint} ({urlencode(query)}, page {number})"
            for index, raw in enumerate(page):
                try:
                    statement = ONE.decode(raw)
                except msgspec.ValidationError as exc:
                    problem("not a statement", f"{label} statement {index + 1}", why(exc))
                    continue
                sink(statement, label, f"statement {index + 1}")
                count += 1
    return count


def authorization(auth_file: Path | None) -> str | None:
    """Return the Authorization header from ``auth_file`` or ``$SCORM_BUILDER_LRS_AUTH``.

    Either holds ``user:password`` (HTTP Basic), a bearer token, or a whole ``Basic …``/``Bearer …``
    value. The value is never printed.

    Raises:
        ScormBuilderError: the file cannot be read or is empty.
    """
    if auth_file is not None:
        try:
            secret = Path(auth_file).read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as exc:
            raise ScormBuilderError(
                f"{auth_file}: cannot read the credentials: {getattr(exc, 'strerror', exc)}"
            ) from None
        if not secret:
            raise ScormBuilderError(f"{auth_file}: the credentials file is empty")
    else:
        secret = os.environ.get(AUTH_ENV, "").strip()
        if not secret:
            return None
    if secret.split(" ", 1)[0] in ("Basic", "Bearer"):
        return secret
    if ":" in secret:
        return "Basic " + base64.b64encode(secret.encode("utf-8")).decode("ascii")
    return "Bearer " + secret


def check_endpoint(url: str) -> str:
    """Return the endpoint with a trailing slash; refuse credentials or a query in the URL.

    Raises:
        ScormBuilderError: the URL is not an http(s) endpoint without user information.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ScormBuilderError(f"{url}: not an http(s) address of an LRS's xAPI endpoint")
    if parts.username or parts.password:
        raise ScormBuilderError(
            f"{parts.scheme}://{parts.hostname}: credentials in the address; put them in --auth-file"
        )
    if parts.query or parts.fragment:
        raise ScormBuilderError(f"{url}: give the endpoint without a query (…/xAPI/)")
    return url if url.endswith("/") else url + "/"


def _origin(url: str) -> tuple[str, str | None, int | None]:
    parts = urlsplit(url)
    return parts.scheme, parts.hostname, parts.port
