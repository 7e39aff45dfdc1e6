"""Widgets gone from the screen are freed: no cache of colours keeps their drawn lines.

Textual's `StylesCache.get_inner_outer` is an `lru_cache` on an instance method, so
its key holds the widget's `StylesCache`, and with it every line the widget last drew,
for as long as the entry stays among the 1,024 last used. Each form rebuilt, dialog
closed or preview block replaced stayed in memory that way: after 44 app tests a
test process held 633,951 live objects, half of them the `FIFOCache`s of retained
strips (129,975 with this patch), and every full collection walked them.

The two styles depend on the two colours only; here they are cached by the colours.
Upstream: Textualize/textual#6665 (open) reports the same retention; its fix would
remove this patch. Test: tests/tui/test_textual_patches.py::
test_a_removed_widget_keeps_no_styles_cache_alive.
"""

from __future__ import annotations

from functools import lru_cache

from textual._styles_cache import StylesCache
from textual.color import Color
from textual.style import Style

TEXTUAL_GET_INNER_OUTER = StylesCache.__dict__["get_inner_outer"]
"""Textual's own, kept for the test that shows the retention is still upstream."""


@lru_cache(1024)
def _inner_outer(base_background: Color, background: Color) -> tuple[Style, Style]:
    """The inner and outer backgrounds, as Textual's `get_inner_outer` makes them."""
    return (
        Style(background=base_background + background),
        Style(background=base_background),
    )


def _get_inner_outer(
    self: StylesCache, base_background: Color, background: Color
) -> tuple[Style, Style]:
    return _inner_outer(base_background, background)


def cache_colours_not_widgets() -> None:
    """Make `StylesCache.get_inner_outer` cache by its colours alone (idempotent)."""
    StylesCache.get_inner_outer = _get_inner_outer  # type: ignore[method-assign,assignment]
