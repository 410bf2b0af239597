"""Errors a user can cause: a stable code and a message in the user's language."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any


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


def clean_or_raise(obj: Any, *, exclude: list[str] | None = None) -> None:
    """``obj.full_clean()``, with Django's ValidationError turned into a DomainError whose
    ``fields`` carry the per-field messages (for forms and the API)."""
    from django.core.exceptions import ValidationError

    try:
        obj.full_clean(exclude=exclude)
    except ValidationError as exc:
        fields = exc.message_dict if hasattr(exc, "error_dict") else {}
        raise DomainError("invalid", " ".join(str(m) for m in exc.messages), fields=fields) from exc
