"""What the export keeps of the auditor's markdown, and what it shows as plain text."""

from __future__ import annotations

import pytest
from markdown_it.token import Token

from audit_tui.core.model.draft import Draft
from audit_tui.core.model.template import Template
from audit_tui.core.render.export import cell, export_markdown, inline
from audit_tui.core.render.text import clean_text
from tests.core.markdown_outline import Bullet, outline, shown


def bullet_of(template: Template, key: str, value: object) -> Bullet:
    draft = Draft()
    item = template.field(key)
    draft.set(item, value)
    found = outline(export_markdown(template, draft))
    assert found.problems == []
    return next(b for b in found.bullets if b.label == f"{item.label}:")


def types(tokens: list[Token]) -> list[str]:
    return [t.type for t in tokens if not (t.type == "text" and not t.content)]


def test_inline_code_emphasis_and_http_links_are_kept(template: Template) -> None:
    text = "Use `a|b<c>` with *care* and __force__, see [docs](https://example.com/a?b=1&c=2)"
    for key in ("executive_summary.risk_assessment", "backup.database_backups"):
        value = bullet_of(template, key, text).value
        assert "code_inline" in types(value)
        assert next(t for t in value if t.type == "code_inline").content == "a|b<c>"
        assert "em_open" in types(value) and "strong_open" in types(value)
        link = next(t for t in value if t.type == "link_open")
        assert link.attrs["href"] == "https://example.com/a?b=1&c=2"
    entry = bullet_of(template, "security.fixes_implemented", ["`x` *y* [z](http://z.example)"])
    assert types(entry.items[0])[:3] == ["code_inline", "text", "em_open"]
    assert any(t.type == "link_open" for t in entry.items[0])


def test_code_and_links_are_kept_inside_a_risk_cell(template: Template) -> None:
    draft = Draft()
    draft.set(template.field("risks"), [{"issue": "`a|b` in [x](https://x.example)"}])
    found = outline(export_markdown(template, draft))
    issue = found.rows[0][1]
    assert next(t for t in issue if t.type == "code_inline").content == "a|b"
    assert any(t.type == "link_open" for t in issue)


@pytest.mark.parametrize(
    "html",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(1)">',
        "<!-- hidden -->",
        "<div>\n<b>x</b>\n</div>",
        "&lt;b&gt; &amp; &#65;",
        "<javascript:alert(1)>",
        "<ftp://x.example>",
    ],
)
def test_raw_html_and_entities_are_shown_as_text(template: Template, html: str) -> None:
    bullet = bullet_of(template, "executive_summary.risk_assessment", html)
    assert shown(bullet.value).strip() == html.replace("\n", " ")
    entry = bullet_of(template, "security.remaining_risks", [html]).items[0]
    assert shown(entry) == html.replace("\n", " ")


def test_rich_markup_is_plain_text(template: Template) -> None:
    text = "[bold]loud[/] [@click=app.quit]quit[/] [red on blue]x"
    assert shown(bullet_of(template, "environment.database", text).value).strip() == text


@pytest.mark.parametrize(
    "link",
    [
        "[x](javascript:alert(1))",
        "[x](JavaScript:alert(1))",
        "[x]( javascript:alert(1))",
        "[x](<javascript:alert(1)>)",
        "[x](vbscript:msgbox)",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "![x](javascript:alert(1))",
        "[x](java\x00script:alert(1))",
        "[x]\n(javascript:alert(1))",
        "[x](\njavascript:alert(1))",
        "[x][r]\n\n[r]: javascript:alert(1)",
        "[r]: javascript:alert(1)\n[x][r]",
    ],
)
def test_no_link_other_than_http_and_mailto(template: Template, link: str) -> None:
    for value in (link, [link]):
        draft = Draft()
        draft.set(template.field("code_quality.key_improvements"), value)
        draft.set(template.field("code_quality.maintainability"), link)
        draft.set(template.field("risks"), [{"issue": link}])
        found = outline(export_markdown(template, draft))
        assert found.problems == []
        assert not any(t.type in ("link_open", "image") for t in found.tokens)
        assert found.references == {}


def test_mailto_links_are_kept(template: Template) -> None:
    value = bullet_of(template, "monitoring.logging", "[ops](mailto:ops@example.com)").value
    assert next(t for t in value if t.type == "link_open").attrs["href"] == (
        "mailto:ops@example.com"
    )


def test_control_characters_are_dropped_but_newline_and_tab_kept() -> None:
    assert clean_text("a\x1b[31mb\x07c\x00d\x7fe\x9bf\u202eg\th\r\ni\rj") == (
        "a[31mbcdefg\th\ni\nj"
    )


