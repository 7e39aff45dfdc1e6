"""The export-format registry: one table read by the CLI, the app and the default paths."""

from __future__ import annotations

import argparse
import ast
import os
from pathlib import Path

import pytest

from audit_tui.cli import export as cli_export
from audit_tui.core.model.draft import Draft, DraftError
from audit_tui.core.model.template import Template
from audit_tui.core.render.formats import (
    BY_NAME,
    FORMATS,
    MARKDOWN,
    check_target,
    formats_in_words,
)

PACKAGE = Path(__file__).resolve().parents[2] / "audit_tui"


def test_the_cli_offers_exactly_the_registry(tmp_path: Path) -> None:
    parser = argparse.ArgumentParser()
    cli_export.add_arguments(parser)
    action = next(a for a in parser._actions if a.dest == "format")
    assert action.choices == list(BY_NAME)
    assert action.default == MARKDOWN.name
    for f in FORMATS:
        assert f.name in action.help and f.suffix[1:] in (action.help or "") + f.suffix


def test_the_formats_in_words_come_from_the_registry() -> None:
    assert formats_in_words() == "Markdown, HTML, JSON or PDF"
    assert formats_in_words(FORMATS[:1]) == "Markdown"
    assert formats_in_words(FORMATS[:2]) == "Markdown or HTML"


def test_the_cli_export_summary_names_every_format() -> None:
    from audit_tui.cli import COMMANDS

    assert f"({formats_in_words()})" in COMMANDS["export"][1]


def test_the_app_dialog_lists_every_format_in_order() -> None:
    from audit_tui.tui.dialogs.export_dialog import FORMATS as DIALOG_FORMATS

    assert DIALOG_FORMATS is FORMATS


def test_every_writer_gives_bytes(template: Template) -> None:
    draft = Draft.new(template)
    for f in FORMATS:
        payload = f.write(template, draft)
        assert isinstance(payload, bytes) and payload, f.name


@pytest.mark.parametrize(
    ("draft", "md"),
    [
        ("audit-report.toml", "audit-report.md"),
        ("dir.v2/report", "dir.v2/report.md"),
        ("a.b.toml", "a.b.md"),
        (Path("x/y.toml"), os.path.join("x", "y.md")),
    ],
)
def test_default_paths_sit_beside_the_draft(draft: str | Path, md: str) -> None:
    assert MARKDOWN.path(draft) == md
    assert {f.path(draft)[-len(f.suffix) :] for f in FORMATS} == {f.suffix for f in FORMATS}


def test_an_export_never_replaces_its_draft(tmp_path: Path) -> None:
    draft = tmp_path / "report.md"
    draft.write_text("x", encoding="utf-8")
    with pytest.raises(DraftError, match="is the draft itself"):
        check_target(MARKDOWN.path(draft), draft)
    link = tmp_path / "link.md"
    link.symlink_to(draft)
    with pytest.raises(DraftError, match="is the draft itself"):
        check_target(link, draft)
    check_target(tmp_path / "other.md", draft)


def test_no_exporter_is_loaded_by_name() -> None:
    """The registry's writers are functions the type checker sees: no importlib, no find_spec."""
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = {
            node.attr
            for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and node.attr in ("import_module", "find_spec")
        }
        if path.name == "__init__.py" and path.parent.name == "cli":
            continue  # the subcommands' table (not an export format)
        assert not names, f"{path}: {names}"
