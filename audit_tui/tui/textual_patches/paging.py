"""An OptionList whose pagedown and pageup work before it has been laid out.

Textual's OptionList pages through a map of its lines that it builds once it has a
size (`_update_lines`, on its layout or drawing). A key that comes in the same burst
as the key that shows the list (enter, then pagedown: a choice menu just opened) is
handled before the layout, and `action_page_down` raised KeyError (its line map was
empty), ending the app (found in a pty with one write of five tabs, enter and
pagedown). Before the layout a page down goes to the last option and a page up to
the first: the options of every list that opens this way fit one page. Once laid
out, Textual's own paging runs, and any error of its own shows as ever.
Upstream: no issue yet (Textual 8.2). Test: tests/tui/test_textual_patches.py.
"""

from __future__ import annotations

from textual.widgets import OptionList


class PagingOptionList(OptionList):
    def _laid_out(self) -> bool:
        """Whether the list has a size, so that Textual can build its line map."""
        return bool(self.scrollable_content_region)

    def action_page_down(self) -> None:
        if self._laid_out():
            super().action_page_down()  # type: ignore[no-untyped-call]
        else:
            self.action_last()

    def action_page_up(self) -> None:
        if self._laid_out():
            super().action_page_up()  # type: ignore[no-untyped-call]
        else:
            self.action_first()
