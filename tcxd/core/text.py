"""Text helpers for Vietnamese names: normalisation, accent folding and sort keys.

Pure Python (no Django imports), so it can be used from models, forms, importers and scripts.

Sort key layout
---------------
:func:`name_sort_key` returns a printable-ASCII string (characters ``!`` .. ``~``, no space)
that, compared by code point (SQLite ``BINARY``, PostgreSQL ``COLLATE "C"``), orders people
the Vietnamese way: given name, then middle name, then family name, letter order
``a ă â b c d đ e ê (f) g h i (j) k l m n o ô ơ p q r s t u ư v (w) x y (z)``.

The key is the concatenation of three levels, most significant first::

    PRIMARY    SECONDARY    TERTIARY

``PRIMARY``
    One character per character of the given, middle and family names (in that order),
    each part followed by ``!`` (the part boundary, below everything). Inside a part a
    space is ``"`` (below every digit and letter), digits are ``0``-``9`` (below every
    letter), the 33 letters are ``:`` .. ``Z`` (case-insensitive, tone and letter marks
    resolved: ``ô`` is its own letter, ``ố`` is ``ô``), ASCII punctuation is ``[`` .. ``z``
    and any other character is ``{``. Since every part ends with the lowest character, a
    name that is a prefix of another sorts first ("An" < "Anh") and the given name is
    compared completely before the middle name is looked at.
``SECONDARY``
    The tone of every non-space character, same order, packed two per key character
    (``chr(0x30 + 6 * t1 + t2)``, tones 0..5 = none, huyền, hỏi, ngã, sắc, nặng). It
    only decides between names whose primary levels are equal, and then the number of
    characters (so the length of this level) is equal too.
``TERTIARY``
    Case, six characters per key character (``chr(0x30 + bits)``, uppercase = 0 first).
    For names written with the Vietnamese repertoire (letters, their letter and tone marks
    in canonical form, digits, ASCII punctuation) this equals comparing the exact NFC texts
    by code point. Names with anything else (other scripts, other diacritics, marks in a
    non-canonical order, ...) get ``!`` + the upper-case hex of the UTF-8 of the given,
    middle and family names separated by ``!``, so two different spellings never share a
    key.

Length: with ``n`` non-space characters (a base character plus its combining marks counts
once) and ``s`` spaces inside the three parts, the key has
``n + s + 3 + ceil(n / 2) + ceil(n / 6)`` characters (about 1.7 per letter), plus
``3 + 2 * b`` for the hex suffix (``b`` = UTF-8 bytes of the three parts) when present.
Keys are cut to :data:`MAX_SORT_KEY_LENGTH` (255) characters, which drops the least
significant levels first and keeps the key deterministic and the order (weakly) intact.
"""

from __future__ import annotations

import functools
import string
import unicodedata
from typing import Final

__all__ = [
    "MAX_SORT_KEY_LENGTH",
    "fold",
    "name_sort_key",
    "normalize_text",
    "person_sort_key",
    "split_full_name",
]

MAX_SORT_KEY_LENGTH: Final = 255

# Vietnamese alphabetical order, with f j w z at their Latin positions.
ALPHABET: Final = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"

# Combining marks that turn a base letter into another Vietnamese letter.
_BREVE: Final = "\u0306"
_CIRCUMFLEX: Final = "\u0302"
_HORN: Final = "\u031b"
_LETTER_MARKS: Final[dict[tuple[str, str], str]] = {
    ("a", _BREVE): "ă",
    ("a", _CIRCUMFLEX): "â",
    ("e", _CIRCUMFLEX): "ê",
    ("o", _CIRCUMFLEX): "ô",
    ("o", _HORN): "ơ",
    ("u", _HORN): "ư",
}

# Tone marks, in sort order: none (0), huyền, hỏi, ngã, sắc, nặng.
_TONE_MARKS: Final[dict[str, int]] = {
    "\u0300": 1,  # huyền (grave)
    "\u0309": 2,  # hỏi (hook above)
    "\u0303": 3,  # ngã (tilde)
    "\u0301": 4,  # sắc (acute)
    "\u0323": 5,  # nặng (dot below)
}
_TONE_MARK_BY_TONE: Final[dict[int, str]] = {tone: mark for mark, tone in _TONE_MARKS.items()}

