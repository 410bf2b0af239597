"""Rule data of staffing (codes ``staffing_roadmap``, ``staffing_appointment``,
``retirement_age``). Sources and confidence in docs/staffing.md and
shared/design/domain-sources.md §7 and §10:

- Kết luận 40-KL/TW (18/7/2022), 2022–2026: at least 5 % of cadres and civil servants and at
  least 10 % of public employees paid from the State budget [V] (infographics.vn). Base year
  2021 (the headcount approved for 2021): [U], as the issue states it.
- Term of an appointment 5 years; first appointment needs at least 5 years of work left
  before retirement age, reappointment at least 2 years (Quy định 105-QĐ/TW 19/12/2017, then
  Quy định 80-QĐ/TW 18/8/2022): [U], not in domain-sources; verify against the texts.
- Retirement age (Bộ luật Lao động 2019 Điều 169; Nghị định 135/2020/NĐ-CP): men 60 years 3
  months in 2021, + 3 months a year up to 62; women 55 years 4 months in 2021, + 4 months a
  year up to 60: [U] here (not in domain-sources).
"""

import datetime as dt

from django.db import migrations

D = dt.date

KL40 = "Kết luận 40-KL/TW ngày 18/7/2022 của Bộ Chính trị"
NOTE_ROADMAP = (
    "Độ tin cậy (xem docs/staffing.md): tỷ lệ 5 % và 10 % [V] đọc trên trang công khai trích "
    "Kết luận 40-KL/TW; năm gốc 2021 [U] theo yêu cầu nghiệp vụ, cần đối chiếu văn bản."
)
NOTE_APPOINTMENT = (
    "Độ tin cậy [U]: thời hạn bổ nhiệm 5 năm, còn đủ 5 năm công tác khi bổ nhiệm lần đầu, đủ 2 "
    "năm khi bổ nhiệm lại — theo hiểu biết, chưa đối chiếu văn bản gốc."
)

RULES = [
    {
        "code": "staffing_roadmap",
        "name": "Tinh giản biên chế giai đoạn 2022–2026 (Kết luận 40-KL/TW)",
        "legal_basis": KL40,
        "effective_from": D(2022, 1, 1),
        "effective_to": D(2026, 12, 31),
        "values": {
            "base_year": {"value": 2021, "basis": "năm gốc: biên chế được giao năm 2021"},
            "end_year": {"value": 2026, "basis": "giai đoạn 2022–2026"},
            "cadres_reduction": {"numerator": 5, "denominator": 100},
            "employees_reduction": {"numerator": 10, "denominator": 100},
        },
        "note": NOTE_ROADMAP,
    },
    {
        "code": "staffing_appointment",
        "name": "Thời hạn và tuổi bổ nhiệm (Quy định 105-QĐ/TW)",
        "legal_basis": "Quy định 105-QĐ/TW ngày 19/12/2017 của Bộ Chính trị",
        "effective_from": D(2017, 12, 19),
        "effective_to": D(2022, 8, 17),
        "values": {
            "term": {"value": 60, "unit": "months"},
            "first_appointment_remaining": {"value": 60, "unit": "months"},
            "reappointment_remaining": {"value": 24, "unit": "months"},
        },
        "note": NOTE_APPOINTMENT,
    },
    {
        "code": "staffing_appointment",
        "name": "Thời hạn và tuổi bổ nhiệm (Quy định 80-QĐ/TW)",
        "legal_basis": "Quy định 80-QĐ/TW ngày 18/8/2022 của Bộ Chính trị",
        "effective_from": D(2022, 8, 18),
        "effective_to": None,
        "values": {
            "term": {"value": 60, "unit": "months"},
            "first_appointment_remaining": {"value": 60, "unit": "months"},
            "reappointment_remaining": {"value": 24, "unit": "months"},
        },
        "note": NOTE_APPOINTMENT,
    },
    {
        "code": "retirement_age",
        "name": "Tuổi nghỉ hưu trong điều kiện lao động bình thường",
        "legal_basis": "Bộ luật Lao động 2019, Điều 169; Nghị định 135/2020/NĐ-CP",
        "effective_from": D(2021, 1, 1),
        "effective_to": None,
        "values": {
            "base_year": 2021,
            "male_base_months": 723,
            "male_step_months": 3,
            "male_max_months": 744,
            "female_base_months": 664,
            "female_step_months": 4,
            "female_max_months": 720,
        },
        "note": "Độ tin cậy [U]: lộ trình tăng tuổi nghỉ hưu theo Nghị định 135/2020/NĐ-CP.",
    },
]


def add_data(apps, schema_editor):
    RuleSet = apps.get_model("rules", "RuleSet")
    for rule in RULES:
        RuleSet.objects.update_or_create(
            code=rule["code"],
            effective_from=rule["effective_from"],
            defaults={k: rule[k] for k in ("name", "legal_basis", "effective_to", "values", "note")},
        )


def remove_data(apps, schema_editor):
    apps.get_model("rules", "RuleSet").objects.filter(
        code__in=["staffing_roadmap", "staffing_appointment", "retirement_age"]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("staffing", "0001_initial"), ("rules", "0004_admission_rules_and_calendar")]
    operations = [migrations.RunPython(add_data, remove_data)]
