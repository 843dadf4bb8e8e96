"""The house's structure: one namespace, stages as folders, imports that flow one way."""

from __future__ import annotations

import ast

import pytest

from tests.support.imports import FOLDERS, cycles, graph, modules

# What each stage may import at run time (besides itself and the standard
# library). Each subpackage's docstring says the same in words.
MAY_IMPORT = {
    "itmscheck.evidence": {"itmscheck.errors"},
    "itmscheck.engine": {"itmscheck", "itmscheck.errors", "itmscheck.cache", "itmscheck.evidence",
                         "itmscheck.plugins"},
    "itmscheck.types": {"itmscheck", "itmscheck.engine", "itmscheck.evidence", "itmscheck.planning"},
    "itmscheck.collectors": {"itmscheck", "itmscheck.errors", "itmscheck.cache", "itmscheck.evidence",
                             "itmscheck.outputs", "itmscheck.plugins"},
    "itmscheck.planning": {"itmscheck.engine", "itmscheck.errors", "itmscheck.evidence",
                           "itmscheck.outputs"},
    "itmscheck.comparison": {"itmscheck.engine", "itmscheck.errors", "itmscheck.evidence",
                             "itmscheck.outputs", "itmscheck.reports"},
    "itmscheck.reports": {"itmscheck.cache", "itmscheck.engine", "itmscheck.errors"},
    "itmscheck.fleet": {"itmscheck", "itmscheck.engine", "itmscheck.errors", "itmscheck.evidence",
                        "itmscheck.planning", "itmscheck.outputs", "itmscheck.plugins", "itmscheck.reports"},
    "itmscheck.acceptance": {"itmscheck.console", "itmscheck.engine", "itmscheck.errors",
                             "itmscheck.evidence"},
}
GRAPH = graph()


def _stage(module: str) -> str:
    return ".".join(module.split(".")[:2])


def test_no_module_imports_itself_back_through_another() -> None:
    assert cycles(GRAPH) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


@pytest.mark.parametrize("stage", sorted(MAY_IMPORT))
def test_each_stage_imports_only_what_it_may(stage: str) -> None:
    allowed = MAY_IMPORT[stage] | {stage}
    wrong = sorted(f"{module} -> {target}" for module, targets in GRAPH.items()
                   if _stage(module) == stage for target in targets if _stage(target) not in allowed)
    assert wrong == []


def test_nothing_but_the_entry_points_imports_the_command_line() -> None:
    importers = {module for module, targets in GRAPH.items() for target in targets
                 if _stage(target) == "itmscheck.cli" and _stage(module) != "itmscheck.cli"}
    assert importers == {"itmscheck.__main__"}


def test_every_subpackage_opens_with_a_docstring_saying_what_it_owns_and_may_import() -> None:
    for name, file in modules().items():
        if file.name != "__init__.py" or name in FOLDERS.keys() - {"itmscheck.reports"}:
            continue
        docstring = ast.get_docstring(ast.parse(file.read_text(encoding="utf-8"))) or ""
        assert docstring, f"{name} has no docstring"
        if name in MAY_IMPORT:
            assert "import" in docstring, f"{name}'s docstring does not say what it may import"
