"""``{% link_references text %}``: escaped user text with its document references linked.

The register's pages are not this module's: the tests route the two URL names to a stub
(``urlpatterns`` below), and check the fallback without them.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from urllib.parse import parse_qs, urlsplit

import pytest
from django.http import HttpResponse
from django.template import Context, Template
from django.test import RequestFactory, override_settings
from django.urls import include, path
from django.utils.html import strip_tags

from tcxd.directives import services
from tcxd.directives.models import DocumentType, Issuer
from tcxd.directives.templatetags.directive_links import link_text

D = dt.date
pytestmark = pytest.mark.django_db


def _stub(request, pk=None):  # pragma: no cover - never requested
    return HttpResponse()


urlpatterns = [
    path(
        "d/",
        include(
            (
                [
                    path("documents/<int:pk>/", _stub, name="document"),
                    path("documents/new/", _stub, name="document_create"),
                ],
                "directives",
            ),
            namespace="directives",
        ),
    )
]
with_pages = pytest.mark.urls("tcxd.directives.tests.test_links")


class NewPage:
    """The register form under the name the pages engineer chose."""

    urlpatterns = [
        path(
            "r/",
            include(
                ([path("new/", _stub, name="document_new")], "directives"), namespace="directives"
            ),
        )
    ]


class NoPages:
    """A URLconf without the register's pages (before the pages engineer adds them)."""

    urlpatterns: list = []


SEED = (
    "tiếp tục thực hiện có hiệu quả Kế hoạch số 29-KH/TU, ngày 14/01/2022 của Ban Thường vụ "
    "Tỉnh ủy về thực hiện Kết luận số 21-KL/TW"
)


@pytest.fixture
def plan(tree, personas):
    return services.document_register(
        actor=personas.board_specialist,
        organization=tree.root,
        data={
            "doc_type": DocumentType.objects.get(code="KH"),
            "number": "29",
            "issuer": Issuer.objects.get(code="TU"),
            "issued_on": D(2022, 1, 14),
            "issuing_body": "Ban Thường vụ Tỉnh ủy",
            "title": 'Thực hiện Kết luận 21 "về chỉnh đốn Đảng" <b>',
        },
    )


def anchors(out: str) -> list[tuple[str, str]]:
    """(opening tag, inner HTML) of every link or marked reference."""
    return re.findall(r'(<(?:a|span) class="doc-ref[^>]*>)(.*?)</(?:a|span)>', out)


def href_of(tag: str) -> str:
    found = re.search(r'href="([^"]+)"', tag)
    assert found is not None
    return html.unescape(found.group(1))


def text_of(out: str) -> str:
    return html.unescape(strip_tags(out.replace("<br>", "\n")))


@with_pages
def test_known_reference_links_to_the_document(plan, personas):
    out = link_text(SEED, personas.board_specialist)
    (tag, inner), (tag2, inner2) = anchors(out)
    assert tag.startswith(f'<a class="doc-ref" href="/d/documents/{plan.pk}/"')
    # The title is escaped inside the attribute.
    assert (
        'title="Kế hoạch 29-KH/TU: Thực hiện Kết luận 21 &quot;về chỉnh đốn Đảng&quot; &lt;b&gt;"'
        in tag
    )
    assert inner == "Kế hoạch số 29-KH/TU, ngày 14/01/2022 của Ban Thường vụ Tỉnh ủy"
    # 21-KL/TW is not in the register: the form, pre-filled.
    assert tag2.startswith('<a class="doc-ref doc-ref-unknown" href="/d/documents/new/?')
    assert inner2 == "Kết luận số 21-KL/TW"
    assert text_of(out) == SEED


@with_pages
def test_unknown_reference_opens_the_register_form_pre_filled(tree, personas):
    text = "Nghị quyết 21-NQ/TW, ngày 16/6/2022 của Ban Chấp hành Trung ương khóa XIII về …"
    out = link_text(text, personas.board_specialist)
    ((tag, inner),) = anchors(out)
    url = urlsplit(href_of(tag))
    assert url.path == "/d/documents/new/"
    assert parse_qs(url.query) == {
        "symbol": ["21-NQ/TW"],
        "date": ["2022-06-16"],
        "body": ["Ban Chấp hành Trung ương khóa XIII"],
    }
    assert inner == "Nghị quyết 21-NQ/TW, ngày 16/6/2022 của Ban Chấp hành Trung ương khóa XIII"
    # Without a date or a body, only the symbol.
    ((tag, _inner),) = anchors(link_text("Chỉ thị 05-CT/TW", personas.board_specialist))
    assert parse_qs(urlsplit(href_of(tag)).query) == {"symbol": ["05-CT/TW"]}
    # A user who may not record changes (the board's leader) gets no form link.
    ((tag, _inner),) = anchors(link_text(text, personas.board_leader))
    assert tag.startswith("<span") and "href" not in tag


