"""Which rule is in force on a date."""

from __future__ import annotations

import contextlib
import contextvars
import datetime as dt
from collections.abc import Iterator

from django.db.models import Q

from .models import RuleSet

# While a ``rule_book()`` is open, every version of a rule read once is kept for the rest
# of the operation (one query per rule code instead of one per lookup).
_book: contextvars.ContextVar[dict[str, list[RuleSet]] | None] = contextvars.ContextVar(
    "tcxd_rule_book", default=None
)


@contextlib.contextmanager
def rule_book() -> Iterator[None]:
    """Read each rule's versions once for the operation inside (a service call that looks
    up many values, a page, a demo build). Nested books share the outer one."""
    if _book.get() is not None:
        yield
        return
    token = _book.set({})
    try:
        yield
    finally:
        _book.reset(token)


def rule_in_force(code: str, *, on: dt.date) -> RuleSet | None:
    """The version of rule ``code`` in force on ``on`` (the date of the triggering event).

    None when no version of the rule covers that date (e.g. an event older than every
    version we hold); callers then apply no numeric check rather than a guessed one.
    """
    book = _book.get()
    if book is not None:
        versions = book.get(code)
        if versions is None:
            versions = book[code] = list(
                RuleSet.objects.filter(code=code).order_by("-effective_from")
            )
        for rule in versions:
            if rule.effective_from <= on and (rule.effective_to is None or rule.effective_to >= on):
                return rule
        return None
    return (
        RuleSet.objects.filter(code=code, effective_from__lte=on)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=on))
        .order_by("-effective_from")
        .first()
    )
