"""``tcxd task_digest``: who gets which overdue tasks, by e-mail (``mail.outbox``).

The city gives T1 (deadline 31/03/2025) to the ward An Hòa and the commune Bình Điền; the
ward splits its part between its two cells (deadline 15/03/2025): cell 2 does it on
10/03, cell 1 does not. On 01/04/2025 three assignments are overdue: the ward's and the
commune's T1 and cell 1's part.
"""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import override_settings

from tcxd.accounts.choices import Role
from tcxd.directives import services
from tcxd.testing.factories import make_user

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def overdue(tree, personas):
    u = personas.admin
    for persona in ("board_specialist", "ward_officer", "outsider", "cell_secretary"):
        user = getattr(personas, persona)
        user.email = f"{persona}@example.vn"
        user.save()
    t1 = services.task_assign(
        actor=u,
        assigned_by=tree.root,
        title="Rà soát, kiện toàn chi bộ & tổ đảng <sau sắp xếp>",
        deadline=D(2025, 3, 31),
        leads=[tree.ward, tree.commune],
        assigned_on=D(2025, 1, 2),
    )
    ward_part = t1.assignments.get(organization=tree.ward)
    sub = services.task_assign(
        actor=u,
        assigned_by=tree.ward,
        title="Rà soát chi bộ tổ dân phố",
        deadline=D(2025, 3, 15),
        leads=[tree.cell1, tree.cell2],
        parent=ward_part,
        assigned_on=D(2025, 1, 5),
    )
    services.mark_done(
        actor=u,
        assignment=sub.assignments.get(organization=tree.cell2),
        expected_version=None,
        done_on=D(2025, 3, 10),
    )
    return t1, sub


def run(*args):
    out = io.StringIO()
    call_command("task_digest", *args, stdout=out)
    return out.getvalue()


def by_recipient():
    return {m.to[0]: m for m in mail.outbox}


def test_who_gets_what(tree, personas, overdue):
    out = run("--date", "2025-04-01")
    assert "4 e-mails sent for 2025-04-01" in out
    got = by_recipient()
    # The board leader has no e-mail address; the others one e-mail each.
    assert set(got) == {
        "board_specialist@example.vn",
        "ward_officer@example.vn",
        "outsider@example.vn",
        "cell_secretary@example.vn",
    }
    board = got["board_specialist@example.vn"]
    assert board.subject == "TCXD: 3 nhiệm vụ quá hạn ngày 01/04/2025"
    # The city's own task with both late organizations, and the ward's sub-task with cell 1.
    assert "Đảng bộ phường An Hòa" in board.body and "Đảng bộ xã Bình Điền" in board.body
    assert "Chi bộ Tổ dân phố 1" in board.body and "Chi bộ Tổ dân phố 2" not in board.body
    assert "Do đơn vị của đồng chí giao, chưa hoàn thành (2)" in board.body
    assert "Giao cho đơn vị của đồng chí" not in board.body

    ward = got["ward_officer@example.vn"]
    assert ward.subject == "TCXD: 2 nhiệm vụ quá hạn ngày 01/04/2025"
    assert "Giao cho đơn vị của đồng chí (1)" in ward.body  # the city's T1
    assert "Do đơn vị của đồng chí giao, chưa hoàn thành (1)" in ward.body  # its cells' part
    assert "Bình Điền" not in ward.body  # not another commune's tasks

    commune = got["outsider@example.vn"]
    assert commune.subject == "TCXD: 1 nhiệm vụ quá hạn ngày 01/04/2025"
    assert "Đảng bộ xã Bình Điền" in commune.body
    assert "An Hòa" not in commune.body and "Chi bộ Tổ dân phố" not in commune.body

    cell = got["cell_secretary@example.vn"]
    assert "Rà soát chi bộ tổ dân phố" in cell.body and "quá hạn từ 15/03/2025" in cell.body
    assert "Rà soát, kiện toàn" not in cell.body


def test_plain_text_and_html(tree, personas, overdue):
    run("--date", "2025-04-01")
    m = by_recipient()["board_specialist@example.vn"]
    # Plain text keeps the title as written; the HTML escapes it.
    assert "chi bộ & tổ đảng <sau sắp xếp>" in m.body
    ((html, mimetype),) = m.alternatives
    assert mimetype == "text/html"
    assert "chi bộ &amp; tổ đảng &lt;sau sắp xếp&gt;" in html and "<sau" not in html
    assert m.body.startswith("Kính gửi đồng chí Người dùng")


def test_nothing_overdue_no_mail(tree, personas, overdue):
    # 15/03: the sub-task is due that very day, T1 on 31/03: nothing is overdue yet.
    assert "0 e-mails sent" in run("--date", "2025-03-15")
    assert mail.outbox == []


def test_a_user_without_a_role_or_inactive_gets_nothing(tree, personas, overdue):
    make_user("norole", email="norole@example.vn")
    inactive = make_user(
        "gone", email="gone@example.vn", role=Role.BOARD_SPECIALIST, organization=tree.root
    )
    inactive.is_active = False
    inactive.save()
    run("--date", "2025-04-01")
    assert {"norole@example.vn", "gone@example.vn"}.isdisjoint(by_recipient())


def test_dry_run_sends_nothing(tree, personas, overdue):
    out = run("--date", "2025-04-01", "--dry-run")
    assert mail.outbox == []
    assert "ward_officer@example.vn\t2 overdue: 1 to do, 1 tasks to follow up" in out
    assert "4 e-mails (dry run, none sent) for 2025-04-01" in out


def test_links_with_the_site_address(tree, personas, overdue, monkeypatch):
    from tcxd.directives.management.commands import task_digest

    monkeypatch.setattr(
        task_digest, "reverse", lambda name, args: f"/{name.split(':')[1]}/{args[0]}/"
    )
    with override_settings(TCXD_SITE_URL="https://tcxd.example.vn"):
        run("--date", "2025-04-01")
    t1, _sub = overdue
    commune = by_recipient()["outsider@example.vn"]
    part = t1.assignments.get(organization=tree.commune)
    assert f"https://tcxd.example.vn/assignment/{part.pk}/" in commune.body
    board = by_recipient()["board_specialist@example.vn"]
    assert f'<a href="https://tcxd.example.vn/task/{t1.pk}/">' in board.alternatives[0][0]


def test_bad_date():
    with pytest.raises(CommandError):
        run("--date", "01/04/2025")
