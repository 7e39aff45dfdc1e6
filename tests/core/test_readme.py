"""The README's draft example is a valid draft, and its template table names every key."""

from __future__ import annotations

import re
from pathlib import Path

from audit_tui.core import template as template_module
from audit_tui.core.check import check_draft
from audit_tui.core.storage import parse_draft
from audit_tui.core.template import Template

README = Path(__file__).resolve().parents[2] / "README.md"


def section(title: str) -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index(f"\n## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end != -1 else None]


def test_quick_start_shows_make_run_and_make_test_first() -> None:
    text = README.read_text(encoding="utf-8")
    first_block = re.search(r"```sh\n(.*?)```", text, re.S)
    assert first_block is not None
    commands = [line.split("#")[0].strip() for line in first_block.group(1).splitlines()]
    assert commands == ["make run", "make test"]
    assert text.index("## Quick start") < text.index("## Install")


def test_draft_example_is_a_valid_draft(template: Template) -> None:
    block = re.search(r"```toml\n(.*?)```", section("The draft file"), re.S)
    assert block is not None
    draft = parse_draft(block.group(1).encode("utf-8"), "README.md")
    report = check_draft(template, draft)
    assert [f for f in report.findings if f.severity != "missing"] == []
    assert draft.data["risks"][0]["priority"] == "High"


def test_template_table_names_every_key() -> None:
    table = section("Templates")
    documented = set(re.findall(r"`([a-z_]+)`", table))
    keys = (
        template_module._TEMPLATE_KEYS - {"rules"}  # the rules have a section of their own
        | template_module._PART_KEYS
        | template_module._SECTION_KEYS
        | template_module._FIELD_KEYS
        | template_module._COLUMN_KEYS
    )
    assert keys - documented == set()
    assert set(template_module.KINDS) - documented == set()
