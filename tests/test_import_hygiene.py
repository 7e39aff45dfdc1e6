"""The engine and the headless commands never import textual or rich.

Each check runs in a fresh state (a child forked from an interpreter that has imported
only what a Python start does and modules shown to import neither; see FORKER), so
that nothing imported by the test session itself can hide an import (after
harlequin's test_import_hygiene.py).
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import audit_tui.core
from audit_tui.cli import COMMANDS
from tests.conftest import DATA

FORBIDDEN = ("textual", "rich")
CORE_MODULES = sorted(
    m.name for m in pkgutil.walk_packages(audit_tui.core.__path__, prefix="audit_tui.core.")
)
HEADLESS = ["audit_tui", "audit_tui.cli", "audit_tui.cli.common", "audit_tui.__main__"] + sorted(
    module for module, _ in COMMANDS.values()
)


COMMANDS_RUN = [
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
]


def command_code(args: list[str]) -> str:
    return (
        "import contextlib, io\n"
        "from audit_tui.cli import main\n"
        "quiet = io.StringIO()\n"
        "with contextlib.redirect_stdout(quiet), contextlib.redirect_stderr(quiet):\n"
        f"    main({args!r})"
    )


# One interpreter forks a child per probe, which runs it and prints the forbidden packages
# it left in sys.modules. A child starts with what its parent has imported: at first only
# what a Python start imports. A module whose child left none of them behind is then
# imported by the parent too, so that later children start warmer; having imported none,
# it cannot hide an import of one, and the parent is checked to stay without them.
FORKER = """\
import os, sys
FORBIDDEN = set(sys.argv[2].split(","))
def forbidden():
    return ",".join(sorted({m.split(".")[0] for m in sys.modules} & FORBIDDEN))
assert forbidden() == "", forbidden()
folder = sys.argv[1]
for name in sorted(os.listdir(folder)):
    case = os.path.join(folder, name)
    with open(os.path.join(case, "code.py"), encoding="utf-8") as handle:
        source = handle.read()
    code = compile(source, case, "exec")
    pid = os.fork()
    if pid == 0:
        for fd, stream in ((1, "out"), (2, "err")):
            os.dup2(os.open(os.path.join(case, stream), os.O_WRONLY | os.O_CREAT, 0o600), fd)
        os.chdir(os.path.join(case, "cwd"))
        status = 0
        try:
            exec(code, {"__name__": "__main__"})
            print(forbidden())
        except BaseException:
            import traceback
            traceback.print_exc()
            status = 1
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
    _, status = os.waitpid(pid, 0)
    with open(os.path.join(case, "status"), "w", encoding="utf-8") as handle:
        handle.write(str(os.waitstatus_to_exitcode(status)))
    with open(os.path.join(case, "out"), encoding="utf-8") as handle:
        clean = status == 0 and handle.read() == "\\n"
    if clean and source.startswith("import ") and "\\n" not in source.strip():
        exec(code, {})
        assert forbidden() == "", (source, forbidden())
"""


def run_probes(codes: list[str], folder: Path) -> dict[str, list[str]]:
    """Each of `codes` (run in that order) -> the forbidden packages it left loaded."""
    for number, code in enumerate(codes):
        case = folder / f"{number:04}"
        (case / "cwd").mkdir(parents=True)
        (case / "code.py").write_text(code, encoding="utf-8")
    subprocess.run(
        [sys.executable, "-c", FORKER, str(folder), ",".join(FORBIDDEN)], check=True, timeout=300
    )
    found = {}
    for number, code in enumerate(codes):
        case = folder / f"{number:04}"
        status = (case / "status").read_text(encoding="utf-8")
        assert status == "0", (code, (case / "err").read_text(encoding="utf-8"))
        last = (case / "out").read_text(encoding="utf-8").splitlines()[-1]
        found[code] = [name for name in last.split(",") if name]
    return found


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """What each probe (by its code) left loaded, as a fresh interpreter would show it."""
    codes = [f"import {module}" for module in CORE_MODULES + HEADLESS]
    codes += [command_code(args) for args in COMMANDS_RUN] + ["import textual.app"]
    return run_probes(codes, tmp_path_factory.mktemp("probes"))


def test_core_modules_are_found() -> None:
    for name in ("model.template", "model.draft", "files.storage", "render.export", "checks.check"):
        assert f"audit_tui.core.{name}" in CORE_MODULES


@pytest.mark.parametrize("module", CORE_MODULES + HEADLESS)
def test_module_imports_neither_textual_nor_rich(module: str, loaded: dict[str, list[str]]) -> None:
    assert loaded[f"import {module}"] == [], module


@pytest.mark.parametrize(
    "args",
    COMMANDS_RUN,
    ids=lambda args: " ".join(a if "/" not in a else Path(a).name for a in args),
)
def test_headless_commands_import_neither_textual_nor_rich(
    args: list[str], loaded: dict[str, list[str]]
) -> None:
    assert loaded[command_code(args)] == [], args


def test_the_probe_sees_textual_when_it_is_imported(loaded: dict[str, list[str]]) -> None:
    assert loaded["import textual.app"] == ["rich", "textual"]
