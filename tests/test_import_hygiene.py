"""The engine and the headless commands never import textual or rich.

Each check runs in a fresh interpreter, so that nothing imported by the test
session itself can hide an import (after harlequin's test_import_hygiene.py).
"""

from __future__ import annotations

import pkgutil
from pathlib import Path

import pytest

import audit_tui.core
from audit_tui.cli import COMMANDS
from tests.conftest import DATA
from tests.fresh import run_fresh

FORBIDDEN = ("textual", "rich")
CORE_MODULES = sorted(
    m.name for m in pkgutil.walk_packages(audit_tui.core.__path__, prefix="audit_tui.core.")
)
HEADLESS = ["audit_tui", "audit_tui.cli", "audit_tui.cli.common", "audit_tui.__main__"] + sorted(
    module for module, _ in COMMANDS.values()
)


def loaded_after(code: str, cwd: Path) -> list[str]:
    """Run `code` in a fresh interpreter; the forbidden packages it left in sys.modules."""
    probe = (
        "import sys\n"
        f"{code}\n"
        f"print(','.join(sorted({{m.split('.')[0] for m in sys.modules}} & {set(FORBIDDEN)!r})))"
    )
    last = run_fresh(probe, cwd)
    return [name for name in last.split(",") if name]


def test_core_modules_are_found() -> None:
    for name in ("model.template", "model.draft", "files.storage", "render.export", "checks.check"):
        assert f"audit_tui.core.{name}" in CORE_MODULES


@pytest.mark.parametrize("module", CORE_MODULES + HEADLESS)
def test_module_imports_neither_textual_nor_rich(module: str, isolated: Path) -> None:
    assert loaded_after(f"import {module}", isolated) == []


@pytest.mark.parametrize(
    "args",
    [
        ["export", str(DATA / "full.toml"), "-o", "-"],
        ["export", str(DATA / "full.toml"), "-o", "report.md"],
        ["check", str(DATA / "full.toml")],
        ["check", str(DATA / "invalid-values.toml"), "--json"],
        ["check", str(DATA / "not-toml.toml")],
        [
            "export",
            str(DATA / "empty.toml"),
            "--template",
            str(DATA / "templates" / "small.toml"),
            "-o",
            "small.md",
        ],
    ],
    ids=lambda args: " ".join(a if "/" not in a else Path(a).name for a in args),
)
def test_headless_commands_import_neither_textual_nor_rich(args: list[str], isolated: Path) -> None:
    code = (
        "import contextlib, io\n"
        "from audit_tui.cli import main\n"
        "quiet = io.StringIO()\n"
        "with contextlib.redirect_stdout(quiet), contextlib.redirect_stderr(quiet):\n"
        f"    main({args!r})"
    )
    assert loaded_after(code, isolated) == []


def test_the_probe_sees_textual_when_it_is_imported(isolated: Path) -> None:
    assert loaded_after("import textual.app", isolated) == ["rich", "textual"]
