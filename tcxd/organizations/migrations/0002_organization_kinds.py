"""The kinds of party organization (Điều lệ Đảng; Quy định 294-QĐ/TW: no district level
since 01/07/2025). Kept as data: staff can add kinds in the admin."""

from django.db import migrations

KINDS = [
    # code, name, English name, holds members, has villages, order
    ("provincial_committee", "Đảng bộ tỉnh, thành phố", "Provincial or city party committee",
     False, False, 10),
    ("district_committee", "Đảng bộ huyện, thị xã, thành phố thuộc tỉnh",
     "District party committee (before 07/2025)", False, False, 20),
    ("commune_committee", "Đảng bộ xã, phường", "Commune or ward party committee",
     False, True, 30),
    ("agency_committee", "Đảng bộ trực thuộc", "Party committee directly under the city",
     False, False, 35),
    ("grassroots_committee", "Đảng bộ cơ sở", "Grassroots party committee", False, False, 40),
    ("grassroots_cell", "Chi bộ cơ sở", "Grassroots party cell", True, False, 50),
    ("sub_committee", "Đảng bộ bộ phận", "Sub-grassroots party committee", False, False, 60),
    ("cell", "Chi bộ trực thuộc", "Party cell", True, False, 70),
]


def add_kinds(apps, schema_editor):
    OrganizationKind = apps.get_model("organizations", "OrganizationKind")
    for code, name, name_en, holds, villages, order in KINDS:
        OrganizationKind.objects.update_or_create(
            code=code,
            defaults={"name": name, "name_en": name_en, "holds_members": holds,
                      "has_villages": villages, "sort_order": order},
        )


class Migration(migrations.Migration):
    dependencies = [("organizations", "0001_initial")]
    operations = [migrations.RunPython(add_kinds, migrations.RunPython.noop)]
