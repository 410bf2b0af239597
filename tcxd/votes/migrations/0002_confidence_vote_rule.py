"""The rule of confidence votes: Quy định 96-QĐ/TW ngày 02/02/2023 của Bộ Chính trị.

Sources and confidence (shared/design/domain-sources.md §3; docs/votes.md):
- quorum, at least 2/3 of those convened present: [V] baotayninh.vn (xay_dung_dang);
- the three levels of the ballot (Điều 6, Phụ lục 4) and the invalid cases: [V]
  ttpc.ktxhcm.edu.vn "Quy định 96 về lấy phiếu tín nhiệm";
- percentages over the ballots returned (Điều 6.3): [V] same page;
- more than 1/2 and less than 2/3 low: relief considered; 2/3 or more: dismissal without
  waiting for the end of the term (Điều 9): [V] cpdanluat.thuvienphapluat.vn, the 2/3 rule
  also in Quy định 41-QĐ/TW (2021); the exact wording of Điều 9 was not read [U].
"""

import datetime as dt

from django.db import migrations

VALUES = {
    "quorum": {"numerator": 2, "denominator": 3, "basis": "Điều 6"},
    "levels": {
        "value": [
            {"code": "high", "label": "Tín nhiệm cao"},
            {"code": "trust", "label": "Tín nhiệm"},
            {"code": "low", "label": "Tín nhiệm thấp"},
        ],
        "basis": "Điều 6, Phụ lục 4",
    },
    # Strictly more than this share of "tín nhiệm thấp" (and less than the next).
    "low_relief_above": {"numerator": 1, "denominator": 2, "basis": "Điều 9 khoản 1"},
    # This share or more of "tín nhiệm thấp".
    "low_dismissal_at": {"numerator": 2, "denominator": 3, "basis": "Điều 9 khoản 2"},
}


def add(apps, schema_editor):
    RuleSet = apps.get_model("rules", "RuleSet")
    RuleSet.objects.update_or_create(
        code="confidence_vote",
        effective_from=dt.date(2023, 2, 2),
        defaults={
            "name": "Lấy phiếu tín nhiệm đối với chức danh lãnh đạo, quản lý",
            "legal_basis": "Quy định 96-QĐ/TW ngày 02/02/2023 của Bộ Chính trị",
            "effective_to": None,
            "values": VALUES,
            "note": (
                "Độ tin cậy (docs/votes.md): tỷ lệ có mặt 2/3, ba mức tín nhiệm, phiếu không "
                "hợp lệ, tỷ lệ tính trên số phiếu thu về: [V] đọc trên trang công khai trích "
                "văn bản; ngưỡng quá 1/2 và từ 2/3 phiếu tín nhiệm thấp: [V] trích dẫn thứ "
                "cấp, chưa đọc nguyên văn Điều 9 [U]."
            ),
        },
    )


def remove(apps, schema_editor):
    apps.get_model("rules", "RuleSet").objects.filter(code="confidence_vote").delete()


class Migration(migrations.Migration):
    dependencies = [("votes", "0001_initial"), ("rules", "0004_admission_rules_and_calendar")]

    operations = [migrations.RunPython(add, remove)]
