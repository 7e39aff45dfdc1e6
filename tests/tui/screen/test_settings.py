"""Settings (theme, preview shown) persist in the XDG config folder; screenshots say why not."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

import pytest

from audit_tui.core.files.settings import (
    Settings,
    SettingsProblem,
    load_settings,
    save_settings,
    settings_path,
)
from audit_tui.core.model.template import Template
from audit_tui.tui.preview.preview import Preview
from tests.tui.helpers import editor, make_app, notified, press, settle, write_draft


def test_settings_live_in_the_xdg_config_folder(isolated: Path) -> None:
    assert settings_path() == Path(os.environ["XDG_CONFIG_HOME"]) / "audit-tui" / "settings.toml"


def test_settings_round_trip(isolated: Path) -> None:
    assert load_settings() == Settings()  # no file: the defaults
    written = save_settings(Settings(theme="nord", preview=False))
    assert written == settings_path()
    assert load_settings() == Settings(theme="nord", preview=False)
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert stat.S_IMODE(written.parent.stat().st_mode) == 0o700
    assert 'theme = "nord"' in written.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("theme = ", "not valid TOML"),
        ("theme = 3", "theme should be a name in quotes"),
        ('preview = "no"', "preview should be true or false"),
    ],
)
def test_a_bad_settings_file_says_why(isolated: Path, text: str, reason: str) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SettingsProblem, match=reason) as found:
        load_settings()
    assert str(path) in str(found.value)


async def test_theme_and_preview_are_kept_for_the_next_start(
    template: Template, isolated: Path
) -> None:
    app = make_app(template)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        app.theme = "nord"
        await press(pilot, "ctrl+t")  # hide the preview
        await settle(pilot)
        assert not editor(app).query_one(Preview).display
    assert load_settings() == Settings(theme="nord", preview=False)

    again = make_app(template)
    async with again.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        assert again.theme == "nord"
        assert not editor(again).query_one(Preview).display
        await press(pilot, "ctrl+t")
        assert editor(again).query_one(Preview).display
    assert load_settings() == Settings(theme="nord", preview=True)


async def test_a_settings_file_that_cannot_be_read_is_left_alone(
    template: Template, isolated: Path
) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text("theme = [", encoding="utf-8")
    app = make_app(template)
    async with app.run_test(size=(140, 40)) as pilot:
        await notified(pilot, "not valid TOML")  # a message: it may come after the first pause
        app.theme = "nord"
        await settle(pilot)
    assert path.read_text(encoding="utf-8") == "theme = ["


async def test_screenshot_goes_beside_the_draft(template: Template, isolated: Path) -> None:
    folder = isolated / "reports"
    folder.mkdir()
    draft = write_draft({}, folder / "audit.toml")
    app = make_app(template, draft)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        saved = app.take_screenshot()
        assert saved is not None
        assert saved.parent == folder and saved.name.startswith("audit-screenshot-")
        assert saved.read_text(encoding="utf-8").startswith("<svg")


async def test_a_screenshot_never_writes_through_a_link_planted_at_its_default_name(
    template: Template, isolated: Path
) -> None:
    """The default name is predictable to the second: in a shared folder someone may plant
    links there for the next minute. The screenshot goes beside them, to a new private file."""
    from datetime import datetime, timedelta

    from audit_tui.tui.screenshot import beside

    victim = isolated / "important.txt"
    victim.write_text("the user's own file\n", encoding="utf-8")
    draft = write_draft({}, isolated / "d.toml")
    now = datetime.now()
    for second in range(-2, 60):
        os.symlink(victim, beside(draft.absolute(), now + timedelta(seconds=second)))
    app = make_app(template, draft)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        saved = app.take_screenshot()
        again = app.take_screenshot()
    assert victim.read_text(encoding="utf-8") == "the user's own file\n"
    assert saved is not None and again is not None and saved != again
    for shot in (saved, again):
        assert not shot.is_symlink() and shot.read_text(encoding="utf-8").startswith("<svg")
        assert stat.S_IMODE(shot.stat().st_mode) == 0o600


async def test_a_failed_screenshot_says_why(template: Template, isolated: Path) -> None:
    app = make_app(template)
    messages: list[Any] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.notify = lambda message, **kw: messages.append((message, kw))  # type: ignore[method-assign]
        assert app.take_screenshot(isolated / "missing" / "shot.svg") is None
        message, options = messages[-1]
        assert options["title"] == "Screenshot not saved"
        assert "does not exist" in message
