"""Hypothesis strategies for drafts: valid answers for every field of a template."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from audit_tui.core.model.draft import Draft
from audit_tui.core.model.template import Field, Template
from audit_tui.core.render.text import clean_text

# Any character a TOML string can hold (no surrogates); answers that leave
# nothing visible once the report drops control characters are not answers.
_CHARS = st.characters(exclude_categories=("Cs",))
line = st.text(_CHARS, max_size=40).filter(lambda s: "\n" not in s and "\r" not in s)
visible_line = line.filter(lambda s: clean_text(s).strip() != "")
text = st.text(_CHARS, max_size=80).filter(lambda s: clean_text(s).strip() != "")


def answer(field: Field) -> st.SearchStrategy[Any]:
    """A valid, visible answer for `field`."""
    if field.kind == "text":
        return visible_line
    if field.kind == "paragraph":
        return text
    if field.kind == "list":
        return st.lists(text, min_size=1, max_size=4)
    if field.kind == "score":
        return st.integers(field.min, field.max)
    if field.kind in ("grade", "choice"):
        return st.sampled_from(field.choices)
    cells = {
        c.id: st.sampled_from(c.options) if c.kind == "choice" else visible_line
        for c in field.columns
    }
    row = st.fixed_dictionaries({}, optional=cells)
    return st.lists(row, min_size=1, max_size=3)


@st.composite
def drafts(draw: st.DrawFn, template: Template) -> Draft:
    """A draft answering a random subset of the template's fields."""
    draft = Draft.new(template)
    for _, field in template.fields():
        if draw(st.booleans()):
            draft.set(field, draw(answer(field)))
    return draft
