"""A full file system never costs the previous draft; every file the app makes is private."""

from __future__ import annotations

import os
import stat
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from audit_tui.core.files import storage
from audit_tui.core.files.lock import DraftLock, temp_files
from audit_tui.core.files.session import Session
from audit_tui.core.files.storage import read_draft, save_draft
from audit_tui.core.model.draft import Draft, DraftError
from audit_tui.core.model.template import Template
from tests.tui.helpers import SIZE, make_app, notified, paste, saved, show

BIG = "x" * 200_000  # more than the small file system holds


@pytest.fixture
def tiny_fs(tmp_path: Path) -> Iterator[Path]:
    """A real 64 KiB tmpfs, where the system lets this test mount one (root)."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=64k,mode=0700", "tmpfs", str(mount)],
        capture_output=True,
    )
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here: " + done.stderr.decode(errors="replace").strip())
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def draft_with(template: Template, text: str) -> Draft:
    draft = Draft.new(template)
    draft.set(template.field("executive_summary.risk_assessment"), text)
    return draft


def test_a_full_tmpfs_keeps_the_previous_draft(template: Template, tiny_fs: Path) -> None:
    path = tiny_fs / "draft.toml"
    save_draft(path, draft_with(template, "first version"), template)
    before = path.read_bytes()
    with pytest.raises(DraftError) as failed:
        save_draft(path, draft_with(template, BIG), template)
    assert str(failed.value) == f"{path}: cannot be written: No space left on device"
    assert path.read_bytes() == before
    assert temp_files(path) == []
    assert os.listdir(tiny_fs) == ["draft.toml"]


def test_enospc_from_the_write_itself_keeps_the_previous_draft(
    template: Template, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "draft.toml"
    save_draft(path, draft_with(template, "first version"), template)
    before = path.read_bytes()
    real_open = os.fdopen

    class Full:
        """A file that takes a few bytes, then says the disk is full, as write(2) does."""

        def __init__(self, handle: object) -> None:
            self.handle = handle

        def __enter__(self) -> Full:
            return self

        def __exit__(self, *exc: object) -> None:
            self.handle.close()  # type: ignore[attr-defined]

        def fileno(self) -> int:
            return self.handle.fileno()  # type: ignore[attr-defined,no-any-return]

        def write(self, data: bytes) -> int:
            os.write(self.fileno(), data[:100])
            raise OSError(28, os.strerror(28))

    monkeypatch.setattr(storage.os, "fdopen", lambda fd, *a, **k: Full(real_open(fd, *a, **k)))
    with pytest.raises(DraftError, match="No space left on device"):
        save_draft(path, draft_with(template, "second version"), template)
    assert path.read_bytes() == before
    assert temp_files(path) == []


async def test_the_app_keeps_the_answers_on_a_full_disk_and_saves_elsewhere(
    template: Template, tiny_fs: Path, isolated: Path
) -> None:
    path = tiny_fs / "audit-report.toml"
    save_draft(path, draft_with(template, "first version"), template)
    app = make_app(template, path, autosave_delay=60)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await pilot.pause()
        await show(pilot, "executive_summary", "readiness_status")
        await paste(pilot, BIG)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.save_error is not None and "No space left on device" in app.save_error
        await notified(pilot, severity="error")
        assert app.session is not None and app.session.dirty
        assert saved(template, path)["executive_summary"] == {"risk_assessment": "first version"}
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.press("ctrl+u")
        await paste(pilot, str(isolated / "elsewhere.toml"))
        await pilot.press("enter")
        await pilot.pause()
        assert app.save_error is None
    answers = saved(template, isolated / "elsewhere.toml")["executive_summary"]
    assert answers["readiness_status"] == BIG
    assert answers["risk_assessment"] == "first version"
    assert temp_files(path) == []


# -- privacy -----------------------------------------------------------------
@pytest.fixture
def umask_0() -> Iterator[None]:
    old = os.umask(0)
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.usefixtures("umask_0")
def test_every_file_made_is_private_under_umask_0(
    template: Template, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "draft.toml"
    temp_modes: list[int] = []
    real_replace = os.replace

    def replace(src: str, dst: object) -> None:
        temp_modes.append(mode(Path(src)))  # the temporary file, just before it becomes the draft
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(storage.os, "replace", replace)
    session = Session.open(template, path)
    lock = DraftLock(path)
    assert lock.acquire() is None
    session.set(template.field("executive_summary.overall_health"), 5)
    session.save()
    exported = session.export()
    # Another writer changes the draft; leaving writes a recovery file beside it.
    read_draft(path, template)
    path.write_bytes(path.read_bytes() + b"\n")
    session.set(template.field("executive_summary.overall_health"), 6)
    recovered = session.save_for_exit()
    assert recovered is not None and recovered != path
    made = {"draft": path, "lock": lock.path, "export": exported, "recovery": recovered}
    assert {name: mode(p) for name, p in made.items()} == dict.fromkeys(made, 0o600)
    assert temp_modes and set(temp_modes) == {0o600}
    lock.release()


@pytest.mark.usefixtures("umask_0")
@pytest.mark.parametrize("existing", [0o600, 0o640, 0o644, 0o660])
def test_an_existing_drafts_mode_is_never_widened(
    template: Template, tmp_path: Path, existing: int
) -> None:
    path = tmp_path / "draft.toml"
    path.write_bytes(b"[meta]\nformat = 1\n")
    os.chmod(path, existing)
    session = Session.open(template, path)
    session.set(template.field("executive_summary.overall_health"), 5)
    session.save()
    assert mode(path) == existing
    save_draft(path, session.draft, template)
    assert mode(path) == existing


@pytest.mark.parametrize("free", ["none", "a page"])
def test_a_cli_import_on_a_full_disk_says_so_in_one_line_and_claims_no_addition(
    template: Template, tiny_fs: Path, free: str
) -> None:
    """With no room for the lock, and with room for the lock but not the draft: one line
    that says what happened to the draft (nothing "opens" in a command), and no `+` line
    on stdout for an entry that was not added."""
    from tests.cli.helpers import audit_tui

    path = tiny_fs / "d.toml"
    save_draft(path, draft_with(template, "first version"), template)
    before = path.read_bytes()
    env = tiny_fs.parent / "names.env"
    env.write_text("".join(f"NAME_{n}=x\n" for n in range(3000)), encoding="utf-8")
    filler = tiny_fs / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)  # fill it, then free what is asked
    try:
        while os.write(fd, b"\0" * 4096):
            pass
    except OSError:
        pass
    finally:
        os.close(fd)
    if free == "a page":
        os.truncate(filler, max(filler.stat().st_size - 8192, 0))
    result = audit_tui("import-env", env, path, cwd=tiny_fs.parent)
    assert result.code == 2 and result.out == "", result.out
    (line,) = result.err.splitlines()
    assert line.startswith("error: ") and "opens read-only" not in line
    assert "disk is full" in line or "No space left" in line, line
    assert path.read_bytes() == before
    assert sorted(os.listdir(tiny_fs)) == ["d.toml", "filler"]
