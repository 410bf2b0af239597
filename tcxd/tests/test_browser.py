"""Browser journeys in Debian's Chromium, driven by Playwright against the live server.

Sign in as the ward officer → find a member by typing her name without diacritics →
record a permanent transfer, picking the new cell by typing part of its name → see the
transfer in the history timeline and in the audit log. Also: the language switch, and
signing in with the keyboard only. Screenshots go to ``var/screenshots/`` for a person
to look at.

Without /usr/bin/chromium these tests are skipped with a message naming the Debian
package, unless TCXD_REQUIRE_BROWSER=1 (CI), where they fail.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from tcxd.audit.models import AuditEntry
from tcxd.members.models import Member, MembershipEvent
from tcxd.testing.browser import PASSWORD, shot, sign_in
from tcxd.testing.factories import make_member

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def city(tree, personas) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    officer = personas.ward_officer
    anh = make_member(
        officer,
        tree.cell1,
        full_name="Đặng Thị Ánh",
        gender="female",
        admitted_on=dt.date(2015, 2, 3),
        official_on=dt.date(2016, 2, 3),
    )
    for name, cell in [
        ("Đặng Văn Hùng", tree.cell1),
        ("Trần Thị Ánh", tree.cell1),
        ("Nguyễn Thị Lan", tree.cell2),
        ("Lê Văn Dũng", tree.cell2),
    ]:
        make_member(officer, cell, full_name=name)
    return {"anh": anh, "tree": tree, "personas": personas}


def test_find_a_member_record_a_transfer_and_see_it_audited(page, live_server, city) -> None:
    from playwright.sync_api import expect

    base = live_server.url
    tree = city["tree"]
    anh: Member = city["anh"]

    # Sign in through the form.
    page.goto(f"{base}/accounts/login/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    page.fill("#id_username", "ward")
    page.fill("#id_password", PASSWORD)
    shot(page, "01-sign-in.png")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{base}/")

    # The member list, then a search without diacritics, answered by htmx.
    page.click("nav.mainnav a[href='/members/']")
    page.wait_for_url(f"{base}/members/")
    rows = page.locator("#results tbody tr")
    expect(rows).to_have_count(5)
    page.evaluate("window.tcxdSamePage = true")  # gone if the page were reloaded
    page.locator("#id_q").press_sequentially("dang thi anh")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Đặng Thị Ánh")
    assert page.evaluate("window.tcxdSamePage") is True  # htmx swapped #results in place
    expect(page).to_have_url(re.compile(r"[?&]q=dang(\+|%20)thi(\+|%20)anh(&|$)"))
    shot(page, "02-member-list.png")

    # The member's page, then the permanent transfer form.
    page.click("#results a:text-is('Đặng Thị Ánh')")
    page.wait_for_url(f"{base}/members/{anh.pk}/")
    page.click(f"a[href='/members/{anh.pk}/events/transfer/']")
    page.wait_for_url(f"{base}/members/{anh.pk}/events/transfer/")
    page.locator("#org-search").press_sequentially("to dan pho 2")
    choices = page.locator("#org-results input[type=radio]")
    expect(choices).to_have_count(1)
    choices.first.check()
    expect(page.locator("#org-search")).to_have_value("Chi bộ Tổ dân phố 2")
    page.fill("#id_decision_number", "25-QĐ/ĐU")
    page.fill("#id_decision_on", "10/03/2025")
    shot(page, "03-transfer-form.png")
    page.click("main form.stack button[type=submit]")
    page.wait_for_url(f"{base}/members/{anh.pk}/")

    # The history shows the transfer, from the first cell to the second.
    newest = page.locator("#timeline > li").first
    expect(newest).to_contain_text("Chi bộ Tổ dân phố 1")
    expect(newest).to_contain_text("Chi bộ Tổ dân phố 2")
    expect(newest).to_contain_text("25-QĐ/ĐU")
    expect(page.locator("p.subtitle")).to_contain_text("Chi bộ Tổ dân phố 2")
    shot(page, "04-member-after-transfer.png")

    # The audit log has the transfer.
    page.click("nav.mainnav a[href='/audit/']")
    page.wait_for_url(f"{base}/audit/")
    transfer_row = page.locator("tbody tr", has=page.locator("code:text-is('members.transfer')"))
    expect(transfer_row).to_have_count(1)
    expect(transfer_row).to_contain_text("Đặng Thị Ánh")
    expect(transfer_row).to_contain_text("ward")
    shot(page, "05-audit-log.png")

    anh.refresh_from_db()
    assert anh.organization == tree.cell2
    event = MembershipEvent.objects.get(member=anh, kind="transfer")
    assert (event.from_organization, event.organization) == (tree.cell1, tree.cell2)
    assert AuditEntry.objects.filter(action="members.transfer", target_id=str(anh.pk)).count() == 1


def test_language_switch_to_english_and_back(page, live_server, city) -> None:
    from playwright.sync_api import expect

    base = live_server.url
    sign_in(page, base, "ward")
    page.goto(f"{base}/members/")
    heading = page.locator("main h1")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(heading).not_to_have_text("Party members")
    vietnamese_heading = heading.inner_text()
    # A reader of English finds "English" in the switch, not its Vietnamese name.
    expect(page.locator("#lang option[value=en]")).to_have_text("English")

    page.select_option("#lang", "en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(heading).to_have_text("Party members")
    expect(page).to_have_url(f"{base}/members/")  # the switch returns to the same page
    shot(page, "06-member-list-english.png")

    page.select_option("#lang", "vi")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(heading).to_have_text(vietnamese_heading)


def test_sign_in_with_the_keyboard_only(page, live_server, city) -> None:
    from playwright.sync_api import expect

    base = live_server.url
    page.goto(f"{base}/accounts/login/")
    # The user name box has the focus on arrival (autofocus); Tab goes to the password.
    expect(page.locator("#id_username")).to_be_focused()
    page.keyboard.type("ward")
    page.keyboard.press("Tab")
    expect(page.locator("#id_password")).to_be_focused()
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(f"{base}/")
    expect(page.locator(".whoami")).to_have_text(str(city["personas"].ward_officer))
