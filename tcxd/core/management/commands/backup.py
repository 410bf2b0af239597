"""``tcxd backup FILE``: every record of the application, as gzipped JSON.

Works the same on SQLite and PostgreSQL (Django's serializers), so a backup taken on one
can be restored on the other. Sessions, lockout counters and permission rows are left out:
they are rebuilt or expire.
"""

import gzip
import io

from django.core.management import call_command
from django.core.management.base import BaseCommand

EXCLUDE = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "axes"]


class Command(BaseCommand):
    help = "Write a full backup of the data to FILE (gzipped JSON)."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("file")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        buffer = io.StringIO()
        call_command("dumpdata", exclude=EXCLUDE, natural_foreign=True, stdout=buffer, verbosity=0)
        data = buffer.getvalue().encode()
        with gzip.open(options["file"], "wb") as handle:
            handle.write(data)
        self.stdout.write(f"Backup written to {options['file']} ({len(data) // 1024:,} KiB).")
