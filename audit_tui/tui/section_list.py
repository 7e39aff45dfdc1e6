"""The list of the report's parts and sections, each with how much of it is answered."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from audit_tui.core.checks.check import Completeness
from audit_tui.core.model.template import Template
from audit_tui.tui.form import section_label

INVALID_MARK = "!"
DONE_MARK = "✓"
_BLANK_COUNT = " " * 7


def entry(label: str, completeness: Completeness | None, indent: bool) -> Content:
    """One line: `answered/total`, a mark (! invalid, ✓ done), then the section's name."""
    name = ("  " if indent else "") + label
    if completeness is None:
        return Content.assemble(_BLANK_COUNT, (name, "bold"))
    count = f"{completeness.answered:>2}/{completeness.total:<2}"
    if completeness.invalid:
        mark: tuple[str, str] = (INVALID_MARK, "bold $text-error")
    elif completeness.done:
        mark = (DONE_MARK, "$text-success")
    else:
        mark = (" ", "")
    return Content.assemble((count, "dim"), " ", mark, " ", name)


class SectionList(OptionList):
    """Parts with several sections show as headings; every section is an option."""

    def __init__(self, template: Template, *, id: str | None = None) -> None:
        self.template = template
        self.completeness: dict[str, Completeness] = {}
        options: list[Option] = []
        for part in template.parts:
            nested = len(part.sections) > 1
            if nested:
                options.append(Option(entry(part.heading, None, False), disabled=True))
            for section in part.sections:
                label = section_label(section) if nested else part.heading
                options.append(Option(entry(label, None, nested), id=section.id))
        super().__init__(*options, id=id)

    def label(self, section_id: str) -> str:
        section = self.template.section(section_id)
        part = next(p for p in self.template.parts if section in p.sections)
        return section_label(section) if len(part.sections) > 1 else part.heading

    def show_completeness(self, completeness: Completeness) -> None:
        """Update one section's count and mark."""
        if self.completeness.get(completeness.section) == completeness:
            return
        self.completeness[completeness.section] = completeness
        section_id = completeness.section
        part = next(p for p in self.template.parts if any(s.id == section_id for s in p.sections))
        prompt = entry(self.label(section_id), completeness, len(part.sections) > 1)
        self.replace_option_prompt(section_id, prompt)

    def select_section(self, section_id: str) -> None:
        """Highlight the current section without announcing it as chosen."""
        self.highlighted = self.get_option_index(section_id)
