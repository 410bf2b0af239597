"""Errors a user can cause: a stable code and a message in the user's language."""

from __future__ import annotations

from collections.abc import Mapping, Sequence


class DomainError(Exception):
    """A business rule refused the operation.

    ``code`` is stable (tests and API clients match on it); ``message`` is already translated
    into the active language; ``fields`` maps a form field to its messages when the error
    belongs to particular fields.
    """

    def __init__(
        self,
        code: str,
        message: str,
        *,
        fields: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.message = str(message)
        self.fields = {name: [str(m) for m in msgs] for name, msgs in (fields or {}).items()}

    def as_dict(self) -> dict[str, object]:
        return {"code": self.code, "message": self.message, "fields": self.fields}


class StaleObjectError(DomainError):
    """Someone else saved the record after it was opened: the save is refused."""
