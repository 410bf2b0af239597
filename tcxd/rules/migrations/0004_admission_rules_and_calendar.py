"""Admission rules (four versions) and the compensatory days off / make-up Saturdays of
2024–2026, with their sources. docs/rules.md lists the same data with confidence tags.

Dates of effect (shared/design/domain-sources.md §0):
- Quy định 29-QĐ/TW: signed and in force 25/7/2016 (thuvienphapluat.vn, vietjack.me/phap-luat/
  quy-dinh-29-qd-tw-4830.html), replaced by 24-QĐ/TW on 30/7/2021.
- Quy định 24-QĐ/TW: 30/7/2021, replaced by 232-QĐ/TW (20/01/2025, in force on signing).
- Quy định 294-QĐ/TW: signed 26/5/2025, in force 01/7/2025; Hướng dẫn 06-HD/TW 09/6/2025.
"""

import datetime as dt

from django.db import migrations

D = dt.date

VERSIONS = [
    {
        "name": "Kết nạp đảng viên (Quy định 29-QĐ/TW)",
        "legal_basis": "Quy định 29-QĐ/TW ngày 25/7/2016; Hướng dẫn 01-HD/TW năm 2016",
        "effective_from": D(2016, 7, 25),
        "effective_to": D(2021, 7, 29),
        "age": "điểm 1.1 a",
        "guide": "Hướng dẫn 01-HD/TW năm 2016",
        "record": "Hướng dẫn 09-HD/BTCTW năm 2017",
    },
    {
        "name": "Kết nạp đảng viên (Quy định 24-QĐ/TW)",
        "legal_basis": "Quy định 24-QĐ/TW ngày 30/7/2021; Hướng dẫn 01-HD/TW ngày 28/9/2021",
        "effective_from": D(2021, 7, 30),
        "effective_to": D(2025, 1, 19),
        "age": "điểm 1.1.1",
        "guide": "Hướng dẫn 01-HD/TW ngày 28/9/2021",
        "record": "Hướng dẫn 12-HD/BTCTW ngày 18/01/2022, điểm 2.2",
    },
    {
        "name": "Kết nạp đảng viên (Quy định 232-QĐ/TW)",
        "legal_basis": "Quy định 232-QĐ/TW ngày 20/01/2025; Hướng dẫn 01-HD/TW ngày 28/9/2021",
        "effective_from": D(2025, 1, 20),
        "effective_to": D(2025, 6, 30),
        "age": "điểm 1.1.1",
        "guide": "Hướng dẫn 01-HD/TW ngày 28/9/2021",
        "record": "Hướng dẫn 12-HD/BTCTW ngày 18/01/2022, điểm 2.2",
    },
    {
        "name": "Kết nạp đảng viên (Quy định 294-QĐ/TW)",
        "legal_basis": "Quy định 294-QĐ/TW ngày 26/5/2025; Hướng dẫn 06-HD/TW ngày 09/6/2025",
        "effective_from": D(2025, 7, 1),
        "effective_to": None,
        "age": "điểm 1.1.1",
        "guide": "Hướng dẫn 06-HD/TW ngày 09/6/2025",
        "record": "Hướng dẫn 12-HD/BTCTW ngày 18/01/2022, điểm 2.2",
    },
]

NOTE = (
    "Độ tin cậy (xem docs/rules.md): tuổi đời, thời hạn quyết định kết nạp (60 ngày làm việc, "
    "gia hạn tối đa 30), lễ kết nạp (30 ngày làm việc), dự bị 12 tháng, xét công nhận chính "
    "thức (30 ngày làm việc; 3 lần biểu quyết), tỷ lệ 2/3: [V] đọc trên trang công khai trích "
    "văn bản. Giá trị giấy chứng nhận 60 tháng và hạn khai lý lịch đảng viên 30 ngày làm việc: "
    "[S] nguồn thứ cấp (bộ câu hỏi nghiệp vụ); với các phiên bản trước 294-QĐ/TW là [U] giả "
    "định không đổi."
)


def wd(n, basis):
    return {"value": n, "unit": "working_days", "basis": basis}


