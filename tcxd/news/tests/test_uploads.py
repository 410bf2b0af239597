"""Bad uploads: a huge image, an image with too many pixels, a file that is not an image,
an attachment that lies about its type — each refused with a message, nothing stored. A
good image is re-encoded and resized."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tcxd.core.errors import DomainError

from .. import services, uploads
from ..models import ArticleImage, Attachment


def png(width: int, height: int, mode: str = "RGB") -> bytes:
    out = io.BytesIO()
    Image.new(mode, (width, height), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def article(personas, category):
    return services.article_create(
        actor=personas.board_specialist, category=category, title="Ảnh", body="<p>x</p>"
    ).article


@pytest.mark.django_db
def test_a_big_photo_is_resized_and_re_encoded(personas, article) -> None:
    raw = io.BytesIO()
    Image.new("RGB", (4000, 3000), (10, 90, 160)).save(raw, "JPEG", comment=b"<script>x</script>")
    upload = SimpleUploadedFile("Ảnh hội nghị.jpg", raw.getvalue(), content_type="image/jpeg")
    image = services.image_upload(
        actor=personas.board_specialist,
        article=article,
        upload=upload,
        alt="Hội nghị",
        as_lead=True,
    )
    assert (image.width, image.height, image.content_type) == (1600, 1200, "image/jpeg")
    stored = Image.open(image.file.open("rb"))
    assert stored.size == (1600, 1200) and "comment" not in stored.info
    assert Image.open(image.thumb.open("rb")).size == (480, 360)
    assert image.file.name.endswith("anh-hoi-nghi.jpg")
    article.refresh_from_db()
    assert article.lead_image == image and article.lead_caption == "Hội nghị"


@pytest.mark.django_db
def test_transparency_is_kept_as_png(personas, article) -> None:
    upload = SimpleUploadedFile("logo.png", png(300, 200, "RGBA"))
    image = services.image_upload(actor=personas.board_specialist, article=article, upload=upload)
    assert (image.content_type, image.width) == ("image/png", 300)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("anh.jpg", b"<html><script>alert(1)</script></html>", "not_an_image"),
        ("anh.png", b"", "upload_empty"),
        ("anh.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "not_an_image"),
        ("anh.bmp", None, "not_an_image"),
    ],
)
def test_not_an_image_is_refused(personas, article, name, content, code) -> None:
    if content is None:
        out = io.BytesIO()
        Image.new("RGB", (10, 10)).save(out, "BMP")
        content = out.getvalue()
    with pytest.raises(DomainError) as exc:
        services.image_upload(
            actor=personas.board_specialist,
            article=article,
            upload=SimpleUploadedFile(name, content),
        )
    assert exc.value.code == code
    assert not ArticleImage.objects.exists()


@pytest.mark.django_db
def test_too_many_bytes_is_refused_before_decoding(personas, article, monkeypatch) -> None:
    monkeypatch.setattr(uploads, "MAX_IMAGE_BYTES", 1000)
    with pytest.raises(DomainError) as exc:
        services.image_upload(
            actor=personas.board_specialist,
            article=article,
            upload=SimpleUploadedFile("lon.png", png(400, 400) + b"\0" * 2000),
        )
    assert exc.value.code == "upload_too_big"
    assert "1000" not in exc.value.message  # said in MB


@pytest.mark.django_db
def test_too_many_pixels_is_refused(personas, article) -> None:
    # 8000 × 6000 = 48 megapixels of one colour: a small file that would take 144 MB decoded.
    with pytest.raises(DomainError) as exc:
        services.image_upload(
            actor=personas.board_specialist,
            article=article,
            upload=SimpleUploadedFile("bom.png", png(8000, 6000)),
        )
    assert exc.value.code == "image_too_large"
    assert "8000 × 6000" in exc.value.message
    assert not ArticleImage.objects.exists()


@pytest.mark.django_db
def test_attachments_are_checked_by_content(personas, article) -> None:
    pdf = SimpleUploadedFile("Kế hoạch 29-KH-TU.pdf", b"%PDF-1.7\n...")
    att = services.attachment_upload(actor=personas.board_specialist, article=article, upload=pdf)
    assert (att.filename, att.content_type) == ("ke-hoach-29-kh-tu.pdf", "application/pdf")
    for name, content in (
        ("virus.pdf", b"MZ\x90\x00"),
        ("trang.html", b"<html></html>"),
        ("bang.docx", b"%PDF-1.7"),
    ):
        with pytest.raises(DomainError) as exc:
            services.attachment_upload(
                actor=personas.board_specialist,
                article=article,
                upload=SimpleUploadedFile(name, content),
            )
        assert exc.value.code == "attachment_type"
    assert Attachment.objects.count() == 1
