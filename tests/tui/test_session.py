"""`core.session`: open, save, conflicts, reload, export and the save on the way out."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from audit_tui.core.files.session import Conflict, Session, recovery_path
from audit_tui.core.model.draft import DraftError
from audit_tui.core.model.template import Template
from audit_tui.core.render.formats import MARKDOWN
from tests.tui.helpers import saved, write_draft


def test_missing_file_is_a_new_draft_created_on_first_save(template: Template) -> None:
    session = Session.open(template, "new.toml")
    assert not session.exists and not Path("new.toml").exists()
    session.set(template.field("executive_summary.overall_health"), 6)
    assert session.dirty
    session.save()
    assert not session.dirty and session.exists
    assert saved(template, "new.toml")["executive_summary"] == {"overall_health": 6}
    assert os.stat("new.toml").st_mode & 0o777 == 0o600


def test_missing_folder_is_refused_at_once(template: Template) -> None:
    with pytest.raises(DraftError, match="does not exist"):
        Session.open(template, "nowhere/draft.toml")


def test_a_file_changed_on_disk_is_not_overwritten(template: Template) -> None:
    write_draft({"executive_summary": {"overall_health": 3}})
    session = Session.open(template, "audit-report.toml")
    write_draft({"executive_summary": {"overall_health": 9}})
    session.set(template.field("executive_summary.overall_health"), 5)
    with pytest.raises(Conflict):
        session.save()
    assert saved(template)["executive_summary"] == {"overall_health": 9}
    session.save(overwrite=True)
    assert saved(template)["executive_summary"] == {"overall_health": 5}


def test_reload_takes_the_files_answers(template: Template) -> None:
    write_draft({"executive_summary": {"overall_health": 3}})
    session = Session.open(template, "audit-report.toml")
    write_draft({"executive_summary": {"overall_health": 9}})
    session.set(template.field("executive_summary.overall_health"), 5)
    session.reload()
    assert not session.dirty
    assert session.draft.get(template.field("executive_summary.overall_health")) == 9
    assert not session.changed_on_disk()


def test_save_for_exit_writes_beside_a_changed_file(template: Template) -> None:
    write_draft({"executive_summary": {"overall_health": 3}})
    session = Session.open(template, "audit-report.toml")
    write_draft({"executive_summary": {"overall_health": 9}})
    session.set(template.field("executive_summary.overall_health"), 5)
    where = session.save_for_exit()
    assert where == recovery_path(Path("audit-report.toml"))
    assert where.name == "audit-report.recovered.toml"
    assert saved(template)["executive_summary"] == {"overall_health": 9}
    assert saved(template, where)["executive_summary"] == {"overall_health": 5}
    assert session.save_for_exit() is None  # nothing left unsaved


def test_export_goes_beside_the_draft_and_never_over_it(template: Template) -> None:
    session = Session.open(template, "audit-report.toml")
    out = session.export()
    assert out == Path(MARKDOWN.path(Path("audit-report.toml"))) == Path("audit-report.md")
    assert out.read_text(encoding="utf-8").startswith("# Final Backend Audit Report")
    odd = Session.open(template, "report.md")
    with pytest.raises(DraftError, match="is the draft itself"):
        odd.export()


def test_visit_remembers_the_section(template: Template) -> None:
    session = Session.open(template, "audit-report.toml")
    session.visit(template.section("risks"))
    assert session.last_section == "risks" and session.dirty
    session.save()
    assert saved(template)["meta"]["last_section"] == "risks"
