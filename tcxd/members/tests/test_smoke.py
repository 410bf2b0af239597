import datetime as dt

from tcxd.members.selectors import member_counts
from tcxd.testing.factories import make_member


def test_admit_and_count(tree, personas):
    m = make_member(
        personas.ward_officer,
        tree.cell1,
        admitted_on=dt.date(2020, 1, 10),
        official_on=dt.date(2021, 1, 20),
    )
    assert m.status == "official"
    assert member_counts(tree.ward, dt.date(2020, 6, 1)) == {
        "official": 0,
        "probationary": 1,
        "total": 1,
    }
    assert member_counts(tree.root, dt.date(2021, 6, 1))["official"] == 1
    assert member_counts(tree.commune, dt.date(2021, 6, 1))["total"] == 0
