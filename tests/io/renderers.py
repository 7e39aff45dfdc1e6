"""The markdown renderers the export is proven safe in, and what their HTML holds.

Each renderer turns the export into HTML as GitHub, GitLab, a CommonMark viewer or
pandoc would. A renderer that is not installed skips its tests on a developer's
machine and fails them on CI (`CI=true`), where `.ci/run` installs them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt

# GitHub's and GitLab's extensions of cmark-gfm (GitLab's renderer is GitHub's
# cmark-gfm extensions in another binding); `table` too, as both enable it.
GFM_EXTENSIONS = ("autolink", "tagfilter", "tasklist", "strikethrough", "footnotes", "table")


@dataclass(frozen=True)
class Renderer:
    """One way of turning markdown into HTML: a name and a command (None: markdown-it-py)."""

    name: str
    command: tuple[str, ...] | None

    def available(self) -> bool:
        return self.command is None or shutil.which(self.command[0]) is not None

    def require(self) -> None:
        """Skip (fail on CI) when this renderer is not installed."""
        if self.available():
            return
        message = f"{self.command[0] if self.command else self.name} is not installed"
        if os.environ.get("CI") == "true":
            pytest.fail(f"{message}; .ci/run installs it")
        pytest.skip(message)

    def render(self, markdown: str) -> str:
        self.require()
        if self.command is None:
            md = MarkdownIt("commonmark").enable("table")
            md.validateLink = lambda url: True  # type: ignore[method-assign]  # see every link
            return md.render(markdown)
        done = subprocess.run(
            self.command,
            input=markdown,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout


def _cmark(*flags: str) -> tuple[str, ...]:
    extensions = [arg for name in GFM_EXTENSIONS for arg in ("-e", name)]
    return ("cmark-gfm", *extensions, *flags)


def _pandoc(reader: str) -> tuple[str, ...]:
    return ("pandoc", "-f", reader, "-t", "html", "--wrap=none")


RENDERERS = (
    Renderer("markdown-it", None),
    Renderer("cmark-gfm", _cmark()),
    Renderer("cmark-gfm --unsafe", _cmark("--unsafe")),
    Renderer("pandoc gfm", _pandoc("gfm")),
    Renderer("pandoc commonmark_x", _pandoc("commonmark_x")),
    Renderer("pandoc markdown", _pandoc("markdown")),
)

# The tags the report's own markdown makes, in any of the renderers.
ALLOWED_TAGS = {
    "h1", "h2", "h3", "p", "ul", "ol", "li", "hr", "table", "thead", "tbody", "tr", "th",
    "td", "em", "strong", "code", "a", "br", "colgroup", "col",
}  # fmt: skip
# Inline tags an answer may bring (emphasis, code, links); all others are outline.
INLINE_TAGS = {"em", "strong", "code", "a", "br", "colgroup", "col"}
# Attributes the renderers write themselves; an answer may bring none.
ALLOWED_ATTRIBUTES = {
    "a": {"href", "class"},
    "th": {"align", "style"},
    "td": {"align", "style"},
    "tr": {"class"},
    "h1": {"id"},
    "h2": {"id"},
    "h3": {"id"},
    "col": {"style", "width"},
    "ol": {"type"},
}
SAFE_SCHEMES = ("http://", "https://", "mailto:")


@dataclass
class Page:
    """What an HTML fragment holds: its tags in order, links, and anything not allowed."""

    tags: list[str] = field(default_factory=list)
    hrefs: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    text: list[str] = field(default_factory=list)

    @property
    def outline(self) -> list[str]:
        return [tag for tag in self.tags if tag not in INLINE_TAGS]

    @property
    def headings(self) -> list[str]:
        return [tag for tag in self.tags if tag in ("h1", "h2", "h3")]


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        page = self.page
        page.tags.append(tag)
        if tag not in ALLOWED_TAGS:
            page.problems.append(f"<{tag}> {attrs}")
        allowed = ALLOWED_ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            if name not in allowed:
                page.problems.append(f"<{tag} {name}={value!r}>")
            elif name == "style" and value and not value.startswith(("text-align", "width")):
                page.problems.append(f"<{tag} style={value!r}>")
            elif name == "type" and value != "1":
                page.problems.append(f"<{tag} type={value!r}>")
            elif name == "class" and tag == "a" and value not in ("uri", "email"):
                page.problems.append(f"<a class={value!r}>")
        if tag == "a":
            href = dict(attrs).get("href") or ""
            page.hrefs.append(href)
            if not href.lower().startswith(SAFE_SCHEMES):
                page.problems.append(f"link to {href!r}")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_comment(self, data: str) -> None:
        self.page.problems.append(f"comment <!--{data}--> (raw HTML in the markdown)")

    def handle_data(self, data: str) -> None:
        self.page.text.append(data)


def read_html(html: str) -> Page:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.page
