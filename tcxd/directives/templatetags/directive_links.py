"""``{% load directive_links %}{% link_references text %}``: user text shown with the
document references in it linked to the register.

The text is escaped and its line breaks become ``<br>`` (as ``linebreaksbr`` does). Each
reference recognised by ``selectors.references_in``:

- a Party reference to a document of the register the user can see: a link to the
  document's page, its title (trích yếu) in the ``title`` attribute;
- a Party reference not in the register: for a user who may record changes somewhere, a
  link to the register form pre-filled from the reference (query parameters ``symbol``,
  ``date`` in ISO form when given, ``body`` when given); for others plain text saying it is
  not in the register;
- a State reference: plain text whose ``title`` says it is a State document.

It reads the user from ``request.user`` in the template context (pages render with the
request context processor). Until the register's pages exist (URL names
``directives:document`` and ``directives:document_create`` — or ``document_new``, the name
the pages use), references are marked but not linked.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import normalize_newlines
from django.utils.translation import gettext as _

from tcxd.accounts.choices import Action
from tcxd.accounts.scope import can_anywhere

from .. import selectors
from ..references import Reference, Vocabulary, find_references

register = template.Library()


def _plain(text: str) -> SafeString:
    """Escaped, with ``<br>`` for each line break."""
    return mark_safe(escape(normalize_newlines(text)).replace("\n", "<br>"))


# The register form: the name agreed for it, then the one the pages use today.
CREATE_NAMES = ("directives:document_create", "directives:document_new")


def _url(*names: str, args: tuple[Any, ...] = ()) -> str | None:
    """The path of the first of ``names`` that exists, or None."""
    for name in names:
        try:
            return reverse(name, args=args)
        except NoReverseMatch:
            continue
    return None


def register_query(ref: Reference) -> str:
    """The query string that pre-fills the register form from a reference."""
    params = {"symbol": ref.symbol}
    if ref.date is not None:
        params["date"] = ref.date.isoformat()
    if ref.body:
        params["body"] = " ".join(ref.body.split())
    return urlencode(params)


def _wrap(
    ref: Reference, inner: SafeString, known: Mapping[tuple[str, str, str], Any], user: Any
) -> str:
    if ref.system != "party":
        return format_html(
            '<span class="doc-ref doc-ref-state" title="{}">{}</span>',
            _("A State document (not in the Party register)"),
            inner,
        )
    document = known.get((ref.type, ref.number, ref.issuer))
    if document is not None:
        title = f"{document}: {document.title}"
        url = _url("directives:document", args=(document.pk,))
        if url:
            return format_html(
                '<a class="doc-ref" href="{}" title="{}">{}</a>',
                url,
                title,
                inner,
            )
        return format_html('<span class="doc-ref" title="{}">{}</span>', title, inner)
    create = _url(*CREATE_NAMES)
    if create and can_anywhere(user, Action.CHANGE):
        return format_html(
            '<a class="doc-ref doc-ref-unknown" href="{}?{}" title="{}">{}</a>',
            create,
            register_query(ref),
            _("Not in the register yet: add it"),
            inner,
        )
    return format_html(
        '<span class="doc-ref doc-ref-unknown" title="{}">{}</span>',
        _("Not in the register"),
        inner,
    )


def link_text(text: Any, user: Any, vocabulary: Vocabulary | None = None) -> SafeString:
    """The HTML of ``text`` with its references linked for ``user`` (see the module);
    ``vocabulary``: the recogniser's, when the caller already has it."""
    text = "" if text is None else str(text)
    if not text:
        refs = []
    elif vocabulary is None:
        refs = selectors.references_in(text)
    else:
        refs = find_references(text, vocabulary)
    known = selectors.documents_by_symbol(user, refs) if refs else {}
    parts: list[str] = []
    position = 0
    for ref in refs:
        parts.append(_plain(text[position : ref.start]))
        parts.append(_wrap(ref, _plain(text[ref.start : ref.end]), known, user))
        position = ref.end
    parts.append(_plain(text[position:]))
    return mark_safe("".join(parts))  # every piece is escaped or built by format_html


@register.simple_tag(takes_context=True)
def link_references(context: Mapping[str, Any], text: Any) -> SafeString:
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    # One read of the vocabulary per page, however many texts it shows.
    memo = context.render_context if hasattr(context, "render_context") else {}
    if "directive_links.vocabulary" not in memo:
        memo["directive_links.vocabulary"] = selectors.vocabulary()
    return link_text(text, user, memo["directive_links.vocabulary"])
