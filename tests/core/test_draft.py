"""The draft keeps what it does not know and what is wrong, and is written in template order."""

from __future__ import annotations

import datetime
import re
import shutil
import tomllib
from pathlib import Path

import pytest

from audit_tui.core.checks.check import check_draft
from audit_tui.core.files import storage
from audit_tui.core.files.storage import read_draft, save_draft, serialise
from audit_tui.core.model.draft import FORMAT, Draft, DraftError
from audit_tui.core.model.template import Template
from tests.conftest import DATA


def copy_of(name: str, folder: Path) -> Path:
    """A copy of a fixture draft, alone in a folder of its own under `folder`."""
    (folder / "drafts").mkdir(exist_ok=True)
    target = folder / "drafts" / name
    shutil.copyfile(DATA / name, target)
    return target


UNKNOWN = [
    "executive_summary.confidence",
    "security.cvss_max",
    "risks[0].owner",
    "appendix",
]


def test_unknown_keys_are_kept_on_every_save(template: Template, tmp_path: Path) -> None:
    path = copy_of("unknown-keys.toml", tmp_path)
    original = tomllib.loads(path.read_text(encoding="utf-8"))
    for answer in ("first", "second"):
        draft = read_draft(path, template)
        draft.set(template.field("environment.database"), answer)
        save_draft(path, draft, template)
    saved = tomllib.loads(path.read_text(encoding="utf-8"))
    assert saved["executive_summary"]["confidence"] == "high"
    assert saved["security"]["cvss_max"] == 7.5
    assert saved["risks"][0]["owner"] == "ops"
    assert saved["appendix"] == original["appendix"]
    assert saved["meta"]["reviewer"] == "kept in meta too"
    assert saved["environment"]["database"] == "second"


def test_check_warns_about_unknown_keys(template: Template) -> None:
    report = check_draft(template, read_draft(DATA / "unknown-keys.toml", template))
    unknown = [f for f in report.findings if f.severity == "unknown"]
    assert [f.path for f in unknown] == UNKNOWN
    assert all("unknown key" in f.message for f in unknown)
    assert [f.section for f in unknown] == ["executive_summary", "security", "risks", None]


INVALID = {
    "executive_summary.overall_health": "must be between 1 and 10; found 11",
    "executive_summary.key_strengths": "expected a list of text, found text",
    "executive_summary.readiness_status": "expected text, found integer 42",
    "executive_summary.final_recommendation": "must be one of GO, NO-GO; found 'MAYBE'",
    "security.vulnerabilities_found": "entry 2: expected text, found integer 3",
    "security.rating": "must be one of A, B, C, D, F; found 'Z'",
    "performance.rating": "expected one of A, B, C, D, F, found integer 2",
    "risks[0].priority": "must be one of High, Medium, Low; found 'Urgent'",
    "risks[0].impact": "expected text, found number 1.5",
    "risks[0].timeline": "expected text, found date",
}


def test_check_reports_every_invalid_value(template: Template) -> None:
    report = check_draft(template, read_draft(DATA / "invalid-values.toml", template))
    invalid = {f.path: f.message for f in report.findings if f.severity == "invalid"}
    assert invalid == INVALID
    assert not report.ok


def test_invalid_values_are_kept_as_they_are_through_save(
    template: Template, tmp_path: Path
) -> None:
    path = copy_of("invalid-values.toml", tmp_path)
    before = read_draft(path, template)
    draft = before.copy()
    draft.set(template.field("environment.database"), "Postgres 16")
    save_draft(path, draft, template)
    after = read_draft(path, template)
    for section in ("security", "performance", "risks"):
        assert after.data[section] == before.data[section]
    summary = after.data["executive_summary"]
    assert summary["overall_health"] == 11
    assert summary["readiness_status"] == 42
    assert summary["key_strengths"] == "one string, not a list"
    assert after.data["risks"][0]["timeline"] == datetime.date(2026, 12, 1)
    assert {f.path for f in check_draft(template, after).findings if f.severity == "invalid"} == (
        set(INVALID)
    )


def test_newer_format_is_refused_and_never_rewritten(template: Template, tmp_path: Path) -> None:
    path = copy_of("newer-format.toml", tmp_path)
    before = path.read_bytes()
    with pytest.raises(DraftError, match=r"draft format 2 is newer than this audit-tui"):
        read_draft(path, template)
    draft = Draft({"meta": {"format": FORMAT + 1}})
    with pytest.raises(DraftError, match="newer"):
        save_draft(path, draft, template)
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == ["newer-format.toml"]


@pytest.mark.parametrize(
    ("meta", "message"),
    [
        ('meta = "x"', r"\[meta\] must be a table, found text"),
        ("[meta]\nformat = '1'", "meta.format must be a whole number, found text"),
        ("[meta]\nformat = 0", "meta.format 0 is not a draft format"),
    ],
)
def test_bad_meta_is_refused(tmp_path: Path, meta: str, message: str) -> None:
    path = tmp_path / "d.toml"
    path.write_text(meta + "\n")
    with pytest.raises(DraftError, match=message):
        read_draft(path)


