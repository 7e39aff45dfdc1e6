from audit_tui.core.draft import Draft
from audit_tui.core.export import export_markdown
from audit_tui.core.template import Template


def test_empty_draft_exports_title(template: Template) -> None:
    text = export_markdown(template, Draft())
    assert text.startswith("# Final Backend Audit Report & Production Readiness Assessment\n")