def test_paragraph_keeps_tabs_and_emoji(template: Template) -> None:
    text = "tab\there 😀 👩‍💻 é"
    assert shown(bullet_of(template, "reliability.system_stability", text).value).strip() == text


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("# heading", "\\# heading"),
        ("#hashtag", "\\#hashtag"),
        ("tag #hashtag", "tag #hashtag"),
        ("> quote", "\\> quote"),
        ("- item", "\\- item"),
        ("* item", "\\* item"),
        ("+ item", "\\+ item"),
        ("*emphasis* first", "*emphasis* first"),
        ("1. first", "1\\. first"),
        ("2) second", "2\\) second"),
        ("99.95% uptime", "99.95% uptime"),
        ("---", "\\---"),
        ("* * *", "\\* * *"),
        ("_ _ _", "\\_ _ _"),
        ("===", "\\==="),
        ("| --- |", "\\| --- \\|"),
        ("> quote >", "\\> quote \\>"),
        ("~~~", "\\~\\~\\~"),
        ("```py", "\\`\\`\\`py"),
        ("`code` first", "`code` first"),
        ("[x]: https://example.com", "\\[x\\]: <https://example.com>"),
        ("a <b> & c", "a \\<b\\> & c"),
        ("&amp; &#65;", "\\&amp; \\&#65;"),
        ("a. b", "a\\. b"),
        ("(iv) b", "\\(iv\\) b"),
        ("#. b", "\\#. b"),
        (": definition", "\\: definition"),
        ("[ ] task", "\\[&#32;\\]&#32;task"),
        ("[x] done", "\\[x\\]&#32;done"),
        ("~x~ ^y^ $z$ @cite", "\\~x\\~ \\^y\\^ \\$z\\$ \\@cite"),
        ("`c`{=html} [s]{.x}", "`c`\\{=html\\} \\[s\\]\\{.x\\}"),
        ("www.example.com ftp://x xmpp:y", "www\\.example.com ftp\\://x `xmpp:y`"),
        ("at 10:30: done", "at 10\\:30: done"),
        ("see https://x.example/a.", "see <https://x.example/a>."),
        ("(https://x.example/a_(b))", "(<https://x.example/a_(b)>)"),
        ("<https://x.example/a>", "<https://x.example/a>"),
        ("![i](https://x.example/i.png)", "\\![i](https://x.example/i.png)"),
        ("ends with \\", "ends with \\\\"),
        ("ends escaped \\*", "ends escaped \\*"),
        ("a|b", "a\\|b"),
    ],
)
def test_inline_escapes_only_what_would_change_the_outline(text: str, escaped: str) -> None:
    assert inline(text) == escaped


def test_cell_escapes_pipes_inside_and_outside_code() -> None:
    assert cell("a|b `c|d` \\|") == "a\\|b `c\\|d` \\|"
    assert cell("two\nlines") == "two lines"
    assert cell(42) == "42"


def test_values_of_a_wrong_type_read_alike_in_markdown_html_and_the_preview(
    template: Template,
) -> None:
    """A dict, a nested list or nan where text belongs shows as TOML would write it."""
    import html

    from audit_tui.core.render.html import export_html
    from audit_tui.core.render.text import one_line

    draft = Draft()
    answers = {
        "security.rating": ({"a": 1}, "{a = 1}"),
        "executive_summary.overall_health": (float("nan"), "nan"),
        "executive_summary.readiness_status": (["a", ["b", "c"]], 'a, ["b", "c"]'),
        "executive_summary.risk_assessment": ({"x": "y z"}, '{x = "y z"}'),
    }
    for key, (value, _) in answers.items():
        draft.set(template.field(key), value)
    row = {"priority": "High", "issue": ["a", "b"], "impact": {"x": 1}, "action": "Fix"}
    draft.set(template.field("risks"), [row])
    found = outline(export_markdown(template, draft))
    page = html.unescape(export_html(template, draft))
    for key, (_, text) in answers.items():
        label = template.field(key).label
        [bullet] = [b for b in found.bullets if b.label == f"{label}:"]
        assert shown(bullet.value).strip() == text, key
        assert f"<dd>{text}</dd>" in page or f">{text}</span></dd>" in page, key
    [cells] = found.rows
    assert [shown(c) for c in cells[1:3]] == ["a, b", "{x = 1}"]
    # The app's preview shows the markdown of render_section and table cells by one_line.
    assert [one_line(row["issue"]), one_line(row["impact"])] == ["a, b", "{x = 1}"]
    assert "<td>a, b</td><td>{x = 1}</td>" in page
    for python in ("{'", "['", "'}"):
        assert python not in page and python not in export_markdown(template, draft)
