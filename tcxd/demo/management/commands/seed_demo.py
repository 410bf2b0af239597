import time

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from tcxd.demo.city import DEMO_PASSWORD, build_demo_city, demo_accounts
from tcxd.organizations.models import Organization


class Command(BaseCommand):
    help = "Build the demo city (Đảng bộ thành phố Huế, fictional members) into an empty database."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument(
            "--seed", type=int, default=1, help="random seed (same seed, same city)"
        )
        parser.add_argument("--members", type=int, default=58_280, help="current members to create")
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="do nothing if the database already holds organizations",
        )

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        if Organization.objects.exists():
            if options["if_empty"]:
                self.stdout.write("The database already holds the demo city: reusing it.")
                self.print_accounts(demo_accounts())
                return
            raise CommandError("The database is not empty. Delete var/tcxd.sqlite3 first.")
        summary = build_demo_city(
            seed=options["seed"], members=options["members"], progress=self.stdout.write
        )
        elapsed = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo city built in {elapsed:.1f} s: {summary.organizations:,} organizations, "
                f"{summary.current_members:,} current members ({summary.members:,} with former "
                f"members), {summary.villages:,} villages and residential groups."
            )
        )
        self.print_accounts(summary.accounts)

    def print_accounts(self, accounts):  # type: ignore[no-untyped-def]
        self.stdout.write(f"Demo accounts (password for all: {DEMO_PASSWORD}):")
        for username, role, place in accounts:
            self.stdout.write(f"  {username:<16} {role} — {place}")
