"""Issue #13's cases against the command line and the core, with real files.

Each test names its case, and asserts the bytes of every file involved before and
after: planted links, FIFOs and device nodes, sticky shared folders, another
user's locks, read-only drafts, huge whole numbers.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from audit_tui.core.files.history import versions
from audit_tui.core.files.lock import DraftLock, LockError, lock_path, remove_temp_files
from audit_tui.core.files.safe_write import write_file
from audit_tui.core.files.session import Session
from audit_tui.core.model.draft import DraftError
from audit_tui.core.model.loader import load_template
from audit_tui.core.model.template import Template, TemplateError
from tests.cli.helpers import assert_one_error, audit_tui
from tests.conftest import DATA

NOBODY = ("--reuid", "65534", "--regid", "65534", "--clear-groups")
SARIF = DATA / "sarif"
ENV_DRAFT = b'[meta]\nformat = 1\ntemplate = "backend-audit"\n'


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every entry of `folder`: a file's bytes, or what kind of node it is."""
    out: dict[str, bytes | str] = {}
    for entry in sorted(folder.iterdir()):
        st = entry.lstat()
        if stat.S_ISLNK(st.st_mode):
            out[entry.name] = f"link to {os.readlink(entry)}"
        elif stat.S_ISREG(st.st_mode):
            out[entry.name] = entry.read_bytes()
        else:
            out[entry.name] = f"node {stat.S_IFMT(st.st_mode):o}"
    return out


