"""Answers that try to change what a rendered report shows: raw HTML, links, blocks.

Each came from a renderer that read it as something other than text: GitHub's
cmark-gfm with its extensions, markdown-it, and pandoc's gfm, commonmark_x and
markdown readers.
"""

from __future__ import annotations

HOSTILE = [
    # GitHub's bare-URL autolinker swallowed the escape after an address.
    "Status page: https://status.example<img src=x onerror=alert(document.domain)>",
    "see http://x.example/`<svg onload=alert(1)>`",
    "https://x.example/<javascript:alert(document.cookie)>",
    "www.x.example/<img src=x onerror=alert(1)>",
    "http://x.example\\<img src=x onerror=alert(1)>",
    "https://x.example/a_b*c*<b>x</b>",
    "mailto:a@x.example<img src=x onerror=alert(1)>",
    "a@x.example<img src=x onerror=alert(1)>",
    # Raw HTML, comments, entities, processing instructions, CDATA.
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<svg/onload=alert(1)>",
    "<!-- hidden -->",
    "<div>\n<b>x</b>\n</div>",
    "<?php echo 1; ?> <![CDATA[x]]> <!DOCTYPE html>",
    "&lt;script&gt; &#60;b&#62; &amp;",
    "<style>body{display:none}</style>",
    "<a href=javascript:alert(1)>x</a>",
    "<iframe src=https://evil.example></iframe>",
    # Links and images to anything but http(s) and mailto, and link tricks.
    "[x](javascript:alert(1))",
    "[x](JaVaScRiPt:alert(1))",
    "[x](<javascript:alert(1)>)",
    "[x]( javascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "![x](https://x.example/tracker.png)",
    "![x](javascript:alert(1))",
    "[x][r]\n[r]: javascript:alert(1)",
    "[r]: javascript:alert(1)\n[x][r]",
    "[x]\n\n[x]: javascript:alert(1)",
    "ftp://x.example/file",
    "xmpp:evil@x.example",
    # GitHub's email autolinker takes what is glued before `mailto:` into the target.
    "javascript+mailto:f@g.example",
    "..+mailto:a@b.example",
    "+mailto:f@g.example and x-mailto:h@i.example and a_mailto:j@k.example",
    "data:text/html,x+mailto:a@b.example",
    "<ftp://x.example>",
    "<javascript:alert(1)>",
    "[x](https://x.example/a)<img src=x onerror=alert(1)>",
    "[`x`](https://x.example) [*y*](https://x.example/y)",
    # Footnotes, task boxes, strikeout, sub/superscript, math, citations.
    "note[^1]\n[^1]: a footnote outside the field",
    "first line\n[^1]: on a later line",
    "^[an inline note]",
    "[ ] not a task",
    "[x] not done either",
    "\\~~~strike~~ and ~~strike~~ and ~sub~ and ^sup^",
    "$x = 1$ and $$y$$",
    "[@doe99] and @doe99 say so",
    "\\begin{document} \\newcommand{\\x}{y}",
    # pandoc's attributes, spans, raw attributes, divs and definition lists.
    "`<img src=x onerror=alert(1)>`{=html}",
    "[x]{onmouseover=alert(1)}",
    "[x](http://x.example){onclick=alert(1)}",
    "`code`{.x onclick=alert(1)}",
    "::: {.warning}\nfenced div\n:::",
    "Term\n: a definition",
    "Term\n~ another definition",
    "<span onclick=alert(1)>x</span>",
    # Block syntax on any line of an answer.
    "# heading\n## heading\n###### heading",
    "Title\n=====",
    "Title\n-----",
    "> quote\n>> nested",
    "- item\n+ item\n* item",
    "1. one\n2) two",
    "a. one\nB) two\n(iv) three\n#. four\n(@) five",
    "---\n***\n___\n* * *",
    "```\ncode\n```",
    "~~~\ncode\n~~~",
    "    indented code",
    "| a | b |\n| - | - |\n| c | d |",
    "+---+---+\n| a | b |\n+---+---+",
    "----  ----\n a    b\n----  ----",
    "| line block\n| another",
    "% title\n% author",
    "---\ntitle: yaml\n---",
    "line one\n\n\nline after blank lines",
    "trailing backslash \\",
    "a \\ b \\\\ c \\\\\\ d",
    "``` unclosed fence in a paragraph",
    "`unclosed code and <b>bold</b>",
    "``double `code` with `` ticks",
    # Emoji shortcodes, smart punctuation and pipes in cells.
    ":smile: :+1: 10:30 -- ... 'quote' \"quote\"",
    "a|b `c|d` \\| e",
    # Auditor-typed links that must stay links.
    "<https://docs.example.com/x>",
    "see https://runbook.example/runbook",
    "see https://runbook.example/runbook\nnext line",
    "(https://x.example/a_(b)) and https://x.example/q?a=1&b=2.",
    "[docs](https://docs.example.com/a?b=1&c=2) and [mail](mailto:ops@x.example)",
]

# Where an answer's own links must come through, with exactly these targets.
KEPT_LINKS = {
    "<https://docs.example.com/x>": ["https://docs.example.com/x"],
    "see https://runbook.example/runbook": ["https://runbook.example/runbook"],
    "see https://runbook.example/runbook\nnext line": ["https://runbook.example/runbook"],
    "(https://x.example/a_(b)) and https://x.example/q?a=1&b=2.": [
        "https://x.example/a_(b)",
        "https://x.example/q?a=1&b=2",
    ],
    "[docs](https://docs.example.com/a?b=1&c=2) and [mail](mailto:ops@x.example)": [
        "https://docs.example.com/a?b=1&c=2",
        "mailto:ops@x.example",
    ],
    "Status page: https://status.example<img src=x onerror=alert(document.domain)>": [
        "https://status.example"
    ],
}
