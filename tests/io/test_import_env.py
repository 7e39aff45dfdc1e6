"""Variable names from a dotenv file: names only, never values; no duplicates."""

from __future__ import annotations

import re

import pytest

from audit_tui.core.importing import ImportPlan, ImportProblem, apply_plan
from audit_tui.core.importing.dotenv import ENV_FIELD, NEVER_CLOSED, plan_env_import
from audit_tui.core.model.draft import Draft
from audit_tui.core.model.template import Template
from tests.conftest import DATA

SECRET = "s3cr3t-Value"
ENV = f"""# Database
DATABASE_URL=postgres://app:{SECRET}@db/app
export JWT_SECRET="{SECRET}"   # signing key

  REDIS_URL = redis://cache:6379
PRIVATE_KEY="-----BEGIN KEY-----
NOT_A_NAME={SECRET}
-----END KEY-----"
FEATURE_FLAG
this line {SECRET} is broken
1BAD={SECRET}
DATABASE_URL=again
SINGLE='it''s'
""".encode()


def plan_for(template: Template, draft: Draft, data: bytes = ENV) -> ImportPlan:
    return plan_env_import(template, draft, data, ".env.example")


def test_names_are_read_in_order_without_duplicates(template: Template) -> None:
    plan = plan_for(template, Draft.new(template))
    assert [(a.value, a.line) for a in plan.additions] == [
        ("DATABASE_URL", 2),
        ("JWT_SECRET", 3),
        ("REDIS_URL", 5),
        ("PRIVATE_KEY", 6),
        ("FEATURE_FLAG", 9),
        ("SINGLE", 13),
    ]
    assert plan.already_present == 1  # DATABASE_URL a second time


def test_values_never_reach_the_plan_or_the_draft(template: Template) -> None:
    draft = Draft.new(template)
    plan = plan_for(template, draft)
    apply_plan(plan, draft)
    assert SECRET not in repr(plan)
    assert SECRET not in repr(draft.data)
    assert all(SECRET not in str(s) for s in plan.skipped)


def test_bad_lines_are_reported_by_number_only(template: Template) -> None:
    plan = plan_for(template, Draft.new(template))
    assert [(s.line, s.text) for s in plan.skipped] == [(10, ""), (11, "")]
    assert plan.skipped[0].reason == "not NAME=value; left out (its text is not shown)"


def test_names_already_in_the_draft_are_not_added_again(template: Template) -> None:
    draft = Draft.new(template)
    field = template.field(ENV_FIELD)
    draft.set(field, ["`DATABASE_URL` (Postgres)", "REDIS_URL", "Something else"])
    plan = plan_for(template, draft)
    assert [a.value for a in plan.additions] == [
        "JWT_SECRET",
        "PRIVATE_KEY",
        "FEATURE_FLAG",
        "SINGLE",
    ]
    apply_plan(plan, draft)
    assert draft.get(field)[:3] == ["`DATABASE_URL` (Postgres)", "REDIS_URL", "Something else"]
    assert plan_for(template, draft).empty


SECRETS = DATA / "dotenv" / "secrets.env"
NAMES = [f"NAME_{n:02}" for n in range(1, 24)]


def markers() -> list[str]:
    found = re.findall(r"SECRET[A-Z]+_[a-z]{2}\d", SECRETS.read_text(encoding="utf-8"))
    assert len(found) == 31  # guard the corpus: every marker is found
    return found


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_the_secret_corpus_yields_its_names_and_nothing_else(
    template: Template, ending: str
) -> None:
    data = SECRETS.read_text(encoding="utf-8").replace("\n", ending).encode()
    draft = Draft.new(template)
    plan = plan_for(template, draft, data)
    assert [a.value for a in plan.additions] == NAMES
    # The broken and the digit-first lines; a PEM block and a `\\` continuation without
    # quotes (by their first spilled line); a token and a lower-case word alone on a line.
    assert [(s.line, s.text) for s in plan.skipped] == [
        (32, ""),
        (33, ""),
        (40, ""),
        (44, ""),
        (45, ""),
        (47, ""),
    ]
    apply_plan(plan, draft)
    shown = repr(plan) + repr(draft.data) + "".join(a.describe() for a in plan.additions)
    for marker in markers():
        assert marker not in shown


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # npm dotenv and python-dotenv: a quote after a backslash does not end the value.
        ("A='x\\'\nB'\nC=1\n", ["A", "C"]),
        ('A="x\\"\nB"\nC=1\n', ["A", "C"]),
        ("A=`x\nB=1\n`\nC=1\n", ["A", "C"]),
        # Quotes inside an unquoted value are text, not the start of a quoted value.
        ("A=it's\nB=1\n", ["A", "B"]),
        ("export   A='1'\nexport=2\n", ["A", "export"]),
        ("A: 1\nB:2\n", ["A"]),
    ],
)
def test_quoting_is_read_as_the_dotenv_libraries_read_it(
    template: Template, text: str, names: list[str]
) -> None:
    plan = plan_for(template, Draft.new(template), text.encode())
    assert [a.value for a in plan.additions] == names


def test_windows_line_ends_and_a_bom_are_fine(template: Template) -> None:
    data = b"\xef\xbb\xbfA=1\r\nB=2\r\n"
    assert [a.value for a in plan_for(template, Draft.new(template), data).additions] == ["A", "B"]


def test_an_unclosed_quote_is_reported(template: Template) -> None:
    # What follows an unclosed quote may all be the secret: nothing after it is a name.
    plan = plan_for(template, Draft.new(template), b'A="open\nB=2\n')
    assert [a.value for a in plan.additions] == ["A"]
    assert [(s.line, s.reason) for s in plan.skipped] == [(1, NEVER_CLOSED)]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'{"DATABASE_URL": "x"}\n', "no NAME=value line found (line 1 is not one)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "is not UTF-8 text"),
        (b"A=1\x00\n", "is a binary file"),
    ],
)
def test_a_file_that_is_not_dotenv_is_refused(
    template: Template, data: bytes, expected: str
) -> None:
    with pytest.raises(ImportProblem) as caught:
        plan_for(template, Draft.new(template), data)
    message = str(caught.value)
    assert message.startswith(".env.example: ")
    assert expected in message
    assert "\n" not in message


def test_an_empty_file_adds_nothing(template: Template) -> None:
    plan = plan_for(template, Draft.new(template), b"# nothing yet\n\n")
    assert plan.empty and plan.skipped == ()
