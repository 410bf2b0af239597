"""The editors' workflow through the services: who may do what, each step audited, the
body sanitised on save with a message, addresses without diacritics and their clashes,
revisions and restore, scheduled publishing, unpublishing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from tcxd.audit.models import AuditEntry
from tcxd.core.errors import DomainError

from .. import services
from ..choices import Status, StepKind
from ..models import Article
from .conftest import publish

pytestmark = pytest.mark.django_db


def test_slugs_have_no_diacritics() -> None:
    assert services.slug_of("Sơ kết công tác tổ chức xây dựng Đảng 6 tháng đầu năm 2023") == (
        "so-ket-cong-tac-to-chuc-xay-dung-dang-6-thang-dau-nam-2023"
    )
    assert services.slug_of("Đảng ủy phường Thuận Hóa: “Đi trước”") == (
        "dang-uy-phuong-thuan-hoa-di-truoc"
    )


def test_the_workflow_from_draft_to_published_is_audited(personas, category) -> None:
    writer, leader = personas.board_specialist, personas.board_leader
    saved = services.article_create(
        actor=writer, category=category, title="Hội nghị sơ kết", body="<p>Nội dung</p>"
    )
    a = saved.article
    assert (a.status, a.slug, saved.notes) == (Status.DRAFT, "hoi-nghi-so-ket", [])
    services.article_submit(actor=writer, article=a, expected_version=a.version)
    assert a.status == Status.SUBMITTED
    # A specialist cannot approve: only a board leader.
    with pytest.raises(DomainError) as exc:
        services.article_approve(actor=writer, article=a, expected_version=a.version)
    assert exc.value.code == "out_of_scope"
    services.article_approve(actor=leader, article=a, expected_version=a.version)
    assert not Article.objects.public().exists()  # approved is not yet published
    services.article_publish(actor=writer, article=a, expected_version=a.version)
    assert list(Article.objects.public()) == [a]
    assert a.updated_at == a.published_at
    kinds = list(a.steps.values_list("kind", flat=True))
    assert kinds == ["created", "submitted", "approved", "published"]
    actions = list(
        AuditEntry.objects.filter(target_id=str(a.pk), target_type="news.article")
        .order_by("id")
        .values_list("action", "actor__username")
    )
    assert actions == [
        ("news.create", "specialist"),
        ("news.submit", "specialist"),
        ("news.approve", "leader"),
        ("news.publish", "specialist"),
    ]


@pytest.mark.parametrize("persona", ["ward_officer", "cell_secretary", "deputy_secretary"])
def test_others_may_not_write_on_the_board_site(personas, category, persona) -> None:
    with pytest.raises(DomainError) as exc:
        services.article_create(actor=getattr(personas, persona), category=category, title="X")
    assert exc.value.code == "out_of_scope"
    assert not Article.objects.exists()


def test_the_leader_returns_with_a_comment_and_the_writer_edits_again(personas, category) -> None:
    writer, leader = personas.board_specialist, personas.board_leader
    a = services.article_create(
        actor=writer, category=category, title="Tin", body="<p>x</p>"
    ).article
    services.article_submit(actor=writer, article=a, expected_version=a.version)
    with pytest.raises(DomainError) as exc:
        services.article_return(actor=leader, article=a, expected_version=a.version, comment=" ")
    assert exc.value.code == "comment_required"
    services.article_return(
        actor=leader, article=a, expected_version=a.version, comment="Bổ sung số liệu"
    )
    assert a.status == Status.DRAFT
    assert a.steps.values_list("comment", flat=True).last() == "Bổ sung số liệu"


def test_a_submitted_article_cannot_be_edited(personas, category) -> None:
    writer = personas.board_specialist
    a = services.article_create(actor=writer, category=category, title="T", body="<p>x</p>").article
    services.article_submit(actor=writer, article=a, expected_version=a.version)
    with pytest.raises(DomainError) as exc:
        services.article_update(
            actor=writer,
            article=a,
            expected_version=a.version,
            category=category,
            title="Khác",
            summary="",
            body="<p>y</p>",
            byline="",
        )
    assert exc.value.code == "not_editable"


def test_an_empty_draft_cannot_be_sent(personas, category) -> None:
    writer = personas.board_specialist
    a = services.article_create(actor=writer, category=category, title="T", body="<p> </p>").article
    with pytest.raises(DomainError) as exc:
        services.article_submit(actor=writer, article=a, expected_version=a.version)
    assert exc.value.code == "body_required"


def test_a_stale_save_is_refused(personas, category) -> None:
    writer = personas.board_specialist
    a = services.article_create(actor=writer, category=category, title="T", body="<p>x</p>").article
    kwargs = dict(category=category, summary="", body="<p>y</p>", byline="")
    services.article_update(actor=writer, article=a, expected_version=0, title="A", **kwargs)
    stale = Article.objects.get(pk=a.pk)
    stale.version = 0
    with pytest.raises(DomainError) as exc:
        services.article_update(
            actor=writer, article=stale, expected_version=0, title="B", **kwargs
        )
    assert exc.value.code == "stale"
    assert Article.objects.get(pk=a.pk).title == "A"


def test_script_and_event_handlers_are_removed_with_a_message(personas, category) -> None:
    body = (
        '<p onclick="alert(1)">Chào <b onmouseover="x()">bạn</b></p>'
        "<script>alert('x')</script>"
        '<a href="javascript:alert(1)">bấm</a> <a href="https://example.gov.vn/a">nguồn</a>'
        '<img src="https://evil.example/p.png" onerror="alert(2)">'
        '<iframe src="https://evil.example"></iframe><style>p{}</style>'
    )
    saved = services.article_create(
        actor=personas.board_specialist, category=category, title="T", body=body
    )
    stored = saved.article.body
    for bad in (
        "onclick",
        "onmouseover",
        "onerror",
        "<script",
        "alert",
        "javascript:",
        "iframe",
        "evil.example",
        "<style",
    ):
        assert bad not in stored, bad
    assert '<a href="https://example.gov.vn/a" rel="noopener noreferrer">nguồn</a>' in stored
    assert "<b>bạn</b>" in stored
    assert len(saved.notes) == 1
    note = saved.notes[0]
    for named in ("<script>", "onclick", "onerror", "<iframe>", "href=javascript:alert(1)"):
        assert named in note, named


def test_a_clean_body_gives_no_message(personas, category) -> None:
    body = "<h2>Kết quả</h2><p>Đã <strong>kết nạp</strong> 12 đảng viên.</p><ul><li>a</li></ul>"
    saved = services.article_create(
        actor=personas.board_specialist, category=category, title="T", body=body
    )
    assert saved.notes == []
    assert saved.article.body == body
    assert saved.article.body_text == "Kết quả\nĐã kết nạp 12 đảng viên.\na"


def test_a_slug_clash_from_the_title_gets_a_suffix_and_a_message(personas, category) -> None:
    w = personas.board_specialist
    first = services.article_create(actor=w, category=category, title="Tin mới").article
    second = services.article_create(actor=w, category=category, title="Tin mới")
    third = services.article_create(actor=w, category=category, title="Tin mới")
    assert [first.slug, second.article.slug, third.article.slug] == [
        "tin-moi",
        "tin-moi-2",
        "tin-moi-3",
    ]
    assert "tin-moi-2" in second.notes[0]


def test_a_typed_slug_that_clashes_is_refused(personas, category, other_category) -> None:
    w = personas.board_specialist
    services.article_create(actor=w, category=category, title="Tin mới")
    with pytest.raises(DomainError) as exc:
        services.article_create(actor=w, category=category, title="Khác", slug="Tin mới")
    assert exc.value.code == "slug_taken"
    assert "“Tin mới”" in exc.value.fields["slug"][0]
    # The same address in another category is another URL: allowed.
    other = services.article_create(actor=w, category=other_category, title="K", slug="tin-moi")
    assert other.article.slug == "tin-moi"


def test_reserved_category_addresses_are_refused(personas) -> None:
    with pytest.raises(DomainError) as exc:
        services.category_create(actor=personas.board_specialist, name="Tìm kiếm")
    assert exc.value.code == "slug_reserved"


def test_revisions_and_restore(personas, category) -> None:
    w = personas.board_specialist
    a = services.article_create(
        actor=w, category=category, title="Bản 1", body="<p>một</p>"
    ).article
    kw = dict(category=category, summary="", byline="")
    services.article_update(
        actor=w, article=a, expected_version=a.version, title="Bản 2", body="<p>hai</p>", **kw
    )
    assert list(a.revisions.values_list("number", "title")) == [(2, "Bản 2"), (1, "Bản 1")]
    first = a.revisions.get(number=1)
    services.revision_restore(actor=w, article=a, revision=first, expected_version=a.version)
    a.refresh_from_db()
    assert (a.title, a.body) == ("Bản 1", "<p>một</p>")
    assert a.revisions.count() == 3
    assert a.steps.filter(kind=StepKind.RESTORED).get().comment == "1"
    assert AuditEntry.objects.filter(action="news.restore", target_id=str(a.pk)).exists()


def test_scheduled_article_appears_at_its_time(personas, category) -> None:
    w, leader = personas.board_specialist, personas.board_leader
    when = timezone.now() + dt.timedelta(hours=3)
    a = services.article_create(
        actor=w, category=category, title="Hẹn giờ", body="<p>x</p>", publish_at=when
    ).article
    services.article_submit(actor=w, article=a, expected_version=a.version)
    services.article_approve(actor=leader, article=a, expected_version=a.version)
    services.article_publish(actor=w, article=a, expected_version=a.version)
    assert a.status == Status.PUBLISHED and a.published_at == when and a.is_scheduled
    assert not Article.objects.public().exists()
    assert list(Article.objects.public(when + dt.timedelta(seconds=1))) == [a]
    assert a.steps.values_list("kind", flat=True).last() == StepKind.SCHEDULED
    assert AuditEntry.objects.filter(action="news.schedule", target_id=str(a.pk)).exists()


def test_unpublish_then_edit_makes_a_draft_again(personas, category) -> None:
    w = personas.board_specialist
    a = publish(personas, category, "Bài")
    services.article_unpublish(actor=w, article=a, expected_version=a.version, comment="Sai")
    assert not Article.objects.public().exists()
    services.article_update(
        actor=w,
        article=a,
        expected_version=a.version,
        category=category,
        title="Bài (sửa)",
        summary="",
        body="<p>Đúng</p>",
        byline="",
    )
    assert a.status == Status.DRAFT
    assert a.slug == "bai"  # an edit keeps the address
