"""Which rule is in force on a date."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from .models import RuleSet


def rule_in_force(code: str, *, on: dt.date) -> RuleSet | None:
    """The version of rule ``code`` in force on ``on`` (the date of the triggering event).

    None when no version of the rule covers that date (e.g. an event older than every
    version we hold); callers then apply no numeric check rather than a guessed one.
    """
    return (
        RuleSet.objects.filter(code=code, effective_from__lte=on)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=on))
        .order_by("-effective_from")
        .first()
    )
