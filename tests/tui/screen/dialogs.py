"""Open each screen and dialog of the app as the auditor would, for the tests that look at all.

`OPENERS` maps a name to a coroutine that, given a pilot of an app running on a complete
draft (`write_complete`), leaves that screen on top.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from textual.containers import ScrollableContainer
from textual.pilot import Pilot
from textual.screen import Screen
from textual.scroll_view import ScrollView
from textual.widget import Widget
from textual.widgets import Input

from audit_tui.core.model.template import Template
from audit_tui.tui.app import AuditApp
from audit_tui.tui.dialogs.import_dialog import IMPORTS, ImportPreview
from tests.tui.helpers import (
    DRAFT,
    complete_draft,
    editor,
    press,
    settle,
    wait_until,
    write_draft,
)

DATA = Path(__file__).parents[2] / "data"
IMPORT_FILES = {
    "markdown": DATA / "reports" / "notion.md",
    "sarif": DATA / "sarif" / "bandit-1.9.4.sarif",
    "env": DATA / "dotenv" / "secrets.env",
}
LONG = " ".join(["A long answer that goes on"] * 12)

Opener = Callable[[Pilot[Any]], Awaitable[None]]


def write_complete(template: Template) -> None:
    """A draft with every field answered, some at length, and a few problems for Review."""
    data = complete_draft(template, rows=6)
    data["security"]["rating"] = "Z"
    del data["performance"]
    data["executive_summary"]["readiness_status"] = LONG
    write_draft(data)


def app_of(pilot: Pilot[Any]) -> AuditApp:
    app = pilot.app
    assert isinstance(app, AuditApp)
    return app


async def open_editor(pilot: Pilot[Any]) -> None:
    await wait_until(pilot, lambda: pilot.app.screen.query("SectionList"), "the section list")
    await settle(pilot)


def keys(*pressed: str) -> Opener:
    async def go(pilot: Pilot[Any]) -> None:
        await open_editor(pilot)
        await press(pilot, *pressed)
        await settle(pilot)

    return go


def importing(kind_id: str) -> Opener:
    async def go(pilot: Pilot[Any]) -> None:
        await open_editor(pilot)
        app = app_of(pilot)
        kind = next(k for k in IMPORTS if k.id == kind_id)
        app.start_import(kind)
        await settle(pilot)
        app.screen.query_one(Input).value = str(IMPORT_FILES[kind_id])
        await press(pilot, "enter")

        def read() -> bool:
            screen = app.screen
            return isinstance(screen, ImportPreview) and screen.plan is not None

        await wait_until(pilot, read, "the import preview read its file")
        await settle(pilot)

    return go


async def restore(pilot: Pilot[Any]) -> None:
    await open_editor(pilot)
    app = app_of(pilot)
    for answer in ("first", "second"):
        editor(app).session.draft.data["executive_summary"]["readiness_status"] = answer
        app.session.dirty = True  # type: ignore[union-attr]
        assert app.save()
    await app.restore_version()
    await settle(pilot)


async def conflict(pilot: Pilot[Any]) -> None:
    await open_editor(pilot)
    app = app_of(pilot)
    text = Path(DRAFT).read_text(encoding="utf-8")
    Path(DRAFT).write_text(text.replace(" answer", " reply"), encoding="utf-8")
    app.session.dirty = True  # type: ignore[union-attr]
    assert not app.save()
    await wait_until(pilot, lambda: app.screen.id == "conflict", "the conflict dialog")
    await settle(pilot)


async def export_confirm(pilot: Pilot[Any]) -> None:
    await open_editor(pilot)
    Path(DRAFT).with_suffix(".md").write_text("the auditor's own notes\n", encoding="utf-8")
    await press(pilot, "ctrl+f", "enter")
    await settle(pilot)


OPENERS: dict[str, Opener] = {
    "editor": open_editor,
    "palette": keys("ctrl+p"),
    "export": keys("ctrl+f"),
    "export-replace": export_confirm,
    "import-markdown": importing("markdown"),
    "import-sarif": importing("sarif"),
    "import-env": importing("env"),
    "review": keys("ctrl+r"),
    "help": keys("f1"),
    "restore": restore,
    "save-as": keys("ctrl+o"),
    "conflict": conflict,
}


def scrollable_regions(screen: Screen[Any]) -> list[Widget]:
    """The widgets of `screen` that show only part of what they hold (they scroll now)."""
    found = []
    for widget in screen.query("*").results():
        if not isinstance(widget, ScrollableContainer | ScrollView):
            continue
        if not widget.display or not widget.visible or widget.region.area == 0:
            continue
        if widget.max_scroll_y > 0 and widget.allow_vertical_scroll:
            found.append(widget)
    return found
