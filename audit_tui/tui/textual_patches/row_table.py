"""A DataTable for thousands of rows: fixed-width columns, rows loaded at once.

Reaches into DataTable's private bookkeeping; see textual_patches/__init__.py.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.widgets import DataTable
from textual.widgets.data_table import CellType, DuplicateKey, Row, RowKey


class RowTable(DataTable[CellType]):
    """A DataTable whose columns have fixed widths and rows one line each.

    DataTable measures every new cell to size auto-width columns; with fixed
    widths that measuring is wasted, and for 10,000 risks it is most of the time
    it takes to open the section. `_update_dimensions` (private) is told of no
    new rows, so it measures none.
    """

    def _update_dimensions(self, new_rows: Iterable[RowKey]) -> None:
        super()._update_dimensions(())

    def set_widths(self, widths: list[int]) -> None:
        """Give the columns these widths (their padding aside), fitted by the table editor.

        Private bookkeeping again: the caches of rendered rows, the dimensions to
        recompute, and the scrollbars Textual keeps once shown (`_scrollbar_changes`,
        which stops them flickering) but which the new widths may not need.
        """
        columns = self.ordered_columns
        if [c.width for c in columns] == widths:
            return
        for column, width in zip(columns, widths, strict=True):
            column.width = width
            column.auto_width = False
        self._require_update_dimensions = True
        self._clear_caches()
        self.refresh(layout=True)
        self.call_after_refresh(self._recheck_scrollbars)

    def _recheck_scrollbars(self) -> None:
        self._scrollbar_changes.clear()
        self._refresh_scrollbars()

    def column_starts(self) -> list[int]:
        """Where each column starts, in the table's scrolled space."""
        starts, x = [], 0
        for column in self.ordered_columns:
            starts.append(x)
            x += column.get_render_width(self)
        return starts

    def action_cursor_right(self) -> None:
        # A row cursor: Right shows the next column, rather than one more character.
        if self.cursor_type != "row":
            return super().action_cursor_right()
        later = [x for x in self.column_starts() if x > self.scroll_x]
        self.scroll_to(x=later[0] if later else self.max_scroll_x, animate=False)

    def action_cursor_left(self) -> None:
        if self.cursor_type != "row":
            return super().action_cursor_left()
        earlier = [x for x in self.column_starts() if x < self.scroll_x]
        self.scroll_to(x=earlier[-1] if earlier else 0, animate=False)

    def action_scroll_home(self) -> None:
        # Home / End: the first / last column (ctrl+home / ctrl+end: the first / last row).
        self.scroll_to(x=0, animate=False)

    def action_scroll_end(self) -> None:
        self.scroll_to(x=self.max_scroll_x, animate=False)

    def load_rows(self, rows: Iterable[tuple[str, list[CellType]]]) -> list[RowKey]:
        """Append `(key, cells)` rows, one line each, as `add_row` would one at a time.

        `add_row` sorts the columns and re-sets the cursor (a reactive whose
        watchers run on every set) for each row: for 10,000 risks that was a
        third of the time it takes to open the section. Here both happen once,
        which means doing `add_row`'s private bookkeeping (`_row_locations`,
        `_data`, `_new_rows`, `_require_update_dimensions`, `_update_count`) here;
        tests/tui/test_list_table.py checks the table ends as `add_row` leaves it.
        """
        columns = [column.key for column in self.ordered_columns]
        index = self.row_count
        keys: list[RowKey] = []
        for key, cells in rows:
            row_key = RowKey(key)
            if row_key in self._row_locations:
                raise DuplicateKey(f"The row key {row_key!r} already exists.")
            self._row_locations[row_key] = index
            self._data[row_key] = dict(zip(columns, cells, strict=True))
            self.rows[row_key] = Row(row_key, 1)
            self._new_rows.add(row_key)
            keys.append(row_key)
            index += 1
        if keys:
            self._require_update_dimensions = True
            self.cursor_coordinate = self.cursor_coordinate
            if (
                index == len(keys)
                and self.columns
                and self.show_cursor
                and self.cursor_type != "none"
            ):
                self._highlight_cursor()  # the first rows: the cursor appears
            self._update_count += 1
            self.check_idle()
        return keys
