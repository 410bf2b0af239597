"""The Vietnamese message catalogue: complete, compiled, in use, and with intact placeholders.

Vietnamese is the default language, so an untranslated or fuzzy entry shows English to users,
and a .po edited without re-running ``compilemessages`` changes nothing at run time (the
committed django.mo is what Django reads).
"""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

LC_MESSAGES = Path(settings.LOCALE_PATHS[0]) / "vi" / "LC_MESSAGES"
PO_PATH = LC_MESSAGES / "django.po"
MO_PATH = LC_MESSAGES / "django.mo"

# %(name)s, %(n)d, %(x)5.2f … (named python-format placeholders)
NAMED_PLACEHOLDER = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")

# msgids whose Vietnamese text is, correctly, the same as the English.
SAME_AS_ENGLISH = {"dd/mm/yyyy"}

Key = tuple[str, str, str]  # (msgctxt, msgid, msgid_plural)


def _entries(catalogue: polib._BaseFile) -> list[polib._BaseEntry]:
    return [e for e in catalogue if not e.obsolete and e.msgid]


def _key(entry: polib._BaseEntry) -> Key:
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


def _translations(entry: polib._BaseEntry) -> list[str]:
    if entry.msgid_plural:
        return [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def _as_map(catalogue: polib._BaseFile) -> dict[Key, tuple[str, ...]]:
    return {_key(e): tuple(_translations(e)) for e in _entries(catalogue)}


@pytest.fixture(scope="module")
def po() -> polib.POFile:
    assert PO_PATH.is_file(), f"{PO_PATH} is missing: run makemessages -l vi"
    return polib.pofile(str(PO_PATH))


@pytest.fixture(scope="module")
def mo() -> polib.MOFile:
    assert MO_PATH.is_file(), f"{MO_PATH} is missing: run compilemessages"
    return polib.mofile(str(MO_PATH))


def test_header_declares_vietnamese_utf8_one_plural_form(po: polib.POFile) -> None:
    assert not po.metadata_is_fuzzy, "the header is still marked fuzzy"
    assert po.metadata.get("Language") == "vi"
    assert "charset=UTF-8" in po.metadata.get("Content-Type", "")
    assert po.metadata.get("Plural-Forms", "").replace(" ", "") == "nplurals=1;plural=0;"


def test_every_entry_is_translated_and_not_fuzzy(po: polib.POFile) -> None:
    entries = _entries(po)
    assert len(entries) > 100, "the catalogue looks empty: did makemessages find the sources?"
    fuzzy = [e.msgid for e in entries if "fuzzy" in e.flags]
    assert not fuzzy, f"fuzzy entries (check the translation, then drop the flag): {fuzzy}"
    untranslated = [e.msgid for e in entries if not all(t.strip() for t in _translations(e))]
    assert not untranslated, f"entries without a Vietnamese msgstr: {untranslated}"
    one_form = [e.msgid for e in entries if e.msgid_plural and sorted(e.msgstr_plural) != [0]]
    assert not one_form, f"Vietnamese has one plural form; keep only msgstr[0]: {one_form}"


def test_no_entry_is_left_in_english(po: polib.POFile) -> None:
    copied = [
        e.msgid
        for e in _entries(po)
        if e.msgid not in SAME_AS_ENGLISH and e.msgid in _translations(e)
    ]
    assert not copied, f"msgstr is a copy of the English msgid: {copied}"


def test_compiled_mo_matches_po(po: polib.POFile, mo: polib.MOFile) -> None:
    po_map, mo_map = _as_map(po), _as_map(mo)
    missing = sorted(set(po_map) - set(mo_map))
    extra = sorted(set(mo_map) - set(po_map))
    differ = sorted(k for k in set(po_map) & set(mo_map) if po_map[k] != mo_map[k])
    assert not (missing or extra or differ), (
        "django.mo is out of date: run `TCXD_DEBUG=1 tcxd compilemessages --ignore=.venv`\n"
        f"not compiled: {missing[:10]}\nonly in .mo: {extra[:10]}\ndiffering: {differ[:10]}"
    )
    assert mo.metadata.get("Plural-Forms", "").replace(" ", "") == "nplurals=1;plural=0;"


@pytest.mark.parametrize(
    ("msgid", "expected"),
    [
        ("Party members", "Danh sách đảng viên"),
        ("Probationary member", "Đảng viên dự bị"),
        ("Recognised as official member", "Công nhận đảng viên chính thức"),
        ("A citizen ID has exactly 12 digits.", "Số CCCD phải có đúng 12 chữ số."),
    ],
)
def test_gettext_returns_vietnamese(msgid: str, expected: str) -> None:
    with translation.override("vi"):
        assert translation.gettext(msgid) == expected
    with translation.override("en"):
        assert translation.gettext(msgid) == msgid


def test_ngettext_uses_the_single_vietnamese_form() -> None:
    with translation.override("vi"):
        for n in (1, 2, 5):
            text = translation.ngettext(
                "%(n)s organization found", "%(n)s organizations found", n
            ) % {"n": n}
            assert text == f"Tìm thấy {n} tổ chức đảng"


def test_placeholders_are_kept(po: polib.POFile) -> None:
    wrong: list[tuple[str, object, object]] = []
    for e in _entries(po):
        expected = set(NAMED_PLACEHOLDER.findall(e.msgid))
        expected |= set(NAMED_PLACEHOLDER.findall(e.msgid_plural or ""))
        for text in _translations(e):
            got = set(NAMED_PLACEHOLDER.findall(text))
            if got != expected:
                wrong.append((e.msgid, sorted(expected), sorted(got)))
            elif "python-format" in e.flags:
                try:
                    text % dict.fromkeys(expected, "x")
                except (ValueError, TypeError, KeyError) as exc:
                    wrong.append((e.msgid, "does not format", str(exc)))
    assert not wrong, f"placeholders differ between msgid and msgstr: {wrong}"
