"""Deterministic, fictional Vietnamese demo data for the party-member registry of Thành phố Huế.

Everything here is synthetic: names are drawn independently from frequency tables, so any
resemblance of a generated full name to a real person is coincidental. Place names (communes,
villages, provinces) are real geography and are used only as plausible addresses.

All functions take a ``random.Random`` and never touch the global random state, so the same
seed always yields the same data. All data strings are NFC-normalised Vietnamese.

Weighted tables are ``list[tuple[str, float]]``; the weights are relative and need not sum to 1.
Draw from any of them with :func:`pick`. Treat the module-level tables as read-only.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from itertools import accumulate
from typing import TypeAlias

Weighted: TypeAlias = list[tuple[str, float]]

# Year the demo data is "as of"; used to derive ages from birth years.
DEMO_REFERENCE_YEAR = 2025

MALE = "male"
FEMALE = "female"
GENDERS: tuple[str, str] = (MALE, FEMALE)

KINH = "Kinh"

# ---------------------------------------------------------------------------------------------
# Kinh names
# ---------------------------------------------------------------------------------------------

# Family names, roughly by national frequency (percent), nudged towards central Vietnam:
# Võ is more common than Vũ here, Huỳnh is frequent alongside Hoàng, Hồ and Phan are strong.
# Compound Huế lineage names (Tôn Thất, Tôn Nữ, Nguyễn Phúc) are deliberately NOT here; see
# HUE_COMPOUND_FAMILY_NAMES_MALE/FEMALE, which NameGenerator mixes in at a low rate.
FAMILY_NAMES: Weighted = [
    ("Nguyễn", 38.0),
    ("Trần", 11.0),
    ("Lê", 9.5),
    ("Phạm", 7.0),
    ("Hoàng", 2.9),
    ("Huỳnh", 2.2),
    ("Phan", 4.5),
    ("Võ", 2.8),
    ("Vũ", 1.1),
    ("Đặng", 2.1),
    ("Bùi", 2.0),
    ("Đỗ", 1.4),
    ("Hồ", 1.8),
    ("Ngô", 1.3),
    ("Dương", 1.0),
    ("Lý", 0.5),
    # Less frequent family names.
    ("Trương", 0.9),
    ("Đoàn", 0.6),
    ("Đào", 0.5),
    ("Đinh", 0.6),
    ("Mai", 0.5),
    ("Cao", 0.4),
    ("Lương", 0.4),
    ("Hà", 0.4),
    ("Trịnh", 0.4),
    ("Lâm", 0.3),
    ("Châu", 0.3),
    ("Thái", 0.3),
    ("Tôn", 0.2),
    ("Tô", 0.2),
    ("Tạ", 0.2),
    ("Lưu", 0.2),
    ("Thân", 0.15),
    ("Phùng", 0.15),
    ("Triệu", 0.1),
    ("Tăng", 0.1),
    ("Đàm", 0.1),
    ("Kiều", 0.1),
    ("Chu", 0.1),
    ("La", 0.1),
    ("Lại", 0.1),
    ("Quách", 0.1),
    ("Từ", 0.1),
    ("Ông", 0.1),
    ("Âu", 0.08),
    ("Lã", 0.05),
    ("Mạc", 0.05),
    ("Nghiêm", 0.05),
    ("Hứa", 0.05),
    ("Bạch", 0.05),
    ("Giang", 0.05),
    ("Cù", 0.05),
    ("Lữ", 0.05),
    ("Ngụy", 0.04),
    ("Dư", 0.04),
    ("Kha", 0.03),
    ("Khổng", 0.03),
    ("Hàn", 0.03),
    ("Diệp", 0.03),
    ("Nhan", 0.03),
    ("Ứng", 0.03),
    ("Văn", 0.02),
]

# Huế lineage names that are two words long. Descendants of the Nguyễn royal house: men of the
# Tôn Thất branch, women "Tôn Nữ"; "Nguyễn Phúc" men usually carry a generation name from the
# imperial poem (Ưng, Bửu, Vĩnh, Bảo) as their middle name.
HUE_COMPOUND_FAMILY_NAMES_MALE: Weighted = [
    ("Tôn Thất", 0.7),
    ("Nguyễn Phúc", 0.3),
]
HUE_COMPOUND_FAMILY_NAMES_FEMALE: Weighted = [
    ("Tôn Nữ", 1.0),
]
# Share of Kinh people in Huế who get a compound lineage name.
HUE_COMPOUND_FAMILY_SHARE = 0.012

# Generation names (đế hệ thi) used as middle names after "Nguyễn Phúc".
ROYAL_GENERATION_NAMES: Weighted = [
    ("Ưng", 0.15),
    ("Bửu", 0.35),
    ("Vĩnh", 0.35),
    ("Bảo", 0.15),
]

MIDDLE_NAMES_MALE: Weighted = [
    ("Văn", 0.36),
    ("Đức", 0.06),
    ("Hữu", 0.06),
    ("Quang", 0.05),
    ("Minh", 0.06),
    ("Công", 0.04),
    ("Đình", 0.04),
    ("Ngọc", 0.03),
    ("Xuân", 0.03),
    ("Thanh", 0.03),
    ("Viết", 0.025),
    ("Trọng", 0.02),
    ("Anh", 0.02),
    ("Duy", 0.02),
    ("Thế", 0.02),
    ("Quốc", 0.02),
    ("Tấn", 0.02),
    ("Phước", 0.015),
    ("Bá", 0.015),
    ("Đăng", 0.015),
    ("Tiến", 0.01),
    ("Trung", 0.01),
    ("Hoàng", 0.01),
    ("Khắc", 0.01),
    ("Như", 0.01),
    ("Nhật", 0.01),
    ("Gia", 0.01),
    ("Bảo", 0.01),
    ("Kim", 0.005),
    ("Ích", 0.003),
    # Rare two-word middle names.
    ("Đức Minh", 0.004),
    ("Quang Minh", 0.004),
    ("Văn Minh", 0.003),
    ("Hữu Hoàng", 0.002),
]

MIDDLE_NAMES_FEMALE: Weighted = [
    ("Thị", 0.50),
    ("Thu", 0.035),
    ("Ngọc", 0.045),
    ("Thanh", 0.035),
    ("Kim", 0.025),
    ("Diệu", 0.015),
    ("Mỹ", 0.02),
    ("Phương", 0.025),
    ("Hoài", 0.015),
    ("Bảo", 0.015),
    ("Minh", 0.025),
    ("Khánh", 0.015),
    ("Hồng", 0.015),
    ("Bích", 0.01),
    ("Lệ", 0.01),
    ("Tuyết", 0.008),
    ("Quỳnh", 0.012),
    ("Thùy", 0.025),
    ("Ánh", 0.008),
    ("Cẩm", 0.008),
    ("Xuân", 0.012),
    ("Hải", 0.01),
    ("Hoàng", 0.008),
    ("Thảo", 0.01),
    ("Tường", 0.008),
    ("Như", 0.01),
    ("Ái", 0.004),
    ("Uyên", 0.004),
    ("Yến", 0.004),
    ("Đan", 0.004),
    # Rare two-word middle names.
    ("Thị Thu", 0.012),
    ("Thị Kim", 0.008),
    ("Thị Ngọc", 0.008),
    ("Thị Thanh", 0.008),
    ("Thị Mỹ", 0.004),
    ("Thị Bích", 0.004),
]

GIVEN_NAMES_MALE: Weighted = [
    ("An", 1.0),
    ("Anh", 2.5),
    ("Ân", 0.4),
    ("Ấn", 0.1),
    ("Bảo", 1.0),
    ("Bách", 0.3),
    ("Bằng", 0.5),
    ("Bình", 1.5),
    ("Cảnh", 0.4),
    ("Chiến", 0.8),
    ("Chính", 0.5),
    ("Công", 0.4),
    ("Cường", 1.8),
    ("Danh", 0.4),
    ("Duy", 0.8),
    ("Dũng", 2.5),
    ("Dương", 0.5),
    ("Đạt", 1.5),
    ("Đăng", 0.4),
    ("Định", 0.4),
    ("Đông", 0.5),
    ("Đức", 1.8),
    ("Giang", 0.4),
    ("Hải", 2.2),
    ("Hào", 0.5),
    ("Hậu", 0.5),
    ("Hiển", 0.4),
    ("Hiệp", 0.6),
    ("Hiếu", 1.5),
    ("Hòa", 1.2),
    ("Hoàng", 1.5),
    ("Hùng", 2.5),
    ("Hưng", 1.5),
    ("Huy", 2.0),
    ("Khải", 0.4),
    ("Khang", 0.4),
    ("Khánh", 1.2),
    ("Khoa", 0.6),
    ("Kiên", 0.6),
    ("Lâm", 0.8),
    ("Lân", 0.3),
    ("Lộc", 1.0),
    ("Lợi", 0.8),
    ("Long", 1.8),
    ("Luân", 0.4),
    ("Lực", 0.6),
    ("Mạnh", 0.8),
    ("Minh", 3.0),
    ("Nam", 2.0),
    ("Nghĩa", 1.0),
    ("Nguyên", 0.6),
    ("Nhân", 1.0),
    ("Nhật", 0.5),
    ("Ơn", 0.2),
    ("Phát", 0.5),
    ("Phong", 1.2),
    ("Phúc", 1.4),
    ("Phước", 0.8),
    ("Quang", 1.2),
    ("Quân", 1.2),
    ("Quốc", 0.6),
    ("Quý", 0.6),
    ("Quyết", 0.4),
    ("Sang", 0.4),
    ("Sơn", 2.0),
    ("Tài", 0.8),
    ("Tâm", 1.2),
    ("Tân", 0.8),
    ("Thái", 0.7),
    ("Thắng", 1.8),
    ("Thanh", 1.0),
    ("Thành", 2.2),
    ("Thiện", 0.6),
    ("Thịnh", 0.8),
    ("Thông", 0.6),
    ("Tiến", 1.0),
    ("Tín", 0.4),
    ("Toàn", 1.0),
    ("Trí", 0.8),
    ("Triều", 0.3),
    ("Trọng", 0.6),
    ("Trung", 1.5),
    ("Trường", 0.6),
    ("Tú", 0.6),
    ("Tuấn", 2.8),
    ("Tùng", 1.2),
    ("Ước", 0.1),
    ("Việt", 1.2),
    ("Vinh", 1.5),
    ("Vĩnh", 0.3),
    ("Vũ", 0.8),
    ("Vương", 0.3),
    ("Xuân", 0.3),
]

GIVEN_NAMES_FEMALE: Weighted = [
    ("Ái", 0.2),
    ("An", 0.5),
    ("Anh", 2.0),
    ("Ánh", 0.8),
    ("Bích", 0.6),
    ("Châu", 0.8),
    ("Chi", 0.8),
    ("Cúc", 0.5),
    ("Diễm", 0.4),
    ("Diệp", 0.4),
    ("Dung", 1.5),
    ("Duyên", 1.0),
    ("Đào", 0.4),
    ("Điệp", 0.3),
    ("Đoan", 0.3),
    ("Giang", 1.0),
    ("Hà", 2.0),
    ("Hằng", 2.0),
    ("Hạnh", 1.5),
    ("Hậu", 0.5),
    ("Hiền", 1.5),
    ("Hoa", 2.0),
    ("Hoài", 0.5),
    ("Hồng", 1.5),
    ("Huệ", 0.8),
    ("Hương", 3.0),
    ("Hường", 0.6),
    ("Huyền", 1.5),
    ("Lài", 0.2),
    ("Lan", 2.0),
    ("Lệ", 0.4),
    ("Liên", 0.8),
    ("Liễu", 0.3),
    ("Linh", 2.5),
    ("Loan", 1.0),
    ("Lụa", 0.2),
    ("Ly", 0.8),
    ("Mai", 2.0),
    ("Mận", 0.2),
    ("Mơ", 0.2),
    ("My", 0.6),
    ("Nga", 1.5),
    ("Ngân", 1.0),
    ("Ngọc", 0.5),
    ("Nguyệt", 0.8),
    ("Nhàn", 0.6),
    ("Nhi", 1.0),
    ("Như", 0.6),
    ("Nhung", 1.2),
    ("Nương", 0.2),
    ("Oanh", 0.8),
    ("Phương", 1.8),
    ("Phượng", 0.8),
    ("Quyên", 0.6),
    ("Quỳnh", 1.0),
    ("Sen", 0.3),
    ("Tâm", 0.8),
    ("Thanh", 0.8),
    ("Thảo", 2.2),
    ("Thơ", 0.5),
    ("Thu", 1.2),
    ("Thư", 0.8),
    ("Thúy", 1.0),
    ("Thủy", 2.0),
    ("Tiên", 0.5),
    ("Trâm", 0.7),
    ("Trang", 2.5),
    ("Trinh", 0.8),
    ("Tuyết", 0.8),
    ("Uyên", 0.8),
    ("Vân", 1.5),
    ("Vy", 0.6),
    ("Xuân", 1.0),
    ("Ý", 0.2),
    ("Yến", 1.2),
]

# ---------------------------------------------------------------------------------------------
# Ethnic minorities of the western mountains (A Lưới; Nam Đông / Khe Tre / Long Quảng)
# ---------------------------------------------------------------------------------------------
#
# Official group names follow the list of 54 ethnic groups. The Pa Kô (Pa Cô) and Pa Hy are
# officially counted within "Tà Ôi", so they appear as "Tà Ôi" here.

TA_OI = "Tà Ôi"
CO_TU = "Cơ Tu"
BRU_VAN_KIEU = "Bru - Vân Kiều"

# Whole-city weighting (percent). Minorities are concentrated in the mountain communes.
ETHNICITIES: Weighted = [
    (KINH, 98.0),
    (TA_OI, 1.0),  # includes Pa Kô
    (CO_TU, 0.55),
    (BRU_VAN_KIEU, 0.2),
    ("Mường", 0.08),
    ("Hoa", 0.06),
    ("Tày", 0.04),
    ("Thái", 0.03),
    ("Nùng", 0.02),
    ("Khmer", 0.01),
    ("Chăm", 0.01),
]

# A Lưới 1–5 (former A Lưới district): Tà Ôi (with Pa Kô) the majority.
A_LUOI_ETHNICITIES: Weighted = [
    (TA_OI, 0.55),
    (KINH, 0.22),
    (CO_TU, 0.12),
    (BRU_VAN_KIEU, 0.10),
    ("Mường", 0.005),
    ("Tày", 0.005),
]

# Former Nam Đông district (Nam Đông, Khe Tre, Long Quảng): Cơ Tu about 40 %, Kinh the rest.
NAM_DONG_ETHNICITIES: Weighted = [
    (KINH, 0.58),
    (CO_TU, 0.40),
    (TA_OI, 0.01),
    ("Mường", 0.005),
    ("Tày", 0.005),
]

A_LUOI_COMMUNES: tuple[str, ...] = tuple(f"Xã A Lưới {i}" for i in range(1, 6))
NAM_DONG_COMMUNES: tuple[str, ...] = ("Xã Nam Đông", "Xã Khe Tre", "Xã Long Quảng")

# Mountain communes where minorities are a large share, keyed by official commune name.
MOUNTAIN_ETHNICITIES: dict[str, Weighted] = {
    **{name: A_LUOI_ETHNICITIES for name in A_LUOI_COMMUNES},
    **{name: NAM_DONG_ETHNICITIES for name in NAM_DONG_COMMUNES},
}

# Family names per minority group. Many Tà Ôi, Pa Kô and Bru - Vân Kiều families took Kinh
# family names (Hồ above all, also Lê, Nguyễn, Trần); the rest are ethnic clan names written in
# Vietnamese orthography. Entries marked "uncertain" are plausible but not verified.
MINORITY_FAMILY_NAMES_BY_ETHNICITY: dict[str, Weighted] = {
    TA_OI: [
        ("Hồ", 0.40),
        ("Lê", 0.08),
        ("Nguyễn", 0.08),
        ("Trần", 0.04),
        ("Kê", 0.10),
        ("Căn", 0.08),
        ("Quỳnh", 0.05),  # uncertain
        ("Nhâm", 0.03),  # uncertain
        ("Kray", 0.03),  # uncertain; Pa Kô
        ("Pả", 0.03),  # uncertain
        ("Ăm", 0.02),  # uncertain
        ("Viết", 0.02),  # uncertain
        ("Arâl", 0.02),  # uncertain
        ("Pi", 0.02),  # uncertain
    ],
    CO_TU: [
        ("Hồ", 0.08),
        ("Nguyễn", 0.06),
        ("Lê", 0.04),
        ("Alăng", 0.12),
        ("Bhling", 0.10),
        ("Zơ Râm", 0.08),
        ("Arất", 0.07),
        ("Coor", 0.07),
        ("Clâu", 0.06),
        ("Bríu", 0.06),
        ("Ploong", 0.05),
        ("Hôih", 0.04),  # uncertain
        ("Ating", 0.04),  # uncertain
        ("Pơ Loong", 0.03),  # uncertain
        ("Blúp", 0.04),  # uncertain
        ("Đinh", 0.03),  # uncertain for Cơ Tu; common among neighbouring peoples
    ],
    BRU_VAN_KIEU: [
        ("Hồ", 0.55),
        ("Lê", 0.10),
        ("Nguyễn", 0.06),
        ("Trần", 0.04),
        ("Côn", 0.07),  # uncertain
        ("Ka", 0.05),  # uncertain
        ("Pả", 0.05),  # uncertain
        ("Kê", 0.04),  # uncertain
        ("Ra Pát", 0.04),  # uncertain
    ],
}

# Family names for other (small) minorities living in the city; they use Kinh-style given names.
OTHER_ETHNIC_FAMILY_NAMES: dict[str, Weighted] = {
    "Mường": [("Đinh", 0.35), ("Bùi", 0.25), ("Quách", 0.15), ("Hà", 0.15), ("Bạch", 0.10)],
    "Hoa": [
        ("Lý", 0.2),
        ("Trương", 0.2),
        ("Lâm", 0.15),
        ("Quách", 0.1),
        ("Hứa", 0.1),
        ("Châu", 0.1),
        ("Mã", 0.08),
        ("Diệp", 0.07),
    ],
    "Tày": [
        ("Nông", 0.3),
        ("Hoàng", 0.25),
        ("Hà", 0.15),
        ("Lương", 0.1),
        ("Ma", 0.1),
        ("Triệu", 0.1),
    ],
    "Thái": [("Lò", 0.3), ("Cầm", 0.2), ("Lường", 0.2), ("Vi", 0.15), ("Hà", 0.15)],
    "Nùng": [("Nông", 0.35), ("Hoàng", 0.3), ("Lục", 0.15), ("Vi", 0.2)],
    "Khmer": [("Thạch", 0.5), ("Danh", 0.3), ("Sơn", 0.2)],
    "Chăm": [("Đàng", 0.4), ("Thành", 0.3), ("Lưu", 0.3)],
}


def _merge_tables(tables: Sequence[Weighted]) -> Weighted:
    merged: dict[str, float] = {}
    for table in tables:
        for name, weight in table:
            merged[name] = merged.get(name, 0.0) + weight
    return list(merged.items())


# Union of the family names of the three mountain peoples (weights added up).
MINORITY_FAMILY_NAMES: Weighted = _merge_tables(list(MINORITY_FAMILY_NAMES_BY_ETHNICITY.values()))

# Ethnic given names, single words. They are invented in the style of Tà Ôi / Cơ Tu / Bru
# personal names as written in Vietnamese; treat them all as plausible rather than attested.
MINORITY_GIVEN_NAMES_MALE: Weighted = [
    ("Kăn", 1.0),
    ("Pả", 1.0),
    ("Ân", 0.8),
    ("Bốp", 0.6),
    ("Kiên", 0.8),
    ("Sóc", 0.6),
    ("Blao", 0.6),
    ("Blâu", 0.5),
    ("Pơi", 0.6),
    ("Rông", 0.5),
    ("Ting", 0.5),
    ("Hơn", 0.5),
    ("Clăng", 0.4),
    ("Ngước", 0.5),
    ("Hy", 0.6),
    ("Pỏ", 0.5),
    ("Chiêm", 0.4),
    ("Đôn", 0.5),
    ("Cư", 0.4),
    ("Ảo", 0.3),
    ("Bơ", 0.4),
    ("Sửu", 0.5),
    ("Nhăm", 0.4),
    ("Prao", 0.3),
    ("Kơ", 0.3),
    ("Ra", 0.3),
    ("Đứp", 0.3),
]

MINORITY_GIVEN_NAMES_FEMALE: Weighted = [
    ("Mia", 1.0),
    ("Plêng", 0.6),
    ("Blơ", 0.6),
    ("Thím", 0.6),
    ("Pư", 0.5),
    ("Ka", 0.6),
    ("Nhiên", 0.6),
    ("Xa", 0.5),
    ("Kim", 0.6),
    ("Bốt", 0.4),
    ("Hiên", 0.5),
    ("Pơ", 0.4),
    ("Rin", 0.5),
    ("Lúi", 0.4),
    ("Trăng", 0.5),
    ("Niềm", 0.5),
    ("Ân", 0.4),
    ("Blúp", 0.3),
    ("Zin", 0.3),
    ("Đa", 0.4),
    ("Pi", 0.3),
]

# Middle names used by minority people: "Văn" / "Thị" dominate; others drawn from the Kinh list.
MINORITY_MIDDLE_MALE: Weighted = [
    ("Văn", 0.75),
    ("Xuân", 0.05),
    ("Hữu", 0.05),
    ("Minh", 0.05),
    ("Quang", 0.05),
    ("Đức", 0.05),
]
MINORITY_MIDDLE_FEMALE: Weighted = [
    ("Thị", 0.85),
    ("Thu", 0.04),
    ("Ngọc", 0.04),
    ("Kim", 0.04),
    ("Hồng", 0.03),
]

# Share of Tà Ôi / Cơ Tu / Bru - Vân Kiều people who carry a Kinh-style given name.
MINORITY_KINH_STYLE_SHARE = 0.5

# ---------------------------------------------------------------------------------------------
# Religion, education, occupation
# ---------------------------------------------------------------------------------------------

RELIGIONS: Weighted = [
    ("Không", 97.0),
    ("Phật giáo", 2.5),
    ("Công giáo", 0.4),
    ("Tin lành", 0.05),
    ("Cao Đài", 0.03),
    ("Phật giáo Hòa Hảo", 0.02),
]

# General (phổ thông) education. "x/12" is the 12-year system (the South before 1975 and the
# whole country later); "x/10" is the old northern 10-year system.
EDUCATION_LEVELS: Weighted = [
    ("12/12", 0.85),
    ("11/12", 0.01),
    ("10/12", 0.01),
    ("9/12", 0.04),
    ("8/12", 0.005),
    ("7/12", 0.005),
    ("10/10", 0.05),
    ("9/10", 0.01),
    ("8/10", 0.005),
    ("7/10", 0.02),
]

# Ordered from lowest to highest.
PROFESSIONAL_LEVELS: Weighted = [
    ("Không", 0.22),
    ("Sơ cấp", 0.06),
    ("Trung cấp", 0.14),
    ("Cao đẳng", 0.06),
    ("Đại học", 0.42),
    ("Thạc sĩ", 0.08),
    ("Tiến sĩ", 0.02),
]

# Political theory (lý luận chính trị), ordered from lowest to highest.
THEORY_LEVELS: Weighted = [
    ("Không", 0.35),
    ("Sơ cấp", 0.40),
    ("Trung cấp", 0.18),
    ("Cao cấp", 0.06),
    ("Cử nhân", 0.01),
]

OCC_CIVIL_SERVANT = "Cán bộ, công chức"
OCC_PUBLIC_EMPLOYEE = "Viên chức"
OCC_WORKER = "Công nhân"
OCC_FARMER = "Nông dân"
OCC_ARMED_FORCES = "Lực lượng vũ trang"
OCC_RETIRED = "Hưu trí"
OCC_STUDENT = "Học sinh, sinh viên"
OCC_BUSINESS_OWNER = "Doanh nhân"
OCC_ENTERPRISE_EMPLOYEE = "Người lao động trong doanh nghiệp"
OCC_SELF_EMPLOYED = "Kinh doanh cá thể"
OCC_FREELANCE = "Lao động tự do"
OCC_HOMEMAKER = "Nội trợ"

OCCUPATIONS: Weighted = [
    (OCC_CIVIL_SERVANT, 0.14),
    (OCC_PUBLIC_EMPLOYEE, 0.16),
    (OCC_WORKER, 0.04),
    (OCC_FARMER, 0.10),
    (OCC_ARMED_FORCES, 0.07),
    (OCC_RETIRED, 0.30),
    (OCC_STUDENT, 0.01),
    (OCC_BUSINESS_OWNER, 0.02),
    (OCC_ENTERPRISE_EMPLOYEE, 0.06),
    (OCC_SELF_EMPLOYED, 0.04),
    (OCC_FREELANCE, 0.05),
    (OCC_HOMEMAKER, 0.01),
]

_PROFESSIONAL_RANK: dict[str, int] = {name: i for i, (name, _) in enumerate(PROFESSIONAL_LEVELS)}
_THEORY_RANK: dict[str, int] = {name: i for i, (name, _) in enumerate(THEORY_LEVELS)}

_GENERAL_BY_ERA: list[tuple[int, Weighted]] = [
    # (born before, weights)
    (
        1955,
        [
            ("12/12", 0.40),
            ("11/12", 0.03),
            ("10/12", 0.02),
            ("9/12", 0.08),
            ("10/10", 0.25),
            ("9/10", 0.06),
            ("8/10", 0.04),
            ("7/10", 0.12),
        ],
    ),
    (
        1965,
        [
            ("12/12", 0.65),
            ("11/12", 0.03),
            ("10/12", 0.02),
            ("9/12", 0.09),
            ("10/10", 0.14),
            ("9/10", 0.03),
            ("7/10", 0.04),
        ],
    ),
    (1975, [("12/12", 0.86), ("11/12", 0.02), ("10/12", 0.02), ("9/12", 0.08), ("10/10", 0.02)]),
    (10_000, [("12/12", 0.95), ("11/12", 0.01), ("10/12", 0.01), ("9/12", 0.03)]),
]
# Unfinished schooling for manual occupations, drawn instead of the era table now and then.
_GENERAL_PARTIAL_12: Weighted = [("9/12", 0.6), ("8/12", 0.15), ("7/12", 0.15), ("11/12", 0.1)]
_GENERAL_PARTIAL_10: Weighted = [("7/10", 0.5), ("8/10", 0.25), ("9/10", 0.25)]
_MANUAL_OCCUPATIONS = frozenset({OCC_FARMER, OCC_WORKER, OCC_FREELANCE, OCC_HOMEMAKER})

_PROFESSIONAL_DEFAULT: Weighted = [
    ("Không", 0.45),
    ("Sơ cấp", 0.12),
    ("Trung cấp", 0.15),
    ("Cao đẳng", 0.08),
    ("Đại học", 0.18),
    ("Thạc sĩ", 0.02),
]
_PROFESSIONAL_BY_OCCUPATION: dict[str, Weighted] = {
    OCC_CIVIL_SERVANT: [
        ("Trung cấp", 0.05),
        ("Cao đẳng", 0.03),
        ("Đại học", 0.70),
        ("Thạc sĩ", 0.19),
        ("Tiến sĩ", 0.03),
    ],
    OCC_PUBLIC_EMPLOYEE: [
        ("Trung cấp", 0.06),
        ("Cao đẳng", 0.05),
        ("Đại học", 0.60),
        ("Thạc sĩ", 0.22),
        ("Tiến sĩ", 0.07),
    ],
    OCC_ARMED_FORCES: [
        ("Sơ cấp", 0.05),
        ("Trung cấp", 0.20),
        ("Cao đẳng", 0.10),
        ("Đại học", 0.55),
        ("Thạc sĩ", 0.09),
        ("Tiến sĩ", 0.01),
    ],
    OCC_RETIRED: [
        ("Không", 0.15),
        ("Sơ cấp", 0.07),
        ("Trung cấp", 0.25),
        ("Cao đẳng", 0.08),
        ("Đại học", 0.35),
        ("Thạc sĩ", 0.07),
        ("Tiến sĩ", 0.03),
    ],
    OCC_FARMER: [
        ("Không", 0.70),
        ("Sơ cấp", 0.15),
        ("Trung cấp", 0.10),
        ("Cao đẳng", 0.02),
        ("Đại học", 0.03),
    ],
    OCC_WORKER: [
        ("Không", 0.30),
        ("Sơ cấp", 0.30),
        ("Trung cấp", 0.25),
        ("Cao đẳng", 0.07),
        ("Đại học", 0.08),
    ],
    OCC_STUDENT: [("Không", 0.80), ("Cao đẳng", 0.05), ("Đại học", 0.15)],
    OCC_BUSINESS_OWNER: [
        ("Không", 0.10),
        ("Trung cấp", 0.10),
        ("Cao đẳng", 0.10),
        ("Đại học", 0.55),
        ("Thạc sĩ", 0.15),
    ],
    OCC_ENTERPRISE_EMPLOYEE: [
        ("Không", 0.10),
        ("Sơ cấp", 0.08),
        ("Trung cấp", 0.15),
        ("Cao đẳng", 0.12),
        ("Đại học", 0.50),
        ("Thạc sĩ", 0.05),
    ],
    OCC_FREELANCE: [
        ("Không", 0.50),
        ("Sơ cấp", 0.15),
        ("Trung cấp", 0.15),
        ("Cao đẳng", 0.08),
        ("Đại học", 0.12),
    ],
}

_THEORY_DEFAULT: Weighted = [("Không", 0.45), ("Sơ cấp", 0.50), ("Trung cấp", 0.05)]
_THEORY_BY_OCCUPATION: dict[str, Weighted] = {
    OCC_CIVIL_SERVANT: [
        ("Không", 0.08),
        ("Sơ cấp", 0.30),
        ("Trung cấp", 0.45),
        ("Cao cấp", 0.15),
        ("Cử nhân", 0.02),
    ],
    OCC_PUBLIC_EMPLOYEE: [
        ("Không", 0.22),
        ("Sơ cấp", 0.55),
        ("Trung cấp", 0.20),
        ("Cao cấp", 0.03),
    ],
    OCC_ARMED_FORCES: [("Không", 0.20), ("Sơ cấp", 0.35), ("Trung cấp", 0.35), ("Cao cấp", 0.10)],
    OCC_RETIRED: [
        ("Không", 0.31),
        ("Sơ cấp", 0.35),
        ("Trung cấp", 0.25),
        ("Cao cấp", 0.07),
        ("Cử nhân", 0.02),
    ],
    OCC_FARMER: [("Không", 0.45), ("Sơ cấp", 0.50), ("Trung cấp", 0.05)],
    OCC_STUDENT: [("Không", 0.60), ("Sơ cấp", 0.40)],
}

# ---------------------------------------------------------------------------------------------
# Hometowns (quê quán)
# ---------------------------------------------------------------------------------------------
# Quê quán is recorded with the names of the time, so pre-2025 communes and wards are used.

_HUE = "Thành phố Huế"
# fmt: off
_HUE_OLD_WARDS = [
    "Phú Hội", "Phú Nhuận", "Vĩnh Ninh", "Phước Vĩnh", "Trường An", "An Cựu", "An Đông",
    "An Tây", "An Hòa", "Hương Sơ", "Hương Long", "Kim Long", "Phú Hiệp", "Phú Hậu", "Phú Bình",
    "Phú Cát", "Tây Lộc", "Thuận Hòa", "Thuận Lộc", "Thuận Thành", "Thủy Biều", "Thủy Xuân",
    "Vỹ Dạ", "Xuân Phú", "Đúc", "Đông Ba", "Gia Hội", "Hương Vinh", "Hương An", "Hương Hồ",
    "Thủy Vân", "Thủy Bằng", "Phú Thượng", "Thuận An", "Tứ Hạ", "Phú Bài", "Thủy Dương",
    "Thủy Phương", "Thủy Châu", "Thủy Lương", "Hương Văn", "Hương Chữ", "Hương Xuân",
]
_HUE_OLD_COMMUNES = [
    # Phong Điền
    "Phong An", "Phong Bình", "Phong Chương", "Phong Hải", "Phong Hiền", "Phong Hòa",
    "Phong Mỹ", "Phong Sơn", "Phong Thu", "Phong Xuân", "Điền Hải", "Điền Hòa", "Điền Hương",
    "Điền Lộc", "Điền Môn",
    # Quảng Điền
    "Quảng An", "Quảng Công", "Quảng Lợi", "Quảng Ngạn", "Quảng Phú", "Quảng Phước",
    "Quảng Thái", "Quảng Thành", "Quảng Thọ", "Quảng Vinh",
    # Hương Trà, Hương Thủy
    "Hương Toàn", "Hương Vân", "Bình Tiến", "Bình Thành", "Hương Thọ", "Hải Dương",
    "Thủy Tân", "Thủy Thanh", "Phú Sơn", "Dương Hòa", "Thủy Phù",
    # Phú Vang
    "Phú An", "Phú Diên", "Phú Gia", "Phú Hồ", "Phú Lương", "Phú Mỹ", "Phú Thuận", "Phú Xuân",
    "Phú Mậu", "Vinh An", "Vinh Hà", "Vinh Thanh", "Vinh Xuân",
    # Phú Lộc
    "Lộc An", "Lộc Bình", "Lộc Bổn", "Lộc Điền", "Lộc Hòa", "Lộc Sơn", "Lộc Thủy", "Lộc Tiến",
    "Lộc Trì", "Lộc Vĩnh", "Vinh Hiền", "Vinh Hưng", "Vinh Mỹ", "Giang Hải", "Xuân Lộc",
    # Nam Đông
    "Hương Hữu", "Hương Lộc", "Hương Phú", "Hương Sơn", "Thượng Lộ", "Thượng Long",
    "Thượng Nhật", "Thượng Quảng",
    # A Lưới
    "Hồng Bắc", "Hồng Hạ", "Hồng Kim", "Hồng Thượng", "Hồng Thủy", "Hồng Vân", "A Roàng",
    "Đông Sơn", "Hương Phong", "Lâm Đớt", "Phú Vinh", "Quảng Nhâm", "Sơn Thủy", "Trung Sơn",
    "Hương Nguyên",
]
# fmt: on
# fmt: off
_OTHER_PROVINCE_COMMUNES: dict[str, tuple[float, list[str]]] = {
    # province: (total weight, communes)
    "Tỉnh Quảng Trị": (5.0, ["Triệu Ái", "Triệu Long", "Triệu Thuận", "Triệu Đại", "Triệu Độ",
                             "Triệu Trạch", "Hải Quy", "Hải Thượng", "Hải Phú", "Hải Ba",
                             "Gio Mỹ", "Gio An", "Gio Châu", "Vĩnh Giang", "Vĩnh Thủy"]),
    "Tỉnh Quảng Nam": (3.0, ["Điện Phương", "Điện Quang", "Điện Thọ", "Điện Trung", "Duy Trung",
                             "Duy Hải", "Duy Sơn", "Đại Hòa", "Đại Hiệp", "Bình Dương"]),
    "Thành phố Đà Nẵng": (1.5, ["Hòa Phong", "Hòa Tiến", "Hòa Châu", "Hòa Nhơn", "Hòa Khương"]),
    "Tỉnh Nghệ An": (2.5, ["Quỳnh Đôi", "Diễn Hoa", "Nghi Thạch", "Nam Giang", "Hưng Tân",
                           "Thanh Ngọc", "Nam Anh"]),
    "Tỉnh Hà Tĩnh": (2.0, ["Tiên Điền", "Xuân Thành", "Thạch Kim", "Cẩm Nhượng", "Tùng Lộc",
                           "Trung Lễ"]),
    "Tỉnh Quảng Bình": (1.0, ["Quảng Thuận", "Hải Ninh", "Võ Ninh", "Sen Thủy"]),
}
# fmt: on
_HUE_HOMETOWN_WEIGHT = 85.0


def _build_hometowns() -> Weighted:
    hue_units = [f"Phường {n}" for n in _HUE_OLD_WARDS] + [f"Xã {n}" for n in _HUE_OLD_COMMUNES]
    result: Weighted = [
        (f"{unit}, {_HUE}", _HUE_HOMETOWN_WEIGHT / len(hue_units)) for unit in hue_units
    ]
    for province, (total, communes) in _OTHER_PROVINCE_COMMUNES.items():
        result.extend((f"Xã {c}, {province}", total / len(communes)) for c in communes)
    return result


HOMETOWNS: Weighted = _build_hometowns()

# ---------------------------------------------------------------------------------------------
# Villages (thôn) and residential groups (tổ dân phố)
# ---------------------------------------------------------------------------------------------

# Village names of the Huế lowlands (real place-name style; used freely for any commune).
# fmt: off
KINH_VILLAGE_NAMES: list[str] = [
    "An Lưu", "Phú Ốc", "Thanh Phước", "Bao Vinh", "Lại Ân", "Dương Nỗ", "Nguyệt Biều",
    "Lương Quán", "Vân Thê", "La Chữ", "Phước Tích", "Mỹ Lợi", "Bác Vọng", "Phú Thứ",
    "Thanh Thủy Chánh", "Lang Xá", "An Truyền", "Hà Trung", "Vĩnh Xương", "Tân Mỹ", "Sư Lỗ",
    "Niêm Phò", "Lai Trung", "Kim Đôi", "Nam Phổ", "Dạ Lê", "Chiết Bi", "Thanh Lam",
    "Diên Trường", "Hà Thanh", "Hải Nhuận", "Mỹ Xá", "Ưu Điềm", "Ô Sa", "Đông Lâm", "Văn Xá",
    "Hiền Sĩ", "Phò Trạch", "Mỹ Chánh", "Đại Lược", "Thanh Hà", "Quảng Tế", "Lương Điền",
    "Cự Lại", "Ấp Bắc", "Thế Lại", "Lại Thế", "Triều Sơn", "Xuân Hòa", "An Thuận",
    "Phước Linh", "Đông Di", "Vĩnh Trị", "Thủy Tú", "Lương Văn", "Phụng Chánh", "Mậu Tài",
    "Hòa Đa", "Lê Xá", "An Bằng", "Thai Dương", "Tiên Nộn", "Hạ Lang", "Bến Củi", "Ô Lâu",
    "Thanh Lương", "Đức Bưu", "Phú Lễ", "Tân Xuân Lai", "Quy Lai", "Lộc Bổn", "Phú Môn",
]
# fmt: on

# Syllables used to compose further lowland village names.
# fmt: off
_KINH_VILLAGE_FIRST = [
    "An", "Phú", "Mỹ", "Thanh", "Vĩnh", "Phước", "Hòa", "Xuân", "Lương", "Đông", "Tân", "Hiền",
    "Lộc", "Vân", "Kim", "Hương", "Bình", "Thuận", "Trung", "Thượng", "Hạ", "Đại", "Ngọc",
    "Long", "Quảng", "Triều", "Minh", "Đức",
]
_KINH_VILLAGE_SECOND = [
    "Lưu", "Ốc", "Phước", "Lợi", "Xá", "Thành", "Hòa", "Điền", "Lộc", "Trạch", "Vinh", "Mỹ",
    "Thủy", "Đông", "Tây", "Nam", "Bắc", "Lâm", "Hội", "Phong", "Khê", "Bình", "Sơn", "Hải",
    "Lập", "Thạnh", "An", "Ninh", "Tú", "Hưng",
]
# fmt: on

# A Lưới villages (Tà Ôi / Pa Kô / Cơ Tu / Bru - Vân Kiều). Spellings vary between sources;
# entries marked "uncertain" are plausible but not verified.
# fmt: off
A_LUOI_VILLAGE_NAMES: list[str] = [
    "A Ngo", "Pa Ríh", "A Đớt", "A Sáp", "A Roàng", "A Hố", "A Tin", "A Diên", "A Niêng",
    "A Chi", "Ka Nôn", "Pa Ken", "Pa Hy", "Pa Lan", "Ta Ay", "Ta Lo", "Tà Lương", "Căn Sâm",
    "Kăn Tôm", "Âr Bồng", "Lê Triêng", "Lê Ninh", "Hợp Thượng", "Pâr Lieng", "Pi Ây", "Ba Lạch",
    "Ka Vin", "Tru Pat", "Chi Đu",
    "Pa E",  # uncertain
    "Ta Vai",  # uncertain
    "A Ka",  # uncertain
    "Kleng",  # uncertain
    "Ân Sài",  # uncertain
    "Tru Chaih",  # uncertain
    "Âr Hẹ",  # uncertain
]
# fmt: on

# Nam Đông / Khe Tre / Long Quảng villages (Cơ Tu). Many villages there are also numbered.
# fmt: off
NAM_DONG_VILLAGE_NAMES: list[str] = [
    "Dỗi", "A Xòa", "Ta Lu", "Pả Dôi", "A Rầng", "Ta Rá", "Cha Măng", "Ka Zú", "A Zôn",
    "Tà Rinh", "Ta Ngay", "Ka Tư", "La Hố", "Khe Su", "Hà An", "Phú Mậu", "Xuân Phú", "Phú Hòa",
    "Thượng Lộ",
    "Ra Lao",  # uncertain
    "Bhờ Nong",  # uncertain
    "Cha Mạ",  # uncertain
    "Ka Zăng",  # uncertain
    "Pa Ring",  # uncertain
]
# fmt: on

# Suffixes that split an existing village into parts.
_VILLAGE_SUFFIXES = ["Đông", "Tây", "Nam", "Bắc", "Thượng", "Hạ", "Trung", "1", "2", "3"]

VILLAGE = "village"
RESIDENTIAL_GROUP = "residential_group"
_KIND_ALIASES: dict[str, str] = {
    "village": VILLAGE,
    "thon": VILLAGE,
    "thôn": VILLAGE,
    "commune": VILLAGE,
    "xa": VILLAGE,
    "xã": VILLAGE,
    "residential_group": RESIDENTIAL_GROUP,
    "tdp": RESIDENTIAL_GROUP,
    "to_dan_pho": RESIDENTIAL_GROUP,
    "tổ dân phố": RESIDENTIAL_GROUP,
    "ward": RESIDENTIAL_GROUP,
    "phuong": RESIDENTIAL_GROUP,
    "phường": RESIDENTIAL_GROUP,
}

# ---------------------------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------------------------

_CumTable = tuple[Sequence[tuple[str, float]], list[str], list[float]]
_CUM_CACHE: dict[int, _CumTable] = {}
_CUM_CACHE_MAX = 512


def _table(weighted: Sequence[tuple[str, float]]) -> _CumTable:
    key = id(weighted)
    entry = _CUM_CACHE.get(key)
    if entry is not None and entry[0] is weighted and len(entry[1]) == len(weighted):
        return entry
    if not weighted:
        raise ValueError("cannot pick from an empty table")
    values = [value for value, _ in weighted]
    cum = list(accumulate(float(weight) for _, weight in weighted))
    entry = (weighted, values, cum)
    if len(_CUM_CACHE) < _CUM_CACHE_MAX:
        _CUM_CACHE[key] = entry
    return entry


def pick(rng: random.Random, weighted: Sequence[tuple[str, float]]) -> str:
    """Draw one value from a weighted table, using only ``rng``."""
    _, values, cum = _table(weighted)
    return rng.choices(values, cum_weights=cum)[0]


def _check_gender(gender: str) -> None:
    if gender not in GENDERS:
        raise ValueError(f"gender must be 'male' or 'female', not {gender!r}")


def full_name(parts: Sequence[str]) -> str:
    """Join (family, middle, given) into a full name, skipping empty parts."""
    return " ".join(part.strip() for part in parts if part and part.strip())


def _all_family_names() -> list[str]:
    names: list[str] = [n for n, _ in FAMILY_NAMES]
    names += [n for n, _ in HUE_COMPOUND_FAMILY_NAMES_MALE]
    names += [n for n, _ in HUE_COMPOUND_FAMILY_NAMES_FEMALE]
    tables = [*MINORITY_FAMILY_NAMES_BY_ETHNICITY.values(), *OTHER_ETHNIC_FAMILY_NAMES.values()]
    for table in tables:
        names += [n for n, _ in table]
    return names


# Family names of more than one word, longest first, for split_full_name.
COMPOUND_FAMILY_NAMES: tuple[str, ...] = tuple(
    sorted({n for n in _all_family_names() if " " in n}, key=lambda n: (-len(n.split()), n))
)


def split_full_name(name: str) -> tuple[str, str, str]:
    """Split a full name into (family, middle, given).

    Knows the compound family names used here (Tôn Thất, Tôn Nữ, Nguyễn Phúc, Zơ Râm, ...).
    The given name is the last word; the middle name is everything in between (may be empty).
    """
    words = name.split()
    if not words:
        return ("", "", "")
    if len(words) == 1:
        return ("", "", words[0])
    family_len = 1
    for compound in COMPOUND_FAMILY_NAMES:
        size = len(compound.split())
        if len(words) > size and words[:size] == compound.split():
            family_len = size
            break
    family = " ".join(words[:family_len])
    return (family, " ".join(words[family_len:-1]), words[-1])


def is_mountain_commune(commune_name: str) -> bool:
    """True for the A Lưới and former Nam Đông communes."""
    return commune_name.strip() in MOUNTAIN_ETHNICITIES


def ethnicity_weights(commune_name: str) -> Weighted:
    """Ethnicity weighting for people living in ``commune_name`` (official name)."""
    return MOUNTAIN_ETHNICITIES.get(commune_name.strip(), ETHNICITIES)


def _starts_with_word(value: str, word: str) -> bool:
    return value.split()[0] == word


# Pre-split tables for birth-year-dependent middle names.
_FEMALE_MIDDLE_THI: Weighted = [
    (n, w) for n, w in MIDDLE_NAMES_FEMALE if _starts_with_word(n, "Thị")
]
_FEMALE_MIDDLE_OTHER: Weighted = [
    (n, w) for n, w in MIDDLE_NAMES_FEMALE if not _starts_with_word(n, "Thị")
]
_MALE_MIDDLE_VAN: Weighted = [(n, w) for n, w in MIDDLE_NAMES_MALE if _starts_with_word(n, "Văn")]
_MALE_MIDDLE_OTHER: Weighted = [
    (n, w) for n, w in MIDDLE_NAMES_MALE if not _starts_with_word(n, "Văn")
]
_MALE_MIDDLE_NOT_VAN: Weighted = [(n, w) for n, w in MIDDLE_NAMES_MALE if "Văn" not in n.split()]


def _thi_share(birth_year: int) -> float:
    if birth_year < 1960:
        return 0.78
    if birth_year < 1975:
        return 0.62
    if birth_year < 1990:
        return 0.45
    return 0.25


def _van_share(birth_year: int) -> float:
    if birth_year < 1960:
        return 0.60
    if birth_year < 1975:
        return 0.45
    if birth_year < 1990:
        return 0.30
    return 0.15


class NameGenerator:
    """Fictional Vietnamese personal names, deterministic for a seeded ``random.Random``."""

    full_name = staticmethod(full_name)

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def person(
        self,
        gender: str,
        *,
        minority_ethnicity: str | None = None,
        birth_year: int | None = None,
    ) -> tuple[str, str, str]:
        """Return (family, middle, given); none of them is empty.

        ``gender`` is "male" or "female". ``minority_ethnicity`` is an official ethnic group
        name (e.g. "Tà Ôi", "Cơ Tu", "Bru - Vân Kiều", "Mường"); None or "Kinh" gives a Kinh
        name. ``birth_year``, if given, makes "Thị"/"Văn" more common for older people.
        """
        _check_gender(gender)
        ethnicity = (minority_ethnicity or KINH).strip()
        if ethnicity in MINORITY_FAMILY_NAMES_BY_ETHNICITY:
            return self._mountain_person(gender, ethnicity, birth_year)
        if ethnicity in OTHER_ETHNIC_FAMILY_NAMES:
            family = pick(self.rng, OTHER_ETHNIC_FAMILY_NAMES[ethnicity])
            middle = self._kinh_middle(gender, birth_year)
            return (
                family,
                middle,
                self._given(gender, family, middle, GIVEN_NAMES_MALE, GIVEN_NAMES_FEMALE),
            )
        return self._kinh_person(gender, birth_year)

    def full(
        self,
        gender: str,
        *,
        minority_ethnicity: str | None = None,
        birth_year: int | None = None,
    ) -> str:
        """Convenience: a full name as one string."""
        return full_name(
            self.person(gender, minority_ethnicity=minority_ethnicity, birth_year=birth_year)
        )

    # -- internals -----------------------------------------------------------------------------

    def _kinh_person(self, gender: str, birth_year: int | None) -> tuple[str, str, str]:
        rng = self.rng
        if rng.random() < HUE_COMPOUND_FAMILY_SHARE:
            if gender == MALE:
                family = pick(rng, HUE_COMPOUND_FAMILY_NAMES_MALE)
                if family == "Nguyễn Phúc":
                    middle = pick(rng, ROYAL_GENERATION_NAMES)
                else:
                    middle = pick(rng, _MALE_MIDDLE_NOT_VAN)
            else:
                family = pick(rng, HUE_COMPOUND_FAMILY_NAMES_FEMALE)
                middle = self._kinh_middle(gender, birth_year)
        else:
            family = pick(rng, FAMILY_NAMES)
            middle = self._kinh_middle(gender, birth_year)
        given = self._given(gender, family, middle, GIVEN_NAMES_MALE, GIVEN_NAMES_FEMALE)
        return family, middle, given

    def _kinh_middle(self, gender: str, birth_year: int | None) -> str:
        rng = self.rng
        if gender == MALE:
            if birth_year is None:
                return pick(rng, MIDDLE_NAMES_MALE)
            common = rng.random() < _van_share(birth_year)
            return pick(rng, _MALE_MIDDLE_VAN if common else _MALE_MIDDLE_OTHER)
        if birth_year is None:
            return pick(rng, MIDDLE_NAMES_FEMALE)
        common = rng.random() < _thi_share(birth_year)
        return pick(rng, _FEMALE_MIDDLE_THI if common else _FEMALE_MIDDLE_OTHER)

    def _mountain_person(
        self, gender: str, ethnicity: str, birth_year: int | None
    ) -> tuple[str, str, str]:
        rng = self.rng
        family = pick(rng, MINORITY_FAMILY_NAMES_BY_ETHNICITY[ethnicity])
        minority_middle = MINORITY_MIDDLE_MALE if gender == MALE else MINORITY_MIDDLE_FEMALE
        if rng.random() < MINORITY_KINH_STYLE_SHARE:
            # Kinh-style given name; the middle name is then sometimes Kinh-style as well.
            if rng.random() < 0.3:
                middle = self._kinh_middle(gender, birth_year)
            else:
                middle = pick(rng, minority_middle)
            given = self._given(gender, family, middle, GIVEN_NAMES_MALE, GIVEN_NAMES_FEMALE)
        else:
            # Ethnic given names go with the plain "Văn" / "Thị" middle names.
            middle = "Văn" if gender == MALE else "Thị"
            given = self._given(
                gender, family, middle, MINORITY_GIVEN_NAMES_MALE, MINORITY_GIVEN_NAMES_FEMALE
            )
        return family, middle, given

    def _given(
        self,
        gender: str,
        family: str,
        middle: str,
        male_table: Weighted,
        female_table: Weighted,
    ) -> str:
        table = male_table if gender == MALE else female_table
        taken = set(family.split()) | set(middle.split())
        given = pick(self.rng, table)
        for _ in range(10):
            if given not in taken:
                break
            given = pick(self.rng, table)
        return given


# ---------------------------------------------------------------------------------------------
# Education profile
# ---------------------------------------------------------------------------------------------


def _cap_professional(level: str, age: int) -> str:
    rank = _PROFESSIONAL_RANK[level]
    if age < 24:
        rank = min(rank, _PROFESSIONAL_RANK["Đại học"])
    if age < 22:
        rank = min(rank, _PROFESSIONAL_RANK["Cao đẳng"])
    if age < 21:
        rank = min(rank, _PROFESSIONAL_RANK["Trung cấp"])
    if age < 28:
        rank = min(rank, _PROFESSIONAL_RANK["Thạc sĩ"])
    return PROFESSIONAL_LEVELS[rank][0]


def education_profile(
    rng: random.Random,
    birth_year: int,
    occupation: str,
    *,
    reference_year: int = DEMO_REFERENCE_YEAR,
) -> tuple[str, str, str]:
    """Return (general education, professional level, political theory level).

    The three are correlated: older members more often have "10/10" or "7/10" (old northern
    system) and no degree; civil servants mostly hold a university degree and Trung cấp or
    Cao cấp theory; farmers and manual workers more often left school early.
    """
    age = reference_year - birth_year

    era_table = next(table for born_before, table in _GENERAL_BY_ERA if birth_year < born_before)
    general = pick(rng, era_table)
    if occupation in _MANUAL_OCCUPATIONS and rng.random() < 0.3:
        old_system = general.endswith("/10")
        general = pick(rng, _GENERAL_PARTIAL_10 if old_system else _GENERAL_PARTIAL_12)

    professional = pick(rng, _PROFESSIONAL_BY_OCCUPATION.get(occupation, _PROFESSIONAL_DEFAULT))
    professional = _cap_professional(professional, age)
    # College and above require finished general education.
    if _PROFESSIONAL_RANK[professional] >= _PROFESSIONAL_RANK["Cao đẳng"] and general not in (
        "12/12",
        "10/10",
    ):
        general = "10/10" if general.endswith("/10") else "12/12"

    theory = pick(rng, _THEORY_BY_OCCUPATION.get(occupation, _THEORY_DEFAULT))
    # Cao cấp / Cử nhân need a university degree and some seniority.
    if _THEORY_RANK[theory] >= _THEORY_RANK["Cao cấp"] and (
        _PROFESSIONAL_RANK[professional] < _PROFESSIONAL_RANK["Đại học"] or age < 30
    ):
        theory = "Trung cấp" if age >= 25 else "Sơ cấp"
    if theory == "Trung cấp" and age < 23:
        theory = "Sơ cấp"
    return general, professional, theory


# ---------------------------------------------------------------------------------------------
# Villages and residential groups
# ---------------------------------------------------------------------------------------------


def _base_name(commune_name: str) -> str:
    name = commune_name.strip()
    for prefix in ("Phường ", "Xã ", "Thị trấn ", "Đặc khu "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def _compose_kinh_village(rng: random.Random) -> str:
    first = rng.choice(_KINH_VILLAGE_FIRST)
    second = rng.choice(_KINH_VILLAGE_SECOND)
    while second == first:
        second = rng.choice(_KINH_VILLAGE_SECOND)
    return f"{first} {second}"


def _village_pool(commune_name: str) -> tuple[list[str], float]:
    """(local pool, share of names drawn from the lowland pool instead)."""
    name = commune_name.strip()
    if name in A_LUOI_COMMUNES:
        return A_LUOI_VILLAGE_NAMES, 0.2
    if name in NAM_DONG_COMMUNES:
        return NAM_DONG_VILLAGE_NAMES, 0.3
    return KINH_VILLAGE_NAMES, 0.0


def _thon_names(rng: random.Random, commune_name: str, count: int) -> list[str]:
    local, lowland_share = _village_pool(commune_name)
    mountain = local is not KINH_VILLAGE_NAMES
    local_order = rng.sample(local, len(local)) if mountain else []
    lowland_order = rng.sample(KINH_VILLAGE_NAMES, len(KINH_VILLAGE_NAMES))
    chosen: list[str] = []
    seen: set[str] = set()

    def add(candidate: str) -> None:
        if candidate not in seen:
            seen.add(candidate)
            chosen.append(candidate)

    attempts = 0
    while len(chosen) < count and attempts < count * 20:
        attempts += 1
        if local_order and rng.random() >= lowland_share:
            add(local_order.pop())
        elif lowland_order and (mountain or rng.random() < 0.6):
            add(lowland_order.pop())
        elif not mountain and rng.random() < 0.7:
            add(_compose_kinh_village(rng))
        else:
            add(f"{rng.choice(local)} {rng.choice(_VILLAGE_SUFFIXES)}")
    number = 1
    while len(chosen) < count:  # very large counts: fall back to numbered villages
        add(str(number))
        number += 1
    return [f"Thôn {name}" for name in chosen]


def _tdp_names(rng: random.Random, commune_name: str, count: int) -> list[str]:
    if rng.random() < 0.5:
        return [f"Tổ dân phố {i}" for i in range(1, count + 1)]
    # Named groups: a few neighbourhoods (the ward itself first), each numbered from 1.
    per_area = rng.randint(3, 8)
    area_count = max(1, -(-count // per_area))
    areas = [_base_name(commune_name)]
    others = [n for n in rng.sample(KINH_VILLAGE_NAMES, len(KINH_VILLAGE_NAMES)) if n != areas[0]]
    areas += others[: area_count - 1]
    sizes = [count // len(areas)] * len(areas)
    for i in range(count % len(areas)):
        sizes[i] += 1
    # Area names are distinct, so "<area> <number>" is unique.
    return [
        f"Tổ dân phố {area} {i}"
        for area, size in zip(areas, sizes, strict=True)
        for i in range(1, size + 1)
    ]


def village_names(rng: random.Random, commune_name: str, kind: str, count: int) -> list[str]:
    """Return ``count`` names of villages or residential groups, unique within the commune.

    ``kind`` is "village" (thôn; also accepts "thon", "commune", "xa") or "residential_group"
    (tổ dân phố; also "tdp", "ward", "phuong"). Villages of the A Lưới and Nam Đông / Khe Tre /
    Long Quảng communes get ethnic-style names ("Thôn A Ngo", "Thôn Pa Ríh", ...). Residential
    groups are either "Tổ dân phố 1", "Tổ dân phố 2", ... or named after neighbourhoods
    ("Tổ dân phố Kim Long 3"). Deterministic for the state of ``rng``.
    """
    if count <= 0:
        return []
    normalized = _KIND_ALIASES.get(kind.strip().lower())
    if normalized is None:
        raise ValueError(f"unknown kind {kind!r}; use 'village' or 'residential_group'")
    if normalized == VILLAGE:
        return _thon_names(rng, commune_name, count)
    return _tdp_names(rng, commune_name, count)
