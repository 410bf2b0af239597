"""The Party document types and issuer codes known when TCXD ships (docs/directives.md has
the sources: Quy định 399-QĐ/TW and Hướng dẫn 36-HD/VPTW as read in domain-sources.md 4.1
and 4.2). Staff add more in the admin."""

from django.db import migrations

TYPES = [
    # code, name, other words
    ("NQ", "Nghị quyết", ""),
    ("QĐ", "Quyết định", "Quy định"),
    ("CT", "Chỉ thị", ""),
    ("KL", "Kết luận", ""),
    ("QC", "Quy chế", ""),
    ("HD", "Hướng dẫn", ""),
    ("TB", "Thông báo", ""),
    ("BC", "Báo cáo", ""),
    ("KH", "Kế hoạch", ""),
    ("CTr", "Chương trình", "Chương trình hành động"),
    ("ĐA", "Đề án", ""),
    ("PA", "Phương án", ""),
    ("TTr", "Tờ trình", ""),
    ("CV", "Công văn", ""),
    ("BB", "Biên bản", ""),
    ("TT", "Thông tri", ""),
]

# code, stands for, first year of one of its five-year terms (central committee terms
# 2021–2026 …, local party committee terms 2020–2025, 2025–2030 …).
ISSUERS = [
    ("TW", "Ban Chấp hành Trung ương, Bộ Chính trị, Ban Bí thư", 2021),
    ("VPTW", "Văn phòng Trung ương Đảng", 2021),
    ("BTCTW", "Ban Tổ chức Trung ương", 2021),
    ("BTGDVTW", "Ban Tuyên giáo và Dân vận Trung ương", 2021),
    ("UBKTTW", "Ủy ban Kiểm tra Trung ương", 2021),
    ("TU", "Tỉnh ủy, Thành ủy và Ban Thường vụ", 2020),
    ("VPTU", "Văn phòng Tỉnh ủy, Thành ủy", 2020),
    ("BTCTU", "Ban Tổ chức Tỉnh ủy, Thành ủy", 2020),
    ("BTGDVTU", "Ban Tuyên giáo và Dân vận Tỉnh ủy, Thành ủy", 2020),
    ("UBKTTU", "Ủy ban Kiểm tra Tỉnh ủy, Thành ủy", 2020),
    ("ĐU", "Đảng ủy và Ban Thường vụ Đảng ủy", 2020),
    ("CB", "Chi bộ", 2020),
    ("ĐH", "Đại hội", 2020),
]


def forwards(apps, schema_editor):
    DocumentType = apps.get_model("directives", "DocumentType")
    Issuer = apps.get_model("directives", "Issuer")
    for position, (code, name, other) in enumerate(TYPES):
        DocumentType.objects.get_or_create(
            code=code, defaults={"name": name, "other_words": other, "position": position}
        )
    for code, name, base in ISSUERS:
        Issuer.objects.get_or_create(code=code, defaults={"name": name, "term_base_year": base})


class Migration(migrations.Migration):
    dependencies = [("directives", "0001_initial")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
