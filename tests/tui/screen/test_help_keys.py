"""The help overlay lists the keys that do something here, in our words, and none of Textual's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.binding import Binding
from textual.pilot import Pilot

from audit_tui.core.model.template import Template
from audit_tui.tui.dialogs.help import HelpScreen
from audit_tui.tui.keybar import Key, KeyBar
from tests.tui.helpers import NO_AUTOSAVE, editor, make_app, press, settle, show
from tests.tui.screen.dialogs import OPENERS, Opener, open_editor, write_complete

DOC = Path(__file__).resolve().parents[3] / "docs" / "keys.md"


def focus_on(section: str, field: str | None = None, *keys: str) -> Opener:
    async def go(pilot: Pilot[Any]) -> None:
        await open_editor(pilot)
        await show(pilot, section, field)
        await press(pilot, *keys)

    return go


async def on_preview(pilot: Pilot[Any]) -> None:
    await open_editor(pilot)
    editor(pilot.app).query_one("#preview").focus()  # type: ignore[arg-type]
    await settle(pilot)


async def on_sections(pilot: Pilot[Any]) -> None:
    await open_editor(pilot)
    editor(pilot.app).query_one("#sections").focus()  # type: ignore[arg-type]
    await settle(pilot)


PLACES: dict[str, Opener] = {
    "a one-line box": focus_on("environment", "database"),
    "a choice": focus_on("executive_summary", "final_recommendation"),
    "a paragraph": focus_on("executive_summary", "risk_assessment"),
    "a list's entries": focus_on("security", "vulnerabilities_found", "shift+tab"),
    "the risk table": focus_on("risks"),
    "a row's cell": focus_on("risks", None, "enter", "tab"),  # the second cell of the top row
    "the section list": on_sections,
    "the preview": on_preview,
    **{name: OPENERS[name] for name in ("review", "export", "import-env", "save-as", "conflict")},
}


def textual_words(*nodes: Any) -> set[tuple[str, str]]:
    """(action, description) of every binding Textual's own classes give `nodes`."""
    found = set()
    for node in nodes:
        for cls in type(node).__mro__:
            if cls.__module__.startswith("textual"):
                for binding in cls.__dict__.get("BINDINGS", ()):
                    if isinstance(binding, Binding) and binding.description:
                        found.add((binding.action, binding.description))
    return found


def declared_by_us(key: Key, *nodes: Any) -> bool:
    for node in nodes:
        for cls in type(node).__mro__:
            if cls.__module__.startswith("audit_tui."):
                for binding in cls.__dict__.get("BINDINGS", ()):
                    if isinstance(binding, Binding) and binding.description == key.description:
                        return True
    return False


def help_title(template: Template, place: str) -> str:
    """How the help overlay names `place`: where the focus is, not the screen below."""

    def field(key: str) -> str:
        return f"the field {template.field(key).label}"

    risks = template.field("risks")
    return {
        "a one-line box": field("environment.database"),
        "a choice": field("executive_summary.final_recommendation"),
        "a paragraph": field("executive_summary.risk_assessment"),
        "a list's entries": field("security.vulnerabilities_found"),
        "the risk table": field("risks"),
        "a row's cell": f"{field('risks')}, a row's {risks.columns[1].label}",
        "the section list": "the section list",
        "the preview": "the preview",
        "review": "the review",
        "export": "export",
        "import-env": "import",
        "save-as": "choosing a file",
        "conflict": "the draft changed on disk",
    }[place]


@pytest.mark.parametrize("place", list(PLACES))
async def test_help_lists_our_keys_only(template: Template, place: str) -> None:
    write_complete(template)
    app = make_app(template, autosave_delay=NO_AUTOSAVE)
    async with app.run_test(size=(140, 45)) as pilot:
        await PLACES[place](pilot)
        screen = app.screen
        focused = screen.focused
        nodes = [n for n in (focused, *(focused.ancestors if focused else ())) if n is not None]
        nodes += [screen, app]
        await press(pilot, "f1")
        assert isinstance(app.screen, HelpScreen), place
        assert app.screen.title_text == help_title(template, place)
        keys = app.screen.keys
        assert keys, place
        builtin = textual_words(*nodes)
        docs = DOC.read_text(encoding="utf-8").casefold()
        for key in keys:
            if (key.action, key.description) in builtin:
                assert declared_by_us(key, *nodes), (place, key)
            if key.action.startswith("built-in:"):
                # Textual's keys that do matter are told in the words of docs/keys.md.
                assert key.description.casefold() in docs, (place, key.description)
        # and the help shows them: no line of Textual's words.
        text = "\n".join(str(s.render()) for s in app.screen.query(".help-lines").results())
        for words in ("Scroll Up", "Focus Next", "Cursor left", "Copy selected text"):
            assert words not in text, (place, words)
        described = [k.description for k in keys]
        assert "palette" not in described  # Textual's word for ctrl+p
        if place in ("a one-line box", "a choice", "a paragraph"):
            assert "Scroll" not in described, place  # their keys type, choose, move the cursor
        if place == "the preview":
            assert "Scroll" in described


@pytest.mark.parametrize(
    ("name", "expected"), [("restore", "esc Cancel"), ("export-replace", "n No")]
)
async def test_a_dialog_shows_its_own_keys_not_the_editors(
    template: Template, name: str, expected: str
) -> None:
    write_complete(template)
    app = make_app(template, autosave_delay=NO_AUTOSAVE)
    async with app.run_test(size=(80, 24)) as pilot:
        await OPENERS[name](pilot)
        bars = app.screen.query(KeyBar)
        assert bars, f"{name}: no footer of its own"
        line = bars.first().text()
        assert expected in line and "Next to do" not in line, line
