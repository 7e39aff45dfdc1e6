"""What the app loads and does before its first paint (guards for the start-up figure, P1).

Each check runs in a fresh interpreter, so that nothing the test session imported
can hide an import.
"""

from __future__ import annotations

from pathlib import Path

from tests.fresh import run_fresh

# Loaded when first used, never on the way to the first paint.
DEFERRED = (
    "markdown_it",  # the markdown importer and the preview's renderer (after the first paint)
    "audit_tui.core.importing.markdown",
    "audit_tui.core.checks.verdict",  # the suggestion is worked out after the first paint
    "audit_tui.core.checks.consistency",
    "audit_tui.tui.dialogs.conflict",
    "audit_tui.tui.dialogs.export_dialog",
    "audit_tui.tui.dialogs.import_dialog",
    "audit_tui.tui.dialogs.path_prompt",
    "audit_tui.tui.dialogs.review",
    "audit_tui.tui.dialogs.unreadable",
    "audit_tui.tui.fields.table",  # with DataTable: only for a table section
    "textual.widgets._data_table",
    "textual.widgets._footer",  # mounted right after the first paint
    "audit_tui.tui.keybar",
    "audit_tui.tui.dialogs.help",
    "audit_tui.tui.preview.report_markdown",  # the preview is built after the first paint
    "tomli_w",  # only a save needs it
    "textual.widgets._text_area",  # built right after the first paint
    "audit_tui.tui.fields.paragraph_area",
)


def test_opening_a_draft_loads_none_of_the_deferred_modules(isolated: Path) -> None:
    code = (
        "import sys\n"
        "from audit_tui.core.model.loader import load_template\n"
        "from audit_tui.tui.app import AuditApp\n"
        "app = AuditApp(load_template(), 'draft.toml')\n"
        "screen = app.get_default_screen()\n"
        "assert type(screen).__name__ == 'EditorScreen', screen\n"
        "app.release_lock()\n"
        f"print(','.join(m for m in {DEFERRED!r} if m in sys.modules))"
    )
    assert run_fresh(code, isolated) == ""


def test_the_probe_sees_a_deferred_module_when_it_is_used(isolated: Path) -> None:
    code = (
        "import sys\n"
        "from audit_tui.tui.fields import editor_for\n"
        "from audit_tui.core.model.loader import load_template\n"
        "editor_for(load_template().field('risks'), None)\n"
        "print('audit_tui.tui.fields.table' in sys.modules)"
    )
    assert run_fresh(code, isolated) == "True"


def test_the_collector_skips_the_start_and_runs_from_the_first_paint(isolated: Path) -> None:
    code = (
        "import asyncio, gc\n"
        "gc.disable()  # as main() does while it imports\n"
        "from audit_tui.core.model.loader import load_template\n"
        "from audit_tui.tui.app import AuditApp, prepare_process\n"
        "template = load_template()\n"
        "prepare_process()\n"
        "frozen = gc.get_freeze_count()\n"
        "print(frozen > 1000, gc.isenabled())\n"
        "async def first_paint():\n"
        "    app = AuditApp(template, 'draft.toml')\n"
        "    async with app.run_test() as pilot:\n"
        "        await pilot.pause()\n"
        "        print(gc.get_freeze_count() > frozen, gc.isenabled())\n"
        "asyncio.run(first_paint())"
    )
    assert run_fresh(code, isolated, lines=2) == "True False\nTrue True"


def test_a_paragraph_field_gets_its_text_area_after_the_first_paint(isolated: Path) -> None:
    code = (
        "import asyncio\n"
        "from audit_tui.core.model.loader import load_template\n"
        "from audit_tui.tui.app import AuditApp\n"
        "async def go():\n"
        "    app = AuditApp(load_template(), 'draft.toml')\n"
        "    async with app.run_test() as pilot:\n"
        "        field = app.editor.form().editor('risk_assessment')\n"
        "        first = type(field.children[1]).__name__\n"
        "        field.focus_input()  # before the TextArea exists: focused once built\n"
        "        await pilot.pause()\n"
        "        await pilot.pause()\n"
        "        print(first, type(field.children[1]).__name__, type(app.focused).__name__)\n"
        "asyncio.run(go())"
    )
    assert run_fresh(code, isolated) == "ParagraphView ParagraphArea ParagraphArea"
