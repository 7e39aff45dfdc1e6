"""The rules every writer of a file follows: drafts, imports, exports, recovery files, history.

- Only regular files are written: never a folder, a pipe, a socket or a device.
- A symbolic link is followed only when the user named it; a link found at a
  path audit-tui made up (the default export path, a recovery file) is refused.
- A new file is private (0600) and is written under an `O_EXCL` temporary name
  beside it, then renamed over; an existing file of the user's keeps its mode.
- A read-only file is not replaced.
- A draft is not overwritten when its bytes changed since they were read.
- `-` and `/dev/stdout` mean standard output; an export named `/dev/null` (or
  a link to it) is made and discarded, the one device an output may name.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Callable
from typing import TYPE_CHECKING

from audit_tui.core.model.draft import DraftError

if TYPE_CHECKING:
    from pathlib import Path

# Called with the real path and the bytes about to be replaced, before the rename;
# returns the file it kept them in (made private once the rename is done), or None.
KeepVersion = Callable[[str, bytes], str | None]

NEW_FILE_MODE = 0o600
STDOUT_NAMES = frozenset({"-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"})


class WriteRefused(DraftError):
    """A write the rules do not allow; the message is one line for the user."""


class ChangedOnDisk(WriteRefused):
    """The file is not the one that was read: another writer saved it meanwhile."""


def is_stdout(path: str | Path) -> bool:
    """True when `path` names standard output (`-` or `/dev/stdout`)."""
    return os.fspath(path) in STDOUT_NAMES


def is_null_sink(path: str | Path) -> bool:
    """True when `path` is `/dev/null` or a link to it: the output is made, then discarded.

    Only that name counts: another device node, even a null one, stays refused.
    """
    return os.path.realpath(os.fspath(path)) == os.devnull


def writable_target(path: str | Path, *, chosen: bool = True) -> str:
    """The real file that writing `path` creates or replaces; WriteRefused when not allowed.

    `chosen` says the user named `path` (a link there is followed); a path that
    audit-tui derived is refused when a link sits there.
    """
    name = os.fspath(path)
    try:
        st = os.lstat(name)
    except FileNotFoundError:
        folder = os.path.dirname(name) or "."
        if not os.path.isdir(folder):
            raise WriteRefused(
                f"{name}: cannot be written: folder {folder} does not exist"
            ) from None
        return os.path.join(os.path.realpath(folder), os.path.basename(name))
    except OSError as exc:
        raise WriteRefused(f"{name}: cannot be written: {exc.strerror or exc}") from None
    target = name
    if stat.S_ISLNK(st.st_mode):
        if not chosen:
            raise WriteRefused(
                f"{name}: is a symbolic link that audit-tui did not make; not written "
                "(remove the link, or name the file you want written)"
            )
        target = os.path.realpath(name)
        try:
            st = os.stat(target)
        except FileNotFoundError:
            folder = os.path.dirname(target)
            if not os.path.isdir(folder):
                raise WriteRefused(
                    f"{name}: cannot be written: folder {folder} does not exist"
                ) from None
            return target
        except OSError as exc:
            raise WriteRefused(f"{name}: cannot be written: {exc.strerror or exc}") from None
    else:
        target = os.path.join(
            os.path.realpath(os.path.dirname(name) or "."), os.path.basename(name)
        )
    if stat.S_ISDIR(st.st_mode):
        raise WriteRefused(f"{name}: is a folder; not written")
    if not stat.S_ISREG(st.st_mode):
        raise WriteRefused(f"{name}: is not a regular file (a pipe, socket or device); not written")
    if not st.st_mode & stat.S_IWUSR or not os.access(target, os.W_OK):
        raise WriteRefused(f"{name}: is read-only; nothing written (make it writable first)")
    return target


def read_current(target: str) -> bytes | None:
    """The bytes of the regular file `target` now, or None when there is none."""
    try:
        fd = os.open(target, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | os.O_NOFOLLOW)
    except FileNotFoundError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(errno.EINVAL, "not a regular file", target)
        os.set_blocking(fd, True)
        with open(fd, "rb", closefd=False) as handle:
            return handle.read()
    finally:
        os.close(fd)


class Unread:
    """The `expected` of a write that does not check what the file held (exports)."""


UNREAD = Unread()


def write_file(
    path: str | Path,
    payload: bytes,
    *,
    chosen: bool,
    expected: bytes | None | Unread = UNREAD,
    exclusive: bool = False,
    keep: KeepVersion | None = None,
    sync: bool = True,
) -> str:
    """Write `payload` to `path` atomically by the rules above; return the real path written.

    `expected`: the bytes this writer read (None: there was no file); if the file
    holds anything else now, ChangedOnDisk is raised and nothing is written.
    `exclusive`: never replace an existing file (FileExistsError).
    `keep`: called with the real path and the bytes about to be replaced (history).
    `sync`: fsync the file and its folder (False only for files that may be lost).
    Raises WriteRefused (a DraftError) with one line when the file cannot be written.
    """
    name = os.fspath(path)
    target = writable_target(name, chosen=chosen)
    try:
        st: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise WriteRefused(f"{name}: cannot be written: {exc.strerror or exc}") from None
    if exclusive and st is not None:
        raise FileExistsError(errno.EEXIST, "File exists", name)
    current: bytes | None = None
    if not isinstance(expected, Unread) or (keep is not None and st is not None):
        try:
            current = read_current(target)
        except OSError as exc:
            raise WriteRefused(f"{name}: cannot be read: {exc.strerror or exc}") from None
    if not isinstance(expected, Unread) and current != expected:
        raise ChangedOnDisk(f"{name}: changed on disk since it was read; not overwritten")
    # A file of the user's keeps its mode; anything else (someone else's file) gets a private one.
    mode = NEW_FILE_MODE
    if st is not None and st.st_uid == os.geteuid():
        mode = stat.S_IMODE(st.st_mode)
    folder = os.path.dirname(target)
    tmp_name = kept = None
    try:
        fd, tmp_name = temp_file(folder, os.path.basename(target))
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), mode)
            handle.write(payload)
            handle.flush()
            if sync:
                os.fsync(handle.fileno())
        kept = keep(target, current) if keep is not None and current is not None else None
        if exclusive:
            _link_new(tmp_name, target)
        else:
            os.replace(tmp_name, target)
        tmp_name = None
        if kept is not None:
            os.chmod(kept, NEW_FILE_MODE)  # a hard link of the old file kept its mode
        if sync:
            fsync_folder(folder)
    except FileExistsError:
        raise
    except OSError as exc:
        reason = exc.strerror or str(exc)
        if isinstance(exc, FileNotFoundError) and not os.path.exists(folder):
            reason = f"folder {folder} does not exist"
        raise WriteRefused(f"{name}: cannot be written: {reason}") from None
    finally:
        if tmp_name is not None:  # not written: neither the temporary file nor a kept copy stays
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
            if kept is not None:
                with contextlib.suppress(OSError):
                    os.unlink(kept)
    return target


def _link_new(tmp_name: str, target: str) -> None:
    """Give the written temporary file the name `target`, which must not exist yet."""
    try:
        os.link(tmp_name, target)  # fails rather than replace a file made meanwhile
    except FileExistsError:
        raise
    except OSError:
        # No hard links here: claim the name with O_EXCL, then rename over the claim.
        os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, NEW_FILE_MODE))
        os.replace(tmp_name, target)
        return
    os.unlink(tmp_name)


def write_numbered(path: str | Path, payload: bytes) -> str:
    """Write `payload` to `path`, or `STEM-2.SUFFIX`, `-3`... : the first that does not exist.

    For files that must never replace each other (recovery files). Returns the path used.
    """
    name = os.fspath(path)
    stem, suffix = os.path.splitext(name)
    for number in range(1, 10000):
        candidate = name if number == 1 else f"{stem}-{number}{suffix}"
        if os.path.lexists(candidate):
            continue
        try:
            write_file(candidate, payload, chosen=False, exclusive=True)
        except FileExistsError:
            continue
        return candidate
    raise WriteRefused(f"{name}: too many numbered copies already; not written")


def temp_file(folder: str, name: str) -> tuple[int, str]:
    """Create a new private temporary file beside the target (tempfile costs start-up time)."""
    while True:
        candidate = os.path.join(folder, f".{name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
        try:
            fd = os.open(
                candidate, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, NEW_FILE_MODE
            )
        except FileExistsError:
            continue
        return fd, candidate


def fsync_folder(folder: str) -> None:
    """Make a rename in `folder` durable, where the file system allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems refuse to sync a folder; the rename is done regardless
    finally:
        os.close(fd)


def private_folder(path: str) -> str:
    """Make (or check) a folder of this user's alone (0700) at `path`; WriteRefused if it is not."""
    try:
        os.mkdir(path, 0o700)
    except FileExistsError:
        pass
    except OSError as exc:
        raise WriteRefused(f"{path}: cannot be made: {exc.strerror or exc}") from None
    st = os.lstat(path)
    if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.geteuid():
        raise WriteRefused(f"{path}: is not a folder of yours; not used (remove it)")
    if stat.S_IMODE(st.st_mode) != 0o700:
        os.chmod(path, 0o700)
    return path
