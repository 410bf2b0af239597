"""The public pages: the article page as on the seed page, what readers never see
(drafts, scheduled articles, scripts), search without diacritics, feeds, sitemap."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
import zoneinfo

import pytest

from .. import services
from ..counter import tally
from .conftest import publish

pytestmark = pytest.mark.django_db
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/120.0 Safari/537.36"
HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")

SEED_TITLE = "Sơ kết công tác tổ chức xây dựng Đảng 6 tháng đầu năm 2023"


@pytest.fixture
def seed_article(personas, category):
    # 13/07/2023 12:27 in Hà Nội / Huế time is 05:27 UTC.
    at = dt.datetime(2023, 7, 13, 12, 27, tzinfo=HCM)
    article = publish(
        personas,
        category,
        SEED_TITLE,
        body="<p>Chiều 12/7, Ban Tổ chức Tỉnh ủy đã tổ chức Hội nghị sơ kết.</p>",
        byline="Tuấn Anh",
        at=at,
    )
    from ..models import Article

    Article.objects.filter(pk=article.pk).update(view_count=382)
    article.refresh_from_db()
    return article


def test_the_article_page_is_like_the_seed_page(client, seed_article) -> None:
    url = seed_article.get_absolute_url()
    assert (
        url
        == "/tin-tuc/tin-tuc-hoat-dong/so-ket-cong-tac-to-chuc-xay-dung-dang-6-thang-dau-nam-2023/"
    )
    response = client.get(url, HTTP_USER_AGENT=BROWSER)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="vi">' in html
    assert (
        'class="article-category"><a href="/tin-tuc/tin-tuc-hoat-dong/">Tin tức hoạt động</a>'
        in html
    )
    assert re.search(
        r"Cập nhật lúc : <time datetime=\"2023-07-13T12:27:00\+07:00\">13/07/2023 12:27</time>",
        html,
    )
    # 382 stored + this reader's view = 383, as on the seed page.
    assert '<span class="views-n" data-views>383</span>' in html
    for label in ('data-font="up"', 'data-font="reset"', 'data-font="down"', "data-print"):
        assert label in html
    assert ">+</button>" in html and ">aa</button>" in html and ">-</button>" in html
    assert f'<h1 id="article-title">{SEED_TITLE}</h1>' in html
    assert '<p class="byline">Tuấn Anh</p>' in html
    assert f'<meta property="og:title" content="{SEED_TITLE}">' in html
    assert '<meta property="og:type" content="article">' in html
    assert "<script>" not in html  # scripts only from static files (CSP)


def test_drafts_and_scheduled_articles_are_not_public(client, personas, category) -> None:
    draft = services.article_create(
        actor=personas.board_specialist, category=category, title="Nháp", body="<p>x</p>"
    ).article
    assert client.get(f"/tin-tuc/{category.slug}/{draft.slug}/").status_code == 404
    from django.utils import timezone

    later = publish(personas, category, "Sau", publish_at=timezone.now() + dt.timedelta(days=1))
    assert later.is_scheduled
    assert client.get(f"/tin-tuc/{category.slug}/{later.slug}/").status_code == 404
    home = client.get("/tin-tuc/").content.decode()
    assert "Nháp" not in home and "Sau" not in home


def test_a_view_counts_once_per_window_and_not_for_bots_or_editors(
    client, personas, seed_article
) -> None:
    url = seed_article.get_absolute_url()
    first = client.get(url, HTTP_USER_AGENT=BROWSER)
    assert "tcxd_read" in first.cookies
    assert tally.unwritten(seed_article.pk) == 1
    client.get(url, HTTP_USER_AGENT=BROWSER)  # a reload in the same window (cookie sent)
    assert tally.unwritten(seed_article.pk) == 1
    for agent in (
        "",
        "Googlebot/2.1 (+http://www.google.com/bot.html)",
        "curl/8.0",
        "Mozilla/5.0 HeadlessChrome/120.0",
    ):
        from django.test import Client

        Client().get(url, HTTP_USER_AGENT=agent)
    Client().get(url, HTTP_USER_AGENT=BROWSER, HTTP_SEC_PURPOSE="prefetch")
    Client().head(url, HTTP_USER_AGENT=BROWSER)
    assert tally.unwritten(seed_article.pk) == 1
    editor = Client()
    editor.force_login(personas.board_specialist)
    editor.get(url, HTTP_USER_AGENT=BROWSER)
    assert tally.unwritten(seed_article.pk) == 1
    Client().get(url, HTTP_USER_AGENT=BROWSER)  # another reader
    assert tally.unwritten(seed_article.pk) == 2
    assert tally.flush() == 2
    seed_article.refresh_from_db()
    assert seed_article.view_count == 384


def test_an_expired_window_counts_again(client, seed_article) -> None:
    from .. import counter

    url = seed_article.get_absolute_url()
    old = int(dt.datetime.now().timestamp()) - counter.WINDOW - 5
    client.cookies["tcxd_read"] = f"{counter._b36(seed_article.pk)}-{counter._b36(old)}"
    client.get(url, HTTP_USER_AGENT=BROWSER)
    assert tally.unwritten(seed_article.pk) == 1


def test_search_ignores_diacritics_and_case_ranks_and_highlights(
    client, personas, category
) -> None:
    publish(
        personas,
        category,
        "Tin khác",
        body="<p>Công tác tổ chức xây dựng Đảng ở cơ sở.</p>",
        at=dt.datetime(2024, 1, 1, tzinfo=HCM),
    )
    best = publish(
        personas,
        category,
        "Tổ chức xây dựng Đảng năm 2025",
        body="<p>Nội dung.</p>",
        at=dt.datetime(2023, 1, 1, tzinfo=HCM),
    )
    publish(personas, category, "Không liên quan", body="<p>Thể thao.</p>")
    response = client.get("/tin-tuc/tim-kiem/", {"q": "TO CHUC xay dung dang"})
    html = response.content.decode()
    titles = re.findall(r'<h2><a href="([^"]+)">', html)
    assert len(titles) == 2
    assert titles[0] == best.get_absolute_url()  # the phrase in the title ranks first
    assert (
        "<mark>Tổ</mark> <mark>chức</mark> <mark>xây</mark> <mark>dựng</mark> <mark>Đảng</mark>"
        in html
    )
    assert "Không liên quan" not in html


def test_search_escapes_the_query(client) -> None:
    html = client.get("/tin-tuc/tim-kiem/", {"q": "<script>alert(1)</script>"}).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_nothing_unsafe_reaches_a_reader(client, personas, category) -> None:
    a = publish(
        personas,
        category,
        'Tiêu đề <img src=x onerror="alert(1)">',
        body=(
            '<p onclick="steal()">Chữ</p><script>steal()</script><a href="javascript:steal()">x</a>'
        ),
    )
    html = client.get(a.get_absolute_url()).content.decode()
    assert "steal()" not in html
    assert 'onerror="alert(1)"' not in html
    assert "Tiêu đề &lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in html


def test_home_category_pages_and_pagination(client, personas, category, other_category) -> None:
    for n in range(14):
        publish(personas, category, f"Bài số {n}", at=dt.datetime(2024, 1, n + 1, tzinfo=HCM))
    publish(personas, other_category, "Văn bản", at=dt.datetime(2024, 2, 1, tzinfo=HCM))
    home = client.get("/tin-tuc/").content.decode()
    assert "Bài số 13" in home and "Văn bản" in home
    page1 = client.get("/tin-tuc/tin-tuc-hoat-dong/").content.decode()
    page2 = client.get("/tin-tuc/tin-tuc-hoat-dong/?page=2").content.decode()
    assert "Bài số 13" in page1 and "Bài số 2<" in page1 and "Bài số 1<" not in page1
    assert "Bài số 1<" in page2 and "Bài số 0<" in page2 and "Trang 2/2" in page2
    assert client.get("/tin-tuc/khong-co/").status_code == 404


def test_previous_next_and_related(client, personas, category) -> None:
    a = publish(personas, category, "Một", at=dt.datetime(2024, 1, 1, tzinfo=HCM))
    b = publish(personas, category, "Hai", at=dt.datetime(2024, 1, 2, tzinfo=HCM))
    c = publish(personas, category, "Ba", at=dt.datetime(2024, 1, 3, tzinfo=HCM))
    html = client.get(b.get_absolute_url()).content.decode()
    assert f'rel="prev" href="{a.get_absolute_url()}"' in html
    assert f'rel="next" href="{c.get_absolute_url()}"' in html


def test_feeds_and_sitemap(client, personas, category) -> None:
    a = publish(personas, category, "Tin <b>đậm</b>", at=dt.datetime(2024, 3, 1, tzinfo=HCM))
    rss = ET.fromstring(client.get("/tin-tuc/rss/").content)
    assert [i.findtext("title") for i in rss.iter("item")] == ["Tin <b>đậm</b>"]
    assert str(rss.findtext("channel/item/link")).endswith(a.get_absolute_url())
    atom = ET.fromstring(client.get(f"/tin-tuc/{category.slug}/atom/").content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert [e.findtext("a:title", namespaces=ns) for e in atom.findall("a:entry", ns)] == [
        "Tin <b>đậm</b>"
    ]
    assert client.get(f"/tin-tuc/{category.slug}/rss/").status_code == 200
    sitemap = ET.fromstring(client.get("/tin-tuc/sitemap.xml").content)
    locs = [str(e.text) for e in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert any(loc.endswith(a.get_absolute_url()) for loc in locs)
    assert any(loc.endswith("/tin-tuc/tin-tuc-hoat-dong/") for loc in locs)


def test_the_public_pages_need_no_sign_in_and_use_no_session(client, seed_article) -> None:
    for url in (
        "/tin-tuc/",
        "/tin-tuc/tin-tuc-hoat-dong/",
        seed_article.get_absolute_url(),
        "/tin-tuc/tim-kiem/?q=dang",
        "/tin-tuc/rss/",
        "/tin-tuc/sitemap.xml",
    ):
        response = client.get(url, HTTP_USER_AGENT=BROWSER)
        assert response.status_code == 200, url
        assert "sessionid" not in response.cookies and "csrftoken" not in response.cookies, url


def test_the_article_page_query_count(client, django_assert_max_num_queries, seed_article) -> None:
    url = seed_article.get_absolute_url()
    with django_assert_max_num_queries(10):
        client.get(url, HTTP_USER_AGENT=BROWSER)
    # Cached: one query (the article's id and count, and the newest change for the key).
    with django_assert_max_num_queries(1):
        client.get(url, HTTP_USER_AGENT=BROWSER)


def test_search_words_are_word_starts_and_short_words_whole_words() -> None:
    from ..search import highlight, needle, search_text_of

    text = search_text_of("Tổng kết công tác tổ chức, Đảng bộ", "", "toàn Đảng")
    assert text == " tong ket cong tac to chuc dang bo | toan dang "
    assert needle("to") == " to " and needle("dan") == " dan"
    assert str(highlight("Tổng kết tổ chức toàn Đảng", ["to", "dan"])) == (
        "Tổng kết <mark>tổ</mark> chức toàn <mark>Đản</mark>g"
    )
