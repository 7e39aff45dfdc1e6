"""Any answers survive a save and a load unchanged, or are refused before anything is written."""

from __future__ import annotations

import datetime
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from audit_tui.core.files.storage import read_draft, save_draft
from audit_tui.core.model.draft import Draft, DraftError
from audit_tui.core.model.loader import load_template

TEMPLATE = load_template()
FIELDS = [f for _, f in TEMPLATE.fields()]

# Any unicode, control characters and line ends included; lone surrogates now and then.
characters = st.one_of(
    st.characters(codec=None, exclude_categories=["Cs"]),
    st.sampled_from(
        ["\r\n", "\r", "\n", "\t", "\x00", "\x1b", "\x7f", "\x85", "\u2028", '"', "'''", "\\"]
    ),
)
text = st.one_of(
    st.lists(characters, max_size=30).map("".join),
    st.lists(st.one_of(characters, st.just("\ud800")), min_size=1, max_size=5).map("".join),
)
scalar = st.one_of(
    text,
    st.integers(),  # beyond 64 bits now and then
    st.booleans(),
    st.floats(allow_nan=False),
    st.datetimes(timezones=st.one_of(st.none(), st.just(datetime.UTC))),
    st.dates(),
    st.times(),
)
value = st.one_of(scalar, st.lists(scalar, max_size=4), st.lists(text, max_size=4))
row = st.dictionaries(
    st.sampled_from(["priority", "issue", "impact", "action", "timeline", "owner"]),
    scalar,
    max_size=6,
)
unknown = st.dictionaries(
    text, st.one_of(value, st.dictionaries(text, value, max_size=3)), max_size=3
)


@st.composite
def drafts(draw: st.DrawFn) -> Draft:
    draft = Draft()
    for item in draw(st.lists(st.sampled_from(FIELDS), max_size=12, unique_by=lambda f: f.key)):
        if item.kind == "table":
            draft.set(item, draw(st.lists(row, max_size=3)))
        else:
            draft.set(item, draw(value))
    extra = draw(unknown)
    for name, inner in extra.items():
        if name not in draft.data and name != "meta":
            draft.data[name] = inner
    return draft


def assert_round_trip(draft: Draft) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.toml"
        try:
            save_draft(path, draft, TEMPLATE)
        except DraftError as exc:
            message = str(exc)
            assert ": cannot be saved: " in message and "\n" not in message
            assert list(Path(folder).iterdir()) == []
            return
        loaded = read_draft(path, TEMPLATE)
        assert loaded.data == draft.data
        assert [p.name for p in Path(folder).iterdir()] == ["report.toml"]


@settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(drafts())
@example(Draft({"executive_summary": {"risk_assessment": "a\r\nb\rc\x00\x1b[0m\u2028"}}))
@example(Draft({"security": {"rating": "\ud800"}}))
@example(Draft({"security": {"remaining_risks": ["'''", '"""', "\\", "\\u0041"]}}))
@example(Draft({"risks": [{"issue": "x"}], "zz": 1, "odd key": [{"a": 1}]}))
@example(Draft({"0\n": "\ud800"}))  # a key ending in a newline, shown escaped
def test_any_answers_survive_save_and_load(draft: Draft) -> None:
    assert_round_trip(draft)


@pytest.mark.slow
@settings(
    max_examples=3000,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(drafts())
def test_any_answers_survive_save_and_load_long_run(draft: Draft) -> None:
    assert_round_trip(draft)


def test_refused_values_name_their_field() -> None:
    draft = Draft()
    draft.set(TEMPLATE.field("roadmap.scalability"), ["ok", "bad \udc80"])
    with pytest.raises(
        DraftError, match=r"^roadmap\.scalability\[1\]: cannot be saved: .*surrogate"
    ):
        save_draft(Path("report.toml"), draft, TEMPLATE)
    assert not Path("report.toml").exists()


def test_values_keep_their_types(tmp_path: Path) -> None:
    values: dict[str, Any] = {
        "text": "a\r\nb",
        "int": 2**63 - 1,
        "float": 1.5,
        "bool": True,
        "when": datetime.datetime(2026, 1, 2, 3, 4, 5, 600, tzinfo=datetime.UTC),
        "local": datetime.datetime(2026, 1, 2, 3, 4, 5),
        "day": datetime.date(2026, 1, 2),
        "time": datetime.time(3, 4, 5),
    }
    draft = Draft({"appendix": dict(values)})
    save_draft(tmp_path / "d.toml", draft, TEMPLATE)
    loaded = read_draft(tmp_path / "d.toml").data["appendix"]
    assert loaded == values
    assert {k: type(v) for k, v in loaded.items()} == {k: type(v) for k, v in values.items()}
