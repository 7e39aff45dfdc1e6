"""The list of the report's parts and sections, each with how much of it is answered."""

from __future__ import annotations

from textual.content import Content
from textual.widgets.option_list import Option

from audit_tui.core.checks.check import Completeness
from audit_tui.core.model.template import Template
from audit_tui.tui.form import section_label
from audit_tui.tui.textual_patches.paging import PagingOptionList

INVALID_MARK = "!"
DONE_MARK = "✓"
_BLANK_COUNT = " " * 7


def wrap_name(name: str, width: int) -> list[str]:
    """`name` in lines of at most `width` columns, broken between words where it can be."""
    if width <= 0 or len(name) <= width:
        return [name]
    lines: list[str] = []
    line = ""
    for word in name.split(" "):
        while len(word) > width:  # a word longer than a line: cut it
            if line:
                lines.append(line)
                line = ""
            lines.append(word[:width])
            word = word[width:]
        candidate = f"{line} {word}" if line else word
        if len(candidate) <= width:
            line = candidate
        else:
            lines.append(line)
            line = word
    if line:
        lines.append(line)
    return lines


def entry(label: str, completeness: Completeness | None, indent: bool, width: int = 0) -> Content:
    """`answered/total`, a mark (! invalid, ✓ done), then the section's name.

    With `width` (the list's), a long name wraps under itself rather than being cut.
    """
    # What comes before the name: `_BLANK_COUNT`, or `count mark ` (` 4/4  ✓ `).
    lead = (len(_BLANK_COUNT) if completeness is None else 8) + (2 if indent else 0)
    number, _, rest = label.partition(" ")
    # Continuation lines start under the name's words, past its number (`2.3. `).
    hang = lead + (len(number) + 1 if rest and number[:1].isdigit() else 0)
    if width and width - hang < 16:
        hang = lead  # too narrow to hang under the words: under the number
    lines = wrap_name(label, width - lead) if width else [label]
    if len(lines) > 1:
        first = lines[0]
        others = wrap_name(label[len(first) :].strip(), width - hang)
        lines = [first, *others]
    name = ("  " if indent else "") + lines[0]
    tail = "".join("\n" + " " * hang + line for line in lines[1:])
    if completeness is None:
        return Content.assemble(_BLANK_COUNT, (name + tail, "bold"))
    count = f"{completeness.answered:>2}/{completeness.total:<2}"
    if completeness.invalid:
        mark: tuple[str, str] = (INVALID_MARK, "bold $text-error")
    elif completeness.done:
        mark = (DONE_MARK, "$text-success")
    else:
        mark = (" ", "")
    return Content.assemble((count, "dim"), " ", mark, " ", name + tail)


class SectionList(PagingOptionList):
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
        self._show(completeness.section)

    def _show(self, section_id: str) -> None:
        part = next(p for p in self.template.parts if any(s.id == section_id for s in p.sections))
        prompt = entry(
            self.label(section_id),
            self.completeness.get(section_id),
            len(part.sections) > 1,
            self._width,
        )
        self.replace_option_prompt(section_id, prompt)

    @property
    def _width(self) -> int:
        # The columns an option's text has (the list's, less the option's padding).
        return max(0, self.scrollable_content_region.width - 2)

    def on_resize(self) -> None:
        """Wrap the names again to the list's new width."""
        width = self._width
        if width <= 0 or width == getattr(self, "_wrapped_at", None):
            return
        self._wrapped_at = width
        index = 0
        for part in self.template.parts:
            if len(part.sections) > 1:
                self.replace_option_prompt_at_index(index, entry(part.heading, None, False, width))
                index += 1
            for section in part.sections:
                self._show(section.id)
                index += 1

    def select_section(self, section_id: str) -> None:
        """Highlight the current section without announcing it as chosen."""
        self.highlighted = self.get_option_index(section_id)
