"""A second copy of the app is told the draft is open elsewhere; dead owners don't block."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

from audit_tui.core.files.lock import DraftLock, lock_path, remove_temp_files, temp_files


def test_lock_is_exclusive_between_processes(tmp_path: Path) -> None:
    draft = tmp_path / "draft.toml"
    code = (
        "import sys, time; from audit_tui.core.files.lock import DraftLock;"
        "lock = DraftLock(sys.argv[1]); assert lock.acquire() is None;"
        "print('locked', flush=True); time.sleep(30)"
    )
    other = subprocess.Popen(
        [sys.executable, "-c", code, str(draft)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert other.stdout is not None and other.stdout.readline().strip() == "locked"
        owner = DraftLock(draft).acquire()
        assert owner is not None and owner.pid == other.pid
        assert str(other.pid) in owner.describe()
    finally:
        other.kill()
        other.wait()
    # Its owner is dead now: the lock is stale and taken over.
    lock = DraftLock(draft)
    assert lock.acquire() is None
    assert lock.owner() is not None and lock.owner().pid == os.getpid()  # type: ignore[union-attr]
    lock.release()
    assert not lock_path(draft).exists()


def test_force_takes_a_live_lock_and_release_leaves_foreign_locks(tmp_path: Path) -> None:
    draft = tmp_path / "draft.toml"
    path = lock_path(draft)
    path.write_text(json.dumps({"pid": 1, "host": os.uname().nodename, "since": 0}))
    lock = DraftLock(draft)
    assert lock.acquire() is not None  # pid 1 is alive
    assert not lock.held
    lock.release()
    assert path.exists()  # not ours: left alone
    assert lock.acquire(force=True) is None
    lock.release()
    assert not path.exists()


def test_unreadable_lock_counts_as_stale(tmp_path: Path) -> None:
    draft = tmp_path / "draft.toml"
    lock_path(draft).write_text("not json")
    assert DraftLock(draft).acquire() is None


def test_lock_file_is_private_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0)
    try:
        lock = DraftLock(tmp_path / "draft.toml")
        assert lock.acquire() is None
        assert stat.S_IMODE(lock.path.stat().st_mode) == 0o600
    finally:
        os.umask(old)
        lock.release()


def test_leftover_temp_files_are_found_and_removed(tmp_path: Path) -> None:
    draft = tmp_path / "draft.toml"
    draft.write_text("")
    leftover = tmp_path / ".draft.toml.4242.0badcafe.tmp"
    leftover.write_text("half")
    # Another draft's, an export's in flight (`export draft.toml -o draft.toml.md`), others.
    unrelated = [
        ".other.toml.4242.0badcafe.tmp",
        ".draft.toml.x.toml.4242.0badcafe.tmp",
        ".draft.toml.md.4242.0badcafe.tmp",
        ".draft.toml.abc.tmp",
    ]
    for name in unrelated:
        (tmp_path / name).write_text("keep")
    assert temp_files(draft) == [leftover]
    assert remove_temp_files(draft) == [leftover]
    assert not leftover.exists() and all((tmp_path / name).exists() for name in unrelated)


def test_the_leftover_pattern_is_the_one_saves_make(tmp_path: Path) -> None:
    from audit_tui.core.files.safe_write import temp_file

    draft = tmp_path / "draft.toml"
    fd, name = temp_file(str(tmp_path), draft.name)
    os.close(fd)
    assert temp_files(draft) == [Path(name)]
