"""Every action the code records has a readable name in the audit log (not its code)."""

from __future__ import annotations

import re
from pathlib import Path

from tcxd.admissions.choices import StepKind as AdmissionStep
from tcxd.audit.choices import action_label
from tcxd.members.choices import EventKind

ROOT = Path(__file__).resolve().parents[2]
LITERAL = re.compile(r'action="([a-z_]+\.[a-z_]+)"')
TEMPLATED = re.compile(r'action=f"([^"]+)"')

# The action codes built at run time, by their f-string, with every value they can take.
FAMILIES = {
    "members.{kind}": [f"members.{k}" for k in EventKind.values],
    "admissions.{kind}": [f"admissions.{k}" for k in AdmissionStep.values],
    "reviews.{step or 'save'}": ["reviews.save", "reviews.submitted", "reviews.resubmitted"],
    "rules.{obj._meta.model_name}_{verb}": [
        f"rules.{m}_{v}" for m in ("ruleset", "calendarexception") for v in ("create", "change")
    ],
    "rules.{obj._meta.model_name}_delete": [
        f"rules.{m}_delete" for m in ("ruleset", "calendarexception")
    ],
}


def sources() -> list[Path]:
    return [p for p in ROOT.rglob("*.py") if "tests" not in p.parts and "migrations" not in p.parts]


def test_every_recorded_action_has_a_label() -> None:
    codes: set[str] = set()
    for path in sources():
        text = path.read_text(encoding="utf-8")
        codes.update(LITERAL.findall(text))
        for template in TEMPLATED.findall(text):
            assert template in FAMILIES, f"{path}: new action family {template!r}: add it here"
            codes.update(FAMILIES[template])
    assert len(codes) > 40
    unnamed = sorted(code for code in codes if action_label(code) == code)
    assert not unnamed, f"actions without a readable label in tcxd/audit/choices.py: {unnamed}"


def test_reads_are_told_from_writes() -> None:
    """The indicators' cache is stamped with the last write of each app (``write_actions``):
    a read listed as a write only empties the cache more often, a write listed as a read
    would leave stale figures. Reads are the views, downloads and exports."""
    from tcxd.audit.choices import ACTION_LABELS, READ_ACTIONS, write_actions

    assert ACTION_LABELS.keys() >= READ_ACTIONS
    looks_like_read = re.compile(r"(^|_)(view|download|export)$")
    for code in ACTION_LABELS:
        verb = code.partition(".")[2]
        assert (code in READ_ACTIONS) == bool(looks_like_read.search(verb)), code
    writes = write_actions(("meetings",))
    assert "meetings.create" in writes and "meetings.sheet_delete" in writes
    assert "meetings.view" not in writes and not any(w.startswith("members.") for w in writes)
