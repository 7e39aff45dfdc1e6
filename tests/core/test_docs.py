"""The README stays short and points at docs/; the docs' examples and tables match the code."""

from __future__ import annotations

import re
from pathlib import Path

from audit_tui.core.checks.check import check_draft
from audit_tui.core.files.storage import parse_draft
from audit_tui.core.model import kinds, loader
from audit_tui.core.model.template import Template

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
DOCS = ROOT / "docs"


def test_quick_start_shows_make_run_and_make_test_first() -> None:
    text = README.read_text(encoding="utf-8")
    first_block = re.search(r"```sh\n(.*?)```", text, re.S)
    assert first_block is not None
    commands = [line.split("#")[0].strip() for line in first_block.group(1).splitlines()]
    assert commands == ["make run", "make test"]
    assert text.index("## Quick start") < text.index("## Install")


def test_readme_is_at_most_250_lines() -> None:
    assert len(README.read_text(encoding="utf-8").splitlines()) <= 250


def test_every_local_link_in_readme_contributing_and_docs_resolves() -> None:
    pages = [README, ROOT / "CONTRIBUTING.md", *sorted(DOCS.glob("*.md"))]
    checked = 0
    for page in pages:
        for target in re.findall(r"\]\(([^)\s]+)\)", page.read_text(encoding="utf-8")):
            if re.match(r"[a-z]+:", target) or target.startswith("#"):
                continue  # a web address or an anchor on the same page
            path = target.split("#")[0]
            assert (page.parent / path).exists(), f"{page.name}: broken link {target}"
            checked += 1
    assert checked > 0


def test_readme_links_every_docs_page_and_contributing() -> None:
    linked = set(re.findall(r"\]\(([^)#\s]+)", README.read_text(encoding="utf-8")))
    pages = {f"docs/{p.name}" for p in DOCS.glob("*.md")} | {"CONTRIBUTING.md"}
    assert pages - linked == set()


def test_draft_example_is_a_valid_draft(template: Template) -> None:
    text = (DOCS / "draft-format.md").read_text(encoding="utf-8")
    block = re.search(r"```toml\n(.*?)```", text, re.S)
    assert block is not None
    draft = parse_draft(block.group(1).encode("utf-8"), "docs/draft-format.md")
    report = check_draft(template, draft)
    assert [f for f in report.findings if f.severity != "missing"] == []
    assert draft.data["risks"][0]["priority"] == "High"


def test_template_table_names_every_key() -> None:
    table = (DOCS / "templates.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z_]+)`", table))
    keys = (
        loader._TEMPLATE_KEYS - {"rules"}  # the rules have a page of their own
        | loader._PART_KEYS
        | loader._SECTION_KEYS
        | loader._FIELD_KEYS
        | loader._COLUMN_KEYS
    )
    assert keys - documented == set()
    assert set(kinds.KINDS) - documented == set()
