"""No module of audit_tui imports itself back, type-only imports included.

The layer order (core's model, checks, render, files and importing; tui and cli
above core) is pinned by the import-linter contracts in pyproject.toml, which
`make lint` runs as `lint-imports`.
"""

from __future__ import annotations

import grimp


def circles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Each direct import A -> B for which B also leads back to A: the whole circle."""
    found = []
    for importer in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            back = graph.find_shortest_chain(importer=imported, imported=importer)
            if back is not None:
                found.append([importer, *back])
    return found


def build() -> grimp.ImportGraph:
    # Imports under `if TYPE_CHECKING:` and inside functions count too.
    return grimp.build_graph("audit_tui", exclude_type_checking_imports=False, cache_dir=None)


def test_no_module_imports_itself_back() -> None:
    assert circles(build()) == []


def test_a_circle_is_found_when_there_is_one() -> None:
    graph = build()
    graph.add_import(importer="audit_tui.core.model.template", imported="audit_tui.tui.app")
    found = circles(graph)
    assert found
    assert all("audit_tui.core.model.template" in circle for circle in found)
