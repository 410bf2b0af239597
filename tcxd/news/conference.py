"""From the review to the news: a review conference (``tcxd.reviews.Conference``) turned
into a draft article that states the facts — the date and place, who chaired, who attended
by position, the figures of the period (from the newest generated report of the review,
frozen there), the conclusions and the tasks assigned — for the editor to finish.

Nothing is invented: every sentence is one of the recorded facts; the editor writes the
rest. Document references in the conclusions are linked to the directive register when the
article is shown.
"""

from __future__ import annotations

import html
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tcxd.accounts.choices import Action
from tcxd.accounts.scope import can
from tcxd.audit.services import record
from tcxd.core.errors import DomainError

from . import services
from .models import Article, Category

WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật"]


def _p(text: str) -> str:
    return f"<p>{html.escape(text, quote=False)}</p>"


def _comrade(name: str, position: str) -> str:
    return f"đồng chí {name} – {position}" if position else f"đồng chí {name}"


def figures_lines(conference: Any) -> list[str]:
    """The period's main figures from the review's newest report, as sentences' parts."""
    from tcxd.reviews.figures import format_value

    report = conference.review.reports.order_by("-version").first()
    if report is None:
        return []
    data = report.data or {}
    units = {i["code"]: i.get("unit", "") for i in data.get("indicators", [])}
    labels = {i["code"]: i.get("label", i["code"]) for i in data.get("indicators", [])}
    totals = data.get("totals", {})
    codes = data.get("key_codes") or [c for c in labels if units.get(c) == "count"][:6]
    return [
        f"{labels[c]}: {format_value(totals.get(c), units.get(c, ''))}"
        for c in codes
        if c in labels and totals.get(c) is not None
    ]


def draft_text(conference: Any) -> dict[str, str]:
    """Title, summary and body (HTML) of the draft."""
    review = conference.review
    org = review.organization
    day = conference.held_on
    date = f"{WEEKDAYS[day.weekday()]}, ngày {day:%d/%m/%Y}"
    title = f"Hội nghị {review.title[:1].lower() + review.title[1:]}"
    body = [
        _p(
            f"{date}, tại {conference.place}, {org.name} tổ chức Hội nghị "
            f"{review.title[:1].lower() + review.title[1:]}. "
            f"{_comrade(conference.chair_name, conference.chair_position).capitalize()} "
            "chủ trì Hội nghị."
        )
    ]
    attendees = [a for a in conference.attendees or [] if a.get("name")]
    if attendees:
        body.append(
            _p(
                "Cùng dự có "
                + "; ".join(_comrade(a["name"], a.get("position", "")) for a in attendees)
                + "."
            )
        )
    figures = figures_lines(conference)
    if figures:
        body.append(_p(f"Số liệu {review.period.label[:1].lower() + review.period.label[1:]}:"))
        body.append("<ul>" + "".join(f"<li>{html.escape(f)}</li>" for f in figures) + "</ul>")
    conclusions = [line for line in conference.conclusions.splitlines() if line.strip()]
    if conclusions:
        body.append(_p("Kết luận Hội nghị:"))
        body.extend(_p(line.strip()) for line in conclusions)
    tasks = list(conference.tasks.select_related("organization"))
    if tasks:
        body.append(_p("Hội nghị giao các nhiệm vụ:"))
        items = []
        for task in tasks:
            text = task.description
            if task.organization:
                text += f" ({task.organization.name}"
                text += f", hạn {task.due_on:%d/%m/%Y})" if task.due_on else ")"
            elif task.due_on:
                text += f" (hạn {task.due_on:%d/%m/%Y})"
            items.append(f"<li>{html.escape(text)}</li>")
        body.append("<ul>" + "".join(items) + "</ul>")
    summary = (
        f"Ngày {day:%d/%m/%Y}, {org.name} tổ chức Hội nghị "
        f"{review.title[:1].lower() + review.title[1:]}, do "
        f"{_comrade(conference.chair_name, conference.chair_position)} chủ trì."
    )
    return {"title": title, "summary": summary, "body": "\n".join(body)}


@transaction.atomic
def draft_from_conference(*, actor: Any, conference: Any, category: Category) -> Article:
    """A new draft with the conference's facts (one per conference: a second request
    opens the existing draft's page instead, see ``existing_draft``)."""
    if not can(actor, Action.VIEW, conference.review.organization_path):
        raise DomainError("out_of_scope", _("You may not read this conference."))
    existing = existing_draft(conference)
    if existing is not None:
        raise DomainError(
            "conference_has_article",
            _("An article about this conference already exists: “%(title)s”.")
            % {"title": existing.title},
        )
    text = draft_text(conference)
    saved = services.article_create(
        actor=actor,
        category=category,
        title=text["title"],
        summary=text["summary"],
        body=text["body"],
        source_conference=conference,
    )
    record(
        actor=actor,
        action="news.from_conference",
        target=saved.article,
        changes={"conference": conference.pk, "review": conference.review_id},
    )
    return saved.article


def existing_draft(conference: Any) -> Article | None:
    return Article.objects.filter(source_conference=conference).first()
