"""What the screen tests read from the widgets: is a field's preview in view, is a widget shown."""

from __future__ import annotations

from textual.geometry import Region
from textual.widget import Widget

from audit_tui.tui.app import AuditApp
from audit_tui.tui.preview.preview import Preview
from tests.tui.helpers import editor

SIZES = [(60, 15), (80, 24), (120, 40), (200, 60)]


def preview_of(app: AuditApp) -> Preview:
    return editor(app).query_one(Preview)


def field_in_preview(app: AuditApp) -> bool:
    """Whether the preview shows the lines of the field it follows (the end of a long one)."""
    preview = preview_of(app)
    lines = preview.target_lines()
    assert lines is not None, "the preview found no lines for the field"
    height = preview.scrollable_content_region.height
    window = Region(0, round(preview.scroll_y), 1, height)
    if lines.height > height:
        return window.overlaps(lines)
    return window.contains_region(lines)


def in_view(widget: Widget, within: Widget) -> bool:
    """Whether `widget` lies wholly inside the visible region of `within`."""
    return within.region.contains_region(widget.region) and widget.region.area > 0
