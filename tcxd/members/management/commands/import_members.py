"""``tcxd import_members FILE [--dry-run] [--user NAME]``: the member import from a shell.

Thin on purpose: the checks and the writing are ``members.imports.import_file``, the same
service as the web upload and the API. All or nothing: on any problem every problem is
printed to stderr, one line each ("Dòng N, cột «X»: …"), nothing is written and the
command exits with status 1.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from tcxd.members.imports import import_file


class Command(BaseCommand):
    help = "Import party members from a .xlsx or .csv file (all or nothing)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="the .xlsx or .csv file to import")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="check the file and report what would change, without saving anything",
        )
        parser.add_argument(
            "--user",
            help="user name of the superuser recorded as the actor "
            "(default: the first active superuser)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        actor = self._actor(options.get("user"))
        with path.open("rb") as upload:
            report = import_file(
                actor=actor, upload=upload, filename=path.name, dry_run=options["dry_run"]
            )
        if report.problems:
            for problem in report.problems:
                self.stderr.write(str(problem) if problem.row else problem.message)
            raise CommandError(
                f"{len(report.problems)} problem(s) in {path.name}: nothing was imported."
            )
        summary = (
            f"{path.name}: {report.rows} row(s); created {report.created}, "
            f"updated {report.updated}, unchanged {report.unchanged}."
        )
        if report.dry_run:
            summary += " Dry run: nothing was saved."
        self.stdout.write(summary)

    def _actor(self, username: str | None) -> Any:
        users = get_user_model().objects.filter(is_active=True, is_superuser=True)
        if username:
            actor = users.filter(username=username).first()
            if actor is None:
                raise CommandError(f"No active superuser is named {username!r}.")
            return actor
        actor = users.order_by("pk").first()
        if actor is None:
            raise CommandError(
                "No active superuser: create one (tcxd createsuperuser) or name one with --user."
            )
        return actor
