import datetime as dt, io
import openpyxl
from tcxd.members.imports import import_file
from tcxd.members.importers import COLUMNS
from tcxd.audit.models import AuditEntry

def xlsx(rows, merge=None):
    wb = openpyxl.Workbook(); ws = wb.active
    for r in rows: ws.append(r)
    if merge: ws.merge_cells(merge)
    b = io.BytesIO(); wb.save(b); b.seek(0); return b

def test_x(tree, personas):
    h = ["Họ và tên","Ngày sinh","Giới tính","Số CCCD","Ngày vào Đảng","Mã tổ chức đảng","Ngày chính thức","Quê quán"]
    rows = [h, ["Nguyễn Văn An", "15/03/1985", "Nam", "046085000001", dt.date(2010,5,19), "T-AH-1", 40682, "Huế"]]
    rep = import_file(actor=personas.ward_officer, upload=xlsx(rows), filename="a.xlsx", dry_run=False)
    print(rep)
    print(list(AuditEntry.objects.values("action","changes")))
    rep = import_file(actor=personas.ward_officer, upload=xlsx(rows, "A1:B1"), filename="a.xlsx", dry_run=False)
    print(rep)
    from python_calamine import CalamineWorkbook
    s = CalamineWorkbook.from_filelike(xlsx(rows, "A1:B1")).get_sheet_by_index(0)
    print(s.merged_cell_ranges, s.to_python())