def values(version):
    guide = version["guide"]
    return {
        "age_min_months": {"value": 216, "basis": version["age"]},
        "age_max_months": {"value": 720, "basis": version["age"]},
        "awareness_certificate_validity": {
            "value": 60,
            "unit": "months",
            "basis": f"{guide}, mục 5.4" if guide.startswith("Hướng dẫn 06") else guide,
        },
        "introducer_acquaintance": {"value": 12, "unit": "months", "basis": "điểm 3.2.1"},
        "cell_vote": {"numerator": 2, "denominator": 3, "basis": "Điều lệ Đảng, Điều 4 khoản 3"},
        "committee_vote": {
            "numerator": 2,
            "denominator": 3,
            "basis": f"{guide}, mục 3.7" if guide.startswith("Hướng dẫn 06") else guide,
        },
        "decision_deadline": wd(60, "điểm 4.3.1"),
        "decision_extension_max": wd(30, "điểm 4.3.1"),
        "ceremony_deadline": wd(30, "điểm 4.1"),
        "probation": {"value": 12, "unit": "months", "basis": "Điều lệ Đảng, Điều 5 khoản 1"},
        "recognition_consideration": wd(30, "điểm 4.2"),
        "recognition_decision_deadline": wd(30, "điểm 4.3.1"),
        "recognition_vote_rounds": {"value": 3, "basis": "điểm 4.2"},
        "member_record_deadline": wd(30, version["record"]),
    }


VPCP_2024 = "Công văn 2450/VPCP-KGVX ngày 12/4/2024 của Văn phòng Chính phủ"
VPCP_2025 = (
    "Công văn 8726/VPCP-KGVX ngày 26/11/2024 của Văn phòng Chính phủ; Thông báo 6150/TB-"
    "BLĐTBXH của Bộ Lao động - Thương binh và Xã hội"
)
VPCP_2026 = "Công văn 12729/VPCP-KGVX ngày 25/12/2025 của Văn phòng Chính phủ (đề xuất của Bộ Nội vụ)"

DAYS = [
    (D(2024, 4, 29), "day_off", "Nghỉ hoán đổi dịp 30/4 – 1/5/2024 (làm bù thứ Bảy 04/5/2024)", VPCP_2024),
    (D(2024, 5, 4), "working_day", "Làm bù cho thứ Hai 29/4/2024", VPCP_2024),
    (D(2025, 5, 2), "day_off", "Nghỉ hoán đổi dịp 30/4 – 1/5/2025 (làm bù thứ Bảy 26/4/2025)", VPCP_2025),
    (D(2025, 4, 26), "working_day", "Làm bù cho thứ Sáu 02/5/2025", VPCP_2025),
    (D(2026, 1, 2), "day_off", "Nghỉ hoán đổi dịp Tết Dương lịch 2026 (làm bù thứ Bảy 10/01/2026)", VPCP_2026),
    (D(2026, 1, 10), "working_day", "Làm bù cho thứ Sáu 02/01/2026", VPCP_2026),
]


def add_data(apps, schema_editor):
    RuleSet = apps.get_model("rules", "RuleSet")
    CalendarException = apps.get_model("rules", "CalendarException")
    for version in VERSIONS:
        RuleSet.objects.update_or_create(
            code="admission",
            effective_from=version["effective_from"],
            defaults={
                "name": version["name"],
                "legal_basis": version["legal_basis"],
                "effective_to": version["effective_to"],
                "values": values(version),
                "note": NOTE,
            },
        )
    for day, kind, name, basis in DAYS:
        CalendarException.objects.update_or_create(
            day=day, defaults={"kind": kind, "name": name, "legal_basis": basis}
        )


def remove_data(apps, schema_editor):
    apps.get_model("rules", "RuleSet").objects.filter(code="admission").delete()
    apps.get_model("rules", "CalendarException").objects.filter(
        day__in=[day for day, *_ in DAYS]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("rules", "0003_calendar_exception")]
    operations = [migrations.RunPython(add_data, remove_data)]
