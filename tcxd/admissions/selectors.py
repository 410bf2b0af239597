"""Reads of admission cases, always narrowed to what the user may see."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from django.db.models import Count, F, QuerySet

from tcxd.accounts.choices import Action
from tcxd.accounts.scope import scope
from tcxd.core.paths import prefix_q
from tcxd.organizations.models import Organization
from tcxd.rules.workdays import add_working_days, working_days_between

from .choices import CaseStatus, Stage
from .models import AdmissionCase

BOARD_STAGES = [s for s in Stage if s != Stage.DONE]
ACTIVE = (CaseStatus.OPEN, CaseStatus.PROBATION)


def cases(user: Any, organization: Organization | None = None) -> QuerySet[AdmissionCase]:
    qs = scope(AdmissionCase.objects.all(), user, Action.VIEW)
    if organization is not None:
        qs = qs.filter(prefix_q("organization_path", organization.path))
    return qs.select_related("person", "organization")


def days_left(due_on: dt.date | None, today: dt.date) -> int | None:
    """Working days from ``today`` to the deadline; negative once it has passed."""
    if due_on is None:
        return None
    if due_on >= today:
        return working_days_between(today, due_on)
    return -working_days_between(due_on, today)


@dataclasses.dataclass
class Card:
    case: AdmissionCase
    days_left: int | None

    @property
    def overdue(self) -> bool:
        return self.days_left is not None and self.days_left < 0

    @property
    def late(self) -> int:
        """Working days past the deadline (0 when not overdue)."""
        return -self.days_left if self.days_left is not None and self.days_left < 0 else 0


def board(
    user: Any, organization: Organization | None, today: dt.date, per_column: int = 25
) -> list[tuple[str, str, list[Card], int]]:
    """Open cases by stage (one column per stage): the ``per_column`` most urgent of each,
    and how many the column holds."""
    counts = dict(
        cases(user, organization)
        .filter(status__in=ACTIVE)
        .order_by()
        .values_list("stage")
        .annotate(n=Count("id"))
    )
    columns = []
    for stage in BOARD_STAGES:
        rows = (
            cases(user, organization)
            .filter(status__in=ACTIVE, stage=stage)
            .order_by(F("due_on").asc(nulls_last=True), "id")[:per_column]
        )
        cards = [Card(case, days_left(case.due_on, today)) for case in rows]
        columns.append((stage.value, str(stage.label), cards, counts.get(stage.value, 0)))
    return columns


def upcoming(
    user: Any, organization: Organization | None, today: dt.date, working_days: int = 30
) -> tuple[dt.date, list[Card]]:
    """Deadlines of open cases up to ``working_days`` working days ahead, and those passed."""
    until = add_working_days(today, working_days)
    rows = (
        cases(user, organization)
        .filter(status__in=ACTIVE, due_on__isnull=False, due_on__lte=until)
        .order_by("due_on", "id")
    )
    return until, [Card(case, days_left(case.due_on, today)) for case in rows]
