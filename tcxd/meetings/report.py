"""The minutes and the monthly resolution of a meeting as .docx (house rule 11: data in,
bytes out). :func:`document_data` reads a meeting into plain data; :func:`build_docx`
renders a docxtpl template with it; :func:`default_template` is the Party-format template
used until the board uploads another (built in ``default_template.py``). The fields a
template can use are listed in docs/meetings.md."""

from __future__ import annotations

import datetime as dt
import functools
import io
import zipfile
from typing import Any

import jinja2
from django.utils.translation import gettext as _

from tcxd.core.errors import DomainError
from tcxd.organizations.models import Organization

from .choices import MeetingKind, Presence, RosterGroup, TemplateKind
from .models import Meeting, MeetingTemplate

JINJA = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True)

# How each kind reads in a document title ("Biên bản sinh hoạt chi bộ thường kỳ …").
KIND_TITLES = {
    MeetingKind.REGULAR: "sinh hoạt chi bộ thường kỳ",
    MeetingKind.TOPICAL: "sinh hoạt chuyên đề",
    MeetingKind.COMBINED: "sinh hoạt chi bộ thường kỳ kết hợp sinh hoạt chuyên đề",
    MeetingKind.EXTRAORDINARY: "sinh hoạt chi bộ đột xuất",
}


def party_date(day: dt.date) -> dict[str, str]:
    """ "ngày 05 tháng 02 năm 2026", "ngày 15 tháng 7 năm 2026" (a leading 0 for days under
    10 and for months 1 and 2)."""
    return {
        "day": f"{day.day:02d}",
        "month": f"{day.month:02d}" if day.month <= 2 else str(day.month),
        "year": str(day.year),
    }


def _lines(text: str) -> list[str]:
    return [line for line in (text or "").split("\n") if line.strip()]


def document_data(meeting: Meeting) -> dict[str, Any]:
    """Everything the two documents show, as plain data (names, counts, texts)."""
    org = meeting.organization
    parent = Organization.objects.get_parent(org)
    rows = list(meeting.attendance.select_related("member__person"))
    rows.sort(key=lambda a: a.member.person.name_sort_key)

    def names(group: tuple[str, ...], presence: str | None = None) -> list[dict[str, str]]:
        return [
            {"name": a.member.person.full_name, "reason": a.reason}
            for a in rows
            if a.group in group and (presence is None or a.presence == presence)
        ]

    expected_groups = (RosterGroup.REGISTERED, RosterGroup.HOSTED)
    unpaid = [
        a.member.person.full_name
        for a in rows
        if a.group in expected_groups and a.presence == Presence.PRESENT and not a.dues_paid
    ]
    rate = (
        f"{100 * meeting.present_count / meeting.expected_count:.1f}".replace(".", ",") + "%"
        if meeting.expected_count
        else "—"
    )
    place = (parent.short_name or parent.name) if parent else ""
    for prefix in ("Đảng bộ ", "Phường ", "Xã "):
        place = place.removeprefix(prefix)
    place = place[:1].upper() + place[1:]
    return {
        "issuer_upper": (parent.name if parent else "").upper(),
        "issuer": org.name.upper(),
        "organization": org.name,
        "place_of_issue": place,
        "kind": meeting.kind,
        "kind_title": KIND_TITLES[MeetingKind(meeting.kind)],
        "topic": meeting.topic,
        "held_on": meeting.held_on.isoformat(),
        "month_label": f"{meeting.held_on.month}/{meeting.held_on.year}",
        "starts_at": meeting.starts_at.strftime("%H:%M"),
        "ends_at": meeting.ends_at.strftime("%H:%M"),
        "duration": meeting.duration_minutes,
        "place": meeting.place,
        "chair": meeting.chair.person.full_name if meeting.chair else "",
        "secretary": meeting.secretary.person.full_name if meeting.secretary else "",
        "upper_attendee": meeting.upper_attendee,
        "expected": meeting.expected_count,
        "present": meeting.present_count,
        "rate": rate,
        "excused": names(expected_groups, Presence.EXCUSED),
        "unexcused": names(expected_groups, Presence.UNEXCUSED),
        "away": names((RosterGroup.AWAY,)),
        "exempt": names((RosterGroup.EXEMPT,)),
        "exempt_present": len(names((RosterGroup.EXEMPT,), Presence.PRESENT)),
        "dues_unpaid": unpaid,
        "speakers": meeting.speakers_count,
        "documents_shared_on": meeting.documents_shared_on.isoformat()
        if meeting.documents_shared_on
        else "",
        "agenda": meeting.agenda,
        "documents": meeting.documents,
        "minutes": meeting.minutes,
        "results": meeting.results,
        "tasks_text": meeting.tasks_text,
        "assignment": meeting.assignment,
        "self_assessment": meeting.self_assessment,
        "tasks": [
            {
                "description": t.description,
                "assignee": t.assignee,
                "due_on": t.due_on.isoformat() if t.due_on else "",
            }
            for t in meeting.tasks.all()
        ],
        "score_total": meeting.score_total,
        "score_max": meeting.scoring_sheet.max_total if meeting.scoring_sheet else None,
        "score_level": meeting.score_level_name,
    }


def _dmy(iso: str) -> str:
    return dt.date.fromisoformat(iso).strftime("%d/%m/%Y") if iso else ""