@with_pages
def test_another_communes_register_is_not_linked(tree, personas):
    services.document_register(
        actor=personas.ward_officer,
        organization=tree.ward,
        data={
            "doc_type": DocumentType.objects.get(code="NQ"),
            "number": "12",
            "issuer": Issuer.objects.get(code="ĐU"),
            "issued_on": D(2025, 9, 1),
            "issuing_body": "Đảng ủy phường An Hòa",
            "title": "Về công tác cán bộ",
        },
    )
    text = "Nghị quyết số 12-NQ/ĐU"
    ((ward_tag, _i),) = anchors(link_text(text, personas.ward_officer))
    ((other_tag, _j),) = anchors(link_text(text, personas.outsider))
    assert 'class="doc-ref" href="/d/documents/' in ward_tag
    assert "doc-ref-unknown" in other_tag and "Về công tác cán bộ" not in other_tag


@with_pages
def test_state_reference_is_plain_text_with_a_title(tree, personas):
    text = "Theo Nghị định 13/2023/NĐ-CP và Kế hoạch 29-KH/TU"
    out = link_text(text, personas.board_specialist)
    (state_tag, state_inner), (_party_tag, _p) = anchors(out)
    assert state_tag.startswith('<span class="doc-ref doc-ref-state" title="')
    assert state_inner == "Nghị định 13/2023/NĐ-CP"
    assert out.count("<a ") == 1
    assert text_of(out) == text


@with_pages
def test_no_html_injection_through_the_text(plan, personas):
    text = (
        '<script>alert(1)</script>\n<img src=x onerror="alert(2)"> Kế hoạch số 29-KH/TU '
        "của Ban <b>Thường</b> vụ & Nghị định 1/2020/NĐ-CP"
    )
    out = link_text(text, personas.board_specialist)
    assert "<script>" not in out and "<img" not in out and "<b>" not in out
    assert "&lt;script&gt;alert(1)&lt;/script&gt;<br>&lt;img src=x onerror=&quot;" in out
    assert text_of(out) == text
    # Only the tags we make: links, spans and line breaks.
    assert set(re.findall(r"<(/?\w+)", out)) <= {"a", "/a", "span", "/span", "br"}


@with_pages
def test_offsets_are_right_in_decomposed_text(plan, personas):
    nfd = unicodedata.normalize("NFD", "Đầu dòng ổn định.\r\n" + SEED + "\nhết.")
    out = link_text(nfd, personas.board_specialist)
    (_tag, inner), (_tag2, inner2) = anchors(out)
    assert inner == unicodedata.normalize(
        "NFD", "Kế hoạch số 29-KH/TU, ngày 14/01/2022 của Ban Thường vụ Tỉnh ủy"
    )
    assert inner2 == unicodedata.normalize("NFD", "Kết luận số 21-KL/TW")
    assert out.count("<br>") == 2
    assert text_of(out) == nfd.replace("\r\n", "\n")  # line breaks as linebreaksbr keeps them


def test_line_breaks_and_empty_values(personas):
    assert link_text("a\r\nb\rc\nd", personas.board_specialist) == "a<br>b<br>c<br>d"
    assert link_text(None, personas.board_specialist) == ""
    assert link_text("", None) == ""


def test_without_the_register_pages_references_are_marked_not_linked(plan, personas):
    with override_settings(ROOT_URLCONF=NoPages):
        out = link_text(SEED, personas.board_specialist)
    (tag, _inner), (tag2, _inner2) = anchors(out)
    assert tag.startswith('<span class="doc-ref" title="Kế hoạch 29-KH/TU: ')
    assert tag2.startswith('<span class="doc-ref doc-ref-unknown"')
    assert "<a " not in out


@with_pages
def test_the_tag_reads_the_user_from_the_request(plan, personas):
    request = RequestFactory().get("/")
    request.user = personas.board_specialist
    template = Template("{% load directive_links %}<p>{% link_references text %}</p>")
    out = template.render(Context({"request": request, "text": SEED + "\n<i>"}))
    assert f'href="/d/documents/{plan.pk}/"' in out and out.endswith("<br>&lt;i&gt;</p>")


def test_the_register_form_under_its_other_name(tree, personas):
    with override_settings(ROOT_URLCONF=NewPage):
        ((tag, _inner),) = anchors(link_text("Chỉ thị 05-CT/TW", personas.board_specialist))
    assert href_of(tag) == "/r/new/?symbol=05-CT%2FTW"
