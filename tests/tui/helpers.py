"""Shared by the app's tests: a quick app on a draft in the test's own folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import tomli_w

from audit_tui.core.storage import read_draft
from audit_tui.core.template import Template
from audit_tui.tui.app import AuditApp
from audit_tui.tui.editor import EditorScreen
from audit_tui.tui.preview import Preview

DRAFT = "audit-report.toml"
SIZE = (140, 45)
QUICK_SAVE = 0.05


def make_app(template: Template, path: str | Path = DRAFT, **kwargs: Any) -> AuditApp:
    kwargs.setdefault("autosave_delay", QUICK_SAVE)
    return AuditApp(template, path, **kwargs)


def write_draft(data: dict[str, Any], path: str | Path = DRAFT) -> Path:
    data = {"meta": {"format": 1, "template": "backend-audit"}, **data}
    file = Path(path)
    file.write_text(tomli_w.dumps(data), encoding="utf-8")
    return file


def saved(template: Template, path: str | Path = DRAFT) -> dict[str, Any]:
    """The draft file's data as it is on disk now."""
    return read_draft(Path(path), template).data


def editor(app: AuditApp) -> EditorScreen:
    screen = app.editor
    assert screen is not None
    return screen


def preview_source(app: AuditApp, section_id: str) -> str:
    """The markdown the preview shows for one section, once pending renders are done."""
    preview = editor(app).query_one(Preview)
    preview._flush()
    return preview.sources[section_id]
