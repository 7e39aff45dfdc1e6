"""The report as one self-contained HTML page: inline styles, nothing fetched, fit to print.

Each line of an answer is its inline markdown made HTML: emphasis, bold, code and
links to http(s) and mailto, by markdown-it-py with raw HTML and images off, after
the markdown export's escaping (so the page shows what the markdown report shows).
Template text is escaped with `html.escape`. A Content-Security-Policy forbids
scripts and any fetch, should anything slip through.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from functools import cache
from html import escape
from typing import Any, assert_never

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from audit_tui.core.model.draft import META, Draft
from audit_tui.core.model.kinds import shown_entries
from audit_tui.core.model.template import Column, Field, Part, Section, Template
from audit_tui.core.render.escape import inline
from audit_tui.core.render.text import clean_text, one_line

SAFE_SCHEMES = ("http://", "https://", "mailto:")
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'"
STYLE = """
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #f4f5f7; color: #1d2430;
  font: 15px/1.5 -apple-system, "Segoe UI", Roboto, "DejaVu Sans", Arial, sans-serif; }
main { max-width: 60rem; margin: 2rem auto; padding: 2rem 2.5rem; background: #fff;
  border: 1px solid #d9dde3; border-radius: 6px; }
h1 { font-size: 1.7rem; margin: 0 0 1.5rem; line-height: 1.25; }
h2 { font-size: 1.3rem; margin: 2rem 0 .75rem; padding-bottom: .3rem;
  border-bottom: 2px solid #d9dde3; break-after: avoid; }
h3 { font-size: 1.08rem; margin: 1.25rem 0 .5rem; color: #2f3b4e; break-after: avoid; }
dl.fields { margin: 0; }
.field { display: grid; grid-template-columns: 15rem minmax(0, 1fr); gap: .2rem 1rem;
  padding: .45rem 0; border-top: 1px solid #eceef1; }
.field:first-child { border-top: 0; }
dt { font-weight: 600; }
dd { margin: 0; overflow-wrap: break-word; }
li, dt { break-inside: avoid; }
dd ul, dd ol { margin: 0; padding-left: 1.25rem; }
.unanswered { color: #8a6d00; font-style: italic; }
.strong { font-weight: 700; }
.choice-go { color: #176b2c; }
.choice-no-go { color: #a4161a; }
table.answers { width: 100%; border-collapse: collapse; margin: .5rem 0; font-size: .95rem; }
table.answers th, table.answers td { border: 1px solid #d9dde3; padding: .4rem .55rem;
  text-align: left; vertical-align: top; overflow-wrap: break-word; }
table.answers th { background: #eef0f3; overflow-wrap: normal; }
table.answers .choice { width: 1%; white-space: nowrap; }
table.answers tr { break-inside: avoid; }
/* A row with a long cell (LONG_CELL) may break: kept whole, it would leave its
   heading and the table's header alone on a page, and still break on the next. */
table.answers tr.long { break-inside: auto; }
tr.priority-high td:first-child { border-left: 5px solid #c62828; }
tr.priority-medium td:first-child { border-left: 5px solid #ef8f00; }
tr.priority-low td:first-child { border-left: 5px solid #2e7d32; }
tr.priority-high { background: #fdecea; }
tr.priority-medium { background: #fff4e0; }
tr.priority-low { background: #edf7ee; }
.badge { display: inline-block; padding: 0 .45rem; border-radius: 3px; font-weight: 700; }
.priority-high .badge { background: #c62828; color: #fff; }
.priority-medium .badge { background: #ef8f00; color: #1d2430; }
.priority-low .badge { background: #2e7d32; color: #fff; }
@media print {
  body { background: #fff; font-size: 10.5pt; }
  main { margin: 0; padding: 0; border: 0; max-width: none; }
  /* Blocks, not a grid, so that a long answer can run on to the next page. */
  .field { display: block; }
  dt { break-after: avoid; }
  dd { margin-left: 1.5rem; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  a { color: inherit; }
  /* The table fits the page whatever its cells hold: fixed columns, words broken. */
  table.answers { table-layout: fixed; width: 100%; font-size: 9.5pt; }
  table.answers td, table.answers th { overflow-wrap: break-word; }
  table.answers .choice { width: 7.5em; white-space: normal; }
  .badge { white-space: nowrap; }
  table.answers thead { display: table-header-group; }
  h2, h3 { break-after: avoid; }
}
""".strip()

# A cell of more characters than this makes its row taller than about two thirds of a
# printed page (some 600 fill a column's page): such a row may break across pages.
LONG_CELL = 400

# The printed page: margins, and a header and footer with the title, date and page.
PAGE = """
@page {
  size: A4; margin: 20mm 16mm;
  @top-left { content: %(title)s; font: 8pt sans-serif; color: #5b6472; }
  @top-right { content: %(date)s; font: 8pt sans-serif; color: #5b6472; }
  @bottom-right {
    content: "Page " counter(page) " of " counter(pages); font: 8pt sans-serif; color: #5b6472;
  }
}
""".strip()


def export_html(template: Template, draft: Draft) -> str:
    """The whole report as a self-contained HTML document."""
    title = text_html(template.title)
    parts = "\n".join(render_part(part, draft) for part in template.parts)
    page = PAGE % {"title": css_string(one_line(template.title)), "date": css_string(_date(draft))}
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{title}</title>\n<style>\n{STYLE}\n{page}\n</style>\n</head>\n<body>\n<main>\n"
        f"<h1>{title}</h1>\n{parts}\n</main>\n</body>\n</html>\n"
    )


def render_part(part: Part, draft: Draft) -> str:
    body = "\n".join(render_section(section, draft) for section in part.sections)
    return f'<section class="part">\n<h2>{text_html(part.heading)}</h2>\n{body}\n</section>'


def render_section(section: Section, draft: Draft) -> str:
    """One section: its heading when it has one, its fields, and its table if any."""
    out = [f'<section class="section" id="section-{escape(section.id)}">']
    if section.heading:
        out.append(f"<h3>{text_html(section.heading)}</h3>")
    fields = [f for f in section.fields if f.kind != "table"]
    if fields:
        out.append('<dl class="fields">')
        out.extend(render_field(f, draft.get(f)) for f in fields)
        out.append("</dl>")
    out.extend(render_table(f, draft.get(f)) for f in section.fields if f.kind == "table")
    out.append("</section>")
    return "\n".join(out)


def render_field(field: Field, value: Any) -> str:
    """One field as a `dt`/`dd` pair."""
    label = f"<dt>{text_html(field.label)}</dt>"
    return f'<div class="field">{label}<dd>{render_value(field, value)}</dd></div>'


def render_value(field: Field, value: Any) -> str:
    kind = field.kind
    match kind:
        case _ if not field.is_answered(value):
            return _unanswered(field.unanswered)
        case "list" if isinstance(value, list):
            tag = "ol" if field.ordered else "ul"
            rows = "".join(f"<li>{answer_html(item)}</li>" for item in shown_entries(field, value))
            return f"<{tag}>{rows}</{tag}>"
        case "text" | "paragraph" | "list" | "score" | "grade" | "choice" | "table":
            text = field.display(value)
            shown = answer_html(text)
            if field.strong:
                slug = _slug(text)
                return f'<span class="strong choice-{slug}">{shown}</span>'
            return shown
        case _:
            assert_never(kind)


def render_table(field: Field, rows: Any) -> str:
    """A table field, each row classed by its choice columns (`priority-high`)."""
    header = "".join(f"<th{_kind(c)}>{text_html(c.label)}</th>" for c in field.columns)
    body: list[str] = []
    for row in rows if isinstance(rows, list) else []:
        cells, classes, longest = [], [], 0
        for column in field.columns:
            value = row.get(column.id) if isinstance(row, dict) else None
            text = one_line(value)
            longest = max(longest, len(text))
            if not text:
                cells.append(f"<td{_kind(column)}>{_unanswered(field.unanswered)}</td>")
                continue
            if column.kind == "choice":
                classes.append(f"{column.id}-{_slug(text)}")
                cells.append(
                    f'<td class="choice"><span class="badge">{text_html(text)}</span></td>'
                )
            else:
                cells.append(f"<td>{answer_html(text)}</td>")
        if longest > LONG_CELL:
            classes.append("long")
        klass = f' class="{escape(" ".join(classes))}"' if classes else ""
        body.append(f"<tr{klass}>{''.join(cells)}</tr>")
    if not body:
        empty = "".join(f"<td>{_unanswered(field.unanswered)}</td>" for _ in field.columns)
        body.append(f"<tr>{empty}</tr>")
    table = f'<table class="answers" id="table-{escape(field.key)}">'
    rows = "\n".join(body)
    return f"{table}\n<thead><tr>{header}</tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>"


def css_string(text: str) -> str:
    """`text` as a CSS string: anything but letters, digits and spaces as a CSS escape."""
    return '"' + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in text) + '"'


def _date(draft: Draft) -> str:
    """The day the draft was last saved (the report's date), or today for a new draft."""
    meta = draft.data.get(META)
    when = meta.get("updated") or meta.get("created") if isinstance(meta, dict) else None
    if isinstance(when, datetime.date):
        return when.isoformat()[:10]
    if isinstance(when, str) and when[:10]:
        return when[:10]
    return datetime.date.today().isoformat()


def text_html(text: str) -> str:
    """Plain text, escaped, control characters dropped."""
    return escape(clean_text(text), quote=True)


def answer_html(text: str) -> str:
    """An answer: each line's inline markdown as HTML, lines kept as `<br>`."""
    lines = clean_text(text).strip().split("\n")
    md = _markdown()
    return "<br>".join(md.renderInline(inline(line)) for line in lines)


@cache
def _markdown() -> MarkdownIt:
    """Inline markdown to HTML: raw HTML shown as text, no images, links to http(s)/mailto."""
    md = MarkdownIt("commonmark", {"html": False})
    md.disable("image")  # an image would fetch its address when the page is opened
    md.validateLink = _safe_link  # type: ignore[method-assign]
    md.add_render_rule("link_open", _link_open)
    return md


def _safe_link(url: str) -> bool:
    return url.strip().lower().startswith(SAFE_SCHEMES)


def _link_open(
    renderer: Any, tokens: Sequence[Token], index: int, options: OptionsDict, env: EnvType
) -> str:
    tokens[index].attrSet("rel", "noopener noreferrer")
    result: str = renderer.renderToken(tokens, index, options, env)
    return result


def _kind(column: Column) -> str:
    return ' class="choice"' if column.kind == "choice" else ""


def _unanswered(mark: str) -> str:
    return f'<span class="unanswered">{text_html(mark)}</span>'


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "none"
