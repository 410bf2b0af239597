"""Tests for ``tcxd find_references [FILE]``."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tcxd.directives.tests.test_references import SEED_EXPECTED, SEED_PARAGRAPH

KEYS = ["start", "end", "text", "system", "type", "number", "issuer", "date", "body"]
REPO_ROOT = Path(__file__).resolve().parents[3]


def lines(output: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in output.splitlines()]


def check_seed_output(objects: list[dict[str, Any]], text: str) -> None:
    assert [obj["text"] for obj in objects] == [expected for expected, _ in SEED_EXPECTED]
    for obj in objects:
        assert list(obj) == KEYS
        assert text[obj["start"] : obj["end"]] == obj["text"]
    first = objects[0]
    assert first["system"] == "party"
    assert (first["type"], first["number"], first["issuer"]) == ("KH", "29", "TU")
    assert first["date"] == "2022-01-14"
    assert first["body"] == "Ban Thường vụ Tỉnh ủy"
    assert objects[2]["date"] is None


def test_file(tmp_path: Path) -> None:
    path = tmp_path / "doan.txt"
    text = "Dòng đầu.\r\n" + SEED_PARAGRAPH + "\r\n"
    path.write_bytes(text.encode("utf-8"))
    out = io.StringIO()
    call_command("find_references", str(path), stdout=out)
    # Offsets index the text as it is in the file (Windows line endings kept).
    check_seed_output(lines(out.getvalue()), text)


def test_stdin_option() -> None:
    out = io.StringIO()
    call_command("find_references", stdin=io.StringIO(SEED_PARAGRAPH), stdout=out)
    check_seed_output(lines(out.getvalue()), SEED_PARAGRAPH)


def test_real_stdin_is_read_as_utf8(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Nghị định 13/2023/NĐ-CP ngày 17/4/2023 của Chính phủ và Chỉ thị 05-CT/TW"
    stdin = io.TextIOWrapper(io.BytesIO(text.encode("utf-8")), encoding="latin-1")
    monkeypatch.setattr(sys, "stdin", stdin)
    out = io.StringIO()
    call_command("find_references", "-", stdout=out)
    objects = lines(out.getvalue())
    assert objects == [
        {
            "start": 0,
            "end": 52,
            "text": "Nghị định 13/2023/NĐ-CP ngày 17/4/2023 của Chính phủ",
            "system": "state",
            "type": "NĐ",
            "number": "13",
            "issuer": "CP",
            "date": "2023-04-17",
            "body": "Chính phủ",
        },
        {
            "start": 56,
            "end": 72,
            "text": "Chỉ thị 05-CT/TW",
            "system": "party",
            "type": "CT",
            "number": "05",
            "issuer": "TW",
            "date": None,
            "body": None,
        },
    ]


def test_no_reference_prints_nothing() -> None:
    out = io.StringIO()
    call_command("find_references", stdin=io.StringIO("Không có văn bản nào."), stdout=out)
    assert out.getvalue() == ""


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "khong-co.txt"
    with pytest.raises(CommandError, match=r"Không mở được tệp .*khong-co\.txt: "):
        call_command("find_references", str(path), stdout=io.StringIO())


def test_file_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes(b"K\xe9 ho\xe1ch 29-KH/TU")
    with pytest.raises(CommandError, match="UTF-8"):
        call_command("find_references", str(path), stdout=io.StringIO())


def test_console_script_reads_standard_input() -> None:
    script = Path(sys.executable).with_name("tcxd")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "tcxd.cli"]
    env = {**os.environ, "TCXD_DEBUG": "1", "TCXD_SECRET_KEY": "x"}
    result = subprocess.run(
        [*command, "find_references"],
        input=SEED_PARAGRAPH.encode("utf-8"),
        capture_output=True,
        env=env,
        cwd=REPO_ROOT,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    check_seed_output(lines(result.stdout.decode("utf-8")), SEED_PARAGRAPH)
