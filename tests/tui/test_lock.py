"""One copy of the app per draft: a second copy is told, and may open it anyway."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from audit_tui.core.files.lock import lock_path
from audit_tui.core.model.template import Template
from audit_tui.tui.dialogs.unreadable import UnreadableDraftScreen
from audit_tui.tui.editor import EditorScreen
from tests.tui.helpers import DRAFT, SIZE, make_app, press, screen_text, settle, write_draft


@pytest.fixture
def other_copy() -> Iterator[int]:
    """A live process that holds the draft's lock, as a second copy of the app would."""
    process = subprocess.Popen(["sleep", "60"])
    write_draft({"executive_summary": {"overall_health": 4}})
    lock_path(DRAFT).write_text(
        json.dumps({"pid": process.pid, "host": socket.gethostname(), "since": time.time()}),
        encoding="utf-8",
    )
    yield process.pid
    process.kill()
    process.wait()


async def test_a_draft_open_elsewhere_is_not_opened_silently(
    template: Template, other_copy: int
) -> None:
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, UnreadableDraftScreen)
        assert f"process {other_copy}" in screen_text(app)
        await press(pilot, "q")
    assert json.loads(lock_path(DRAFT).read_text(encoding="utf-8"))["pid"] == other_copy


async def test_a_draft_open_elsewhere_can_be_opened_anyway(
    template: Template, other_copy: int
) -> None:
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "o")
        assert isinstance(app.screen, EditorScreen)
        assert json.loads(lock_path(DRAFT).read_text(encoding="utf-8"))["pid"] == os.getpid()
    assert not lock_path(DRAFT).exists()


async def test_the_lock_is_held_while_open_and_leftovers_are_cleaned(
    template: Template,
) -> None:
    write_draft({})
    leftover = Path(f".{DRAFT}.4242.0badcafe.tmp")  # as safe_write.temp_file names them
    leftover.write_bytes(b"half a save")
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert lock_path(DRAFT).exists()
        assert not leftover.exists()
    assert not lock_path(DRAFT).exists()
