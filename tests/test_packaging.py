"""The built wheel works on its own: installed in a fresh virtual environment outside the
checkout, its `audit-tui export` finds the built-in template (questions/ is in the wheel)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import venv
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import DATA

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.e2e  # builds and installs a wheel: make test, not make unit


@dataclass(frozen=True)
class Installed:
    wheel: Path
    bin: Path
    outside: Path  # a working folder outside the checkout


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )


@pytest.fixture(scope="module")
def installed() -> Iterator[Installed]:
    with tempfile.TemporaryDirectory(prefix="audit-tui-wheel-") as name:
        base = Path(name)
        assert not base.is_relative_to(ROOT)
        dist = base / "dist"
        built = run(sys.executable, "-m", "build", "--wheel", "--outdir", dist, ROOT, cwd=base)
        assert built.returncode == 0, built.stdout + built.stderr
        (wheel,) = dist.glob("audit_tui-*.whl")
        venv.create(base / "venv", with_pip=True)
        bin_dir = base / "venv" / "bin"
        done = run(bin_dir / "python", "-m", "pip", "install", "--quiet", wheel, cwd=base)
        assert done.returncode == 0, done.stdout + done.stderr
        outside = base / "work"
        outside.mkdir()
        yield Installed(wheel, bin_dir, outside)


def test_wheel_carries_the_questions(installed: Installed) -> None:
    names = zipfile.ZipFile(installed.wheel).namelist()
    assert "audit_tui/questions/backend-audit.toml" in names
    assert "audit_tui/core/model/template.py" in names
    assert not any(name.startswith("tests/") for name in names)


def test_installed_package_is_not_the_checkout(installed: Installed) -> None:
    done = run(
        installed.bin / "python",
        "-c",
        "import audit_tui; print(audit_tui.__file__)",
        cwd=installed.outside,
    )
    assert done.returncode == 0, done.stderr
    location = Path(done.stdout.strip())
    assert location.is_relative_to(installed.bin.parent) and not location.is_relative_to(ROOT)


def test_installed_export_of_an_empty_draft(installed: Installed) -> None:
    (installed.outside / "report.toml").write_text("")
    done = run(installed.bin / "audit-tui", "export", "report.toml", cwd=installed.outside)
    assert done.returncode == 0, done.stderr
    out = (installed.outside / "report.md").read_text(encoding="utf-8")
    assert out == (DATA / "empty.md").read_text(encoding="utf-8")
    done = run(installed.bin / "audit-tui", "check", "report.toml", cwd=installed.outside)
    assert done.returncode == 1 and "0/35 fields answered" in done.stdout
    done = run(installed.bin / "python", "-m", "audit_tui", "--version", cwd=installed.outside)
    assert done.returncode == 0 and done.stdout.startswith("audit-tui ")
