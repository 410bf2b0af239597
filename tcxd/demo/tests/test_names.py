"""Tests for tcxd.demo.names (pure Python; run with ``-p no:django``)."""

from __future__ import annotations

import random
import unicodedata
from collections import Counter
from collections.abc import Iterator

import pytest

from tcxd.demo import names
from tcxd.demo.names import (
    A_LUOI_COMMUNES,
    EDUCATION_LEVELS,
    ETHNICITIES,
    FAMILY_NAMES,
    GIVEN_NAMES_FEMALE,
    GIVEN_NAMES_MALE,
    HOMETOWNS,
    MIDDLE_NAMES_FEMALE,
    MIDDLE_NAMES_MALE,
    MINORITY_FAMILY_NAMES,
    MINORITY_GIVEN_NAMES_FEMALE,
    MINORITY_GIVEN_NAMES_MALE,
    MOUNTAIN_ETHNICITIES,
    OCCUPATIONS,
    PROFESSIONAL_LEVELS,
    RELIGIONS,
    THEORY_LEVELS,
    NameGenerator,
    education_profile,
    ethnicity_weights,
    full_name,
    pick,
    split_full_name,
    village_names,
)

WEIGHTED_TABLES = {
    "FAMILY_NAMES": FAMILY_NAMES,
    "MIDDLE_NAMES_MALE": MIDDLE_NAMES_MALE,
    "MIDDLE_NAMES_FEMALE": MIDDLE_NAMES_FEMALE,
    "GIVEN_NAMES_MALE": GIVEN_NAMES_MALE,
    "GIVEN_NAMES_FEMALE": GIVEN_NAMES_FEMALE,
    "MINORITY_FAMILY_NAMES": MINORITY_FAMILY_NAMES,
    "MINORITY_GIVEN_NAMES_MALE": MINORITY_GIVEN_NAMES_MALE,
    "MINORITY_GIVEN_NAMES_FEMALE": MINORITY_GIVEN_NAMES_FEMALE,
    "ETHNICITIES": ETHNICITIES,
    "RELIGIONS": RELIGIONS,
    "EDUCATION_LEVELS": EDUCATION_LEVELS,
    "PROFESSIONAL_LEVELS": PROFESSIONAL_LEVELS,
    "THEORY_LEVELS": THEORY_LEVELS,
    "OCCUPATIONS": OCCUPATIONS,
    "HOMETOWNS": HOMETOWNS,
}

MOUNTAIN_PEOPLES = ("Tà Ôi", "Cơ Tu", "Bru - Vân Kiều")


def _clean(value: str) -> bool:
    return (
        bool(value)
        and value == value.strip()
        and "  " not in value
        and unicodedata.normalize("NFC", value) == value
    )


def _all_module_strings() -> Iterator[str]:
    """Every string held in the public tables of the module."""
    for attr in dir(names):
        if attr.startswith("_"):
            continue
        value = getattr(names, attr)
        yield from _strings_in(value)


