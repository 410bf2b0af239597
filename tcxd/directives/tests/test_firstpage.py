"""The first page of a Party document, pasted as it comes out of a PDF or Word file, read
into the register's fields. Expected values read off each page by hand."""

from __future__ import annotations

import datetime as dt
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from tcxd.directives.firstpage import parse_first_page, party_case

D = dt.date

# 1. A provincial plan, two columns kept apart by runs of spaces, the rule under the summary.
PLAN = """TỈNH ỦY THỪA THIÊN HUẾ                    ĐẢNG CỘNG SẢN VIỆT NAM
BAN THƯỜNG VỤ
        *                                  Huế, ngày 14 tháng 01 năm 2022
Số 29-KH/TU

                    KẾ HOẠCH
    thực hiện Kết luận số 21-KL/TW, ngày 25/10/2021 của Ban Chấp hành
    Trung ương Đảng khóa XIII về đẩy mạnh xây dựng, chỉnh đốn Đảng
                         -----
Thực hiện Kết luận số 21-KL/TW, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch thực hiện như sau:
I. MỤC ĐÍCH, YÊU CẦU
"""

# 2. A central directive copied line by line from a PDF: the two columns one after the
# other, "Số" with a colon, the date line before the number, no rule, a blank line.
DIRECTIVE = """BAN CHẤP HÀNH TRUNG ƯƠNG
ĐẢNG CỘNG SẢN VIỆT NAM
BỘ CHÍNH TRỊ
Hà Nội, ngày 15 tháng 5 năm 2016
*
Số: 05-CT/TW

CHỈ THỊ
về đẩy mạnh học tập và làm theo tư tưởng,
đạo đức, phong cách Hồ Chí Minh

Đại hội đại biểu toàn quốc lần thứ XII của Đảng xác định …
"""

# 3. A grassroots resolution, header columns merged into single lines (one space), the
# summary merged into the type line, text in NFD (decomposed diacritics).
RESOLUTION = unicodedata.normalize(
    "NFD",
    """ĐẢNG BỘ THÀNH PHỐ HUẾ ĐẢNG CỘNG SẢN VIỆT NAM
ĐẢNG ỦY PHƯỜNG AN HÒA
Số 12-NQ/ĐU An Hòa, ngày 05 tháng 3 năm 2024
NGHỊ QUYẾT về lãnh đạo thực hiện nhiệm vụ chính trị năm 2024
---
Căn cứ Điều lệ Đảng Cộng sản Việt Nam;
""",
)

# 4. A công văn: no type line, the summary is the "V/v" line (two lines), tabs between
# columns, a Kính gửi under it.
LETTER = """BAN TỔ CHỨC TỈNH ỦY\tĐẢNG CỘNG SẢN VIỆT NAM
*
Số 1234-CV/BTCTU\tHuế, ngày 02 tháng 12 năm 2024
V/v rà soát, bổ sung quy hoạch cấp ủy
nhiệm kỳ 2025 - 2030

Kính gửi: Các huyện ủy, thị ủy, thành ủy và đảng ủy trực thuộc Tỉnh ủy
"""

# 5. A guidance of the provincial organization board, CRLF line endings, lower case
# symbol, a summary naming the regulation it guides, the place line with "năm" after a
# comma, and the upper line "TỈNH ỦY" above "BAN TỔ CHỨC".
GUIDANCE = (
    "TỈNH ỦY THỪA THIÊN HUẾ\r\nBAN TỔ CHỨC\r\n*\r\nsố 06-hd/btctu\r\n"
    "Huế, ngày 20 tháng 02, năm 2023\r\n\r\nHƯỚNG DẪN\r\n"
    "thực hiện Quy định số 24-QĐ/TW, ngày 30/7/2021 của Ban Chấp hành Trung ương\r\n"
    "về thi hành Điều lệ Đảng\r\n-----\r\n"
    "Căn cứ Quy định số 24-QĐ/TW …\r\n"
)

# 6. Missing parts: no number, no date line, no header; only a type and a summary.
BARE = """
THÔNG BÁO
kết luận của Thường trực Tỉnh ủy tại buổi làm việc với Đảng ủy xã Phú Vang
"""

# 7. A central resolution: the conference line in capitals under the type, the body
# starting on the next line without a blank (the previous line ends with a full stop).
CENTRAL = """BAN CHẤP HÀNH TRUNG ƯƠNG
*
Số 21-NQ/TW
ĐẢNG CỘNG SẢN VIỆT NAM
Hà Nội, ngày 16 tháng 6 năm 2022
NGHỊ QUYẾT
HỘI NGHỊ LẦN THỨ NĂM BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHÓA XIII
về tăng cường củng cố, xây dựng tổ chức cơ sở đảng và nâng cao chất lượng
đội ngũ đảng viên.
Tổ chức cơ sở đảng là nền tảng của Đảng ở cơ sở …
"""


