"""Uploaded images and attachments, checked for size and type before they are parsed.

Images are decoded by Pillow and written again (JPEG, or PNG when they have
transparency): only pixels survive, no metadata, no trailing bytes, no script disguised as
an image; the stored file is at most 1600 px wide, with a 480 px thumbnail. Attachments
are accepted by their first bytes (PDF, Office Open XML, legacy Office, ODF), never by
their name alone, and are always downloaded (``Content-Disposition: attachment``)."""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from tcxd.core.errors import DomainError

MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_IMAGE_PIXELS = 40_000_000  # 40 megapixels: beyond, a photo is a decompression bomb
MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024
FULL_WIDTH = 1600
THUMB_WIDTH = 480
IMAGE_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


@dataclass
class ProcessedImage:
    full: bytes
    thumb: bytes
    width: int
    height: int
    content_type: str
    extension: str


def _read(upload: Any, limit: int, too_big: str) -> bytes:
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise DomainError("upload_too_big", too_big)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise DomainError("upload_too_big", too_big)
    if not data:
        raise DomainError("upload_empty", _("The file is empty."))
    return bytes(data)


def process_image(upload: Any) -> ProcessedImage:
    data = _read(
        upload,
        MAX_IMAGE_BYTES,
        _("The image is larger than %(mb)s MB: make it smaller and upload it again.")
        % {"mb": MAX_IMAGE_BYTES // (1024 * 1024)},
    )
    not_image = _("This file is not an image (JPEG, PNG, WebP or GIF).")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(data))
            fmt = probe.format
            width, height = probe.size
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise DomainError("not_an_image", not_image) from exc
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise _too_many_pixels() from exc
    if fmt not in IMAGE_FORMATS:
        raise DomainError("not_an_image", not_image)
    if width * height > MAX_IMAGE_PIXELS:
        raise _too_many_pixels(width, height)
    try:
        image: Image.Image = Image.open(io.BytesIO(data))
        image.load()
        image = ImageOps.exif_transpose(image) or image
    except (OSError, SyntaxError, ValueError) as exc:
        raise DomainError(
            "broken_image", _("The image could not be read: the file is damaged.")
        ) from exc
    alpha = image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info)
    image = image.convert("RGBA" if alpha else "RGB")
    full = _encode(_fit(image, FULL_WIDTH), alpha)
    thumb = _encode(_fit(image, THUMB_WIDTH), alpha)
    fitted = _fit(image, FULL_WIDTH)
    return ProcessedImage(
        full=full,
        thumb=thumb,
        width=fitted.width,
        height=fitted.height,
        content_type="image/png" if alpha else "image/jpeg",
        extension="png" if alpha else "jpg",
    )


def _too_many_pixels(width: int = 0, height: int = 0) -> DomainError:
    size = f" ({width} × {height})" if width else ""
    return DomainError(
        "image_too_large",
        _(
            "The image has too many pixels%(size)s: at most %(mp)s megapixels. Reduce it "
            "and upload it again."
        )
        % {"size": size, "mp": MAX_IMAGE_PIXELS // 1_000_000},
    )


def _fit(image: Image.Image, width: int) -> Image.Image:
    if image.width <= width:
        return image
    height = max(1, round(image.height * width / image.width))
    return image.resize((width, height), Image.Resampling.LANCZOS)


def _encode(image: Image.Image, alpha: bool) -> bytes:
    image = image.copy()
    image.info = {}  # Pillow writes a kept "comment", ICC or EXIF back: only pixels leave
    out = io.BytesIO()
    if alpha:
        image.save(out, "PNG", optimize=True)
    else:
        image.save(out, "JPEG", quality=82, optimize=True, progressive=True)
    return out.getvalue()


# (magic bytes, content type, extensions)
_SIGNATURES = (
    (b"%PDF-", "application/pdf", {"pdf"}),
    (
        b"PK\x03\x04",
        "application/zip",
        {"docx", "xlsx", "pptx", "odt", "ods", "odp"},
    ),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "application/x-ole-storage", {"doc", "xls", "ppt"}),
)
_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "doc": "application/msword",
    "xls": "application/vnd.ms-excel",
    "ppt": "application/vnd.ms-powerpoint",
}


def check_attachment(upload: Any) -> tuple[bytes, str, str]:
    """``(content, content type, safe file name)`` of an acceptable attachment."""
    data = _read(
        upload,
        MAX_ATTACHMENT_BYTES,
        _("The file is larger than %(mb)s MB.") % {"mb": MAX_ATTACHMENT_BYTES // (1024 * 1024)},
    )
    name = str(getattr(upload, "name", "") or "tep")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    for magic, _kind, extensions in _SIGNATURES:
        if data.startswith(magic) and extension in extensions:
            return data, _TYPES[extension], safe_filename(name, extension)
    raise DomainError(
        "attachment_type",
        _("Attach PDF, Word, Excel, PowerPoint or OpenDocument files only (checked by content)."),
    )


def safe_filename(name: str, extension: str) -> str:
    from django.utils.text import slugify

    from tcxd.core.text import fold

    stem = name.rsplit("/", 1)[-1].rsplit("\\", 1)[-1].rsplit(".", 1)[0]
    return f"{slugify(fold(stem))[:80] or 'tep'}.{extension}"
