"""Recognise references to Party (and State) documents in Vietnamese text.

Pure Python (no Django imports): used by the directives models and forms, the
``tcxd find_references`` command and importers.

:func:`find_references` returns one :class:`Reference` per document reference, in text
order. A reference is::

    [TYPE WORD] [số[:]] SYMBOL [[,] [ban hành] ngày DATE] [[,] của BODY] [[,] ngày DATE]

Symbols
-------
Party (``system == "party"``)
    ``{number}-{TYPE}/{ISSUER}``: "29-KH/TU", "06-HD/BTCTU", "2537-NQ/ĐU". The type must be
    one of :attr:`Vocabulary.party_types`; the issuer is any 2-8 letters (known codes are
    returned in their canonical spelling, unknown ones upper-cased as written). The number
    keeps its written leading zeros ("05-CT/TW" → ``"05"``).
State (``system == "state"``)
    ``{number}/{year}/{TYPE}-{ISSUER}`` ("13/2023/NĐ-CP", "45/2024/QĐ-TTg"),
    ``{number}/{TYPE}-{ISSUER}`` ("1234/QĐ-UBND"), ``{number}/{year}/QH{n}`` (laws and
    resolutions of the National Assembly: "175/2024/QH15", also ``UBTVQH{n}``) and the
    công văn shape ``{number}/{ISSUER}-{UNIT}`` ("123/UBND-NC"), recognised as such when the
    part before the hyphen is not one of :attr:`Vocabulary.state_types`. The year in a
    symbol is not a date. A Party symbol has a hyphen before the type and a slash before
    the issuer, a State symbol a slash after the number, so "Nghị quyết 21-NQ/TW" (Party)
    and "Nghị quyết 175/2024/QH15" (State) never meet.

Decisions
---------
* Type: the symbol's type wins. The type word just before the symbol (only "số" or
  "số:" may come between; "Chương trình hành động" is preferred to "Chương trình") is kept
  in the span even when it disagrees with the symbol. When the symbol has no type (the
  QH and công văn shapes) the word gives it; without a word, a State reference listed
  right after one of the same shape ("Luật 29/2013/QH13 và 30/2013/QH13") takes its type,
  and a công văn symbol preceded by "số" is a ``CV``; otherwise a type-less symbol is not
  a reference.
* Span: from the type word (else "số", else the number) through the last part found:
  symbol, date, issuing body. ``text == original[start:end]``; it never starts or ends
  with whitespace. Several references in one sentence are separate ("các Nghị quyết
  21-NQ/TW và 28-NQ/TW": the second starts at "28").
* Date: "ngày" (optionally "ban hành ngày") then ``d/m/yyyy``, ``d-m-yyyy``, ``d.m.yyyy``
  (same separator twice, spaces allowed around it) or "d tháng m năm yyyy". It may come
  before or after the issuing body. A date that does not exist (31/02/2022) stays in the
  span with ``date`` None.
* Issuing body: "của" followed by a body name starting with a known word (Ban, Bộ, Tỉnh
  ủy, Thành ủy, Huyện ủy, Đảng (ủy/đoàn/bộ), Chi bộ, Văn phòng, Ủy ban, UBND, Hội nghị,
  Chính phủ, Thủ tướng, Quốc hội, Trung ương, Thường trực, ...; see ``_BODY_STARTS``).
  ``body`` excludes "của" and is the original text, line breaks included. It ends before
  punctuation (``, ; . : ( ) " “ ” - /`` …), a blank line, "về", "và", "với", "nhằm",
  "trong", "được", "đã" (not "Đà Nẵng"/"Đà Lạt"), "ngày", "theo", "thực hiện", "triển
  khai", "tiếp tục", "ban hành", "số <digit>", a type word or a symbol, after a term suffix
  "khóa XIII"/"khoá XII" (included), and after 12 words at most. Without a known first
  word there is no body and "của ..." is not in the span.
* Case, tone and letter marks do not matter anywhere ("chi thi 05-ct/tw" is a ``CT`` of
  ``TW``; "DU" is ``ĐU`` when the vocabulary knows ĐU and not DU), nor does the Unicode
  form (NFC, NFD or mixed), spacing around "-" and "/", or line breaks (a blank line ends
  an issuing body). En and em dashes count as "-".
* Nothing raises: any string gives a (possibly empty) list.

Offsets
-------
Matching runs on a folded copy of the text: every character is replaced by its lower-case
base letter (``ế`` → ``e``, ``Đ`` → ``d``, dashes → ``-``) one for one, and the combining
marks U+0300-U+036F (the Vietnamese tone and letter marks of NFD text) are dropped. When
nothing is dropped (NFC text, the usual case) folded indices are original indices. Otherwise
a table ``starts`` gives, for every folded index, the original index of that character
(plus the original length at the end): a folded span ``[a, b)`` is the original span
``[starts[a], starts[b])``, which also covers the marks that follow the last character. So
offsets are Python ``str`` indices into the string given, whatever its normal form.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Final, Literal

from tcxd.core.text import fold

__all__ = [
    "DEFAULT_VOCABULARY",
    "Reference",
    "Vocabulary",
    "canonical_symbol",
    "find_references",
    "parse_symbol",
]

System = Literal["party", "state"]

# --------------------------------------------------------------------------------------
# Default vocabulary
# --------------------------------------------------------------------------------------

DEFAULT_TYPE_WORDS: Final[Mapping[str, str]] = {
    # Party (and State) document types.
    "nghị quyết": "NQ",
    "quyết định": "QĐ",
    "quy định": "QĐ",
    "chỉ thị": "CT",
    "kết luận": "KL",
    "quy chế": "QC",
    "hướng dẫn": "HD",
    "thông báo": "TB",
    "báo cáo": "BC",
    "kế hoạch": "KH",
    "chương trình": "CTr",
    "chương trình hành động": "CTr",
    "đề án": "ĐA",
    "phương án": "PA",
    "tờ trình": "TTr",
    "công văn": "CV",
    "biên bản": "BB",
    "thông tri": "TT",
    # State only.
    "nghị định": "NĐ",
    "thông tư": "TT",
    "thông tư liên tịch": "TTLT",
    "nghị quyết liên tịch": "NQLT",
    "luật": "L",
    "pháp lệnh": "PL",
}

DEFAULT_PARTY_TYPES: Final = frozenset(
    {"NQ", "QĐ", "CT", "KL", "QC", "HD", "TB", "BC", "KH", "CTr", "ĐA", "PA", "TTr", "CV"}
    | {"BB", "TT"}
)

DEFAULT_ISSUERS: Final = frozenset(
    {"TW", "VPTW", "BTCTW", "BTGTW", "BTGDVTW", "UBKTTW", "TU", "BTCTU", "BTGTU", "BTGDVTU"}
    | {"UBKTTU", "VPTU", "HU", "ĐU", "ĐUK", "CB", "ĐH"}
)

# Type abbreviations of State symbols (Decree 30/2020/NĐ-CP and legal documents).
DEFAULT_STATE_TYPES: Final = frozenset(
    {"NĐ", "TT", "TTLT", "QĐ", "QyĐ", "NQ", "NQLT", "CT", "QC", "TB", "HD", "CTr", "KH"}
    | {"PA", "ĐA", "DA", "BC", "BB", "TTr", "HĐ", "CĐ", "GM", "GGT", "GUQ", "GNP", "PG"}
    | {"PC", "PB", "TC", "KL", "PL"}
)

# Issuers of State documents whose canonical spelling is known (others are upper-cased).
DEFAULT_STATE_ISSUERS: Final = frozenset(
    {"CP", "TTg", "VPCP", "QH", "UBTVQH", "BNV", "BTC", "BCA", "BQP", "BYT", "BGDĐT"}
    | {"BKHĐT", "BTNMT", "BNG", "BTP", "BCT", "BXD", "BGTVT", "BLĐTBXH", "BVHTTDL"}
    | {"BTTTT", "BNNPTNT", "BKHCN", "NHNN", "TTCP", "KTNN", "UBND", "HĐND", "TANDTC"}
    | {"VKSNDTC", "BHXH", "UBDT"}
)

# First words of an issuing body (folded).
_BODY_STARTS: Final = (
    "ban",
    "bo",
    "bch",
    "btv",
    "bct",
    "bbt",
    "tinh uy",
    "thanh uy",
    "huyen uy",
    "quan uy",
    "thi uy",
    "dang",
    "chi bo",
    "chi uy",
    "cap uy",
    "van phong",
    "uy ban",
    "ubnd",
    "hdnd",
    "ubkt",
    "hoi",
    "chinh phu",
    "thu tuong",
    "quoc hoi",
    "trung uong",
    "tw",
    "thuong truc",
    "thuong vu",
    "tong bi thu",
    "chu tich",
    "so",
    "cuc",
    "tong cuc",
    "vien",
    "toa an",
    "mat tran",
    "doan",
    "tinh doan",
    "thanh doan",
    "lien doan",
    "tieu ban",
)

# Words and phrases (folded) before which an issuing body ends.
_BODY_STOP_WORDS: Final = (
    "ve",
    "va",
    "voi",
    "nham",
    "trong",
    "duoc",
    "de",
    "den",
    "theo",
    "ngay",
    "tren",
    "sau",
    "neu",
    "hoac",
    "nay",
    "thuc hien",
    "trien khai",
    "tiep tuc",
    "ban hanh",
    "quan triet",
)
# "đã" ends a body, "Đà Nẵng" does not.
_DA_PLACES: Final = ("nang", "lat", "bac", "huoai", "teh", "krong")

_MAX_BODY_WORDS: Final = 12
_LEAD_WINDOW: Final = 80  # folded characters searched for a type word before a symbol


# --------------------------------------------------------------------------------------
# Folding with an offset map
# --------------------------------------------------------------------------------------

_MARK_RUNS: Final = re.compile("[\u0300-\u036f]+")
_DASHES: Final = frozenset("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d")
_SLASHES: Final = frozenset("\u2044\u2215\uff0f")
_D_LETTERS: Final = frozenset("đĐðÐ")


class _FoldTable(dict[int, "str | None"]):
    """``str.translate`` table: one lower-case base character per character.

    Filled lazily (``__missing__``); only the combining marks U+0300-U+036F map to None.
    """

    def __missing__(self, key: int) -> str | None:
        char = chr(key)
        value: str | None
        if "\u0300" <= char <= "\u036f":
            value = None
        elif char in _DASHES:
            value = "-"
        elif char in _SLASHES:
            value = "/"
        elif char in _D_LETTERS:
            value = "d"
        else:
            base = unicodedata.normalize("NFD", char)[0]
            lower = base.lower()
            value = lower if len(lower) == 1 else base
        self[key] = value
        return value


_FOLD_TABLE: Final = _FoldTable()


@dataclass(frozen=True)
class _Folded:
    """The folded copy of a text and the map back to original indices."""

    text: str
    starts: list[int] | None  # None: folded indices are original indices

    def orig(self, index: int) -> int:
        return index if self.starts is None else self.starts[index]


def _fold_with_offsets(text: str) -> _Folded:
    if text.isascii():
        return _Folded(text.lower(), None)
    if _MARK_RUNS.search(text) is None:
        return _Folded(text.translate(_FOLD_TABLE), None)
    starts: list[int] = []
    previous = 0
    for run in _MARK_RUNS.finditer(text):
        starts.extend(range(previous, run.start()))
        previous = run.end()
    starts.extend(range(previous, len(text)))
    starts.append(len(text))
    return _Folded(_MARK_RUNS.sub("", text).translate(_FOLD_TABLE), starts)


def _written(value: str) -> str:
    """A symbol part as written: NFC, no whitespace."""
    return "".join(unicodedata.normalize("NFC", value).split())


def _folded_key(value: str) -> str:
    return fold(value).replace(" ", "")


class _Canon:
    """Canonical spelling of codes: exact, then case-insensitive, then accent-insensitive."""

    def __init__(self, values: Iterable[str]) -> None:
        self.exact = frozenset(_written(value) for value in values)
        self.lower: dict[str, str] = {}
        folded: dict[str, str | None] = {}
        for value in sorted(self.exact):
            self.lower.setdefault(value.lower(), value)
            key = _folded_key(value)
            folded[key] = value if key not in folded else None  # None: ambiguous
        self.folded = folded

    def get(self, written: str) -> str | None:
        if written in self.exact:
            return written
        found = self.lower.get(written.lower())
        if found is not None:
            return found
        return self.folded.get(_folded_key(written))

    def upper(self, written: str) -> str:
        """The canonical spelling, or ``written`` upper-cased when unknown."""
        return self.get(written) or written.upper()


# --------------------------------------------------------------------------------------
# Patterns (on folded text)
# --------------------------------------------------------------------------------------

_NUMBER_START: Final = r"(?<![0-9a-z/.\-])"
_PARTY_SYMBOL: Final = (
    r"(?P<p_num>[0-9]{1,6})\s*-\s*(?P<p_type>[a-z]{1,5})\s*/\s*(?P<p_iss>[a-z]{2,8})(?![a-z0-9])"
)
_PARTY_FULL_RE: Final = re.compile(r"\s*(?:so\s*:?\s*)?" + _PARTY_SYMBOL + r"\s*")

_CODE: Final = r"[a-z][a-z0-9]{0,9}(?![a-z0-9])"

_DATE_RE: Final = re.compile(
    r"\s*(?:,\s*)?(?:ban\s+hanh\s+)?ngay\s+(?:"
    r"(?P<d>[0-9]{1,2})\s*(?P<sep>[/.\-])\s*(?P<m>[0-9]{1,2})\s*(?P=sep)\s*(?P<y>[0-9]{4})"
    r"|(?P<d2>[0-9]{1,2})\s+thang\s+(?P<m2>[0-9]{1,2})\s*(?:,\s*)?nam\s+(?P<y2>[0-9]{4})"
    r")(?![0-9])"
)
_BODY_LEAD_RE: Final = re.compile(r"\s*(?:,\s*)?cua\s+")
_TOKEN_RE: Final = re.compile(r"(\s*)([^\s,;.()\[\]{}<>\"'“”‘’«»:!?…/\-]+)")
_TERM_RE: Final = re.compile(r"\s+(?:[ivxlc]{1,7}|[0-9]{1,2})(?![a-z0-9])")
_LIST_GAP_RE: Final = re.compile(r"(?:\s|[,;]|va(?![a-z0-9])|hoac(?![a-z0-9]))*")


def _phrase_pattern(phrase: str) -> str:
    return r"\s+".join(re.escape(word) for word in phrase.split())


def _alternation(phrases: Iterable[str]) -> str:
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))
    return "(?:" + "|".join(_phrase_pattern(p) for p in ordered) + ")"


_BODY_START_RE: Final = re.compile(_alternation(_BODY_STARTS) + r"(?![a-z0-9])")


@dataclass(frozen=True)
class _Compiled:
    type_words: dict[str, str]  # normalised folded phrase -> abbreviation
    party_types: _Canon
    issuers: _Canon
    state_types: _Canon
    state_issuers: _Canon
    symbol_re: re.Pattern[str]
    lead_re: re.Pattern[str]
    stop_re: re.Pattern[str]


def _compile(vocabulary: Vocabulary) -> _Compiled:
    type_words: dict[str, str] = {}
    for phrase, abbreviation in vocabulary.types.items():
        key = fold(phrase)
        if key:
            type_words[key] = _written(abbreviation)
    state_issuers = _Canon(vocabulary.state_issuers)
    known_issuers = sorted(state_issuers.folded, key=lambda c: (-len(c), c))
    tail = (
        r"(?:-" + _CODE + r"|\s*-\s*(?:" + "|".join(map(re.escape, known_issuers)) + r")"
        r"(?![a-z0-9]))*"
        if known_issuers
        else r"(?:-" + _CODE + r")*"
    )
    symbol_re = re.compile(
        _NUMBER_START
        + "(?:"
        + _PARTY_SYMBOL
        + r"|(?P<y_num>[0-9]{1,6})\s*/\s*(?P<y_year>(?:19|20)[0-9]{2})\s*/\s*"
        + r"(?P<y_type>[a-z]{1,6})\s*-\s*(?P<y_iss>"
        + _CODE
        + tail
        + r")"
        + r"|(?P<q_num>[0-9]{1,6})\s*/\s*(?P<q_year>(?:19|20)[0-9]{2})\s*/\s*"
        + r"(?P<q_iss>(?:ubtv)?qh[0-9]{0,2})(?![a-z0-9])"
        + r"|(?P<c_num>[0-9]{1,6})\s*/\s*(?P<c_a>[a-z]{1,8})\s*-\s*(?P<c_b>"
        + _CODE
        + tail
        + r")"
        + ")"
    )
    words = _alternation(type_words) if type_words else "(?!)"
    lead_re = re.compile(
        r"(?:(?<![a-z0-9])(?P<word>" + words + r")\s+)?"
        r"(?:(?<![a-z0-9])(?P<so>so)\s*(?::\s*)?)?\Z"
    )
    stop_re = re.compile(
        r"(?:"
        + _alternation(_BODY_STOP_WORDS)
        + "|"
        + words
        + r"|da(?![a-z0-9])(?!\s+"
        + _alternation(_DA_PLACES)
        + r"(?![a-z0-9]))"
        + r")(?![a-z0-9])"
        + r"|so\s*(?::\s*)?[0-9]"
    )
    return _Compiled(
        type_words=type_words,
        party_types=_Canon(vocabulary.party_types),
        issuers=_Canon(vocabulary.issuers),
        state_types=_Canon(vocabulary.state_types),
        state_issuers=state_issuers,
        symbol_re=symbol_re,
        lead_re=lead_re,
        stop_re=stop_re,
    )


# --------------------------------------------------------------------------------------
# Public API
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Vocabulary:
    """The words and codes the recogniser knows.

    ``types`` maps a type word ("kế hoạch", accents and case do not matter: keys are
    folded) to its abbreviation ("KH"); the longest phrase wins. ``party_types`` are the
    abbreviations allowed in a Party symbol, ``issuers`` the known Party issuer codes
    (unknown codes of the right shape are accepted too). ``state_types`` and
    ``state_issuers`` do the same for State symbols.
    """

    types: Mapping[str, str]
    party_types: frozenset[str]
    issuers: frozenset[str]
    state_types: frozenset[str] = DEFAULT_STATE_TYPES
    state_issuers: frozenset[str] = DEFAULT_STATE_ISSUERS
    _compiled: _Compiled = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_compiled", _compile(self))

    def extended(
        self,
        *,
        types: Mapping[str, str] | None = None,
        party_types: Iterable[str] = (),
        issuers: Iterable[str] = (),
    ) -> Vocabulary:
        """Return a copy with more type words, Party type abbreviations and issuers."""
        return Vocabulary(
            types={**self.types, **(types or {})},
            party_types=self.party_types | frozenset(party_types),
            issuers=self.issuers | frozenset(issuers),
            state_types=self.state_types,
            state_issuers=self.state_issuers,
        )


DEFAULT_VOCABULARY: Final = Vocabulary(
    types=DEFAULT_TYPE_WORDS, party_types=DEFAULT_PARTY_TYPES, issuers=DEFAULT_ISSUERS
)


@dataclass(frozen=True)
class Reference:
    """One reference found in a text.

    ``start``/``end`` index the original string (``text == original[start:end]``);
    ``type``, ``number`` and ``issuer`` are canonical (``"KH"``, ``"29"``, ``"TU"``);
    ``body`` is the issuing body as written (without "của"), or None.
    """

    start: int
    end: int
    text: str
    system: System
    type: str
    number: str
    issuer: str
    date: datetime.date | None
    body: str | None
    _symbol: str = field(default="", repr=False, compare=False, kw_only=True)

    @property
    def symbol(self) -> str:
        """The canonical number-symbol: "29-KH/TU", "13/2023/NĐ-CP", "123/UBND-NC"."""
        if self.system == "party" or not self._symbol:
            return canonical_symbol(self.number, self.type, self.issuer)
        return self._symbol

    def to_json(self) -> dict[str, str | int | None]:
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "system": self.system,
            "type": self.type,
            "number": self.number,
            "issuer": self.issuer,
            "date": self.date.isoformat() if self.date else None,
            "body": self.body,
        }


def canonical_symbol(number: str, type: str, issuer: str) -> str:
    """Return the canonical Party number-symbol: ``canonical_symbol("29", "KH", "TU")``
    is ``"29-KH/TU"``."""
    return f"{number.strip()}-{type.strip()}/{issuer.strip()}"


def parse_symbol(
    value: str, vocabulary: Vocabulary = DEFAULT_VOCABULARY
) -> tuple[str, str, str] | None:
    """Parse a Party number-symbol typed by a user ("29-KH/TU", "29 - kh/tu", "số 29-KH/TU").

    Returns canonical ``(number, type, issuer)``, or None when ``value`` is not exactly one
    Party symbol with a known type.
    """
    source = _fold_with_offsets(value)
    match = _PARTY_FULL_RE.fullmatch(source.text)
    if match is None:
        return None
    compiled = vocabulary._compiled
    type_ = compiled.party_types.get(_group(value, source, match, "p_type"))
    if type_ is None:
        return None
    issuer = compiled.issuers.upper(_group(value, source, match, "p_iss"))
    return match.group("p_num"), type_, issuer


def _group(text: str, source: _Folded, match: re.Match[str], name: str) -> str:
    return _written(text[source.orig(match.start(name)) : source.orig(match.end(name))])


@dataclass(frozen=True)
class _Head:
    system: System
    type: str | None  # None: from the word (QH and công văn shapes)
    shape: str  # "party", "typed", "qh", "cv"
    number: str
    issuer: str
    symbol: str


def _state_code(compiled: _Compiled, written: str) -> str:
    dashes = "".join("-" if char in _DASHES else char for char in written)
    parts = [part for part in dashes.split("-") if part]
    return "-".join(compiled.state_issuers.upper(part) for part in parts)


def _head(text: str, source: _Folded, match: re.Match[str], compiled: _Compiled) -> _Head | None:
    def group(name: str) -> str:
        return _group(text, source, match, name)

    if match.group("p_num") is not None:
        type_ = compiled.party_types.get(group("p_type"))
        if type_ is None:
            return None
        number, issuer = match.group("p_num"), compiled.issuers.upper(group("p_iss"))
        return _Head(
            "party", type_, "party", number, issuer, canonical_symbol(number, type_, issuer)
        )
    if match.group("y_num") is not None:
        number, year = match.group("y_num"), match.group("y_year")
        type_ = compiled.state_types.upper(group("y_type"))
        issuer = _state_code(compiled, group("y_iss"))
        return _Head("state", type_, "typed", number, issuer, f"{number}/{year}/{type_}-{issuer}")
    if match.group("q_num") is not None:
        number, year = match.group("q_num"), match.group("q_year")
        issuer = group("q_iss").upper()
        return _Head("state", None, "qh", number, issuer, f"{number}/{year}/{issuer}")
    number = match.group("c_num")
    first, rest = group("c_a"), _state_code(compiled, group("c_b"))
    type_or_none = compiled.state_types.get(first)
    if type_or_none is not None:
        return _Head(
            "state", type_or_none, "typed", number, rest, f"{number}/{type_or_none}-{rest}"
        )
    issuer = compiled.state_issuers.upper(first)
    return _Head("state", None, "cv", number, issuer, f"{number}/{issuer}-{rest}")


def _date(match: re.Match[str]) -> datetime.date | None:
    day, month, year = match.group("d", "m", "y")
    if day is None:
        day, month, year = match.group("d2", "m2", "y2")
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _body(folded: str, pos: int, compiled: _Compiled) -> tuple[int, int] | None:
    """Folded ``(start, end)`` of an issuing body introduced by "của" at ``pos``."""
    lead = _BODY_LEAD_RE.match(folded, pos)
    if lead is None or _BODY_START_RE.match(folded, lead.end()) is None:
        return None
    start = end = lead.end()
    words = 0
    while words < _MAX_BODY_WORDS:
        token = _TOKEN_RE.match(folded, end)
        if token is None:
            break
        if words:
            if token.group(1).count("\n") >= 2:
                break
            at = token.start(2)
            if compiled.stop_re.match(folded, at) or compiled.symbol_re.match(folded, at):
                break
        words += 1
        end = token.end()
        if token.group(2) == "khoa":
            term = _TERM_RE.match(folded, end)
            if term is not None:
                end = term.end()
                break
    return start, end


def find_references(text: str, vocabulary: Vocabulary = DEFAULT_VOCABULARY) -> list[Reference]:
    """Return every Party or State document reference in ``text``, in order.

    See the module docstring for the grammar and the decisions taken.
    """
    if not text:
        return []
    compiled = vocabulary._compiled
    source = _fold_with_offsets(text)
    folded = source.text
    references: list[Reference] = []
    floor = 0  # folded end of the previous reference
    previous: tuple[str, str, int] | None = None  # (shape, type, folded end) of a State ref

    for match in compiled.symbol_re.finditer(folded):
        if match.start() < floor:
            continue
        head = _head(text, source, match, compiled)
        if head is None:
            continue
        lead = compiled.lead_re.search(
            folded, max(floor, match.start() - _LEAD_WINDOW), match.start()
        )
        start = match.start()
        word_type: str | None = None
        has_so = False
        if lead is not None:
            if lead.group("word") is not None:
                start = lead.start("word")
                word_type = compiled.type_words.get(" ".join(lead.group("word").split()))
            elif lead.group("so") is not None:
                start = lead.start("so")
                has_so = True

        type_ = head.type
        if type_ is None:
            if word_type is not None:
                type_ = word_type
            elif (
                previous is not None
                and previous[0] == head.shape
                and _LIST_GAP_RE.fullmatch(folded, previous[2], start) is not None
            ):
                type_ = previous[1]
            elif head.shape == "cv" and has_so:
                type_ = "CV"
            else:
                continue

        end = match.end()
        date: datetime.date | None = None
        has_date = False
        date_match = _DATE_RE.match(folded, end)
        if date_match is not None:
            date, has_date, end = _date(date_match), True, date_match.end()
        body_span = _body(folded, end, compiled)
        body: str | None = None
        if body_span is not None:
            body_start, end = body_span
            body = text[source.orig(body_start) : source.orig(end)].strip() or None
            if not has_date:
                date_match = _DATE_RE.match(folded, end)
                if date_match is not None:
                    date, end = _date(date_match), date_match.end()

        original_start, original_end = source.orig(start), source.orig(end)
        references.append(
            Reference(
                start=original_start,
                end=original_end,
                text=text[original_start:original_end],
                system=head.system,
                type=type_,
                number=head.number,
                issuer=head.issuer,
                date=date,
                body=body,
                _symbol=head.symbol,
            )
        )
        floor = end
        previous = (head.shape, type_, end) if head.type is None else None
    return references