def test_keys_are_written_in_template_order(template: Template) -> None:
    draft = Draft({"zz_unknown": {"a": 1}})
    for _, item in reversed(list(template.fields())):
        if item.kind == "table":
            draft.set(item, [{"timeline": "t", "priority": "High", "extra": 1, "issue": "i"}])
        elif item.kind == "list":
            draft.set(item, ["x"])
        elif item.kind == "score":
            draft.set(item, 5)
        else:
            draft.set(item, item.choices[0] if item.choices else "x")
    draft.data["security"] = {"zz_extra": True, **draft.data["security"]}
    draft.meta.update({"updated": "u", "template": "backend-audit", "format": 1})
    text = serialise(draft, template).decode("utf-8")
    tables = re.findall(r"^\[+([a-z_]+)\]+$", text, re.M)
    expected = [s.id for s in template.sections]
    assert tables == ["meta", *expected, "zz_unknown"]
    keys = re.findall(r"^([a-z_]+) = ", text, re.M)
    wanted = ["format", "template", "updated"]
    for section in template.sections:
        if section.is_table:
            wanted += ["priority", "issue", "timeline", "extra"]
        else:
            wanted += [f.id for f in section.fields]
        if section.id == "security":
            wanted.append("zz_extra")
    wanted.append("a")
    assert keys == wanted


def test_meta_created_and_updated_are_toml_datetimes(
    template: Template, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "report.toml"
    first = datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
    monkeypatch.setattr(storage, "now", lambda: first)
    save_draft(path, Draft(), template)
    text = path.read_text(encoding="utf-8")
    assert (
        "created = 2026-01-02T03:04:05Z\n" in text
        or "created = 2026-01-02 03:04:05+00:00\n" in (text)
    )
    meta = tomllib.loads(text)["meta"]
    assert meta == {"format": 1, "template": "backend-audit", "created": first, "updated": first}
    later = first + datetime.timedelta(days=1)
    monkeypatch.setattr(storage, "now", lambda: later)
    save_draft(path, read_draft(path, template), template)
    meta = tomllib.loads(path.read_text(encoding="utf-8"))["meta"]
    assert isinstance(meta["created"], datetime.datetime) and meta["created"] == first
    assert isinstance(meta["updated"], datetime.datetime) and meta["updated"] == later


def test_set_empty_removes_the_answer_and_an_emptied_section(template: Template) -> None:
    draft = Draft()
    rating = template.field("security.rating")
    draft.set(rating, "A")
    assert draft.data == {"security": {"rating": "A"}}
    draft.set(rating, "  ")
    assert draft.data == {}
    gaps = template.field("executive_summary.critical_gaps")
    draft.set(gaps, [])
    assert draft.get(gaps) is None


def test_draft_for_another_template_is_refused(template: Template) -> None:
    with pytest.raises(DraftError, match="written for template 'small'"):
        read_draft(DATA / "other-template.toml", template)


def test_odd_unknown_keys_are_shown_quoted_on_one_line(template: Template) -> None:
    draft = Draft({"security": {"a\nb": 1, "bad key": 2}, "x\u202ey": {}, "risks": [{"é": 1}]})
    paths = [f.path for f in check_draft(template, draft).findings if f.severity == "unknown"]
    assert paths == ['security."a\\u000ab"', 'security."bad key"', '"x\\u202ey"', 'risks[0]."é"']


def test_wrong_shapes_are_reported_exported_as_tbd_and_kept(
    template: Template, tmp_path: Path
) -> None:
    from audit_tui.core.render.export import export_markdown

    path = tmp_path / "shapes.toml"
    path.write_text(
        'security = 5\nroadmap = "later"\nrisks = ["not a row"]\n\n[meta]\nformat = 1\n\n'
        '[backup]\nrecovery_plan = "one step, not a list"\n',
        encoding="utf-8",
    )
    draft = read_draft(path, template)
    invalid = {f.path: f.message for f in check_draft(template, draft).findings}
    assert invalid["security"] == "expected a table of answers, found integer 5"
    assert invalid["roadmap"] == "expected a table of answers, found text"
    assert invalid["risks"] == "row 1: expected a table, found text"
    assert invalid["backup.recovery_plan"] == "expected a list of text, found text"
    text = export_markdown(template, draft)
    assert "- **Security Rating:** \\[TBD\\]\n" in text
    assert "| \\[TBD\\] | \\[TBD\\] | \\[TBD\\] | \\[TBD\\] | \\[TBD\\] |" in text
    assert "- **Recovery Plan:** one step, not a list\n" in text
    save_draft(path, draft, template)
    assert read_draft(path, template).data == draft.data
