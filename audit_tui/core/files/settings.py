"""The auditor's settings (theme, preview shown) in `$XDG_CONFIG_HOME/audit-tui/settings.toml`.

The file is small TOML, written by the app whenever a setting changes:

    theme = "nord"      # any theme of the palette's "Theme" list
    preview = false     # the live preview beside the form on wide terminals

A file that cannot be read is left alone (never overwritten) and said so once.
"""

from __future__ import annotations

import os
from pathlib import Path

from audit_tui.core.files.storage import write_atomic
from audit_tui.core.model.draft import DraftError
from audit_tui.core.model.record import record
from audit_tui.core.model.toml_text import TomlProblem, parse_toml
from audit_tui.core.model.values import read_error, read_file

APP_FOLDER = "audit-tui"
FILE_NAME = "settings.toml"


@record
class Settings:
    """What the auditor chose; None or the default where nothing was chosen."""

    theme: str | None = None
    preview: bool = True

    def with_theme(self, theme: str) -> Settings:
        return Settings(theme=theme, preview=self.preview)

    def with_preview(self, shown: bool) -> Settings:
        return Settings(theme=self.theme, preview=shown)


class SettingsProblem(ValueError):
    """Why the settings file could not be used (one line, naming the file)."""


def settings_path() -> Path:
    """`$XDG_CONFIG_HOME/audit-tui/settings.toml` (XDG_CONFIG_HOME: `~/.config` if unset)."""
    base = os.environ.get("XDG_CONFIG_HOME", "").strip()
    folder = Path(base) if base and os.path.isabs(base) else Path.home() / ".config"
    return folder / APP_FOLDER / FILE_NAME


def load_settings(path: Path | None = None) -> Settings:
    """The settings in `path`; defaults when there is no file; SettingsProblem when unusable."""
    path = path or settings_path()
    try:
        raw = read_file(path)
    except FileNotFoundError:
        return Settings()
    except OSError as exc:
        raise SettingsProblem(f"{path}: {read_error(exc, 'a settings file')}") from None
    try:
        data = parse_toml(raw)
    except TomlProblem as exc:
        raise SettingsProblem(f"{exc.where(str(path))}: {exc}") from None
    theme = data.get("theme")
    preview = data.get("preview", True)
    if theme is not None and not isinstance(theme, str):
        raise SettingsProblem(f"{path}: theme should be a name in quotes")
    if not isinstance(preview, bool):
        raise SettingsProblem(f"{path}: preview should be true or false")
    return Settings(theme=theme, preview=preview)


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write `settings` (creating the folder, private to the user); DraftError says why not."""
    import tomli_w  # deferred: only a change of setting needs it

    path = path or settings_path()
    data: dict[str, object] = {"preview": settings.preview}
    if settings.theme is not None:
        data["theme"] = settings.theme
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise DraftError(f"{path.parent}: cannot be made: {exc.strerror or exc}") from None
    # In the user's own 0700 config folder: a link there is theirs (dotfiles), so follow it.
    write_atomic(path, tomli_w.dumps(data).encode("utf-8"), chosen=True)
    return path