# Primary-level codes (see the module docstring).
_PART_END: Final = "!"
_WORD_SEPARATOR: Final = '"'
_FIRST_LETTER_CODE: Final = 0x3A
_FIRST_PUNCTUATION_CODE: Final = _FIRST_LETTER_CODE + len(ALPHABET)  # 0x5B
_OTHER_CODE: Final = chr(_FIRST_PUNCTUATION_CODE + len(string.punctuation))  # "{"
_LETTER_CODES: Final[dict[str, str]] = {
    letter: chr(_FIRST_LETTER_CODE + index) for index, letter in enumerate(ALPHABET)
}
_PUNCTUATION_CODES: Final[dict[str, str]] = {
    char: chr(_FIRST_PUNCTUATION_CODE + index) for index, char in enumerate(string.punctuation)
}
_DIGITS: Final = frozenset(string.digits)
_ASCII_LETTERS: Final = frozenset(string.ascii_letters)

# Lookalikes of Đ/đ (Icelandic eth) that legacy Vietnamese input sometimes produces.
_ETH: Final = frozenset("Ðð")

_HEX_SEPARATOR: Final = "!"


@functools.lru_cache(maxsize=65536)
def normalize_text(value: str) -> str:
    """Return ``value`` in NFC with surrounding whitespace removed and inner runs collapsed.

    Every Unicode whitespace character (space, tab, newline, NBSP, ...) counts; each run
    becomes one ASCII space.
    """
    if value.isascii():  # NFC leaves ASCII as it is
        return " ".join(value.split())
    # Joining words with one space cannot create a new composition, so one NFC suffices.
    return " ".join(unicodedata.normalize("NFC", value).split())


def _is_mark(char: str) -> bool:
    return unicodedata.combining(char) != 0 or unicodedata.category(char) in ("Mn", "Me")


def fold(value: str) -> str:
    """Return an accent- and case-insensitive form of ``value`` for searching.

    Lowercases, removes every combining mark (Vietnamese tones and letter marks as well as
    any other diacritic), maps ``đ`` (and its lookalike ``ð``) to ``d`` and collapses
    whitespace, so ``fold("Đặng Thị Ánh") == "dang thi anh"``. NFC and NFD inputs, and marks
    in any order, fold the same.
    """
    return " ".join(folded for word in value.split() if (folded := _fold_word(word)))


@functools.lru_cache(maxsize=16384)
def _fold_word(word: str) -> str:
    """:func:`fold` of one whitespace-free word (cached: names repeat their words)."""
    lowered = unicodedata.normalize("NFC", word).lower()
    decomposed = unicodedata.normalize("NFD", lowered)
    stripped = "".join(
        "d" if char == "đ" or char == "ð" else char for char in decomposed if not _is_mark(char)
    )
    return normalize_text(stripped)


def split_full_name(full_name: str) -> tuple[str, str, str]:
    """Split a Vietnamese full name into ``(family, middle, given)``.

    The first word is the family name, the last word the given name and the words in
    between the middle name (possibly ``""``). A single word is a given name only:
    ``split_full_name("An") == ("", "", "An")``. The name is normalised first.
    """
    words = normalize_text(full_name).split(" ")
    if words == [""]:
        return ("", "", "")
    if len(words) == 1:
        return ("", "", words[0])
    return (words[0], " ".join(words[1:-1]), words[-1])


def _units(part: str) -> list[str]:
    """Split a normalised name part into units: a base character with its combining marks.

    Spaces are returned as units of their own.
    """
    units: list[str] = []
    for char in unicodedata.normalize("NFD", part):
        if units and units[-1] != " " and unicodedata.combining(char) != 0:
            units[-1] += char
        else:
            units.append(char)
    return units


