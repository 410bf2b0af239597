"""Article HTML: sanitised on save with nh3 (an allow-list; what was removed is named so
the editor can be told), turned into plain text for search and feeds, and, at render time,
its text nodes given links to the directive register.

Only the sanitised HTML is ever stored or shown; the raw input is dropped after cleaning.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any

import nh3
from django.utils.safestring import SafeString, mark_safe

from tcxd.core.text import normalize_text

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "strong", "b", "em", "i", "u", "s", "sub", "sup",
        "h2", "h3", "h4", "ul", "ol", "li", "blockquote", "a", "img", "figure",
        "figcaption", "table", "thead", "tbody", "tr", "th", "td", "hr",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
}
# Images in a body are the site's own (uploaded and re-encoded), never another server's.
OWN_IMAGE_PREFIX = "/tin-tuc/anh/"
URL_SCHEMES = frozenset({"http", "https", "mailto"})
BLOCK_TAGS = frozenset(
    {"p", "br", "h2", "h3", "h4", "li", "blockquote", "tr", "figure", "figcaption", "hr"}
)
# Tags whose content is dropped with the tag (nh3's default clean_content_tags plus ours).
DROPPED_WITH_CONTENT = frozenset({"script", "style", "iframe", "object", "embed", "noscript"})


def _attribute_filter(tag: str, attr: str, value: str) -> str | None:
    if tag == "img" and attr == "src":
        return value if value.startswith(OWN_IMAGE_PREFIX) else None
    if tag == "a" and attr == "href" and value.strip().lower().startswith("//"):
        return None  # protocol-relative: another server
    return value


def sanitize(raw: str) -> tuple[str, list[str]]:
    """``(clean HTML, names of what was removed)``: tags outside the allow-list (their text
    is kept, except for script-like tags), event handlers and other attributes, scripts in
    links, images from other servers."""
    removed = _removed(raw)
    clean = nh3.clean(
        raw,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(attrs) for tag, attrs in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_attribute_filter,
        url_schemes=set(URL_SCHEMES),
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    clean = clean.replace("\r\n", "\n").strip()
    if re.fullmatch(r"(?:<p>\s*(?:<br>)?\s*</p>\s*)*", clean):
        clean = ""
    return clean, removed


class _Inspector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.removed: list[str] = []

    def _note(self, name: str) -> None:
        if name not in self.removed:
            self.removed.append(name)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self._note(f"<{tag}>")
            return
        allowed = ALLOWED_ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            if name not in allowed:
                self._note(name)
            elif name == "href" and value and _bad_href(value):
                self._note(f"href={value.strip()[:30]}")
            elif name == "src" and value is not None and not value.startswith(OWN_IMAGE_PREFIX):
                self._note(f"src={value.strip()[:40]}")


def _bad_href(value: str) -> bool:
    v = re.sub(r"[\x00-\x20]", "", html_lib.unescape(value)).lower()
    if v.startswith("//"):
        return True
    scheme = re.match(r"([a-z][a-z0-9+.\-]*):", v)
    return bool(scheme and scheme.group(1) not in URL_SCHEMES)


def _removed(raw: str) -> list[str]:
    inspector = _Inspector()
    inspector.feed(raw)
    inspector.close()
    return inspector.removed


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(clean: str) -> str:
    """The text of sanitised HTML: one line per block, NFC, single spaces."""
    extractor = _TextExtractor()
    extractor.feed(clean)
    extractor.close()
    lines = (normalize_text(line) for line in "".join(extractor.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def text_to_html(text: str) -> str:
    """Plain text (one paragraph a line) as HTML paragraphs, escaped."""
    lines = [normalize_text(line) for line in text.replace("\r", "\n").split("\n")]
    return "\n".join(f"<p>{html_lib.escape(line, quote=False)}</p>" for line in lines if line)


_TAG = re.compile(r"(<[^>]*>)")


def map_text_nodes(clean: str, transform: Callable[[str], str]) -> SafeString:
    """Sanitised HTML with each text node outside links replaced by ``transform(text)``
    (text in, HTML out: ``transform`` must escape what it returns)."""
    out: list[str] = []
    in_link = 0
    for piece in _TAG.split(clean):
        if not piece:
            continue
        if piece.startswith("<"):
            name = piece[1:].lstrip("/").split(None, 1)[0].rstrip(">").lower() if piece else ""
            if name == "a":
                in_link += -1 if piece.startswith("</") else 1
            out.append(piece)
        elif in_link or not piece.strip():
            out.append(piece)
        else:
            out.append(transform(html_lib.unescape(piece).replace("\n", " ")))
    return mark_safe("".join(out))  # tags come from sanitised HTML, text from transform


def link_references_html(clean: str, user: Any) -> SafeString:
    """The directive register's links (``directive_links.link_text``) added to the text
    nodes of sanitised HTML, never inside a tag or an existing link."""
    try:
        from tcxd.directives import selectors as directive_selectors
        from tcxd.directives.templatetags.directive_links import link_text
    except ImportError:  # the register is not installed: the body as it is
        return mark_safe(clean)
    vocabulary = directive_selectors.vocabulary()
    return map_text_nodes(clean, lambda text: str(link_text(text, user, vocabulary)))
