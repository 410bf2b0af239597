"""Search that ignores diacritics and case: "to chuc xay dung dang" finds "Tổ chức xây
dựng Đảng".

Each article stores ``search_text`` = ``" " + fold(title) + " | " + fold(summary and
body)`` (``tcxd.core.text.fold``: lower case, no marks, đ → d). A query is folded the same
way and split into words; an article matches when every word starts a word of its text
(``LIKE '% word%'``; a word of one or two letters must be a whole word). Matches are
ranked in Python (few per query): the whole phrase in the
title, then in the text, words in the title, then how often the words occur, newest first
on ties. Highlighting maps the folded positions back to the original text.
"""

from __future__ import annotations

import html as html_lib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from tcxd.core.text import fold

MAX_WORDS = 8
MAX_CANDIDATES = 400
SHORT = 2


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", fold(text)))


def search_text_of(title: str, summary: str, body_text: str) -> str:
    """Folded words only (punctuation dropped), one space apart, so that " word" is the
    start of a word and " word " a whole word."""
    return f" {_words(title)} | {_words(summary + ' ' + body_text)} "


def query_words(query: str) -> list[str]:
    words = [w for w in re.split(r"[^\w]+", fold(query)) if w]
    return words[:MAX_WORDS]


def needle(word: str) -> str:
    """What ``search_text`` must contain for ``word``: the start of a word, or for a word of
    one or two letters ("to", "xa") the whole word (else "to" would find every "tổng")."""
    return f" {word} " if len(word) <= SHORT else f" {word}"


@dataclass
class Ranked:
    article: Any
    score: float


def rank(articles: Iterable[Any], words: list[str]) -> list[Ranked]:
    phrase = " " + " ".join(words)
    ranked = []
    for article in articles:
        text = article.search_text
        title, _sep, rest = text.partition(" | ")
        score = 0.0
        if phrase in title:
            score += 100
        if phrase in rest:
            score += 40
        for w in words:
            n = needle(w)
            whole = f" {w} "
            score += 10 * title.count(n) + min(rest.count(n), 20)
            score += 5 * title.count(whole) + min(rest.count(whole), 20) / 2
        ranked.append(Ranked(article, score))
    ranked.sort(key=lambda r: (-r.score, -(r.article.published_at.timestamp())))
    return ranked


def _fold_chars(text: str) -> tuple[str, list[int]]:
    """``text`` folded character by character, with the index in ``text`` of each folded
    character (a character folding to nothing, e.g. a lone combining mark, is skipped)."""
    out: list[str] = []
    index: list[int] = []
    for i, char in enumerate(text):
        if char.isspace():
            folded = " "
        else:
            decomposed = unicodedata.normalize("NFD", char.lower())
            folded = "".join(
                "d" if c in "đð" else c for c in decomposed if not unicodedata.combining(c)
            )
        for c in folded:
            out.append(c)
            index.append(i)
    return "".join(out), index


def spans(text: str, words: list[str]) -> list[tuple[int, int]]:
    """Where in ``text`` (original positions) a word of the text starts with a query word."""
    folded, index = _fold_chars(text)
    found: list[tuple[int, int]] = []
    for w in words:
        tail = r"(?!\w)" if len(w) <= SHORT else ""
        for m in re.finditer(r"(?<!\w)" + re.escape(w) + tail, folded):
            start, end = index[m.start()], index[m.end() - 1] + 1
            found.append((start, end))
    found.sort()
    merged: list[tuple[int, int]] = []
    for start, end in found:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(text: str, words: list[str]) -> SafeString:
    """``text`` escaped, with the matches in ``<mark>``."""
    parts: list[str] = []
    position = 0
    for start, end in spans(text, words):
        parts.append(html_lib.escape(text[position:start]))
        parts.append(f"<mark>{html_lib.escape(text[start:end])}</mark>")
        position = end
    parts.append(html_lib.escape(text[position:]))
    return mark_safe("".join(parts))  # every piece escaped


def snippet(text: str, words: list[str], length: int = 240) -> SafeString:
    """A part of ``text`` around the first match, highlighted."""
    found = spans(text, words)
    if not found or len(text) <= length:
        start = 0
    else:
        start = max(0, found[0][0] - length // 3)
        space = text.rfind(" ", 0, start)
        start = space + 1 if space > 0 and start - space < 20 else start
    piece = text[start : start + length]
    if start + length < len(text):
        cut = piece.rfind(" ")
        piece = (piece[:cut] if cut > length // 2 else piece) + " …"
    if start > 0:
        piece = "… " + piece
    return highlight(piece, words)
