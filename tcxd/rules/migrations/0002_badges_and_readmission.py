"""The first rule data: Party badge levels and readmission conditions, with their sources.

Sources (see shared/design/domain-sources.md §1.4 and §2.3):
- Huy hiệu Đảng levels 30, 40, 45 … 90 years of party age: Hướng dẫn 01-HD/TW (28/9/2021)
  mục 18.1.
- Readmission: at least 36 months after leaving the Party, and only once: Quy định
  232-QĐ/TW (20/01/2025) and Quy định 294-QĐ/TW (26/5/2025, in force 01/07/2025) điểm 3.5.1.
"""

import datetime as dt

from django.db import migrations

RULES = [
    {
        "code": "party_badges",
        "name": "Các mốc tặng Huy hiệu Đảng",
        "legal_basis": "Hướng dẫn 01-HD/TW ngày 28/9/2021, mục 18.1",
        "effective_from": dt.date(2021, 9, 28),
        "effective_to": None,
        "values": {"levels_years": [30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90]},
    },
    {
        "code": "readmission",
        "name": "Điều kiện kết nạp lại",
        "legal_basis": "Quy định 232-QĐ/TW ngày 20/01/2025, điểm 3.5.1",
        "effective_from": dt.date(2025, 1, 20),
        "effective_to": dt.date(2025, 6, 30),
        "values": {"min_months_since_leaving": 36, "max_readmissions": 1},
    },
    {
        "code": "readmission",
        "name": "Điều kiện kết nạp lại",
        "legal_basis": "Quy định 294-QĐ/TW ngày 26/5/2025, điểm 3.5.1",
        "effective_from": dt.date(2025, 7, 1),
        "effective_to": None,
        "values": {"min_months_since_leaving": 36, "max_readmissions": 1},
    },
]


def add_rules(apps, schema_editor):
    RuleSet = apps.get_model("rules", "RuleSet")
    for rule in RULES:
        RuleSet.objects.update_or_create(
            code=rule["code"], effective_from=rule["effective_from"],
            defaults={k: v for k, v in rule.items() if k not in ("code", "effective_from")},
        )


class Migration(migrations.Migration):
    dependencies = [("rules", "0001_initial")]
    operations = [migrations.RunPython(add_rules, migrations.RunPython.noop)]
