"""Read the fields of the register from the pasted first page of a Party document.

A Party document's first page (HD 36-HD/VPTW on the format of Party documents) reads::

    TỈNH ỦY THỪA THIÊN HUẾ                      ĐẢNG CỘNG SẢN VIỆT NAM
    BAN THƯỜNG VỤ
          *                                   Huế, ngày 14 tháng 01 năm 2022
    Số 29-KH/TU

                                 KẾ HOẠCH
           thực hiện Kết luận số 21-KL/TW, ngày 25/10/2021 của Ban Chấp hành
             Trung ương Đảng khóa XIII về đẩy mạnh xây dựng, chỉnh đốn Đảng …
                                   -----
    Thực hiện Kết luận số 21-KL/TW …, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch …

:func:`parse_first_page` returns what it finds of: the issuing body (the header lines in
capitals, the upper one naming the committee above; "ĐẢNG CỘNG SẢN VIỆT NAM" is the
Party's name, not the body), the number and symbol (the reference after "Số", through
``references.find_references``), the date of the place-and-date line, the type line in
capitals and the summary (trích yếu) lines under it, up to the rule ("-----"), a blank
line or the first body paragraph. A công văn's summary is its "V/v …" line.

Text copied out of a PDF or Word file arrives in any shape: two columns merged into one
line or split in any order, NFD or NFC, runs of spaces, tabs, non-breaking spaces. Nothing
raises: what cannot be found stays empty, for the person to fill in.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from collections.abc import Mapping

from tcxd.core.text import fold, normalize_text

from .references import DEFAULT_VOCABULARY, Reference, Vocabulary, find_references

# How many lines of the page are read at most (a first page is about 40 lines).
MAX_LINES = 80
MAX_TITLE_LINES = 6
MAX_TITLE_CHARS = 600

_PARTY_NAME = ["dang", "cong", "san", "viet", "nam"]
_MOTTO = ["doc", "lap", "tu", "do", "hanh", "phuc"]  # of State headers pasted by mistake
_RULE_RE = re.compile(r"^[\s\-–—_*=.·•~]+$")
# The place-and-date line ends with the date ("Huế, ngày 14 tháng 01 năm 2022"); a date
# followed by more words ("ngày 25/10/2021 của Ban …") is another document's.
_DATE_RE = re.compile(
    r"(?:^|[\s,])ngay\s+(?:"
    r"(?P<d>\d{1,2})\s+thang\s+(?P<m>\d{1,2})\s*,?\s*nam\s+(?P<y>\d{4})"
    r"|(?P<d2>\d{1,2})\s*(?P<sep>[/.\-])\s*(?P<m2>\d{1,2})\s*(?P=sep)\s*(?P<y2>\d{4})"
    r")\W*$"
)
# Lines that start the body of the document rather than continue its summary.
_BODY_START_RE = re.compile(
    r"^(?:can cu|kinh gui|[ivx]{1,4}\s*[.\-–)]|\d{1,2}\s*[.)]|phan\s+[ivx\d])"
)
_SUBJECT_RE = re.compile(r"^\s*v\s*/\s*v\s*[:.]?\s*", re.IGNORECASE)

# Case of the words of an issuing body written in capitals: True = capital initial.
_CASING: Mapping[str, tuple[bool, ...]] = {
    "ban thuong vu": (True, True, False),
    "ban chap hanh": (True, True, False),
    "trung uong": (True, False),
    "bo chinh tri": (True, True, False),
    "ban bi thu": (True, True, False),
    "ban to chuc": (True, True, False),
    "ban tuyen giao": (True, True, False),
    "ban tuyen giao va dan van": (True, True, False, False, True, False),
    "ban dan van": (True, True, False),
    "ban noi chinh": (True, True, False),
    "ban kinh te": (True, True, False),
    "uy ban kiem tra": (True, False, True, False),
    "van phong": (True, False),
    "tinh uy": (True, False),
    "thanh uy": (True, False),
    "huyen uy": (True, False),
    "quan uy": (True, False),
    "thi uy": (True, False),
    "dang uy": (True, False),
    "dang bo": (True, False),
    "dang doan": (True, False),
    "ban can su dang": (True, True, False, True),
    "chi bo": (True, False),
    "chi uy": (True, False),
    "dang uy khoi": (True, False, True),
    "cac co quan": (False, False, False),
    "cac doanh nghiep": (False, False, False),
    "co so": (False, False),
    "dang": (True,),
    "xa": (False,),
    "phuong": (False,),
    "thi tran": (False, False),
    "thi xa": (False, False),
    "thanh pho": (False, False),
    "tinh": (False,),
    "huyen": (False,),
    "quan": (False,),
    "dac khu": (False, False),
    "thon": (False,),
    "khoa": (False,),
}
_LONGEST_PHRASE = max(len(k.split()) for k in _CASING)
_CENTRAL = "ban chap hanh trung uong"


@dataclasses.dataclass
class FirstPage:
    """What was read; empty strings and None where nothing was found."""

    issuing_body: str = ""
    number: str = ""
    type_code: str = ""
    issuer_code: str = ""
    issued_on: dt.date | None = None
    place: str = ""
    title: str = ""
    # Party documents named in the summary (the one implemented or guided, usually).
    mentions: list[Reference] = dataclasses.field(default_factory=list)
    # ("implements" | "guides", the mention) when the summary says so.
    suggested_link: tuple[str, Reference] | None = None

    @property
    def found(self) -> bool:
        return bool(self.number or self.title or self.issuing_body or self.issued_on)


@dataclasses.dataclass
class _Line:
    text: str  # NFC, whitespace collapsed
    folded: str
    tokens: list[str]
    folded_tokens: list[str]


def _line(text: str) -> _Line:
    tokens = text.split()
    return _Line(" ".join(tokens), fold(text), tokens, [fold(t) for t in tokens])


def _drop_phrase(line: _Line, phrase: list[str]) -> _Line:
    """The line without the words of ``phrase`` (the Party's name in a merged header)."""
    words = [re.sub(r"[^a-z0-9]", "", t) for t in line.folded_tokens]
    n = len(phrase)
    for i in range(len(words) - n + 1):
        if words[i : i + n] == phrase:
            return _line(" ".join(line.tokens[:i] + line.tokens[i + n :]))
    return line


def _split_columns(raw: str) -> list[str]:
    """Two columns pasted side by side are separated by a tab or a run of spaces."""
    return [part for part in re.split(r"\t+| {3,}|\u00a0{2,}", raw) if part.strip()] or [""]


def _is_caps(line: _Line) -> bool:
    letters = [c for c in line.text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _date(line: _Line) -> tuple[dt.date | None, str] | None:
    match = _DATE_RE.search(line.folded)
    if match is None:
        return None
    day, month, year = match.group("d", "m", "y")
    if day is None:
        day, month, year = match.group("d2", "m2", "y2")
    try:
        found: dt.date | None = dt.date(int(year), int(month), int(day))
    except ValueError:
        found = None
    # The place: the words before "ngày", after any "Số …" merged into the line.
    before = line.folded[: match.start()].rstrip(" ,")
    words = before.split()
    place_tokens = line.tokens[: len(words)]
    cut = 0
    for i, token in enumerate(place_tokens):
        if "/" in token or any(ch.isdigit() for ch in token):
            cut = i + 1
    place = " ".join(place_tokens[cut:]).strip(" ,")
    return found, place


def _type_words(vocabulary: Vocabulary) -> dict[str, str]:
    words: dict[str, str] = {}
    for phrase, code in vocabulary.types.items():
        if code in vocabulary.party_types:
            words[fold(phrase)] = code
    return words


def _type_line(line: _Line, words: Mapping[str, str]) -> tuple[str, str] | None:
    """(type code, the rest of the line) when the line is the type line: the type's name
    alone, or in capitals followed by the start of the summary (lines merged)."""
    if line.folded in words:
        return words[line.folded], ""
    caps = 0
    for token in line.tokens:
        letters = [c for c in token if c.isalpha()]
        if not letters or not all(c.isupper() for c in letters):
            break
        caps += 1
    for n in range(min(caps, 4), 0, -1):
        key = " ".join(line.folded_tokens[:n])
        if key in words and n == caps and n < len(line.tokens):
            # "KẾ HOẠCH thực hiện …": the summary's first line merged into the type line.
            return words[key], " ".join(line.tokens[n:])
    return None


def party_case(text: str) -> str:
    """A body written in capitals, in the case of running text: "BAN THƯỜNG VỤ TỈNH ỦY
    THỪA THIÊN HUẾ" → "Ban Thường vụ Tỉnh ủy Thừa Thiên Huế" (place names capitalised)."""
    tokens = text.split()
    keys = [re.sub(r"[^a-z0-9]", "", fold(t)) for t in tokens]
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for n in range(min(_LONGEST_PHRASE, len(tokens) - i), 0, -1):
            flags = _CASING.get(" ".join(keys[i : i + n]))
            if flags is not None:
                for token, cap in zip(tokens[i : i + n], flags, strict=True):
                    out.append(_cap(token) if cap else _cap(token).lower())
                i += n
                break
        else:
            token = tokens[i]
            # Roman numerals of a term ("KHÓA XIII") and codes stay as written.
            out.append(
                token if re.fullmatch(r"[IVXLC]+|[A-Z0-9-]+\d[A-Z0-9-]*", token) else _cap(token)
            )
            i += 1
    return " ".join(out)


def _cap(token: str) -> str:
    lower = token.lower().replace("uỷ", "ủy")  # the old placement of the tone mark
    return lower[:1].upper() + lower[1:]


def _body(lines: list[_Line]) -> str:
    if not lines:
        return ""
    if len(lines) == 1:
        return party_case(lines[0].text)
    upper, lower = lines[0], lines[1]
    upper_key = " ".join(re.sub(r"[^a-z0-9]", "", t) for t in upper.folded_tokens)
    lower_key = " ".join(re.sub(r"[^a-z0-9]", "", t) for t in lower.folded_tokens)
    if upper_key.startswith("dang bo"):
        # "ĐẢNG BỘ THÀNH PHỐ HUẾ / ĐẢNG ỦY PHƯỜNG AN HÒA": the lower line names the body.
        return party_case(lower.text)
    if upper_key.startswith(_CENTRAL):
        if lower_key.startswith(("bo chinh tri", "ban bi thu")) or "trung uong" in lower_key:
            return party_case(lower.text)
        return f"{party_case(lower.text)} Trung ương"
    return f"{party_case(lower.text)} {party_case(upper.text)}"


def _sentence(text: str) -> str:
    text = normalize_text(text).strip(" .;,")
    return text[:1].upper() + text[1:]


def _suggest(title: str, type_code: str, mentions: list[Reference]) -> tuple[str, Reference] | None:
    if not mentions:
        return None
    folded = fold(title)
    if type_code == "HD" or folded.startswith("huong dan"):
        return "guides", mentions[0]
    if re.search(r"(?:^|\s)(?:thuc hien|trien khai|quan triet|cu the hoa)(?:\s|$)", folded):
        return "implements", mentions[0]
    return None


def parse_first_page(text: str, vocabulary: Vocabulary = DEFAULT_VOCABULARY) -> FirstPage:
    """Read the register's fields from the pasted first page ``text`` (see the module)."""
    result = FirstPage()
    if not text or not text.strip():
        return result
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    lines: list[_Line] = []
    for raw in text.split("\n")[:MAX_LINES]:
        for part in _split_columns(raw):
            line = _drop_phrase(_drop_phrase(_line(part), _PARTY_NAME), _MOTTO)
            lines.append(line)
    words = _type_words(vocabulary)

    # The type line, and the summary under it.
    type_at: int | None = None
    title_parts: list[str] = []
    type_code = ""
    for i, line in enumerate(lines):
        if not line.tokens:
            continue
        found = _type_line(line, words)
        if found is not None:
            type_at, (type_code, rest) = i, found
            if rest:
                title_parts.append(rest)
            break
    if type_at is not None:
        previous = title_parts[-1] if title_parts else ""
        for line in lines[type_at + 1 :]:
            if len(title_parts) >= MAX_TITLE_LINES or sum(map(len, title_parts)) > MAX_TITLE_CHARS:
                break
            if not line.tokens:
                if title_parts:
                    break
                continue
            if _RULE_RE.match(line.text) or _BODY_START_RE.match(line.folded):
                break
            if not title_parts and _is_caps(line):
                continue  # "CỦA BỘ CHÍNH TRỊ", "HỘI NGHỊ LẦN THỨ SÁU …": part of the heading
            if title_parts and previous.endswith((".", ":")) and line.text[:1].isupper():
                break  # the first paragraph of the body
            title_parts.append(line.text)
            previous = line.text
    header = lines[:type_at] if type_at is not None else lines
    if not title_parts:
        # A công văn: "V/v …" under its number, continued on the next lines.
        for i, line in enumerate(header):
            if _SUBJECT_RE.match(line.text):
                title_parts.append(_SUBJECT_RE.sub("", line.text))
                for more in header[i + 1 : i + MAX_TITLE_LINES]:
                    if not more.tokens or _is_caps(more) or _BODY_START_RE.match(more.folded):
                        break
                    if _DATE_RE.search(more.folded):
                        break
                    title_parts.append(more.text)
                break
    result.title = _sentence(" ".join(title_parts))

    # The number and symbol: the Party reference after "Số" in the header.
    header_text = "\n".join(line.text for line in header)
    symbol_line = -1
    own = None
    for ref in find_references(header_text, vocabulary):
        line_start = header_text.rfind("\n", 0, ref.start) + 1
        before = header_text[line_start : ref.start]
        # "Số 29-KH/TU" at the start of a line, or after the header's capitals.
        if ref.system == "party" and fold(ref.text).startswith("so") and before == before.upper():
            own = ref
            break
    if own is not None:
        result.number, result.issuer_code = own.number, own.issuer
        type_code = own.type or type_code
        symbol_line = header_text.count("\n", 0, own.start)
    result.type_code = type_code

    # The place and date, and the issuing body above them.
    date_line = -1
    for i, line in enumerate(header):
        found_date = _date(line)
        if found_date is not None:
            result.issued_on, result.place = found_date
            date_line = i
            break
    body_lines = [
        line
        for i, line in enumerate(header)
        if i not in (symbol_line, date_line)
        and _is_caps(line)
        and not _SUBJECT_RE.match(line.text)
        and not fold(line.text).startswith("so ")
    ]
    result.issuing_body = _body(body_lines[:2])

    if result.title:
        result.mentions = [
            r
            for r in find_references(result.title, vocabulary)
            if r.system == "party"
            and (r.number, r.type, r.issuer)
            != (result.number, result.type_code, result.issuer_code)
        ]
        result.suggested_link = _suggest(result.title, result.type_code, result.mentions)
    return result
