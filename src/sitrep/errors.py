"""sitrep's exception family.

::

    SitrepError (code="error")
    ├── InputError (code="input")        a source could not be read or is not an article
    │   ├── EmptyInput       code="empty"
    │   ├── BinaryInput      code="binary"
    │   ├── TooLarge         code="too_large"
    │   ├── BadEncoding      code="encoding"
    │   ├── BadJSON          code="bad_json"
    │   ├── NoBody           code="no_body"
    │   ├── Unsupported      code="unsupported"
    │   ├── CorruptRecord    code="corrupt"      a WARC record that cannot be read
    │   ├── BadURL           code="bad_url"
    │   ├── Refused          code="refused"      a URL whose address is not public (SSRF guard)
    │   ├── RobotsDisallowed code="robots"       robots.txt forbids the fetch
    │   └── FetchFailed      code="fetch"        timeouts, HTTP errors, redirect loops
    ├── StoreError (code="store")        the ledger could not be opened or written
    ├── InternalError (code="internal")  sitrep itself failed on one article (a bug to report)
    └── ConfigError (code="config")      a setting or option is invalid

Errors on one article never stop a batch: the runner turns an ``InputError`` into a
:class:`sitrep.models.Rejection` that the store keeps and the summary counts, and so it does
with any other exception raised while one article is read or extracted (an ``InternalError``
naming it): the article is rejected, the rest of the batch goes on.
"""

from __future__ import annotations

from .models import Rejection


class SitrepError(Exception):
    """Base of every error sitrep raises on purpose."""

    code = "error"

    def __init__(self, message: str, *, ref: str | None = None, stage: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.ref = ref
        self.stage = stage

    def __str__(self) -> str:
        where = f"{self.ref}: " if self.ref else ""
        return f"{where}{self.message}"

    def to_rejection(self, ref: str | None = None, stage: str | None = None) -> Rejection:
        """The record kept in the ledger for the input that raised this error."""
        return Rejection(
            ref=ref or self.ref or "?",
            stage=stage or self.stage or "ingest",
            code=self.code,
            message=self.message,
        )


class InputError(SitrepError):
    code = "input"


class EmptyInput(InputError):
    code = "empty"


class BinaryInput(InputError):
    code = "binary"


class TooLarge(InputError):
    code = "too_large"


class BadEncoding(InputError):
    code = "encoding"


class BadJSON(InputError):
    code = "bad_json"


class NoBody(InputError):
    code = "no_body"


class Unsupported(InputError):
    code = "unsupported"


class CorruptRecord(InputError):
    code = "corrupt"


class BadURL(InputError):
    code = "bad_url"


class Refused(InputError):
    code = "refused"


class RobotsDisallowed(InputError):
    code = "robots"


class FetchFailed(InputError):
    code = "fetch"


class InternalError(SitrepError):
    code = "internal"


class StoreError(SitrepError):
    code = "store"


class ConfigError(SitrepError):
    code = "config"
