"""Templates and drafts read TOML bytes one way: the same fault, the same one-line message."""

from __future__ import annotations

import pytest

from audit_tui.core.files.storage import read_draft
from audit_tui.core.model.draft import DraftError
from audit_tui.core.model.loader import load_template
from audit_tui.core.model.template import TemplateError
from audit_tui.core.model.toml_text import TomlProblem, parse_toml
from tests.conftest import DATA


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("bom.toml", ":1:1: starts with a byte order mark (BOM)"),
        ("not-utf8.toml", ":2:24: is not UTF-8 text (byte 0xe9)"),
        ("not-toml.toml", ":5:18: not valid TOML: Invalid value"),
    ],
)
def test_a_template_and_a_draft_report_a_fault_alike(name: str, message: str) -> None:
    path = DATA / name
    with pytest.raises(DraftError) as as_draft:
        read_draft(path)
    with pytest.raises(TemplateError) as as_template:
        load_template(path)
    assert str(as_draft.value) == str(as_template.value)
    assert str(as_draft.value).startswith(f"{path}{message}")


def test_a_fault_names_its_line_and_column() -> None:
    with pytest.raises(TomlProblem) as caught:
        parse_toml(b'a = 1\nb = "\xff"\n')
    assert (caught.value.line, caught.value.col) == (2, 6)
    assert caught.value.where("f.toml") == "f.toml:2:6"


def test_too_deep_nesting_is_a_fault_of_the_whole_file() -> None:
    with pytest.raises(TomlProblem) as caught:
        parse_toml(b"a = " + b"[" * 100_000)
    assert caught.value.where("f.toml") == "f.toml"
    assert str(caught.value) == "not valid TOML: nested too deeply"


def test_a_document_is_read() -> None:
    assert parse_toml("a = 'é'\n[t]\nb = [1]\n".encode()) == {"a": "é", "t": {"b": [1]}}