def _strings_in(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings_in(key)
            yield from _strings_in(item)
    elif isinstance(value, list | tuple | frozenset | set):
        for item in value:
            yield from _strings_in(item)


def _generate(
    seed: int, count: int, *, minority_ethnicity: str | None = None
) -> list[tuple[str, tuple[str, str, str]]]:
    rng = random.Random(seed)
    gen = NameGenerator(rng)
    out = []
    for _ in range(count):
        gender = rng.choice(("male", "female"))
        out.append((gender, gen.person(gender, minority_ethnicity=minority_ethnicity)))
    return out


# -- tables ----------------------------------------------------------------------------------


def test_source_file_is_nfc() -> None:
    with open(names.__file__, encoding="utf-8") as fh:
        text = fh.read()
    assert unicodedata.normalize("NFC", text) == text


@pytest.mark.parametrize("table_name", sorted(WEIGHTED_TABLES))
def test_weighted_tables_are_well_formed(table_name: str) -> None:
    table = WEIGHTED_TABLES[table_name]
    assert table
    values = [value for value, _ in table]
    assert len(values) == len(set(values)), f"duplicates in {table_name}"
    for value, weight in table:
        assert _clean(value), (table_name, value)
        assert weight > 0, (table_name, value)


def test_all_module_strings_are_nfc_and_trimmed() -> None:
    strings = [s for s in _all_module_strings() if not s.startswith("tcxd.")]
    assert len(strings) > 500
    bad = [s for s in strings if s != "" and not _clean(s)]
    assert bad == []


def test_table_sizes_and_required_entries() -> None:
    family = dict(FAMILY_NAMES)
    assert len(FAMILY_NAMES) >= 14 + 30
    for name in (
        "Nguyễn",
        "Trần",
        "Lê",
        "Phạm",
        "Hoàng",
        "Huỳnh",
        "Phan",
        "Vũ",
        "Võ",
        "Đặng",
        "Bùi",
        "Đỗ",
        "Hồ",
        "Ngô",
        "Dương",
        "Lý",
    ):
        assert name in family
    assert all(" " not in n for n in family), "compound family names must stay out"
    assert len(GIVEN_NAMES_MALE) >= 60
    assert len(GIVEN_NAMES_FEMALE) >= 60
    assert dict(MIDDLE_NAMES_FEMALE)["Thị"] == max(dict(MIDDLE_NAMES_FEMALE).values())
    assert dict(MIDDLE_NAMES_MALE)["Văn"] == max(dict(MIDDLE_NAMES_MALE).values())
    ethnic = dict(ETHNICITIES)
    assert ethnic["Kinh"] / sum(ethnic.values()) >= 0.97
    for group in ("Tà Ôi", "Cơ Tu", "Bru - Vân Kiều", "Mường", "Hoa"):
        assert group in ethnic
    assert "Pa Kô" not in ethnic  # counted within Tà Ôi
    religions = dict(RELIGIONS)
    assert religions["Không"] / sum(religions.values()) > 0.95
    assert [n for n, _ in PROFESSIONAL_LEVELS] == [
        "Không",
        "Sơ cấp",
        "Trung cấp",
        "Cao đẳng",
        "Đại học",
        "Thạc sĩ",
        "Tiến sĩ",
    ]
    assert [n for n, _ in THEORY_LEVELS] == ["Không", "Sơ cấp", "Trung cấp", "Cao cấp", "Cử nhân"]


def test_given_names_cover_special_initials() -> None:
    given = [n for n, _ in GIVEN_NAMES_MALE + GIVEN_NAMES_FEMALE]
    initials = {n[0] for n in given}
    assert "Đ" in initials
    assert initials & {"Ư", "Ơ"}
    for letter in ("Ư", "Ơ", "Ý", "Ấ"):
        assert letter in initials, letter


def test_mountain_ethnicities() -> None:
    for commune in A_LUOI_COMMUNES:
        weights = dict(ethnicity_weights(commune))
        total = sum(weights.values())
        assert weights["Tà Ôi"] / total > 0.5
        assert 0.15 <= weights["Kinh"] / total <= 0.3
    nam_dong = dict(MOUNTAIN_ETHNICITIES["Xã Nam Đông"])
    assert 0.35 <= nam_dong["Cơ Tu"] / sum(nam_dong.values()) <= 0.45
    assert ethnicity_weights("Phường Kim Long") is ETHNICITIES


def test_hometowns() -> None:
    places = [p for p, _ in HOMETOWNS]
    assert "Phường Kim Long, Thành phố Huế" in places
    weights = dict(HOMETOWNS)
    hue_share = sum(w for p, w in weights.items() if p.endswith("Thành phố Huế")) / sum(
        weights.values()
    )
    assert 0.75 < hue_share < 0.95
    for province in ("Quảng Trị", "Quảng Nam", "Đà Nẵng", "Nghệ An", "Hà Tĩnh"):
        assert any(p.endswith(province) for p in places), province


# -- names -----------------------------------------------------------------------------------


def test_person_is_deterministic_for_a_seed() -> None:
    assert _generate(2025, 500) == _generate(2025, 500)
    assert _generate(2025, 500) != _generate(2026, 500)
    minority_a = _generate(7, 300, minority_ethnicity="Tà Ôi")
    minority_b = _generate(7, 300, minority_ethnicity="Tà Ôi")
    assert minority_a == minority_b


def test_nguyen_share_is_realistic() -> None:
    people = _generate(1, 20_000)
    share = sum(1 for _, (family, _m, _g) in people if family == "Nguyễn") / len(people)
    assert 0.30 <= share <= 0.45


def test_gendered_middle_names() -> None:
    people = _generate(3, 20_000)
    for ethnicity in (*MOUNTAIN_PEOPLES, "Mường", "Hoa"):
        people += _generate(4, 2_000, minority_ethnicity=ethnicity)
    rng = random.Random(5)
    gen = NameGenerator(rng)
    for year in (1935, 1950, 1965, 1980, 1995, 2005):
        for gender in ("male", "female"):
            people += [(gender, gen.person(gender, birth_year=year)) for _ in range(500)]
    for gender, (_family, middle, given) in people:
        words = middle.split()
        if gender == "female":
            assert "Văn" not in words
        else:
            assert "Thị" not in words
            assert given != "Thị"
    female_middles = Counter(m for g, (_f, m, _g) in people[:20_000] if g == "female")
    thi_share = female_middles["Thị"] / sum(female_middles.values())
    assert 0.4 <= thi_share <= 0.6


def test_generated_parts_are_clean() -> None:
    people = _generate(11, 5_000)
    for ethnicity in MOUNTAIN_PEOPLES:
        people += _generate(12, 1_000, minority_ethnicity=ethnicity)
    for _gender, parts in people:
        for part in parts:
            assert _clean(part), parts
        name = full_name(parts)
        assert _clean(name)
        assert name == " ".join(parts)


def test_minority_names() -> None:
    kinh_family = {n for n, _ in FAMILY_NAMES}
    for ethnicity in MOUNTAIN_PEOPLES:
        people = _generate(21, 2_000, minority_ethnicity=ethnicity)
        families = Counter(f for _, (f, _m, _g) in people)
        non_kinh = [f for f in families if f not in kinh_family]
        assert non_kinh, ethnicity
        minority_given = {n for n, _ in MINORITY_GIVEN_NAMES_MALE + MINORITY_GIVEN_NAMES_FEMALE}
        kinh_given = {n for n, _ in GIVEN_NAMES_MALE + GIVEN_NAMES_FEMALE}
        only_minority = minority_given - kinh_given
        share = sum(1 for _, (_f, _m, g) in people if g in only_minority) / len(people)
        for _, (_f, middle, given) in people:
            if given in only_minority:
                assert middle in ("Văn", "Thị")
        assert 0.3 <= share <= 0.7, (ethnicity, share)
    # Kinh generation (default) never produces ethnic clan names.
    ethnic_only = {n for n, _ in MINORITY_FAMILY_NAMES} - kinh_family
    assert not any(f in ethnic_only for _, (f, _m, _g) in _generate(22, 5_000))


def test_kinh_via_explicit_ethnicity_and_bad_gender() -> None:
    gen = NameGenerator(random.Random(1))
    family, _middle, _given = gen.person("male", minority_ethnicity="Kinh")
    assert family
    with pytest.raises(ValueError):
        gen.person("nam")


def test_split_full_name_round_trips() -> None:
    people = _generate(31, 20_000)
    for ethnicity in MOUNTAIN_PEOPLES:
        people += _generate(32, 2_000, minority_ethnicity=ethnicity)
    compound = [parts for _, parts in people if " " in parts[0]]
    assert compound, "expected some Tôn Thất / Tôn Nữ / Nguyễn Phúc / Zơ Râm names"
    for _gender, parts in people:
        assert split_full_name(full_name(parts)) == parts
    assert split_full_name("Tôn Nữ Thị Hoa") == ("Tôn Nữ", "Thị", "Hoa")
    assert split_full_name("Nguyễn Phúc Bửu Lộc") == ("Nguyễn Phúc", "Bửu", "Lộc")
    assert split_full_name("Lê Hà") == ("Lê", "", "Hà")


def test_royal_names_are_gendered() -> None:
    people = _generate(41, 30_000)
    for gender, (family, middle, _given) in people:
        if family in ("Tôn Thất", "Nguyễn Phúc"):
            assert gender == "male"
        if family == "Nguyễn Phúc":
            assert middle in {"Ưng", "Bửu", "Vĩnh", "Bảo"}
        if family == "Tôn Nữ":
            assert gender == "female"


def test_pick_is_weighted_and_deterministic() -> None:
    table = [("a", 9.0), ("b", 1.0)]
    rng = random.Random(0)
    counts = Counter(pick(rng, table) for _ in range(10_000))
    assert 0.85 < counts["a"] / 10_000 < 0.95
    assert [pick(random.Random(9), RELIGIONS) for _ in range(3)] == [
        pick(random.Random(9), RELIGIONS) for _ in range(3)
    ]


# -- education -------------------------------------------------------------------------------


def test_education_profile_values_and_correlation() -> None:
    rng = random.Random(51)
    general_values = {n for n, _ in EDUCATION_LEVELS}
    professional_values = [n for n, _ in PROFESSIONAL_LEVELS]
    theory_values = [n for n, _ in THEORY_LEVELS]
    occupations = [n for n, _ in OCCUPATIONS]
    for _ in range(5_000):
        birth_year = rng.randint(1930, 2006)
        occupation = rng.choice(occupations)
        general, professional, theory = education_profile(rng, birth_year, occupation)
        assert general in general_values
        assert professional in professional_values
        assert theory in theory_values
        age = names.DEMO_REFERENCE_YEAR - birth_year
        if professional_values.index(professional) >= professional_values.index("Cao đẳng"):
            assert general in ("12/12", "10/10")
        if theory in ("Cao cấp", "Cử nhân"):
            assert age >= 30
            assert professional in ("Đại học", "Thạc sĩ", "Tiến sĩ")
        if age < 24:
            assert professional not in ("Thạc sĩ", "Tiến sĩ")

    def profile_counts(birth_year: int, occupation: str) -> Counter[str]:
        r = random.Random(52)
        counts: Counter[str] = Counter()
        for _ in range(2_000):
            counts.update(education_profile(r, birth_year, occupation))
        return counts

    old_retired = profile_counts(1945, "Hưu trí")
    young_officer = profile_counts(1988, "Cán bộ, công chức")
    farmer = profile_counts(1975, "Nông dân")
    old_system = old_retired["10/10"] + old_retired["7/10"] + old_retired["9/10"]
    assert old_system > 400
    assert young_officer["10/10"] + young_officer["7/10"] == 0
    assert young_officer["Đại học"] > 1_000
    assert young_officer["Trung cấp"] + young_officer["Cao cấp"] > 800
    assert farmer["Không"] > young_officer["Không"]
    assert farmer["Đại học"] < young_officer["Đại học"] / 5


def test_education_profile_is_deterministic() -> None:
    a = [education_profile(random.Random(8), 1970, "Viên chức") for _ in range(3)]
    b = [education_profile(random.Random(8), 1970, "Viên chức") for _ in range(3)]
    assert a == b


# -- villages --------------------------------------------------------------------------------

COMMUNES = [
    ("Xã Phú Vang", "village"),
    ("Xã Quảng Điền", "village"),
    ("Xã A Lưới 2", "village"),
    ("Xã Nam Đông", "village"),
    ("Xã Long Quảng", "thon"),
    ("Phường Kim Long", "residential_group"),
    ("Phường Thuận Hóa", "tdp"),
    ("Phường Phú Xuân", "ward"),
]


@pytest.mark.parametrize(("commune", "kind"), COMMUNES)
@pytest.mark.parametrize("count", [1, 7, 25, 60, 400])
def test_village_names_unique_and_clean(commune: str, kind: str, count: int) -> None:
    for seed in range(5):
        result = village_names(random.Random(seed), commune, kind, count)
        assert len(result) == count
        assert len(set(result)) == count
        for name in result:
            assert _clean(name), name


@pytest.mark.parametrize(("commune", "kind"), COMMUNES)
def test_village_names_deterministic(commune: str, kind: str) -> None:
    a = village_names(random.Random(99), commune, kind, 30)
    b = village_names(random.Random(99), commune, kind, 30)
    assert a == b


def test_village_name_styles() -> None:
    thon = village_names(random.Random(1), "Xã Phú Vang", "village", 20)
    assert all(n.startswith("Thôn ") for n in thon)
    tdp_styles: set[str] = set()
    for seed in range(20):
        tdp = village_names(random.Random(seed), "Phường Kim Long", "residential_group", 12)
        assert all(n.startswith("Tổ dân phố ") for n in tdp)
        tdp_styles.add("numbered" if tdp[0] == "Tổ dân phố 1" else "named")
        if tdp[0] != "Tổ dân phố 1":
            assert tdp[0] == "Tổ dân phố Kim Long 1"
    assert tdp_styles == {"numbered", "named"}
    a_luoi = village_names(random.Random(2), "Xã A Lưới 1", "village", 15)
    local = {f"Thôn {n}" for n in names.A_LUOI_VILLAGE_NAMES}
    assert sum(1 for n in a_luoi if n in local) >= 8
    assert village_names(random.Random(3), "Xã Phú Vang", "village", 0) == []
    with pytest.raises(ValueError):
        village_names(random.Random(3), "Xã Phú Vang", "hamlet", 3)
