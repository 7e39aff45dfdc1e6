"""`export --format pdf`: a real PDF, read back as text and rendered to an image.

Needs WeasyPrint (the `pdf` extra) and poppler's pdftoppm: skipped without them on
a developer's machine, failed on CI, where `make test` and `.ci/run` install them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from io import BytesIO
from pathlib import Path

import pytest

from audit_tui.core.files.storage import read_draft
from audit_tui.core.model.draft import Draft
from audit_tui.core.model.template import Template
from audit_tui.core.render.formats import BY_NAME, PDF
from audit_tui.core.render.html import export_html
from tests.cli.helpers import audit_tui
from tests.conftest import DATA


def _require(what: str, present: bool) -> None:
    if present:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is not installed; make test and .ci/run install it")
    pytest.skip(f"{what} is not installed")


@pytest.fixture(autouse=True)
def _tools() -> None:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        _require("WeasyPrint", False)
    _require("pdftoppm", shutil.which("pdftoppm") is not None)


def pages_text(pdf: bytes) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(BytesIO(pdf)).pages]


def flat(text: str) -> str:
    return " ".join(text.split())


def gray_page(pdf: Path, page: int, dpi: int = 40) -> tuple[int, int, bytes]:
    """Page `page` rendered by pdftoppm as 8-bit gray pixels: width, height, pixels."""
    done = subprocess.run(
        ["pdftoppm", "-gray", "-r", str(dpi), "-f", str(page), "-l", str(page), str(pdf)],
        capture_output=True,
        timeout=120,
        check=True,
    )
    data = done.stdout
    assert data.startswith(b"P5")
    fields = data.split(maxsplit=4)  # P5, width, height, maximum, pixels
    width, height = int(fields[1]), int(fields[2])
    return width, height, fields[4][: width * height]


def test_the_registry_and_the_cli_offer_pdf() -> None:
    assert BY_NAME["pdf"] is PDF and PDF.path("audit-report.toml") == "audit-report.pdf"


def test_the_pdf_holds_every_heading_and_every_risk_row(template: Template, isolated: Path) -> None:
    shutil.copy(DATA / "full.toml", isolated / "full.toml")
    result = audit_tui("export", "full.toml", "--format", "pdf", cwd=isolated)
    assert result.code == 0, result
    pdf = (isolated / "full.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-")
    pages = pages_text(pdf)
    text = flat(" ".join(pages))
    for part in template.parts:
        assert flat(part.heading) in text
        for section in part.sections:
            if section.heading:
                assert flat(section.heading) in text
    draft = read_draft(DATA / "full.toml", template)
    rows = draft.get(template.field("risks"))
    assert isinstance(rows, list) and len(rows) == 3
    for row in rows:
        for value in row.values():
            assert flat(value) in text, value
    # The header and footer: title, date and page numbers on every page.
    for number, page in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in page
        assert "2026-11-25" in page  # full.toml's last save
        assert "Final Backend Audit Report" in page


def test_a_page_renders_to_an_image_with_nothing_past_its_margins(
    template: Template, tmp_path: Path
) -> None:
    draft = Draft.new(template)
    unbroken = "https://example.com/" + "a" * 300  # one word wider than any column
    draft.set(
        template.field("risks"),
        [{"priority": "Medium", "issue": unbroken, "impact": "x" * 200, "action": unbroken}],
    )
    draft.set(template.field("executive_summary.readiness_status"), "y" * 400)
    path = tmp_path / "report.pdf"
    path.write_bytes(PDF.write(template, draft))
    count = len(pages_text(path.read_bytes()))
    width, height, pixels = gray_page(path, count)  # the risk table is on the last page
    assert len(pixels) == width * height
    ink = [x for y in range(height) for x in range(width) if pixels[y * width + x] < 160]
    assert ink, "the page is blank"
    margin = width * 16 / 210  # the 16 mm side margins of an A4 page
    assert max(ink) < width - margin * 0.9, "something runs into the right margin"
    assert min(ink) > margin * 0.9, "something runs into the left margin"
    png = subprocess.run(
        ["pdftoppm", "-png", "-r", "30", "-f", "1", "-l", "1", str(path)],
        capture_output=True,
        timeout=120,
        check=True,
    ).stdout
    assert png.startswith(b"\x89PNG\r\n\x1a\n")


def test_no_risk_row_is_split_across_pages(template: Template, tmp_path: Path) -> None:
    draft = Draft.new(template)
    filler = " ".join(["more words about the risk"] * 12)
    rows = [
        {"priority": "High", "issue": f"ROWSTART{n:02d} {filler} ROWEND{n:02d}", "action": filler}
        for n in range(14)
    ]
    draft.set(template.field("risks"), rows)
    pages = [flat(page) for page in pages_text(PDF.write(template, draft))]
    assert len(pages) > 2
    starts = [next(i for i, p in enumerate(pages) if f"ROWSTART{n:02d}" in p) for n in range(14)]
    ends = [next(i for i, p in enumerate(pages) if f"ROWEND{n:02d}" in p) for n in range(14)]
    assert starts == ends
    assert len(set(starts)) > 1  # the table did run over more than one page


def tall_row_draft(template: Template) -> Draft:
    """One risk row taller than a page (a pasted scanner message), as FINDINGS 19 had it."""
    draft = Draft.new(template)
    row = {
        "priority": "High",
        "issue": "A" * 3000,
        "impact": "https://example.com/" + "b" * 500,
        "action": "x",
        "timeline": "y",
    }
    draft.set(template.field("risks"), [row])
    return draft


def assert_tall_row_pages(template: Template, pages: list[str]) -> None:
    """The heading is on the row's first page, and every page of the row repeats the header."""
    pages = [flat(page) for page in pages]
    [part] = [p for p in template.parts if any(s.id == "risks" for s in p.sections)]
    heading = next(n for n, page in enumerate(pages) if flat(part.heading) in page)
    words = [w for c in template.field("risks").columns for w in c.label.split()]
    spanned = [n for n, page in enumerate(pages) if "AAAAA" in page or "bbbbb" in page]
    assert len(spanned) > 1, "the row should need more than one page"
    assert spanned[0] == heading, f"the heading is alone on page {heading + 1}"
    for n in spanned:
        missing = [w for w in words if w not in pages[n]]
        assert not missing, f"page {n + 1} of the row lacks the header's {missing}"


def test_a_row_taller_than_a_page_breaks_under_its_heading_and_header(
    template: Template,
) -> None:
    assert_tall_row_pages(template, pages_text(PDF.write(template, tall_row_draft(template))))


@pytest.mark.e2e  # printed by Chromium
def test_a_printed_html_export_breaks_a_tall_row_the_same_way(
    template: Template, tmp_path: Path
) -> None:
    """The HTML export printed by a browser (Debian's chromium), read back with pdftotext."""
    from tests.io.test_export_html_browser import BROWSER

    _require("chromium", BROWSER is not None)
    _require("pdftotext", shutil.which("pdftotext") is not None)
    assert BROWSER is not None
    page = tmp_path / "report.html"
    page.write_text(export_html(template, tall_row_draft(template)), "utf-8")
    pdf = tmp_path / "report.pdf"
    done = subprocess.run(
        [
            BROWSER,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={pdf}",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0 and pdf.exists(), done.stderr[-2000:]
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    assert_tall_row_pages(template, text.split("\f")[:-1])
