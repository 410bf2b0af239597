"""Rows of the permission matrix (tcxd/tests/test_permission_matrix.py) for the meeting
pages. The object is a meeting of ``tree.cell1`` on 05/06/2026 with the matrix's member
present, made once per test and kept on the matrix's ``World``.

- viewing a cell's meetings: ``Action.VIEW`` at the cell (the outsider is an officer of
  the other commune: 404);
- recording, scoring, postponing: ``Action.CHANGE`` at the cell (board leader and standing
  deputy secretary: 404);
- the list of members absent without reason: only someone holding a role at the cell
  itself (the cell secretary), not the committees above, not even an administrator;
- templates: the board's staff (``Action.REVIEW`` over the whole tree); downloading a
  template (no personal data): everyone signed in.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tcxd.accounts.models import User

VIEWERS_OF_CELL1 = {"admin", "board_leader", "board_specialist", "deputy_secretary"}
VIEWERS_OF_CELL1 |= {"ward_officer", "cell_secretary"}
CHANGERS_OF_CELL1 = {"admin", "board_specialist", "ward_officer", "cell_secretary"}
BOARD = {"admin", "board_leader", "board_specialist"}


def meeting_of(world: Any) -> Any:
    cached = getattr(world, "_meeting", None)
    if cached is not None:
        return cached
    from ..services import Mark, meeting_save

    world._meeting = meeting_save(
        actor=User.objects.filter(is_superuser=True).get(),
        organization=world.cell1,
        values={
            "kind": "regular",
            "held_on": dt.date(2026, 6, 5),
            "starts_at": dt.time(19, 30),
            "ends_at": dt.time(21, 0),
            "place": "Nhà văn hóa",
        },
        marks={world.member.pk: Mark("present", dues_paid=True)},
    )
    return world._meeting


def meeting_pk(world: Any) -> dict[str, Any]:
    return {"pk": meeting_of(world).pk}


def cell1_pk(world: Any) -> dict[str, Any]:
    return {"pk": world.cell1.pk}


def score_data(world: Any) -> dict[str, Any]:
    return {**{f"item_{n}": "3" for n in range(1, 11)}, "version": "0"}


def meeting_rows(Row: Any, statuses: Any) -> list[Any]:
    return [
        # A cell secretary's overview opens on the cell's own page.
        Row("meetings-index", "meetings:index", "GET", statuses(True, 200, cell_secretary=302)),
        Row(
            "meetings-cell",
            "meetings:cell",
            "GET",
            statuses(True, 200, VIEWERS_OF_CELL1),
            kwargs=cell1_pk,
        ),
        Row(
            "meetings-new",
            "meetings:new",
            "GET",
            statuses(True, 200, CHANGERS_OF_CELL1),
            kwargs=cell1_pk,
        ),
        Row(
            "meetings-postpone",
            "meetings:postpone",
            "POST",
            statuses(True, 302, CHANGERS_OF_CELL1),
            kwargs=cell1_pk,
            data=lambda w: {"slot": "regular", "period_start": "2026-05-01", "reason": "Bão"},
        ),
        Row(
            "meetings-absentees",
            "meetings:absentees",
            "GET",
            statuses(True, 200, {"cell_secretary"}),
            kwargs=cell1_pk,
        ),
        Row(
            "meetings-detail",
            "meetings:detail",
            "GET",
            statuses(True, 200, VIEWERS_OF_CELL1),
            kwargs=meeting_pk,
        ),
        Row(
            "meetings-edit",
            "meetings:edit",
            "GET",
            statuses(True, 200, CHANGERS_OF_CELL1),
            kwargs=meeting_pk,
        ),
        Row(
            "meetings-score",
            "meetings:score",
            "POST",
            statuses(True, 302, CHANGERS_OF_CELL1),
            kwargs=meeting_pk,
            data=score_data,
        ),
        Row(
            "meetings-minutes",
            "meetings:minutes_docx",
            "GET",
            statuses(True, 200, VIEWERS_OF_CELL1),
            kwargs=meeting_pk,
        ),
        Row(
            "meetings-resolution",
            "meetings:resolution_docx",
            "GET",
            statuses(True, 200, VIEWERS_OF_CELL1),
            kwargs=meeting_pk,
        ),
        Row("meetings-templates", "meetings:templates", "GET", statuses(True, 200, BOARD)),
        Row(
            "meetings-template-default",
            "meetings:template_download",
            "GET",
            statuses(True, 200),
            kwargs=lambda w: {"kind": "minutes", "version": 0},
        ),
    ]
