"""Broken drafts and templates: each gets a clear one-line error, and no byte of it changes.

Every file goes through `check` and `export` (the command line's `main`, run as
tests/cli/helpers.py runs it) and through the app's open path; afterwards its bytes are
the same and nothing was written beside it.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from audit_tui.core.files.lock import lock_path
from audit_tui.core.files.session import Session
from audit_tui.core.model.draft import DraftError
from audit_tui.core.model.loader import load_template
from audit_tui.core.model.template import Template, TemplateError
from audit_tui.tui.app import AuditApp
from audit_tui.tui.dialogs.unreadable import UnreadableDraftScreen
from tests.cli.helpers import Result
from tests.cli.helpers import audit_tui as run_command
from tests.conftest import DATA
from tests.reliability import figures

BROKEN = DATA / "broken"
DRAFTS = sorted((BROKEN / "drafts").glob("*.toml"))
SHAPES = sorted((BROKEN / "shapes").glob("*.toml"))
TEMPLATES = sorted((BROKEN / "templates").glob("*.toml"))
GOOD_DRAFT = b"[meta]\nformat = 1\n\n[executive_summary]\noverall_health = 7\n"
BIG = 50 * 1024 * 1024


def audit_tui(*args: str | Path, cwd: Path) -> Result:
    return run_command(*args, cwd=cwd, errors="surrogateescape")


def snapshot(folder: Path) -> dict[str, str]:
    """What each entry of `folder` is: its bytes' digest, its link, or its kind."""
    found = {}
    for entry in sorted(os.listdir(folder)):
        path = folder / entry
        if path.is_symlink():
            found[entry] = "link to " + os.readlink(path)
        elif path.is_file():
            found[entry] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            found[entry] = "other"
    return found


def assert_clear_error(run: Result, name: str) -> None:
    """Exit 2, nothing on stdout, and only `error: ...` lines naming the file."""
    assert run.code == 2, run
    assert run.out == ""
    lines = run.err.splitlines()
    assert lines and all(line.startswith("error: ") for line in lines), run.err
    assert name in lines[0]
    assert "Traceback" not in run.err
    assert "\x1b" not in run.err and "\x00" not in run.err


# -- how each broken file is made in a test's folder --------------------------------
def copy_of(source: Path) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        target = folder / source.name
        shutil.copyfile(source, target)
        return target

    return make


