"""Every place audit-tui reaches into Textual's internals (Textual 8.2), in one folder.

Each patch says why it is here, which upstream change would remove it, and which
test fails when Textual changes under it. When Textual is upgraded, read this
folder and run those tests first. Each patch is a module of its own, imported only
where it is used (DataTable, for one, must not load before the first paint).

1. `lenient_input.make_input_lenient`: the Linux driver decodes input as strict UTF-8.
   Upstream: Textualize/textual#6456 (open; PR #6624 would fix it). Test:
   tests/tui/test_terminal.py::test_bytes_that_are_not_utf8_do_not_end_the_app.
2. `row_table.RowTable`: DataTable measures every new cell and re-sets its cursor per row.
   Upstream: no issue yet; a bulk `add_rows` that sets the cursor once and skips
   measuring fixed-width columns would remove it (the nearest upstream thread is
   Textualize/textual#1892, big tables). Test: tests/tui/test_list_table.py::
   test_load_rows_leaves_the_table_as_add_row_does, and the P3 benchmark.
3. `first_show.FirstShowKeepsStyles`: a screen's first ScreenResume restyles every widget,
   which were styled a moment before as they mounted. `ScreenResume.refresh_styles`
   is public (Textualize/textual#6314), but turning it off relies on a subclass's
   handler running before Screen's own. Upstream: no issue yet; Textual skipping
   the restyle on a screen's first showing would remove it. Test:
   tests/tui/test_textual_patches.py.
4. `hang_up`: a closed terminal kills Textual's writer thread, and the app then blocks
   for good on its full queue (holding the draft's lock); a failed read ends the app
   with a traceback; the SIGCONT a hang-up brings restarts application mode (a second
   input thread, a Resize to 80x24 and a new layout while the app saves to leave).
   Upstream: no issue yet. Tests: tests/tui/test_terminal.py::
   test_leaving_right_after_a_key_saves_it_and_ends_within_two_seconds,
   tests/tui/test_textual_patches.py (SIGCONT).

5. `escape_key.read_escape_then_key`: ESC and a key in one read are taken as alt+key
   (`escape` then `a` in a burst), and ESC is typed as `^` when what follows matches
   no sequence. Upstream: no issue yet. Test: tests/tui/test_escape_key.py.

6. `batch_end.wake_screens` (called from `AuditApp._end_batch`): a screen whose update
   timer fired during a batch update (a recompose) waits for its next message, and the
   end of the batch prompts only the app; a screen under a dialog gets none, so after a
   resize with two dialogs open the editor kept its old layout (the preview had no
   scrollbar) until they closed. Upstream: no issue yet; Textualize/textual#6307 made
   screens under a dialog refresh, #5118 (open) is the nearest report. Test:
   tests/tui/screen/test_layouts.py::test_the_editor_follows_a_resize_under_two_dialogs.
7. `paging.PagingOptionList`: OptionList's pagedown/pageup read a line map built only
   once the list is laid out; in a burst (enter opens a choice menu, pagedown) they
   raised KeyError and ended the app. Upstream: no issue yet. Test:
   tests/tui/test_textual_patches.py::test_pagedown_before_the_layout_does_not_fail.
8. `styles_cache.cache_colours_not_widgets` (called when tui/app.py is imported):
   `StylesCache.get_inner_outer` is an `lru_cache` on a method, so it kept the last 1,024
   widgets' styles caches, and every line they drew, alive after the widgets were
   removed. Upstream: Textualize/textual#6665 (open). Test:
   tests/tui/test_textual_patches.py::test_a_removed_widget_keeps_no_styles_cache_alive.

Keys handled out of order (Textualize/textual#6605, #1009; PR #6631) are put right
in `audit_tui/tui/key_order.py`, which the app is built on rather than a patch; the
internals it reads are named by tests/tui/test_textual_internals.py. The one-line input
(tui/fields/line_input.py) uses public handlers and `action_submit` only: its enter is
in order because of the key queue (tests/tui/test_key_order.py's bursts).
"""
