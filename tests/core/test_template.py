"""The built-in template is the seed template as data; broken templates report every problem."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from audit_tui.core.model.kinds import GRADES
from audit_tui.core.model.loader import load_template, parse_template
from audit_tui.core.model.template import Field, Template, TemplateError
from tests.conftest import DATA, SEED

TEMPLATES = DATA / "templates"

# The issue's table of field ids: (draft table, seed heading, [(field id, kind)]).
ID_TABLE = [
    (
        "executive_summary",
        "1. Executive Summary",
        [
            ("overall_health", "score"),
            ("key_strengths", "list"),
            ("critical_gaps", "list"),
            ("readiness_status", "text"),
            ("risk_assessment", "paragraph"),
            ("final_recommendation", "choice"),
        ],
    ),
    (
        "security",
        "2.1. Security Audit Summary",
        [
            ("vulnerabilities_found", "list"),
            ("fixes_implemented", "list"),
            ("remaining_risks", "list"),
            ("rating", "grade"),
        ],
    ),
    (
        "performance",
        "2.2. Performance Audit Summary",
        [
            ("optimizations_implemented", "list"),
            ("expected_gains", "list"),
            ("remaining_bottlenecks", "list"),
            ("rating", "grade"),
        ],
    ),
    (
        "code_quality",
        "2.3. Code Quality Review Summary",
        [
            ("maintainability", "paragraph"),
            ("key_improvements", "list"),
            ("technical_debt", "list"),
            ("rating", "grade"),
        ],
    ),
    (
        "reliability",
        "2.4. Reliability Assessment Summary",
        [
            ("system_stability", "paragraph"),
            ("fault_tolerance", "paragraph"),
            ("data_integrity", "paragraph"),
            ("rating", "grade"),
        ],
    ),
    (
        "environment",
        "3.1. Environment & Infrastructure",
        [
            ("runtime_version", "text"),
            ("database", "text"),
            ("load_balancing", "text"),
            ("environment_variables", "list"),
        ],
    ),
    (
        "monitoring",
        "3.2. Monitoring & Alerting",
        [("key_metrics", "list"), ("alerting_thresholds", "list"), ("logging", "paragraph")],
    ),
    (
        "backup",
        "3.3. Backup & Disaster Recovery",
        [("database_backups", "paragraph"), ("recovery_plan", "list")],
    ),
    ("risks", "4. Risk Mitigation Plan", [("risks", "table")]),
    (
        "roadmap",
        "5. Future Roadmap",
        [("scalability", "list"), ("modernization", "list"), ("observability", "list")],
    ),
]


def heading_of(template: Template, section_id: str) -> str:
    section = template.section(section_id)
    return section.heading or section.part


def test_builtin_template_has_the_issue_id_table(template: Template) -> None:
    found = [
        (s.id, heading_of(template, s.id), [(f.id, f.kind) for f in s.fields])
        for s in template.sections
    ]
    assert found == ID_TABLE


def test_builtin_template_field_rules(template: Template) -> None:
    health = template.field("executive_summary.overall_health")
    assert (health.min, health.max) == (1, 10)
    recommendation = template.field("executive_summary.final_recommendation")
    assert recommendation.options == ("GO", "NO-GO")
    assert recommendation.strong and recommendation.unanswered == "[GO / NO-GO]"
    risks = template.field("risks")
    assert risks.path == ("risks",)  # stored as a top-level [[risks]] array
    assert template.section("risks").is_table
    assert [c.id for c in risks.columns] == ["priority", "issue", "impact", "action", "timeline"]
    priority = risks.columns[0]
    assert priority.kind == "choice" and priority.options == ("High", "Medium", "Low")
    assert priority.strong
    lists = [f for _, f in template.fields() if f.kind == "list"]
    assert [f.key for f in lists if f.ordered] == ["backup.recovery_plan"]
    assert all(f.help for _, f in template.fields()), "every field has help"
    assert template.field("security.rating").key == "security.rating"


def test_grades_display_with_their_words(template: Template) -> None:
    rating = template.field("code_quality.rating")
    shown = [rating.display(g) for g in GRADES]
    assert shown == ["A (Excellent)", "B (Good)", "C (Fair)", "D (Poor)", "F (Failing)"]
    assert rating.parse("B (Good)") == "B" and rating.parse(" C ") == "C"
    with pytest.raises(ValueError, match="choose one of A, B, C, D, F"):
        rating.parse("E")


def seed_outline() -> tuple[str, list[str], list[str], list[str], list[str]]:
    """Title, `##` headings, `###` headings, bullet labels and table header of the seed."""
    text = SEED.read_text(encoding="utf-8")
    title = re.findall(r"^# (.+)$", text, re.M)
    assert len(title) == 1
    parts = re.findall(r"^## (.+)$", text, re.M)
    sections = re.findall(r"^### (.+)$", text, re.M)
    labels = re.findall(r"^- \*\*(.+?):\*\*", text, re.M)
    header = next(line for line in text.splitlines() if line.startswith("| Priority"))
    columns = [c.strip() for c in header.strip("|").split("|")]
    return title[0], parts, sections, labels, columns


def test_builtin_template_has_the_seed_wording(template: Template) -> None:
    title, parts, sections, labels, columns = seed_outline()
    assert template.title == title
    assert [p.heading for p in template.parts] == parts
    assert [s.heading for s in template.sections if s.heading] == sections
    assert [f.label for _, f in template.fields() if f.kind != "table"] == labels
    assert [c.label for c in template.field("risks").columns] == columns


def test_help_texts_are_hints_never_exported(template: Template) -> None:
    from audit_tui.core.model.draft import Draft
    from audit_tui.core.render.export import export_markdown

    text = export_markdown(template, Draft())
    for _, item in template.fields():
        assert item.help not in text
        if item.placeholder:
            assert item.placeholder not in text


def problems_of(path: Path) -> list[str]:
    with pytest.raises(TemplateError) as caught:
        load_template(path)
    lines = str(caught.value).splitlines()
    assert lines == [str(p) for p in caught.value.problems]
    return lines


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "unknown-keys",
            [
                "colour: unknown key",
                "parts[0].subtitle: unknown key",
                "parts[0].sections[0].hidden: unknown key",
                "parts[0].sections[0].fields[0].defualt: unknown key",
            ],
        ),
        (
            "duplicate-ids",
            [
                "parts[0].sections[0].fields[1].id: duplicate field id 'a'",
                "parts[0].sections[1].id: duplicate section id 'one'",
                "parts[0].sections[1].fields[0].columns[1].id: duplicate column id 'c'",
            ],
        ),
        (
            "unknown-kind",
            [
                "parts[0].sections[0].fields[0].kind: unknown kind 'number'",
                "parts[0].sections[0].fields[1].columns[0].kind: unknown column kind 'paragraph'",
            ],
        ),
        (
            "missing-labels",
            [
                "parts[0].sections[0].fields[0].label: missing",
                "parts[0].sections[0].fields[1].label: must not be empty",
                "parts[0].sections[0].fields[2].columns[0].label: missing",
            ],
        ),
        (
            "bad-options",
            [
                "parts[0].sections[0].fields[0].options: missing",
                "parts[0].sections[0].fields[1].options: expected a non-empty list of text",
                "parts[0].sections[0].fields[2].options[1]: duplicate option 'GO'",
                "parts[0].sections[0].fields[2].options[2]: expected non-empty text",
                "parts[0].sections[0].fields[2].options[3]: expected non-empty text",
                "parts[0].sections[0].fields[3].options: expected a non-empty list of text",
                "parts[0].sections[0].fields[4].options: does not apply to a text field",
            ],
        ),
    ],
)
def test_broken_template_reports_file_key_message(name: str, expected: list[str]) -> None:
    path = TEMPLATES / f"{name}.toml"
    lines = problems_of(path)
    assert len(lines) == len(expected)
    for line, start in zip(lines, expected, strict=True):
        assert line.startswith(f"{path}: {start}")


def test_every_problem_is_collected() -> None:
    path = TEMPLATES / "many-problems.toml"
    keys = [line.removeprefix(f"{path}: ").split(": ")[0] for line in problems_of(path)]
    assert keys == [
        "colour",
        "id",
        "title",
        "parts[0].sections[0].fields[0].label",
        "parts[0].sections[0].fields[1].id",
        "parts[0].sections[0].fields[1].kind",
        "parts[0].sections[0].fields[2].options",
        "parts[0].sections[0].fields[3].min",
    ]


@pytest.mark.parametrize(
    ("name", "where", "message"),
    [
        ("not-toml", ":2:13", "not valid TOML: Illegal character '\\n'"),
        ("not-utf8", ":2:11", "is not UTF-8 text (byte 0xe4)"),
    ],
)
def test_template_that_cannot_be_parsed_names_line_and_column(
    name: str, where: str, message: str
) -> None:
    path = TEMPLATES / f"{name}.toml"
    assert problems_of(path) == [f"{path}{where}: {message}"]


def test_template_with_bom_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + (TEMPLATES / "small.toml").read_bytes())
    assert problems_of(path) == [
        f"{path}:1:1: starts with a byte order mark (BOM); save the file as UTF-8 without BOM"
    ]


def test_template_file_missing_or_a_folder(tmp_path: Path) -> None:
    assert problems_of(tmp_path / "nope.toml") == [f"{tmp_path / 'nope.toml'}: no such file"]
    assert problems_of(tmp_path) == [f"{tmp_path}: is a folder, not a template file"]


def test_small_template_loads_every_kind() -> None:
    small = load_template(TEMPLATES / "small.toml")
    kinds = [f.kind for _, f in small.fields()]
    assert kinds == ["text", "paragraph", "list", "score", "grade", "choice", "table"]
    score = small.field("answers.score")
    assert (score.min, score.max) == (0, 5)
    assert small.section("things").is_table
    assert small.section("answers").title == "Answers"


def test_parse_template_rejects_a_table_sharing_its_section_with_fields() -> None:
    data = {
        "id": "t",
        "title": "T",
        "parts": [
            {
                "heading": "1. P",
                "sections": [
                    {
                        "id": "rows",
                        "fields": [
                            {
                                "id": "rows",
                                "kind": "table",
                                "label": "Rows",
                                "columns": [{"id": "a", "label": "A"}],
                            },
                            {"id": "note", "kind": "text", "label": "Note"},
                        ],
                    }
                ],
            }
        ],
    }
    with pytest.raises(TemplateError, match="must be the section's only field"):
        parse_template(data, "inline.toml")


def test_field_is_answered_rules() -> None:
    text = Field(id="t", kind="text", label="T", path=("s", "t"))
    assert not text.is_answered(None) and not text.is_answered("  ") and text.is_answered("x")
    items = Field(id="l", kind="list", label="L", path=("s", "l"))
    assert not items.is_answered([]) and not items.is_answered(["", " "])
    assert items.is_answered(["", "x"]) and items.is_answered([3])


def test_odd_unknown_template_key_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "odd.toml"
    path.write_text('"line\\nbreak" = 1\n' + (TEMPLATES / "small.toml").read_text())
    assert problems_of(path) == [
        f'{path}: "line\\u000abreak": unknown key (expected one of id, parts, rules, title)'
    ]


def test_text_field_must_be_one_line(template: Template) -> None:
    status = template.field("executive_summary.readiness_status")
    assert status.validate("one line  \n") is None
    assert status.validate("two\nlines") == "must be a single line"
    assert status.validate("old\rmac") == "must be a single line"
    assert template.field("executive_summary.risk_assessment").validate("two\nlines") is None


def _with_aliases(field_aliases: object, column_aliases: object) -> dict[str, object]:
    return {
        "id": "t",
        "title": "T",
        "parts": [
            {
                "heading": "1. P",
                "sections": [
                    {
                        "id": "s",
                        "fields": [
                            {"id": "a", "kind": "text", "label": "Node", "aliases": field_aliases},
                            {"id": "b", "kind": "text", "label": "Other"},
                        ],
                    },
                    {
                        "id": "rows",
                        "fields": [
                            {
                                "id": "rows",
                                "kind": "table",
                                "label": "Rows",
                                "columns": [
                                    {"id": "p", "label": "Priority", "aliases": column_aliases}
                                ],
                            }
                        ],
                    },
                ],
            }
        ],
    }


def test_aliases_are_read_for_fields_and_columns() -> None:
    parsed = parse_template(_with_aliases(["Runtime"], ["Severity", "Sev"]), "inline.toml")
    assert parsed.field("s.a").aliases == ("Runtime",)
    assert parsed.field("rows").columns[0].aliases == ("Severity", "Sev")


@pytest.mark.parametrize(
    ("field_aliases", "column_aliases", "message"),
    [
        ("Runtime", [], "parts[0].sections[0].fields[0].aliases: expected a list of text"),
        (["", "x"], [], "parts[0].sections[0].fields[0].aliases[0]: expected non-empty text"),
        (["node"], [], "aliases[0]: 'node' is already a name of this one"),
        ([], ["Sev", "sev"], "columns[0].aliases[1]: 'sev' is already a name of this one"),
        ([], [3], "columns[0].aliases[0]: expected non-empty text"),
        (["Other"], [], "fields[0].aliases[0]: 'Other' already names field 'b' of this section"),
    ],
)
def test_bad_aliases_are_problems_of_the_template(
    field_aliases: object, column_aliases: object, message: str
) -> None:
    with pytest.raises(TemplateError) as caught:
        parse_template(_with_aliases(field_aliases, column_aliases), "inline.toml")
    assert message in str(caught.value)
