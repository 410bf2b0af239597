"""``tcxd restore FILE``: load a backup made by ``tcxd backup`` into an empty database."""

import gzip
import os
import tempfile

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from tcxd.organizations.models import Organization


class Command(BaseCommand):
    help = "Restore a backup written by `tcxd backup` into an empty, migrated database."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("file")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        if Organization.objects.exists():
            raise CommandError("The database is not empty: restore into a new database.")
        try:
            with gzip.open(options["file"], "rb") as handle:
                data = handle.read()
        except (OSError, gzip.BadGzipFile) as exc:
            raise CommandError(f"Cannot read the backup: {exc}") from exc
        fd, path = tempfile.mkstemp(suffix=".json")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            with transaction.atomic():
                call_command("loaddata", path, verbosity=0)
        finally:
            os.unlink(path)
        self.stdout.write(self.style.SUCCESS(f"Restored {options['file']}."))
