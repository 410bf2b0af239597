"""Objects of the votes app for the permission matrix (tcxd/tests/test_permission_matrix.py):
the city root's vote, tallied (conftest ``build``: the deputy secretary is named as a
reader of the results; the counting board are two accounts of its own), and a second vote
still being prepared. Made once per test and kept on the matrix's ``World``."""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
from typing import Any

from tcxd.accounts.models import User
from tcxd.organizations.models import Organization

from .. import services
from ..models import Vote
from .conftest import build


@dataclasses.dataclass
class VoteObjects:
    tallied: Vote
    prepared: Vote


def vote_objects(world: Any) -> VoteObjects:
    cached = getattr(world, "_votes", None)
    if cached is not None:
        return cached
    root = Organization.objects.get(path=world.ward.path[: Organization.steplen])
    specialist = User.objects.get(username="specialist")
    personas = types.SimpleNamespace(
        board_specialist=specialist, deputy_secretary=User.objects.get(username="deputy")
    )
    scene = build(types.SimpleNamespace(root=root), personas)
    prepared = services.vote_create(
        actor=specialist,
        organization=root,
        title="Lấy phiếu tín nhiệm năm 2028",
        held_on=dt.date(2028, 12, 1),
        place="Hội trường",
    )
    services.candidates_set(
        actor=specialist, vote=prepared, people=[{"full_name": "Nguyễn Văn Một", "post": "Bí thư"}]
    )
    world._votes = VoteObjects(scene.vote, prepared)
    return world._votes


def tallied(world: Any) -> dict[str, Any]:
    return {"pk": vote_objects(world).tallied.pk}


def prepared(world: Any) -> dict[str, Any]:
    return {"pk": vote_objects(world).prepared.pk}
