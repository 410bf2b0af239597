"""Rule data of cell meetings (rule code ``meetings``, two versions) and the default
scoring sheet. Sources and confidence in docs/meetings.md and
shared/design/domain-sources.md §5:

- Hướng dẫn 12-HD/BTCTW (06/7/2018): a quality regular meeting has attendance > 85 % and
  nobody absent without reason, lasts ≥ 90 minutes, minutes recorded fully [V].
- Chỉ thị 50-CT/TW (23/7/2025) and Hướng dẫn 42-HD/BTCTW (28/10/2025): ≥ 90 minutes, 120 when
  combined with a topical meeting, documents on the Sổ tay đảng viên ≥ 1 day before, target
  > 90 % attendance [S] (seen only in public tools built on HD 42).
- Monthly meeting: Điều lệ Đảng, Điều 24 khoản 2 [S-QB]; topical ≥ once a quarter: provincial
  rules implementing HD 12 (e.g. Nghệ An QĐ 08/TU 2021) [V], HD 42 [S].
- Three absences without good reason in a year: Điều lệ Đảng, Điều 8 khoản 2 (a ground for
  striking a member off) [S].
"""

import datetime as dt

from django.db import migrations

D = dt.date

HD12 = "Hướng dẫn 12-HD/BTCTW ngày 06/7/2018"
HD42 = "Hướng dẫn 42-HD/BTCTW ngày 28/10/2025"


def values(guide: str, attendance: int, *, combined_known: bool):
    return {
        "regular_interval": {
            "value": 1,
            "unit": "months",
            "basis": "Điều lệ Đảng, Điều 24 khoản 2",
        },
        "topical_per_quarter": {"value": 1, "basis": guide},
        "min_duration_minutes": {"value": 90, "basis": guide},
        "min_duration_combined_minutes": {
            "value": 120 if combined_known else 90,
            "basis": guide,
        },
        "documents_ahead": {"value": 1, "unit": "calendar_days", "basis": guide},
        "attendance_above_percent": {"value": attendance, "basis": guide},
        "absences_without_reason_per_year": {
            "value": 3,
            "basis": "Điều lệ Đảng, Điều 8 khoản 2",
        },
    }


VERSIONS = [
    {
        "name": "Sinh hoạt chi bộ (Hướng dẫn 12-HD/BTCTW)",
        "legal_basis": f"{HD12}; Điều lệ Đảng",
        "effective_from": D(2018, 7, 6),
        "effective_to": D(2025, 10, 27),
        "values": values(HD12, 85, combined_known=False),
        "note": (
            "Độ tin cậy (docs/meetings.md): tỷ lệ dự > 85%, không vắng không lý do, ≥ 90 phút: "
            "[V]. Chuyên đề ít nhất 1 lần/quý: [V] theo quy định của các tỉnh thực hiện HD 12. "
            "Thời lượng khi kết hợp chuyên đề và gửi tài liệu trước 1 ngày: [U] (HD 12 không "
            "nêu; giữ 90 phút, 1 ngày). 3 lần vắng không lý do/năm: [S] Điều lệ Điều 8.2."
        ),
    },
    {
        "name": "Sinh hoạt chi bộ (Chỉ thị 50-CT/TW, Hướng dẫn 42-HD/BTCTW)",
        "legal_basis": f"{HD42}; Chỉ thị 50-CT/TW ngày 23/7/2025; Điều lệ Đảng",
        "effective_from": D(2025, 10, 28),
        "effective_to": None,
        "values": values(HD42, 90, combined_known=True),
        "note": (
            "Độ tin cậy (docs/meetings.md): các con số của HD 42 (90/120 phút, tài liệu trước "
            "1 ngày, tỷ lệ dự > 90%) mới thấy qua các công cụ công khai xây dựng theo HD 42: "
            "[S]; cần đối chiếu toàn văn. 3 lần vắng không lý do/năm: [S] Điều lệ Điều 8.2."
        ),
    },
]

# TCXD's reading of HD 12 / HD 42 as a 100-point sheet; a province loads its own
# as a new version in the admin (Phiếu chấm điểm) — see docs/meetings.md.
SHEET_ITEMS = [
    {"code": "1", "text": "Chuẩn bị: chi ủy (bí thư) họp chuẩn bị nội dung, dự thảo nghị quyết; thông báo cho đảng viên và cấp ủy viên cấp trên phụ trách", "max": 15},
    {"code": "2", "text": "Tài liệu sinh hoạt gửi đảng viên trước ít nhất 1 ngày", "max": 5, "auto": "documents"},
    {"code": "3", "text": "Tỷ lệ đảng viên dự sinh hoạt đạt trên mức quy định", "max": 15, "auto": "attendance"},
    {"code": "4", "text": "Không có đảng viên vắng mặt không có lý do", "max": 10, "auto": "no_unexcused"},
    {"code": "5", "text": "Thời lượng sinh hoạt đủ theo quy định (90 phút; 120 phút khi kết hợp sinh hoạt chuyên đề)", "max": 10, "auto": "duration"},
    {"code": "6", "text": "Thực hiện đúng trình tự: khai mạc, điểm danh, thông qua chương trình, nội dung chính, kết luận, thông qua nghị quyết", "max": 10},
    {"code": "7", "text": "Nội dung thiết thực, đúng trọng tâm; đánh giá đúng kết quả tháng, đề ra nhiệm vụ cụ thể", "max": 15},
    {"code": "8", "text": "Nhiều đảng viên tham gia phát biểu ý kiến; phát huy dân chủ, tự phê bình và phê bình", "max": 10},
    {"code": "9", "text": "Biên bản, nghị quyết ghi đầy đủ", "max": 5, "auto": "minutes"},
    {"code": "10", "text": "Kiểm tra việc thực hiện nghị quyết kỳ trước; phân công nhiệm vụ có thời hạn", "max": 5},
]
SHEET_LEVELS = [
    {"code": "good", "name": "Tốt", "min": 90},
    {"code": "fair", "name": "Khá", "min": 70},
    {"code": "average", "name": "Trung bình", "min": 50},
    {"code": "poor", "name": "Kém", "min": 0},
]


def add_data(apps, schema_editor):
    RuleSet = apps.get_model("rules", "RuleSet")
    ScoringSheet = apps.get_model("meetings", "ScoringSheet")
    for version in VERSIONS:
        RuleSet.objects.update_or_create(
            code="meetings",
            effective_from=version["effective_from"],
            defaults={k: v for k, v in version.items() if k != "effective_from"},
        )
    ScoringSheet.objects.update_or_create(
        organization=None,
        effective_from=D(2018, 7, 6),
        defaults={
            "name": "Phiếu chấm điểm chất lượng sinh hoạt chi bộ (mặc định của TCXD)",
            "legal_basis": f"Cách đọc của TCXD theo {HD12} và {HD42}",
            "items": SHEET_ITEMS,
            "levels": SHEET_LEVELS,
            "note": (
                "Phiếu mặc định, do TCXD tổng hợp từ các tiêu chí của HD 12 và HD 42 (các "
                "mức và thang điểm là giả định [U]); tỉnh, thành nạp phiếu của mình bằng "
                "phiên bản mới trong trang quản trị (Phiếu chấm điểm)."
            ),
        },
    )


def remove_data(apps, schema_editor):
    apps.get_model("rules", "RuleSet").objects.filter(code="meetings").delete()
    apps.get_model("meetings", "ScoringSheet").objects.filter(organization=None).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0001_initial"),
        ("rules", "0004_admission_rules_and_calendar"),
    ]

    operations = [migrations.RunPython(add_data, remove_data)]
