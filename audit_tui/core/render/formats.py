"""The export formats: one typed table that the CLI, the app and the docs all read.

Each format has a name on the command line (`--format md`), a title for the app's
export dialog, the suffix of its default path and a writer giving the file's bytes.
Writers import their exporter when called, so that naming the formats costs a
headless command nothing at start-up.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING

from audit_tui.core.model.draft import DraftError
from audit_tui.core.model.record import record

if TYPE_CHECKING:
    from audit_tui.core.model.draft import Draft
    from audit_tui.core.model.template import Template

Writer = Callable[["Template", "Draft"], bytes]


@record
class ExportFormat:
    """One way to write the report: `--format` name, dialog title, suffix and writer."""

    name: str
    title: str
    suffix: str
    write: Writer

    def path(self, draft_path: str | os.PathLike[str]) -> str:
        """The default path of this export: beside the draft, same name, this suffix."""
        base, suffix = os.path.splitext(os.fspath(draft_path))
        return (base if suffix else os.fspath(draft_path)) + self.suffix


def _markdown(template: Template, draft: Draft) -> bytes:
    from audit_tui.core.render.export import export_markdown

    return export_markdown(template, draft).encode("utf-8")


def _html(template: Template, draft: Draft) -> bytes:
    from audit_tui.core.render.html import export_html

    return export_html(template, draft).encode("utf-8")


def _json(template: Template, draft: Draft) -> bytes:
    from audit_tui.core.render.json_export import export_json

    return export_json(template, draft).encode("utf-8")


def _pdf(template: Template, draft: Draft) -> bytes:
    from audit_tui.core.render.pdf import export_pdf

    return export_pdf(template, draft)


MARKDOWN = ExportFormat("md", "Markdown", ".md", _markdown)
HTML = ExportFormat("html", "HTML (one page)", ".html", _html)
JSON = ExportFormat("json", "JSON (answers, completeness, verdict)", ".json", _json)

PDF = ExportFormat("pdf", "PDF (the HTML page, printed)", ".pdf", _pdf)

FORMATS: tuple[ExportFormat, ...] = (MARKDOWN, HTML, JSON, PDF)
BY_NAME: dict[str, ExportFormat] = {f.name: f for f in FORMATS}


def formats_in_words(formats: tuple[ExportFormat, ...] = FORMATS) -> str:
    """The formats for a sentence, from their titles: `Markdown, HTML, JSON or PDF`."""
    names = [f.title.partition(" (")[0] for f in formats]
    return " or ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else "".join(names)


def export_warning(template: Template, draft: Draft) -> str | None:
    """One line saying the report is not finished: fields unanswered, invalid values and
    empty table cells, each count in its own unit.

    The CLI prints it (and with `--strict` refuses to write); the app shows it.
    """
    from audit_tui.core.checks.check import check_draft

    report = check_draft(template, draft)
    if report.ok:
        return None
    return f"the report is not finished: {report.unfinished()} (audit-tui check lists them)"


def check_target(out: str | os.PathLike[str], draft_path: str | os.PathLike[str]) -> None:
    """Refuse an export that would replace the draft it is made from (DraftError)."""
    if os.path.realpath(out) == os.path.realpath(draft_path):
        raise DraftError(f"{os.fspath(out)}: is the draft itself; choose another path")