def big_file(start: bytes) -> Callable[[Path], Path]:
    """A 50 MB file of comments with a TOML error on its last line."""

    def make(folder: Path) -> Path:
        target = folder / "big.toml"
        line = b"# " + b"padding " * 12 + b"\n"
        with target.open("wb") as handle:
            handle.write(start)
            handle.write(line * (BIG // len(line)))
            handle.write(b"broken = \n")
        return target

    return make


def a_folder(folder: Path) -> Path:
    (folder / "draft.toml").mkdir()
    return folder / "draft.toml"


def dangling_link(folder: Path) -> Path:
    (folder / "draft.toml").symlink_to(folder.parent / "gone" / "draft.toml")
    return folder / "draft.toml"


def link_elsewhere(folder: Path) -> Path:
    """A link to a broken draft in another folder, which must stay as it is too."""
    elsewhere = folder.parent / "elsewhere"
    elsewhere.mkdir(exist_ok=True)
    shutil.copyfile(BROKEN / "drafts" / "not-utf8.toml", elsewhere / "real.toml")
    (folder / "draft.toml").symlink_to(elsewhere / "real.toml")
    return folder / "draft.toml"


def fifo(folder: Path) -> Path:
    os.mkfifo(folder / "draft.toml")
    return folder / "draft.toml"


def device(folder: Path) -> Path:
    (folder / "draft.toml").symlink_to("/dev/zero")
    return folder / "draft.toml"


BROKEN_DRAFTS: dict[str, Callable[[Path], Path]] = {
    **{f"drafts/{p.name}": copy_of(p) for p in DRAFTS},
    "50 MB": big_file(b"[meta]\nformat = 1\n"),
    "folder": a_folder,
    "dangling symlink": dangling_link,
    "symlink elsewhere": link_elsewhere,
    "fifo": fifo,
    "device": device,
}
BROKEN_TEMPLATES: dict[str, Callable[[Path], Path]] = {
    **{f"templates/{p.name}": copy_of(p) for p in TEMPLATES},
    "50 MB": big_file(b'id = "big"\n'),
    "folder": a_folder,
    "fifo": fifo,
    "device": device,
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "drafts"
    path.mkdir()
    return path


def test_the_corpus_is_there() -> None:
    # A glob that found nothing would make the tests below prove nothing.
    assert len(DRAFTS) >= 20 and len(SHAPES) >= 5 and len(TEMPLATES) >= 8


@pytest.mark.parametrize("case", list(BROKEN_DRAFTS))
def test_broken_draft_is_refused_everywhere_and_left_as_it_was(
    case: str, folder: Path, template: Template
) -> None:
    draft = BROKEN_DRAFTS[case](folder)
    before = snapshot(folder)
    outside = snapshot(folder.parent / "elsewhere") if case == "symlink elsewhere" else None

    assert_clear_error(audit_tui("check", draft.name, cwd=folder), draft.name)
    assert_clear_error(audit_tui("export", draft.name, cwd=folder), draft.name)
    assert_clear_error(audit_tui("export", "--format", "html", draft.name, cwd=folder), draft.name)
    with pytest.raises(DraftError) as opened:
        Session.open(template, draft)
    message = str(opened.value)
    assert "\n" not in message and "\x1b" not in message
    screen = AuditApp(template, draft)._open(draft)
    assert isinstance(screen, UnreadableDraftScreen)
    assert screen.message == message and not screen.locked

    assert snapshot(folder) == before  # no export, temp file or lock; the same bytes
    assert not lock_path(draft).exists()
    if outside is not None:
        assert snapshot(folder.parent / "elsewhere") == outside
    figures.record("broken_files_tried", 1)


@pytest.mark.parametrize("source", SHAPES, ids=lambda p: p.name)
def test_draft_of_the_wrong_shape_is_reported_field_by_field(
    source: Path, folder: Path, template: Template
) -> None:
    draft = copy_of(source)(folder)
    before = snapshot(folder)
    run = audit_tui("check", draft.name, cwd=folder)
    assert run.code == 1 and run.err == "", run
    assert "Traceback" not in run.out
    # Each odd answer is named by its field with what was found instead.
    assert any(": expected" in line or ": must be" in line for line in run.out.splitlines())
    session = Session.open(template, draft)  # opens: the editor shows each problem
    assert session.draft.data
    assert snapshot(folder) == before
    export = audit_tui("export", "-o", "-", draft.name, cwd=folder)
    assert export.code == 0 and "Final Backend Audit Report" in export.out, export
    assert snapshot(folder) == before
    figures.record("broken_files_tried", 1)


@pytest.mark.parametrize("case", list(BROKEN_TEMPLATES))
def test_broken_template_is_refused_everywhere_and_left_as_it_was(case: str, folder: Path) -> None:
    template = BROKEN_TEMPLATES[case](folder)
    draft = folder / "good.toml"
    draft.write_bytes(GOOD_DRAFT)
    before = snapshot(folder)
    name = template.name
    for args in (["check"], ["export"], []):  # [] starts the app, which loads it first
        assert_clear_error(audit_tui(*args, "--template", name, draft.name, cwd=folder), name)
    with pytest.raises(TemplateError) as loaded:
        load_template(template)
    assert "\x1b" not in str(loaded.value)
    assert snapshot(folder) == before
    figures.record("broken_files_tried", 1)


def test_reading_a_fifo_does_not_wait_for_a_writer(folder: Path, template: Template) -> None:
    # Were the FIFO opened for reading in blocking mode, this would never return.
    with pytest.raises(DraftError, match="not a regular file"):
        Session.open(template, fifo(folder))
