"""``tcxd task_digest [--date YYYY-MM-DD] [--dry-run]``: the daily e-mail of overdue tasks.

Every active user with an e-mail address and at least one role receives one e-mail listing
the overdue lead assignments (``selectors.overdue_assignments`` on the day) that lie in the
subtrees where he or she holds a role:

- *assigned to your organizations*: assignments to an organization of those subtrees of a
  task assigned from outside them (from above: the commune's tasks from the city);
- *assigned by your organizations*: tasks assigned by an organization of those subtrees,
  with the organizations that have not done them (the city's tasks late in the communes,
  a commune's sub-tasks late in its cells), one line per task.

Nobody receives another commune's tasks: the subtrees are those of the user's roles, as
the pages' scope. No overdue task, no e-mail. Links lead to the assignment and task pages,
prefixed with ``settings.TCXD_SITE_URL`` when it is set. Sent through Django's mail settings
(the console unless ``TCXD_EMAIL_HOST`` is set). ``--dry-run`` prints who would receive
what and sends nothing. Run it once a day (docs/directives.md, "Daily digest").
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.template.loader import render_to_string
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext

from tcxd.accounts.choices import ROLE_ACTIONS, Action
from tcxd.accounts.models import RoleAssignment, User
from tcxd.core.paths import is_under, minimal_prefixes
from tcxd.directives import selectors
from tcxd.directives.choices import ReportKind
from tcxd.directives.models import Assignment, Report, Task


@dataclasses.dataclass
class Line:
    """One overdue assignment to an organization of the user's."""

    assignment: Assignment
    since: dt.date  # the first deadline or report due missed
    url: str


@dataclasses.dataclass
class TaskLine:
    """One task assigned by an organization of the user's, with the late organizations."""

    task: Task
    late: list[Line]
    url: str


@dataclasses.dataclass
class Digest:
    user: Any
    to_do: list[Line]
    to_follow: list[TaskLine]

    @property
    def count(self) -> int:
        return len(self.to_do) + sum(len(t.late) for t in self.to_follow)


def _url(name: str, pk: int) -> str:
    try:
        path = reverse(name, args=[pk])
    except NoReverseMatch:  # the pages are not there (yet): no link
        return ""
    return f"{settings.TCXD_SITE_URL}{path}"


def overdue_lines(today: dt.date) -> list[Line]:
    """Every overdue lead assignment on ``today``, with the first due date it missed."""
    found = selectors.overdue_assignments(Assignment.objects.all(), today)
    days: dict[int, list[dt.date]] = defaultdict(list)
    for pk, on in Report.objects.filter(
        assignment_id__in=[a.pk for a in found], kind__in=[ReportKind.PROGRESS, ReportKind.DONE]
    ).values_list("assignment_id", "reported_on"):
        days[pk].append(on)
    lines = []
    for a in found:
        missed = selectors.missed_reports(a, today, days[a.pk])
        lines.append(
            Line(a, missed[0] if missed else a.task.deadline, _url("directives:assignment", a.pk))
        )
    lines.sort(
        key=lambda line: (line.since, line.assignment.task_id, line.assignment.organization_path)
    )
    return lines


def user_prefixes() -> dict[int, list[str]]:
    """{user id: the paths of the subtrees where the user may view} for every active user
    with an e-mail address and a role."""
    rows = RoleAssignment.objects.filter(user__is_active=True).exclude(user__email="")
    paths: dict[int, list[str]] = defaultdict(list)
    for user_id, role, path in rows.values_list("user_id", "role", "organization__path"):
        if Action.VIEW in ROLE_ACTIONS.get(role, frozenset()):
            paths[user_id].append(path)
    return {user_id: minimal_prefixes(p) for user_id, p in paths.items()}


def build_digests(today: dt.date) -> list[Digest]:
    lines = overdue_lines(today)
    if not lines:
        return []
    prefixes = user_prefixes()
    users = User.objects.in_bulk(list(prefixes))
    digests = []
    for user_id, mine in sorted(prefixes.items()):
        to_do: list[Line] = []
        by_task: dict[int, TaskLine] = {}
        for line in lines:
            a = line.assignment
            if is_under(a.task.assigned_by_path, mine):
                if a.task_id not in by_task:
                    by_task[a.task_id] = TaskLine(a.task, [], _url("directives:task", a.task_id))
                by_task[a.task_id].late.append(line)
            elif is_under(a.organization_path, mine):
                to_do.append(line)
        if to_do or by_task:
            digests.append(Digest(users[user_id], to_do, list(by_task.values())))
    return digests


def message(digest: Digest, today: dt.date, connection: Any = None) -> EmailMultiAlternatives:
    context = {
        "d": digest,
        "today": today,
        "site_name": settings.TCXD_SITE_NAME,
        "site_url": settings.TCXD_SITE_URL,
    }
    subject = ngettext(
        "%(site)s: %(count)s overdue task on %(date)s",
        "%(site)s: %(count)s overdue tasks on %(date)s",
        digest.count,
    ) % {"site": settings.TCXD_SITE_NAME, "count": digest.count, "date": today.strftime("%d/%m/%Y")}
    mail = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string("directives/email/task_digest.txt", context),
        to=[digest.user.email],
        connection=connection,
    )
    mail.attach_alternative(
        render_to_string("directives/email/task_digest.html", context), "text/html"
    )
    return mail


class Command(BaseCommand):
    help = (
        "E-mail every user with a role the overdue tasks of his or her organizations "
        "(one e-mail each; none when nothing is overdue)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="The day of the digest, YYYY-MM-DD (default: today).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Print who would receive what; send nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options.get("date"):
            try:
                today = dt.date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError(
                    f"--date: not a date in the form YYYY-MM-DD: {options['date']!r}"
                ) from exc
        with translation.override(settings.LANGUAGE_CODE):
            digests = build_digests(today)
            if options["dry_run"]:
                for d in digests:
                    self.stdout.write(
                        f"{d.user.email}\t{d.count} overdue: {len(d.to_do)} to do, "
                        f"{len(d.to_follow)} tasks to follow up"
                    )
                self.stdout.write(
                    f"{len(digests)} e-mails (dry run, none sent) for {today.isoformat()}"
                )
                return
            connection = get_connection()
            sent = (
                connection.send_messages([message(d, today, connection) for d in digests])
                if digests
                else 0
            )
        self.stdout.write(f"{sent or 0} e-mails sent for {today.isoformat()}")
