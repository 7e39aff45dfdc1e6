"""Golden exports: an empty draft is the seed template with `[TBD]`; a full draft is full.md."""

from __future__ import annotations

import re

from audit_tui.core.files.storage import read_draft
from audit_tui.core.model.draft import Draft
from audit_tui.core.model.template import Template
from audit_tui.core.render.export import export_markdown, render_field, render_section
from tests.conftest import DATA, SEED

_BULLET = re.compile(r"^(?P<label>- \*\*[^*]+:\*\*) (?P<example>.*)$")


def seed_with_tbd() -> str:
    """The seed template with every placeholder and example replaced by `[TBD]`.

    The final recommendation keeps its `**[GO / NO-GO]**`, and the three example
    risks become one row of five `[TBD]` cells.
    """
    out = []
    table_rows = 0
    for line in SEED.read_text(encoding="utf-8").splitlines():
        bullet = _BULLET.match(line)
        if bullet and bullet["example"] != "**[GO / NO-GO]**":
            line = f"{bullet['label']} [TBD]"
        if line.startswith("|"):
            table_rows += 1
            if table_rows == 3:
                line = "| " + " | ".join(["[TBD]"] * 5) + " |"
            elif table_rows > 3:
                continue
        out.append(line)
    return "\n".join(out) + "\n"


def test_seed_derivation_replaces_every_example() -> None:
    expected = seed_with_tbd()
    assert "e.g." not in expected and "eg." not in expected and "List of" not in expected
    assert "B (Good)" not in expected
    assert expected.count("[TBD]") == 33 + 5
    assert "- **Final Recommendation:** **[GO / NO-GO]**\n" in expected


def escaped(seed: str) -> str:
    """The seed's text as the export writes it: its brackets escaped, so that no renderer
    can read `[TBD]` as a link, a task box or a footnote (they render the same)."""
    return seed.replace("[TBD]", "\\[TBD\\]").replace("[GO / NO-GO]", "\\[GO / NO-GO\\]")


def test_empty_draft_exports_the_seed_with_tbd(template: Template) -> None:
    assert export_markdown(template, Draft()) == escaped(seed_with_tbd())


def test_empty_draft_export_matches_its_golden_file(template: Template) -> None:
    golden = (DATA / "empty.md").read_text(encoding="utf-8")
    assert export_markdown(template, Draft()) == golden
    assert export_markdown(template, read_draft(DATA / "empty.toml")) == golden
    assert export_markdown(template, Draft.new(template)) == golden


def test_full_draft_export_matches_its_golden_file(template: Template) -> None:
    draft = read_draft(DATA / "full.toml", template)
    assert export_markdown(template, draft) == (DATA / "full.md").read_text(encoding="utf-8")


def test_full_draft_export_shows_every_kind(template: Template) -> None:
    text = export_markdown(template, read_draft(DATA / "full.toml", template))
    assert "- **Overall System Health (1-10):** 7\n" in text  # score
    assert "- **Security Rating:** B (Good)\n" in text  # grade
    assert "- **Reliability Rating:** A (Excellent)\n" in text
    assert "- **Final Recommendation:** **GO**\n" in text  # bold choice
    assert (
        "- **Key Strengths:**\n"
        "  - Consistent input validation on every endpoint\n"
        "  - Parameterised queries throughout (`pg` driver)\n"
    ) in text  # list, nested, inline code kept
    assert (
        "- **Recovery Plan:**\n"
        "  1. Restore the latest snapshot to a new cluster\n"
        "  2. Point DATABASE_URL at the new cluster\n"
        "  3. Replay the day's write-ahead log\n"
    ) in text  # ordered list, numbered
    assert (
        "- **High-Level Risk Assessment:** Moderate overall risk.\\\n"
        "  The two High risks are fixable within a sprint.\\\n"
        "  \\\n"
        "  Nothing else blocks the release.\n"
    ) in text  # paragraph keeps its line breaks, blank line included
    rows = [line for line in text.splitlines() if line.startswith("| **")]
    assert [row.split(" | ")[0] for row in rows] == ["| **Medium**", "| **High**", "| **Low**"]
    assert "| Minor inconvenience \\| cosmetic |" in text  # a pipe stays inside its cell


def test_render_section_and_field_are_the_pieces_of_the_export(template: Template) -> None:
    draft = read_draft(DATA / "full.toml", template)
    security = template.section("security")
    assert render_section(security, draft).startswith("### 2.1. Security Audit Summary\n- **")
    assert render_section(security, draft) in export_markdown(template, draft)
    rating = security.field("rating")
    assert render_field(rating, "F") == "- **Security Rating:** F (Failing)"
    assert render_field(rating, None) == "- **Security Rating:** \\[TBD\\]"
    assert render_field(rating, "Z") == "- **Security Rating:** Z"  # invalid, shown as it is
    assert render_field(template.field("executive_summary.final_recommendation"), "") == (
        "- **Final Recommendation:** **\\[GO / NO-GO\\]**"
    )


def test_blank_and_invisible_answers_export_as_tbd(template: Template) -> None:
    gaps = template.field("executive_summary.critical_gaps")
    assert render_field(gaps, ["", "  ", "\x1b\x07"]) == "- **Critical Gaps:** \\[TBD\\]"
    assert render_field(gaps, ["", "real", "\x00"]) == "- **Critical Gaps:**\n  - real"
    status = template.field("executive_summary.readiness_status")
    assert render_field(status, "\x1b") == "- **Production Readiness Status:** \\[TBD\\]"
    risks = template.field("risks")
    table = render_field(risks, [{"priority": "High", "issue": "\x07", "impact": " "}])
    assert table.splitlines()[2] == "| **High** | \\[TBD\\] | \\[TBD\\] | \\[TBD\\] | \\[TBD\\] |"
