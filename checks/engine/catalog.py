"""The rule catalog: every rule folder's rule files and data tables, loaded together.

Each rule file is validated and compiled by :mod:`itmscheck.engine.rule_file`;
the catalog adds what holds across files: rule ids are unique, and every
``data.<table>`` a rule names exists. The package's own rule folder
(``itmscheck.rules``) is built in: its rules must cite the guide.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from itmscheck.engine.checktype import CheckType
from itmscheck.engine.rule_file import Rule, Uncovered, load_rule_file
from itmscheck.errors import InputError
from itmscheck.evidence.documents import excerpt, load_yaml, validate


@dataclass(frozen=True)
class Catalog:
    rules: tuple[Rule, ...]
    tables: dict[str, Any] = field(default_factory=dict)
    uncovered: tuple[Uncovered, ...] = ()

    def for_phase(self, phase: str | None) -> tuple[Rule, ...]:
        return tuple(r for r in self.rules if phase is None or phase in r.phases)

    @property
    def ids(self) -> set[str]:
        return {rule.id for rule in self.rules}


def load_catalog(rule_dirs: Iterable[Traversable | Path],
                 check_types: Iterable[type[CheckType]]) -> Catalog:
    types = _index_types(check_types)
    tables: dict[str, Any] = {}
    files: list[Path] = []
    for folder in rule_dirs:
        base = Path(str(folder))
        files += sorted(base.glob("*.yaml"))
        for table_file in sorted((base / "data").glob("*.yaml")):
            tables[table_file.stem] = _load_table(table_file)
    sections = _guide_sections(tables)
    rules: list[Rule] = []
    uncovered: list[Uncovered] = []
    seen: dict[str, str] = {}
    builtin = _builtin_folder()
    for file in files:
        file_rules, file_uncovered = load_rule_file(file, types, sections,
                                                    builtin=file.parent.resolve() == builtin)
        uncovered += file_uncovered
        for rule in file_rules:
            if rule.id in seen:
                raise InputError(rule.file, f"rule id {rule.id!r} is already used in {seen[rule.id]}",
                                 line=rule.line, excerpt=excerpt(rule.file, rule.line))
            seen[rule.id] = f"{rule.file}:{rule.line}"
            _check_tables(rule, tables)
            rules.append(rule)
    return Catalog(rules=tuple(sorted(rules, key=lambda r: (r.chapter, r.id))), tables=tables,
                   uncovered=tuple(uncovered))


def _builtin_folder() -> Path:
    """The package's own rule folder (found by name: the engine does not import the rules)."""
    from importlib import resources

    return Path(str(resources.files("itmscheck.rules"))).resolve()


def _check_tables(rule: Rule, tables: dict[str, Any]) -> None:
    """Every ``data.<table>`` a rule names must be a shipped data table."""
    for node in (rule.check, rule.applies_when):
        for leaf in node.leaves() if node else ():
            for value in leaf.params.values():
                for text in value if isinstance(value, list) else [value]:
                    if isinstance(text, str) and text.startswith("data.") and text[5:] not in tables:
                        raise InputError(rule.file, f"rule {rule.id} names the data table {text!r}, "
                                         f"which does not exist (tables: {', '.join(sorted(tables))})",
                                         line=rule.line, excerpt=excerpt(rule.file, rule.line))


def _index_types(check_types: Iterable[type[CheckType]]) -> dict[str, type[CheckType]]:
    index: dict[str, type[CheckType]] = {}
    for check_type in check_types:
        if check_type.name in index:
            raise InputError("plugins", f"two plugins register the check type {check_type.name!r}")
        index[check_type.name] = check_type
    return index


def _load_table(file: Path) -> Any:
    document = load_yaml(file)
    validate(document, "data.schema.json", str(file))
    return document


def _guide_sections(tables: dict[str, Any]) -> dict[str, int]:
    table = tables.get("guide_sections")
    return {row["section"]: row["page"] for row in table["rows"]} if table else {}


