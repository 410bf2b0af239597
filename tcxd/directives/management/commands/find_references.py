"""``tcxd find_references [FILE]``: the document references found in a text, as JSON lines.

Reads FILE (UTF-8), or standard input when FILE is omitted or ``-``, and prints one JSON
object per reference in text order, with the keys ``start``, ``end``, ``text``, ``system``,
``type``, ``number``, ``issuer``, ``date`` and ``body`` (see
:mod:`tcxd.directives.references`). Offsets index the decoded text, line endings as they are
in the input. Touches no database.
"""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

from django.core.management.base import BaseCommand, CommandError, CommandParser

from tcxd.directives.references import find_references


class Command(BaseCommand):
    help = (
        "Print the Party and State document references found in FILE (or standard input), "
        "one JSON object per line."
    )
    requires_system_checks = []
    stealth_options = ("stdin",)

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file", nargs="?", default=None, help="UTF-8 text file; standard input if omitted."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: str | None = options.get("file")
        if path is None or path == "-":
            text = self._read_stream(options.get("stdin") or sys.stdin)
        else:
            try:
                with open(path, encoding="utf-8", newline="") as handle:
                    text = handle.read()
            except OSError as exc:
                raise CommandError(f"Không mở được tệp {path}: {exc.strerror or exc}") from exc
            except UnicodeDecodeError as exc:
                raise CommandError(f"Tệp {path} không phải văn bản UTF-8: {exc}") from exc
        for reference in find_references(text):
            self.stdout.write(json.dumps(reference.to_json(), ensure_ascii=False))

    @staticmethod
    def _read_stream(stream: TextIO) -> str:
        """Read a text stream; a real standard input is decoded as UTF-8 whatever the locale."""
        buffer = getattr(stream, "buffer", None)
        if buffer is None:
            return stream.read()
        try:
            return buffer.read().decode("utf-8")
        except UnicodeDecodeError as exc:
            raise CommandError(f"Đầu vào chuẩn không phải văn bản UTF-8: {exc}") from exc
