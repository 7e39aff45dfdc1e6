"""A draft that cannot be read is left alone; the auditor may start a new one or quit."""

from __future__ import annotations

from pathlib import Path

import pytest

from audit_tui.core.model.template import Template
from audit_tui.tui.dialogs.path_prompt import PathPrompt
from audit_tui.tui.dialogs.unreadable import UnreadableDraftScreen
from audit_tui.tui.editor import EditorScreen
from tests.tui.helpers import DRAFT, SIZE, make_app, paste, press, saved, screen_text, settle

BROKEN = {
    "not TOML": b"this is = = not toml\n",
    "BOM": b"\xef\xbb\xbf[meta]\nformat = 1\n",
    "newer format": b"[meta]\nformat = 99\n",
    "other template": b'[meta]\nformat = 1\ntemplate = "other"\n',
}
MESSAGES = {
    "not TOML": "not valid TOML",
    "BOM": "byte order mark",
    "newer format": "newer than this audit-tui understands",
    "other template": "written for template 'other'",
}


@pytest.mark.parametrize("kind", list(BROKEN))
async def test_unreadable_draft_shows_why_and_quits_untouched(
    template: Template, kind: str
) -> None:
    Path(DRAFT).write_bytes(BROKEN[kind])
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, UnreadableDraftScreen)
        assert MESSAGES[kind] in " ".join(screen_text(app).split())
        await press(pilot, "q")
    assert app.return_code == 0
    assert Path(DRAFT).read_bytes() == BROKEN[kind]


async def test_unreadable_draft_offers_a_new_draft_under_another_name(
    template: Template,
) -> None:
    Path(DRAFT).write_bytes(BROKEN["not TOML"])
    app = make_app(template)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "n")
        assert isinstance(app.screen, PathPrompt)
        await press(pilot, "ctrl+u")
        await paste(pilot, "fresh.toml")
        await press(pilot, "enter")
        assert isinstance(app.screen, EditorScreen)
        await press(pilot, "4", "ctrl+q")
    assert saved(template, "fresh.toml")["executive_summary"] == {"overall_health": 4}
    assert Path(DRAFT).read_bytes() == BROKEN["not TOML"]
