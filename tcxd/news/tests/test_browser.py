"""The news site in Debian's Chromium: the "+ aa -" buttons change the computed size of
the article text and the choice survives a reload; the view count goes up once for a new
reader and not for a reload in the same window; a search without diacritics finds the
article; an editor's draft goes through the leader's approval to the public page.
Screenshots in ``var/screenshots/``: the home, an article at three sizes, the search page.

Without /usr/bin/chromium these tests are skipped with a message naming the Debian
package, unless TCXD_REQUIRE_BROWSER=1 (CI), where they fail.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

import pytest

from tcxd.testing.browser import shot, sign_in

from ..counter import tally
from ..models import Article
from .conftest import publish

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
# A reader's browser: Chromium headless announces itself as "HeadlessChrome", which the
# counter takes for a bot (as it should for crawlers); the readers here present a usual one.
READER_UA = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0 Safari/537.36"
)
BODY = (
    "<p>Chiều 12/7, Ban Tổ chức Thành ủy tổ chức Hội nghị sơ kết công tác tổ chức xây dựng "
    "Đảng 6 tháng đầu năm; triển khai nhiệm vụ 6 tháng cuối năm.</p>"
    "<p>Hội nghị chỉ ra những hạn chế: số lượng kết nạp đảng viên mới còn ít; tổ trưởng tổ "
    "dân phố, trưởng thôn là đảng viên chưa nhiều.</p>" * 3
)


def reader(browser: Any, width: int = 1280, height: int = 900) -> Any:
    context = browser.new_context(
        locale="vi-VN", user_agent=READER_UA, viewport={"width": width, "height": height}
    )
    context.set_default_timeout(10_000)
    return context


def body_size(page: Any) -> float:
    return float(
        page.eval_on_selector(".article-body p", "el => parseFloat(getComputedStyle(el).fontSize)")
    )


@pytest.fixture
def article(personas, category, other_category) -> Article:
    publish(
        personas,
        other_category,
        "Hướng dẫn đánh giá đảng viên",
        at=dt.datetime(2026, 7, 1, 9, 0, tzinfo=HCM),
    )
    a = publish(
        personas,
        category,
        "Sơ kết công tác tổ chức xây dựng Đảng 6 tháng đầu năm 2026",
        body=BODY,
        byline="Tuấn Anh",
        summary="Ban Tổ chức Thành ủy sơ kết công tác 6 tháng đầu năm.",
        at=dt.datetime(2026, 7, 13, 12, 27, tzinfo=HCM),
    )
    Article.objects.filter(pk=a.pk).update(view_count=382)
    return a


def test_font_size_buttons_view_count_and_search(browser, live_server, article) -> None:
    from playwright.sync_api import expect

    base = live_server.url
    url = base + article.get_absolute_url()
    context = reader(browser)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(base + "/tin-tuc/")
    expect(page.locator("h2.section-title").first).to_be_visible()
    shot(page, "news-01-home.png")

    # A new reader: 382 stored + this view.
    page.goto(url)
    expect(page.locator("[data-views]")).to_have_text("383")
    expect(page.locator(".article-time")).to_have_text("Cập nhật lúc : 13/07/2026 12:27")
    normal = body_size(page)
    assert normal == pytest.approx(17.0)  # 1.0625rem
    shot(page, "news-02-article-normal.png")

    page.get_by_role("button", name="Tăng cỡ chữ").click()
    page.get_by_role("button", name="Tăng cỡ chữ").click()
    larger = body_size(page)
    assert larger == pytest.approx(17.0 * 1.25)
    # No layout breakage: nothing wider than the window.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot(page, "news-03-article-larger.png")

    # The choice survives a reload; a reload in the same window is not a new view.
    page.reload()
    assert body_size(page) == pytest.approx(larger)
    expect(page.locator("[data-views]")).to_have_text("383")
    # …and another page of the site.
    page.goto(base + "/tin-tuc/")
    page.goto(url)
    assert body_size(page) == pytest.approx(larger)

    page.get_by_role("button", name="Cỡ chữ mặc định").click()
    assert body_size(page) == pytest.approx(normal)
    page.get_by_role("button", name="Giảm cỡ chữ").click()
    page.get_by_role("button", name="Giảm cỡ chữ").click()
    page.get_by_role("button", name="Giảm cỡ chữ").click()  # the smallest is two steps down
    assert body_size(page) == pytest.approx(17.0 * 0.85)
    shot(page, "news-04-article-smaller.png")

    # Another reader (another browser): counted once more.
    other = reader(browser, 390, 844)
    phone = other.new_page()
    phone.goto(url)
    expect(phone.locator("[data-views]")).to_have_text("384")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shot(phone, "news-05-article-phone.png")
    other.close()
    tally.flush()
    assert Article.objects.get(pk=article.pk).view_count == 384

    # Search without diacritics.
    page.goto(base + "/tin-tuc/")
    page.fill("#news-q", "to chuc xay dung dang")
    page.press("#news-q", "Enter")
    page.wait_for_url("**/tin-tuc/tim-kiem/**")
    first = page.locator("ol.results li h2 a").first
    expect(first).to_have_text("Sơ kết công tác tổ chức xây dựng Đảng 6 tháng đầu năm 2026")
    expect(page.locator("ol.results mark").first).to_have_text("tổ")
    shot(page, "news-06-search.png")
    first.click()
    expect(page.locator("h1")).to_have_text(article.title)
    context.close()
    assert not errors, errors


def test_an_editors_draft_goes_through_approval_to_the_public_page(
    page, browser, live_server, personas, category
) -> None:
    from playwright.sync_api import expect

    base = live_server.url
    sign_in(page, base, "specialist")
    page.click("nav.mainnav a[href='/news/']")
    page.click("a[href='/news/new/']")
    page.select_option("#id_category", label=category.name)
    page.fill("#id_title", "Hội nghị giao ban công tác tổ chức quý IV")
    page.fill("#id_byline", "Thanh Bình")
    page.click(".rte-area")
    page.keyboard.type("Ban Tổ chức Thành ủy giao ban công tác tổ chức quý IV.")
    shot(page, "news-07-editor.png")
    page.click("main form button[type=submit]")
    expect(page.locator(".messages")).to_contain_text("Đã lưu bản nháp.")
    page.click("button[name=step][value=submit]")
    expect(page.locator(".messages")).to_contain_text("Đã gửi duyệt.")
    expect(page.locator(".status-badge")).to_have_text("Chờ duyệt")
    article = Article.objects.get()
    assert article.slug == "hoi-nghi-giao-ban-cong-tac-to-chuc-quy-iv"
    page.click("header form button.linklike")

    sign_in(page, base, "leader")
    page.goto(f"{base}{article.get_edit_url()}")
    page.click("button[name=step][value=approve]")
    expect(page.locator(".messages")).to_contain_text("Đã duyệt")
    page.click("button[name=step][value=publish]")
    expect(page.locator(".messages")).to_contain_text("Đã đăng.")
    shot(page, "news-08-editor-published.png")

    context = reader(browser)
    public = context.new_page()
    public.goto(f"{base}/tin-tuc/")
    public.click("text=Hội nghị giao ban công tác tổ chức quý IV")
    expect(public.locator(".article-body")).to_contain_text("giao ban công tác tổ chức quý IV")
    expect(public.locator(".byline")).to_have_text("Thanh Bình")
    context.close()
