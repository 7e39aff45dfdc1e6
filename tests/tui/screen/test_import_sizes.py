"""The import preview at every supported size: Apply and Cancel are on screen, some
additions show from the start, and Tab reaches their list (the outside tester found the
buttons below the dialog's edge at 80x24, and neither list nor buttons at 60x15)."""

from __future__ import annotations

import pytest
from textual.widget import Widget
from textual.widgets import Button

from audit_tui.core.model.template import Template
from audit_tui.tui.dialogs.import_dialog import ImportPreview
from tests.conftest import DATA
from tests.tui.helpers import make_app, press, settle, wait_until
from tests.tui.screen.helpers import SIZES
from tests.tui.test_import import start


def shown(widget: Widget) -> bool:
    """Whether the middle of `widget` is on screen and is that widget (not covered or cut)."""
    region = widget.region
    if not region.area:
        return False
    x, y = region.center
    try:
        found, _ = widget.screen.get_widget_at(x, y)
    except Exception:  # outside the screen
        return False
    return found is widget or widget in found.ancestors


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_buttons_are_in_view_and_tab_reaches_the_list(
    template: Template, size: tuple[int, int]
) -> None:
    app = make_app(template, autosave_delay=60)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await start(pilot, "sarif", DATA / "sarif" / "bandit-1.9.4.sarif")
        screen = app.screen
        assert isinstance(screen, ImportPreview) and screen.plan is not None
        for button in screen.query(Button):
            assert shown(button), f"{button.id} is not in view at {size}"
        entries = screen.query_one("#import-entries")
        # Some additions show from the start, above the buttons (at 60x15 too).
        assert shown(entries), f"no addition in view at {size}"
        for _ in range(6):
            if app.focused is entries:
                break
            await press(pilot, "tab")
        await wait_until(pilot, lambda: app.focused is entries, "the list has the focus")
        await wait_until(pilot, lambda: shown(entries), "the list in view")