def _classify(unit: str) -> tuple[str, int, bool, bool]:
    """Return ``(primary code, tone, is_lowercase, is_canonical)`` for one non-space unit.

    ``is_canonical`` is true when the unit is fully described by the first three values,
    i.e. the exact text can be rebuilt from them.
    """
    base, marks = unit[0], unit[1:]
    if base in _DIGITS:
        return base, 0, False, not marks
    if base in _PUNCTUATION_CODES:
        return _PUNCTUATION_CODES[base], 0, False, not marks
    if base in _ASCII_LETTERS or base in ("Đ", "đ") or base in _ETH:
        lower = base.lower()
        letter = "đ" if lower in _ETH else lower
        letter_mark = ""
        tone = 0
        for mark in marks:
            if not letter_mark and (letter, mark) in _LETTER_MARKS:
                letter_mark = mark
                letter = _LETTER_MARKS[(letter, mark)]
            elif tone == 0 and mark in _TONE_MARKS:
                tone = _TONE_MARKS[mark]
        rebuilt = unicodedata.normalize(
            "NFD", base + letter_mark + _TONE_MARK_BY_TONE.get(tone, "")
        )
        canonical = base not in _ETH and rebuilt == unit
        return _LETTER_CODES[letter], tone, base == lower, canonical
    return _OTHER_CODE, 0, False, False


@functools.lru_cache(maxsize=8192)
def _part_levels(part: str) -> tuple[str, tuple[int, ...], tuple[bool, ...], bool]:
    """Primary codes, tones, lower-case flags and canonicity of one normalised name part.

    Cached: a registry has a few hundred distinct name words for tens of thousands of people.
    """
    primary: list[str] = []
    tones: list[int] = []
    lowercase: list[bool] = []
    canonical = True
    for unit in _units(part):
        if unit == " ":
            primary.append(_WORD_SEPARATOR)
            continue
        code, tone, is_lower, is_canonical = _classify(unit)
        primary.append(code)
        tones.append(tone)
        lowercase.append(is_lower)
        canonical = canonical and is_canonical
    primary.append(_PART_END)
    return "".join(primary), tuple(tones), tuple(lowercase), canonical


def _key_levels(family: str, middle: str, given: str) -> tuple[str, str, str]:
    """Return the untruncated ``(primary, secondary, tertiary)`` levels of the sort key."""
    parts = (normalize_text(given), normalize_text(middle), normalize_text(family))
    levels = [_part_levels(part) for part in parts]
    primary = "".join(level[0] for level in levels)
    tones = [t for level in levels for t in level[1]]
    lowercase = [flag for level in levels for flag in level[2]]
    canonical = all(level[3] for level in levels)

    secondary = "".join(
        chr(0x30 + 6 * tones[i] + (tones[i + 1] if i + 1 < len(tones) else 0))
        for i in range(0, len(tones), 2)
    )
    case_chars: list[str] = []
    for i in range(0, len(lowercase), 6):
        bits = 0
        for j in range(6):
            bits = bits * 2 + (1 if i + j < len(lowercase) and lowercase[i + j] else 0)
        case_chars.append(chr(0x30 + bits))
    tertiary = "".join(case_chars)
    if not canonical:
        tertiary += "".join(_HEX_SEPARATOR + part.encode("utf-8").hex().upper() for part in parts)
    return primary, secondary, tertiary


def name_sort_key(family: str, middle: str, given: str) -> str:
    """Return a code-point-comparable key ordering people the Vietnamese way.

    Order: given name, then middle name, then family name; letters in Vietnamese order
    (``a ă â b ... đ ... ư ...``), case-insensitively, digits before letters and other
    characters after them; ties broken by tones (none, huyền, hỏi, ngã, sắc, nặng), then
    by case/exact spelling. Only printable ASCII characters (``!`` .. ``~``) are used.

    Length: ``n + s + 3 + ceil(n / 2) + ceil(n / 6)`` characters for ``n`` non-space
    characters and ``s`` inner spaces over the three parts (normalised), plus
    ``3 + 2 * utf8_bytes`` for spellings outside the Vietnamese repertoire; the result is cut
    to :data:`MAX_SORT_KEY_LENGTH` characters (least significant levels go first). See the
    module docstring for the layout.
    """
    primary, secondary, tertiary = _key_levels(family, middle, given)
    return (primary + secondary + tertiary)[:MAX_SORT_KEY_LENGTH]


def person_sort_key(full_name: str) -> str:
    """Return :func:`name_sort_key` for a full name split by :func:`split_full_name`."""
    return name_sort_key(*split_full_name(full_name))