def as_nobody(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run `audit-tui ARGS` as user 65534 (we run as root in CI), or skip."""
    setpriv = shutil.which("setpriv")
    if os.geteuid() != 0 or setpriv is None:
        pytest.skip("needs root and setpriv to act as a second user")
    return subprocess.run(
        [setpriv, *NOBODY, sys.executable, "-m", "audit_tui", *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "NO_COLOR": "1", "HOME": str(cwd)},
    )


@pytest.fixture
def shared() -> Iterator[Path]:
    """A sticky, world-writable folder (like /tmp) that user 65534 can reach."""
    folder = Path(tempfile.mkdtemp(prefix="audit-tui-shared-", dir="/tmp"))
    folder.chmod(0o1777)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def env_file(folder: Path, names: str = "NEW_VAR") -> Path:
    path = folder / ".env"
    path.write_text("".join(f"{name}=x\n" for name in names.split()))
    return path


# 1. Imports take the lock before reading, and never overwrite a save made meanwhile.

SLOW_IMPORT = """
import sys, time, pathlib
import audit_tui.cli.import_sarif as command
started, go = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
planned = command.plan_sarif_import
def slow(*args, **kwargs):
    started.write_text("reading")
    while not go.exists():
        time.sleep(0.01)
    return planned(*args, **kwargs)
command.plan_sarif_import = slow
from audit_tui.cli import main
sys.exit(main(sys.argv[3:]))
"""


def start_slow_import(folder: Path, draft: Path) -> tuple[subprocess.Popen[str], Path]:
    started, go = folder / "started", folder / "go"
    process = subprocess.Popen(
        [sys.executable, "-c", SLOW_IMPORT, str(started), str(go), "import-sarif"]
        + [str(SARIF / "ruff-0.17.6.sarif"), str(draft)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = 600
    while not started.exists() and deadline:
        assert process.poll() is None, process.communicate()
        deadline -= 1
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(0.1)
    assert started.exists()
    return process, go


def test_1_a_save_during_a_slow_import_is_kept_and_so_is_the_import(
    template: Template, isolated: Path
) -> None:
    draft = isolated / "d.toml"
    draft.write_bytes(ENV_DRAFT)
    process, go = start_slow_import(isolated, draft)
    try:
        # The import holds the lock while it reads: a quick import-env is refused at once.
        quick = audit_tui("import-env", env_file(isolated), draft, cwd=isolated)
        assert_one_error(quick, "is open in audit-tui", f"process {process.pid}")
        assert quick.out == ""  # nothing printed as if added
        assert draft.read_bytes() == ENV_DRAFT
        # A second writer (the app, opened anyway) saves an answer meanwhile.
        session = Session.open(template, draft)
        session.set(template.field("executive_summary.overall_health"), 4)
        session.save()
        saved_by_app = draft.read_bytes()
        go.touch()
        out, err = process.communicate(timeout=120)
    finally:
        process.kill()
    assert process.returncode == 2, err
    lines = err.splitlines()
    assert len(lines) == 1 and "changed on disk while importing; not overwritten" in lines[0]
    assert draft.read_bytes() == saved_by_app  # the app's answer is not lost
    recovered = isolated / "d.recovered.toml"
    assert recovered.name in lines[0]
    kept = session_data(template, recovered)
    assert kept["security"]["vulnerabilities_found"]  # and neither is the import's work


def session_data(template: Template, path: Path) -> dict[str, object]:
    return Session.open(template, path).draft.data


def test_1_an_import_on_a_draft_open_in_the_app_prints_nothing_before_refusing(
    isolated: Path,
) -> None:
    draft = isolated / "d.toml"
    draft.write_bytes(ENV_DRAFT)
    lock = DraftLock(draft)  # as the app holds it, from this (live) process
    assert lock.acquire() is None
    try:
        for args in (
            ("import-env", env_file(isolated), draft),
            ("import-sarif", SARIF / "ruff-0.17.6.sarif", draft),
        ):
            # Another process: the lock is this process's, as the app's is the app's.
            result = audit_tui(*args, cwd=isolated, process=True)
            assert_one_error(result, "is open in audit-tui", f"process {os.getpid()}")
            assert result.out == ""
    finally:
        lock.release()
    assert draft.read_bytes() == ENV_DRAFT


# 2. An export never replaces the markdown a draft was imported from.


def test_2_export_refuses_to_replace_the_report_the_draft_came_from(isolated: Path) -> None:
    report = isolated / "report.md"
    shutil.copyfile(DATA / "full.md", report)
    with report.open("a") as handle:
        handle.write("\nA hand-written line that no field holds.\n")
    before = report.read_bytes()
    imported = audit_tui("import", report, cwd=isolated)
    assert imported.code == 0, imported.err
    assert 'imported_from = "report.md"' in (isolated / "report.toml").read_text()
    result = audit_tui("export", "report.toml", cwd=isolated)
    assert_one_error(result, "report.md", "imported from", "--force")
    assert report.read_bytes() == before
    # Another hand-written file at the export path is refused too.
    (isolated / "report.html").write_text("<p>mine</p>")
    result = audit_tui("export", "report.toml", "--format", "html", cwd=isolated)
    assert_one_error(result, "report.html", "not an earlier export", "--force")
    assert (isolated / "report.html").read_text() == "<p>mine</p>"
    # Asked for, it is replaced.
    assert audit_tui("export", "report.toml", "--force", cwd=isolated).code == 0
    assert report.read_bytes() != before


# 3. Comments are not lost silently: the version with them stays in history, the user is told.


def test_3_a_save_keeps_the_commented_version_in_history_and_says_so_once(
    isolated: Path,
) -> None:
    draft = isolated / "d.toml"
    commented = ENV_DRAFT + (
        b"# Auditor's notes: ask about the backups\n"
        b"[executive_summary]\noverall_health = 7 # provisional\n"
    )
    draft.write_bytes(commented)
    first = audit_tui("import-env", env_file(isolated), draft, cwd=isolated)
    assert first.code == 0, first.err
    notes = [line for line in first.err.splitlines() if "comments" in line]
    assert len(notes) == 1 and "audit-tui history" in notes[0]
    assert b"#" not in draft.read_bytes()
    (kept,) = versions(draft)
    assert kept.read() == commented
    second = audit_tui("import-env", env_file(isolated, "OTHER"), draft, cwd=isolated)
    assert second.code == 0 and "comments" not in second.err  # told once
    listing = audit_tui("history", draft, cwd=isolated)
    assert listing.code == 0
    assert [line.split()[0] for line in listing.out.splitlines()] == ["1", "2"]


# 4. A second conflict on the way out does not overwrite the first recovery file.


def test_4_recovery_files_are_numbered(template: Template, isolated: Path) -> None:
    draft = isolated / "d.toml"
    draft.write_bytes(ENV_DRAFT)
    made = []
    for score in (3, 4):
        session = Session.open(template, draft)
        draft.write_bytes(ENV_DRAFT + b"\n# someone else\n" * score)
        session.set(template.field("executive_summary.overall_health"), score)
        made.append(session.save_for_exit())
    assert [p.name for p in made if p] == ["d.recovered.toml", "d.recovered-2.toml"]
    assert [session_data(template, p)["executive_summary"] for p in made if p] == [
        {"overall_health": 3},
        {"overall_health": 4},
    ]
    assert draft.read_bytes() == ENV_DRAFT + b"\n# someone else\n" * 4


# 5. Exports never replace a FIFO, a device or a folder.


def test_5_export_onto_a_fifo_a_device_or_a_folder_is_one_line(isolated: Path) -> None:
    shutil.copyfile(DATA / "full.toml", isolated / "d.toml")
    os.mkfifo(isolated / "fifo")
    (isolated / "folder").mkdir()
    nodes = ["fifo", "folder"]
    try:
        os.mknod(isolated / "null", 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        nodes.append("null")
    except PermissionError:
        pass  # no device nodes here (not root, or in a container without mknod)
    before = snapshot(isolated)
    for node in nodes:
        result = audit_tui("export", "d.toml", "-o", node, cwd=isolated)
        assert_one_error(result, node, "not written")
    assert snapshot(isolated) == before


# 6. Clean-up of temporary files escapes the draft's name.


def test_6_cleaning_up_after_question_mark_toml_leaves_other_drafts_files(
    isolated: Path,
) -> None:
    others = [".b.toml.12.abcd.tmp", ".b.toml.keep.tmp", ".[.toml.1.x.tmp"]
    for name in others:
        (isolated / name).write_bytes(b"someone else's")
    own = isolated / ".?.toml.99.deadbeef.tmp"
    own.write_bytes(b"ours")
    assert remove_temp_files(isolated / "?.toml") == [own]
    assert {p.name: p.read_bytes() for p in isolated.iterdir()} == dict.fromkeys(
        others, b"someone else's"
    )


# 7. A read-only draft is never replaced.


@pytest.mark.parametrize("user", ["owner", "nobody"])
def test_7_a_read_only_draft_is_refused_with_one_line(shared: Path, user: str) -> None:
    draft = shared / "d.toml"
    draft.write_bytes(ENV_DRAFT)
    env_file(shared)
    if user == "nobody":
        os.chown(draft, 65534, 65534)
    draft.chmod(0o444)
    before = snapshot(shared)
    if user == "nobody":
        done = as_nobody("import-env", ".env", "d.toml", cwd=shared)
        code, out, err = done.returncode, done.stdout, done.stderr
    else:
        result = audit_tui("import-env", ".env", "d.toml", cwd=shared)
        code, out, err = result.code, result.out, result.err
    assert code == 2 and "Traceback" not in err
    assert out == ""  # no `+` line for an entry that was not added
    (line,) = [line for line in err.splitlines() if line.startswith("error:")]
    assert "d.toml: is read-only; nothing written" in line
    assert snapshot(shared) == before
    assert versions(draft) == []


# 8. The template validator keeps `meta` for the draft, and ids are one line.


@pytest.mark.parametrize(
    ("section_id", "problem"),
    [("meta", "'meta' is reserved"), ("summary\n", "is not an id")],
)
def test_8_a_template_cannot_use_meta_or_an_id_with_a_newline(
    isolated: Path, section_id: str, problem: str
) -> None:
    template = isolated / "t.toml"
    template.write_text(
        'id = "t"\ntitle = "T"\n[[parts]]\nheading = "1. Part"\n'
        f'[[parts.sections]]\nid = {json.dumps(section_id)}\ntitle = "S"\n'
        '[[parts.sections.fields]]\nid = "format"\nlabel = "Format"\nkind = "text"\n'
    )
    with pytest.raises(TemplateError, match=problem):
        load_template(template)
    result = audit_tui("check", "d.toml", "--template", template, cwd=isolated)
    assert result.code == 2 and problem in result.err and "Traceback" not in result.err


# 9. Links planted in a shared sticky folder are not followed by a default export path.


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_9_links_planted_at_the_default_export_paths_are_refused(shared: Path, fmt: str) -> None:
    victim = shared / "victim"
    victim.mkdir()
    precious = victim / "notes.txt"
    precious.write_bytes(b"the victim's other file\n")
    attacker = shared / "attacker"
    attacker.mkdir()
    attacker.chmod(0o777)
    shutil.copyfile(DATA / "full.toml", shared / "report.toml")
    os.symlink(precious, shared / f"report.{fmt}")
    os.symlink(attacker / "copy", shared / "report.other")
    for link in (shared / f"report.{fmt}", shared / "report.other"):
        os.lchown(link, 65534, 65534)
    before = snapshot(shared), snapshot(victim), snapshot(attacker)
    result = audit_tui("export", "report.toml", "--format", fmt, cwd=shared)
    assert_one_error(result, f"report.{fmt}", "symbolic link")
    # A link into the attacker's folder, at a path the victim names, is the victim's choice;
    # the default path is not: refused, nothing made in the attacker's folder.
    (shared / f"report.{fmt}").unlink()
    os.symlink(attacker / "copy", shared / f"report.{fmt}")
    result = audit_tui("export", "report.toml", "--format", fmt, cwd=shared)
    assert_one_error(result, f"report.{fmt}", "symbolic link")
    assert (snapshot(victim), snapshot(attacker)) == before[1:]
    assert not (attacker / "copy").exists()


def test_9_a_file_planted_at_the_export_path_is_not_replaced_nor_its_mode_kept(
    shared: Path,
) -> None:
    shutil.copyfile(DATA / "full.toml", shared / "report.toml")
    planted = shared / "report.md"
    planted.write_bytes(b"planted\n")
    os.chown(planted, 65534, 65534)
    planted.chmod(0o666)
    result = audit_tui("export", "report.toml", cwd=shared)
    assert_one_error(result, "report.md", "not an earlier export")
    assert planted.read_bytes() == b"planted\n"
    assert audit_tui("export", "report.toml", "--force", cwd=shared).code == 0
    assert stat.S_IMODE(planted.stat().st_mode) == 0o600  # not the planted 0666
    assert planted.stat().st_uid == os.geteuid()


# 10. Locks another user planted, and a full disk, are one line.

GARBAGE_LOCK = b"\x00garbage{"


@pytest.mark.parametrize("content", ["garbage", "their pid"])
def test_10_a_lock_planted_by_another_user_is_one_line(shared: Path, content: str) -> None:
    draft = shared / "d.toml"
    draft.write_bytes(ENV_DRAFT)
    env_file(shared)
    sleeper = None
    lock = lock_path(draft)
    if content == "garbage":
        lock.write_bytes(GARBAGE_LOCK)
        expected = "cannot read"
    else:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("needs setpriv")
        sleeper = subprocess.Popen([setpriv, *NOBODY, "sleep", "60"])
        lock.write_text(json.dumps({"pid": sleeper.pid, "host": os.uname().nodename, "since": 0}))
        expected = f"process {sleeper.pid}"
    os.chown(lock, 65534, 65534)
    lock.chmod(0o600 if content == "garbage" else 0o644)
    before = snapshot(shared)
    try:
        result = audit_tui("import-env", ".env", "d.toml", cwd=shared)
        assert_one_error(result, expected)
        assert result.out == ""  # no `+ NEW_VAR` printed as if added
        assert snapshot(shared) == before
        if content == "their pid":
            # As a user who cannot remove it, taking it over anyway is one line too.
            code = (
                "import sys; from audit_tui.core.files.lock import DraftLock, LockError\n"
                "try: DraftLock(sys.argv[1]).acquire(force=True)\n"
                "except LockError as e: print('LockError:', e)\n"
            )
            os.chown(lock, 0, 0)
            done = subprocess.run(
                [shutil.which("setpriv") or "", *NOBODY, sys.executable, "-c", code, str(draft)],
                capture_output=True,
                text=True,
                timeout=60,
            )
            assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
            assert done.stdout.startswith("LockError: ") and "cannot replace" in done.stdout
            assert len(done.stdout.splitlines()) == 1
    finally:
        if sleeper is not None:
            sleeper.kill()
            sleeper.wait()


def test_10_a_full_disk_while_taking_the_lock_leaves_no_empty_lock(
    isolated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from audit_tui.core.files import lock as lock_module

    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(lock_module.os, "fsync", full)
    lock = DraftLock(isolated / "d.toml")
    with pytest.raises(LockError) as caught:
        lock.acquire()
    assert caught.value.no_space and "disk is full" in str(caught.value)
    assert list(isolated.iterdir()) == []


# 11. Whole numbers past Python's 4300-digit limit are one line in every reader.

HUGE = "9" * 5000


def test_11_huge_numbers_are_one_line_in_every_reader(isolated: Path) -> None:
    draft = isolated / "d.toml"
    draft.write_text(f"[meta]\nformat = 1\n[executive_summary]\noverall_health = {HUGE}\n")
    template = isolated / "t.toml"
    template.write_text(f"id = 't'\ntitle = 'T'\nbig = {HUGE}\n")
    sarif = isolated / "big.sarif"
    sarif.write_text('{"version": "2.1.0", "runs": [], "x": ' + HUGE + "}")
    before = snapshot(isolated)
    for args in (
        ("check", draft),
        ("export", draft, "-o", "-"),
        ("import-env", env_file(isolated), draft),
        ("check", draft, "--template", template),
        ("import-sarif", sarif, isolated / "new.toml"),
    ):
        result = audit_tui(*args, cwd=isolated)
        assert_one_error(result, "more than 4300 digits")
    before[".env"] = (isolated / ".env").read_bytes()
    assert snapshot(isolated) == before  # no lock left behind, nothing written
    with pytest.raises(DraftError, match="4300"):
        Session.open(load_template(), draft)


def test_11_huge_numbers_in_a_markdown_score_or_a_sarif_placeholder_are_no_crash(
    isolated: Path,
) -> None:
    report = isolated / "r.md"
    text = (DATA / "full.md").read_text()
    health = "**Overall System Health (1-10):** "
    assert f"{health}7" in text
    report.write_text(text.replace(f"{health}7", f"{health}{HUGE}"))
    result = audit_tui("import", report, "--dry-run", cwd=isolated)
    assert result.code == 0 and "Traceback" not in result.err
    log = json.loads((SARIF / "ruff-0.17.6.sarif").read_text())
    result_0 = log["runs"][0]["results"][0]
    result_0["message"] = {"text": "see {" + HUGE + "}", "arguments": ["a"]}
    (isolated / "p.sarif").write_text(json.dumps(log))
    result = audit_tui("import-sarif", "p.sarif", "new.toml", "--dry-run", cwd=isolated)
    assert result.code == 0, result.err
    assert "see {999" in result.out


# 12. `-o /dev/stdout` into a pipe writes standard output.


@pytest.mark.parametrize("out", ["-", "/dev/stdout"])
def test_12_export_to_stdout_into_a_pipe(isolated: Path, out: str) -> None:
    result = audit_tui("export", DATA / "full.toml", "-o", out, cwd=isolated)
    assert result.code == 0, result.err
    assert result.out == (DATA / "full.md").read_text()
    assert list(isolated.iterdir()) == []


# 12b. `-o /dev/null` discards the report; the exit status and --strict still apply.


def test_12_export_to_dev_null_discards_the_report(isolated: Path) -> None:
    null_before = os.stat(os.devnull)
    os.symlink(os.devnull, isolated / "sink")
    for out in (os.devnull, "sink"):
        result = audit_tui("export", DATA / "full.toml", "-o", out, cwd=isolated)
        assert (result.code, result.out, result.err) == (0, "", "")
    (isolated / "d.toml").write_bytes(ENV_DRAFT)
    result = audit_tui("export", "d.toml", "-o", os.devnull, cwd=isolated)
    assert result.code == 0 and result.out == ""
    assert result.err.startswith("warning: the report is not finished")
    result = audit_tui("export", "d.toml", "-o", os.devnull, "--strict", cwd=isolated)
    assert result.code == 1 and "nothing written (--strict)" in result.err
    result = audit_tui("export", "nope.toml", "-o", os.devnull, cwd=isolated)
    assert_one_error(result, "nope.toml")
    assert sorted(p.name for p in isolated.iterdir()) == ["d.toml", "sink"]
    null_after = os.stat(os.devnull)
    assert stat.S_ISCHR(null_after.st_mode) and null_after.st_rdev == null_before.st_rdev


# The writer rules themselves.


def test_new_files_are_private_and_a_user_named_link_is_followed(isolated: Path) -> None:
    real = isolated / "real.md"
    os.symlink(real, isolated / "link.md")
    old = os.umask(0)
    try:
        write_file(isolated / "link.md", b"report", chosen=True)
    finally:
        os.umask(old)
    assert real.read_bytes() == b"report" and (isolated / "link.md").is_symlink()
    assert stat.S_IMODE(real.stat().st_mode) == 0o600
    with pytest.raises(DraftError, match="symbolic link"):
        write_file(isolated / "link.md", b"derived", chosen=False)
    assert real.read_bytes() == b"report"


def test_a_draft_changed_since_read_is_not_overwritten(isolated: Path) -> None:
    draft = isolated / "d.toml"
    draft.write_bytes(b"one")
    with pytest.raises(DraftError, match="changed on disk"):
        write_file(draft, b"mine", chosen=True, expected=b"zero")
    assert draft.read_bytes() == b"one"
