"""Every example the seed template gives is a hint in the app: none is lost."""

from __future__ import annotations

import re

from audit_tui.core.model.template import Template
from tests.conftest import SEED

# `[e.g., "A," "B"]` and `[e.g., A]`: the seed's examples, one by one.
_EXAMPLE = re.compile(r"\[e\.g\.,?\s*(?P<body>[^\]]+)\]")


def seed_examples() -> list[str]:
    found = []
    for match in _EXAMPLE.finditer(SEED.read_text(encoding="utf-8")):
        body = match["body"]
        quoted = re.findall(r'"([^"]+?),?"', body)
        found.extend(q.rstrip(",") for q in quoted) if quoted else found.append(body.strip())
    return found


def normal(text: str) -> str:
    """Words only, lower case, `e.g.` left out: how a hint may reword the seed's example."""
    words = re.findall(r"[^\W_]+", text.casefold())
    return " ".join(w for w in words if w not in ("e", "g", "eg"))


def test_every_seed_example_is_a_hint(template: Template) -> None:
    hints = []
    for _, item in template.fields():
        hints += [item.help, item.placeholder]
        hints += [text for c in item.columns for text in (c.help, c.placeholder)]
    shown = normal(" ".join(hints))
    examples = seed_examples()
    assert "Standardized logging" in examples and "DB config hardcoded" in examples
    missing = [example for example in examples if normal(example) not in shown]
    assert missing == []