def docx_context(data: dict[str, Any]) -> dict[str, Any]:
    """What a template can use (docs/meetings.md lists the fields)."""
    held = dt.date.fromisoformat(data["held_on"])
    return {
        **{k: data[k] for k in ("issuer_upper", "issuer", "organization", "kind_title", "topic")},
        **{k: data[k] for k in ("month_label", "starts_at", "ends_at", "duration", "place")},
        **{k: data[k] for k in ("chair", "secretary", "upper_attendee", "expected", "present")},
        **{k: data[k] for k in ("rate", "excused", "unexcused", "away", "exempt", "speakers")},
        **{k: data[k] for k in ("exempt_present", "dues_unpaid", "score_total", "score_max")},
        "place_of_issue": data["place_of_issue"],
        "score_level": data["score_level"],
        "held_on": held.strftime("%d/%m/%Y"),
        **party_date(held),
        "weekday": ["thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"][
            held.weekday()
        ],
        "is_regular": data["kind"] in (MeetingKind.REGULAR, MeetingKind.COMBINED),
        "documents_shared_on": _dmy(data["documents_shared_on"]),
        "agenda": _lines(data["agenda"]),
        "documents": _lines(data["documents"]),
        "minutes": _lines(data["minutes"]),
        "results": _lines(data["results"]),
        "tasks_text": _lines(data["tasks_text"]),
        "assignment": _lines(data["assignment"]),
        "self_assessment": _lines(data["self_assessment"]),
        "tasks": [{**t, "due_on": _dmy(t["due_on"])} for t in data["tasks"]],
    }


def build_docx(data: dict[str, Any], template: bytes) -> bytes:
    """The document as .docx: ``template`` rendered with :func:`docx_context` of ``data``."""
    from docxtpl import DocxTemplate

    try:
        doc = DocxTemplate(io.BytesIO(template))
        doc.render(docx_context(data), jinja_env=JINJA, autoescape=True)
        out = io.BytesIO()
        doc.save(out)
    except (jinja2.TemplateError, zipfile.BadZipFile, KeyError, ValueError, TypeError) as exc:
        raise DomainError(
            "template_invalid",
            _("The document template cannot be used: %(error)s.") % {"error": _explain(exc)},
        ) from exc
    return out.getvalue()


def _explain(exc: Exception) -> str:
    if isinstance(exc, zipfile.BadZipFile | KeyError):
        return _("the file is not a Word document (.docx)")
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return _("a field or a {%% %%} block is written wrongly (%(detail)s)") % {
            "detail": exc.message
        }
    if isinstance(exc, jinja2.UndefinedError):
        return _("it uses a field that does not exist (%(detail)s)") % {"detail": exc.message}
    return str(exc)


def sample_data() -> dict[str, Any]:
    """A meeting's data with every field filled: for checking an uploaded template."""
    return {
        "issuer_upper": "ĐẢNG BỘ PHƯỜNG AN HÒA",
        "issuer": "CHI BỘ TỔ DÂN PHỐ 1",
        "organization": "Chi bộ Tổ dân phố 1",
        "place_of_issue": "An Hòa",
        "kind": "combined",
        "kind_title": KIND_TITLES[MeetingKind.COMBINED],
        "topic": "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        "held_on": "2026-06-05",
        "month_label": "6/2026",
        "starts_at": "19:30",
        "ends_at": "21:45",
        "duration": 135,
        "place": "Nhà văn hóa tổ dân phố 1",
        "chair": "Nguyễn Văn An",
        "secretary": "Trần Thị Bình",
        "upper_attendee": "Lê Văn Cường, Đảng ủy viên",
        "expected": 10,
        "present": 8,
        "rate": "80,0%",
        "excused": [{"name": "Phạm Văn Dũng", "reason": "Ốm"}],
        "unexcused": [{"name": "Hoàng Văn Em", "reason": ""}],
        "away": [{"name": "Võ Thị Phương", "reason": ""}],
        "exempt": [{"name": "Đặng Văn Giang", "reason": ""}],
        "exempt_present": 0,
        "dues_unpaid": ["Bùi Thị Hạnh"],
        "speakers": 5,
        "documents_shared_on": "2026-06-03",
        "agenda": "Đánh giá kết quả tháng 5\nTriển khai nhiệm vụ tháng 6",
        "documents": "Dự thảo nghị quyết tháng 6",
        "minutes": "Đồng chí Bí thư khai mạc.",
        "results": "Hoàn thành các nhiệm vụ tháng 5.",
        "tasks_text": "Vận động nhân dân giữ gìn vệ sinh môi trường.",
        "assignment": "Đồng chí An phụ trách chung.",
        "self_assessment": "Buổi sinh hoạt đạt chất lượng.",
        "tasks": [{"description": "Tổng vệ sinh", "assignee": "Tổ 1", "due_on": "2026-06-30"}],
        "score_total": 85,
        "score_max": 100,
        "score_level": "Khá",
    }


def check_template(kind: str, content: bytes) -> None:
    """Refuse a template that does not render with sample data (DomainError)."""
    build_docx(sample_data(), content)


@functools.cache
def default_template(kind: str) -> bytes:
    from .default_template import build

    return build(TemplateKind(kind))


def template_bytes(kind: str) -> tuple[bytes, int]:
    """The newest uploaded template of ``kind`` and its version, else the default (0)."""
    latest = MeetingTemplate.objects.filter(kind=kind).order_by("-version").first()
    if latest is None:
        return default_template(kind), 0
    return bytes(latest.content), latest.version


def render(meeting: Meeting, kind: str) -> bytes:
    content, _version = template_bytes(kind)
    return build_docx(document_data(meeting), content)