def test_a_provincial_plan():
    page = parse_first_page(PLAN)
    assert page.issuing_body == "Ban Thường vụ Tỉnh ủy Thừa Thiên Huế"
    assert (page.number, page.type_code, page.issuer_code) == ("29", "KH", "TU")
    assert page.issued_on == D(2022, 1, 14) and page.place == "Huế"
    assert page.title == (
        "Thực hiện Kết luận số 21-KL/TW, ngày 25/10/2021 của Ban Chấp hành "
        "Trung ương Đảng khóa XIII về đẩy mạnh xây dựng, chỉnh đốn Đảng"
    )
    assert [m.symbol for m in page.mentions] == ["21-KL/TW"]
    assert page.suggested_link is not None
    kind, ref = page.suggested_link
    assert (kind, ref.symbol, ref.date) == ("implements", "21-KL/TW", D(2021, 10, 25))


def test_a_central_directive_with_its_columns_one_after_the_other():
    page = parse_first_page(DIRECTIVE)
    assert page.issuing_body == "Bộ Chính trị"
    assert (page.number, page.type_code, page.issuer_code) == ("05", "CT", "TW")
    assert page.issued_on == D(2016, 5, 15) and page.place == "Hà Nội"
    assert page.title == (
        "Về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"
    )
    assert page.mentions == [] and page.suggested_link is None


def test_merged_columns_and_decomposed_text():
    page = parse_first_page(RESOLUTION)
    assert page.issuing_body == "Đảng ủy phường An Hòa"
    assert unicodedata.is_normalized("NFC", page.issuing_body)
    assert (page.number, page.type_code, page.issuer_code) == ("12", "NQ", "ĐU")
    assert page.issued_on == D(2024, 3, 5) and page.place == "An Hòa"
    assert page.title == "Về lãnh đạo thực hiện nhiệm vụ chính trị năm 2024"


def test_a_letter_takes_its_summary_from_the_subject_line():
    page = parse_first_page(LETTER)
    assert page.issuing_body == "Ban Tổ chức Tỉnh ủy"
    assert (page.number, page.type_code, page.issuer_code) == ("1234", "CV", "BTCTU")
    assert page.issued_on == D(2024, 12, 2)
    assert page.title == "Rà soát, bổ sung quy hoạch cấp ủy nhiệm kỳ 2025 - 2030"


def test_a_guidance_suggests_the_document_it_guides():
    page = parse_first_page(GUIDANCE)
    assert page.issuing_body == "Ban Tổ chức Tỉnh ủy Thừa Thiên Huế"
    assert (page.number, page.type_code, page.issuer_code) == ("06", "HD", "BTCTU")
    assert page.issued_on == D(2023, 2, 20)
    assert page.title == (
        "Thực hiện Quy định số 24-QĐ/TW, ngày 30/7/2021 của Ban Chấp hành Trung ương "
        "về thi hành Điều lệ Đảng"
    )
    assert page.suggested_link is not None
    assert page.suggested_link[0] == "guides" and page.suggested_link[1].symbol == "24-QĐ/TW"


def test_missing_parts_stay_empty():
    page = parse_first_page(BARE)
    assert (page.number, page.issuer_code, page.issuing_body, page.place) == ("", "", "", "")
    assert page.issued_on is None
    assert page.type_code == "TB"
    assert page.title == (
        "Kết luận của Thường trực Tỉnh ủy tại buổi làm việc với Đảng ủy xã Phú Vang"
    )


def test_a_central_resolution_ends_its_summary_at_the_first_paragraph():
    page = parse_first_page(CENTRAL)
    assert page.issuing_body == "Ban Chấp hành Trung ương"
    assert (page.number, page.type_code, page.issuer_code) == ("21", "NQ", "TW")
    assert page.issued_on == D(2022, 6, 16)
    assert page.title == (
        "Về tăng cường củng cố, xây dựng tổ chức cơ sở đảng và nâng cao chất lượng "
        "đội ngũ đảng viên"
    )


def test_an_impossible_date_is_left_empty_and_the_rest_is_read():
    page = parse_first_page(PLAN.replace("ngày 14 tháng 01", "ngày 31 tháng 02"))
    assert page.issued_on is None and page.number == "29" and page.place == "Huế"


def test_nothing_pasted():
    for text in ("", "   \n\n  ", "-----", "*"):
        page = parse_first_page(text)
        assert not page.found and page.title == "" and page.number == ""


def test_party_case():
    assert party_case("ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH") == "Đảng ủy Khối các cơ quan tỉnh"
    assert party_case("UỶ BAN KIỂM TRA HUYỆN ỦY PHÚ VANG") == "Ủy ban Kiểm tra Huyện ủy Phú Vang"
    assert party_case("CHI BỘ THÔN BÌNH THÀNH") == "Chi bộ thôn Bình Thành"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_never_raises(text):
    page = parse_first_page(text)
    assert isinstance(page.title, str)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(PLAN.splitlines() + LETTER.splitlines() + ["", "   ", "\t", "Số", "ngày"]),
        max_size=30,
    )
)
def test_never_raises_on_shuffled_lines_of_real_pages(lines):
    page = parse_first_page("\n".join(lines))
    assert page.issued_on is None or page.issued_on.year in (2022, 2024)
