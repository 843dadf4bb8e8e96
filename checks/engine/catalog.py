"""The rule catalog: every rule folder's rule files and data tables, loaded together.

Each rule file is validated and compiled by :mod:`itmscheck.engine.rule_file`;
the catalog adds what holds across files: rule ids are unique, and every
``data.<table>`` a rule names exists. The package's own rule folders are
the built-in packs (:mod:`itmscheck.engine.packs`): ``itmscheck.rules`` holds
the guide's rules, which cite the guide, and ``itmscheck.rules.known_issues``
the known issues, which cite their knowledge-base articles.

A rule folder adds, it never replaces: a data table, a rule id or a check
type that already exists is bad input naming both files, so a folder given
with ``--rules-dir`` cannot swap the guide's supported paths for its own.
"""

from __future__ import annotations

import inspect
import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from itmscheck.engine.checktype import CheckType
from itmscheck.engine.facts import is_connection_setting
from itmscheck.engine.packs import GUIDE, PACKS, Pack
from itmscheck.engine.rule_file import Rule, Uncovered, load_rule_file
from itmscheck.errors import InputError
from itmscheck.evidence.documents import excerpt, load_yaml, validate
from itmscheck.evidence.products import TABLE, key, product_names
from itmscheck.evidence.yamlfile import line_of


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
    table_files: dict[str, Path] = {}
    files: list[Path] = []
    for folder in rule_dirs:
        rule_files, data_files = folder_files(Path(str(folder)))
        files += rule_files
        for table_file in data_files:
            name = table_file.stem
            if name.upper() in table_files:  # Windows file names: one table whatever the case
                raise InputError(str(table_file), f"data table {name!r} already exists in "
                                 f"{table_files[name.upper()]}: a rule folder adds tables, it never "
                                 "replaces one (give yours another name)")
            table_files[name.upper()] = table_file
            tables[name] = _load_table(table_file)
    sections = _guide_sections(tables)
    rules: list[Rule] = []
    uncovered: list[Uncovered] = []
    seen: dict[str, str] = {}
    packs = _pack_folders()
    for file in files:
        file_rules, file_uncovered = load_rule_file(file, types, sections,
                                                    pack=packs.get(file.parent.resolve()))
        uncovered += file_uncovered
        for rule in file_rules:
            if rule.id in seen:
                raise InputError(rule.file, f"rule id {rule.id!r} is already used in {seen[rule.id]}",
                                 line=rule.line, excerpt=excerpt(rule.file, rule.line))
            seen[rule.id] = f"{rule.file}:{rule.line}"
            _check_tables(rule, tables)
            _check_columns(rule, tables)
            _check_product_names(rule)
            rules.append(rule)
    return Catalog(rules=tuple(sorted(rules, key=lambda r: (r.chapter, r.id))), tables=tables,
                   uncovered=tuple(uncovered))


def _builtin_folder() -> Path:
    """The package's own rule folder (found by name: the engine does not import the rules)."""
    from importlib import resources

    return Path(str(resources.files("itmscheck.rules"))).resolve()


def _pack_folders() -> dict[Path, Pack]:
    """Each built-in pack's rule folder, resolved: a file's folder decides its pack."""
    from importlib import resources

    folders = {_builtin_folder(): GUIDE}
    for pack in PACKS:
        if pack is not GUIDE:
            folders[Path(str(resources.files(pack.package))).resolve()] = pack
    return folders


def _check_tables(rule: Rule, tables: dict[str, Any]) -> None:
    """Every ``data.<table>`` a rule names must be a data table; no rule reads connection settings."""
    for node in (rule.check, rule.applies_when):
        for leaf in node.leaves() if node else ():
            for value in leaf.params.values():
                for text in value if isinstance(value, list) else [value]:
                    if not isinstance(text, str):
                        continue
                    if text.startswith("data.") and text[5:] not in tables:
                        raise InputError(rule.file, f"rule {rule.id} names the data table {text!r}, "
                                         f"which does not exist (tables: {', '.join(sorted(tables))})",
                                         line=rule.line, excerpt=excerpt(rule.file, rule.line))
                    if is_connection_setting(text):
                        raise InputError(rule.file, f"rule {rule.id} reads {text!r}: the CMDB connection "
                                         "settings (and their password) are not facts a rule may read",
                                         line=rule.line, excerpt=excerpt(rule.file, rule.line))


def _check_columns(rule: Rule, tables: dict[str, Any]) -> None:
    """Every column a check reads from a data table's rows is a column of that table."""
    for node in (rule.check, rule.applies_when):
        for leaf in node.leaves() if node else ():
            for ref, wanted in leaf.table_columns():
                table = tables.get(ref.removeprefix("data."))
                if table is None:
                    continue  # a missing table is _check_tables' to report
                missing = sorted(set(wanted) - set(columns(table)))
                if missing:
                    raise InputError(rule.file, f"rule {rule.id} reads the column {missing[0]!r} of "
                                     f"{ref}, whose columns are {', '.join(columns(table))}",
                                     line=rule.line, excerpt=excerpt(rule.file, rule.line))


def columns(table: dict[str, Any]) -> list[str]:
    """A data table's columns: declared under ``columns``, else the keys of its first row."""
    rows = table.get("rows") or [{}]
    return list(table.get("columns") or rows[0])


def folder_files(folder: Path) -> tuple[list[Path], list[Path]]:
    """The rule files (``*.yaml``) and data tables (``data/*.yaml``) of a rule folder, sorted.

    A folder that cannot be listed, or a ``.yaml`` entry that is a dangling
    link or not a regular file, is bad input: a rule folder that is silently
    skipped is a rule that silently does not run.
    """
    rules = _yaml_files(folder)
    data = folder / "data"
    tables = _yaml_files(data) if os.path.lexists(data) else []
    return rules, tables


def _yaml_files(folder: Path) -> list[Path]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except NotADirectoryError:
        raise InputError(str(folder), "is not a folder of rule files") from None
    except OSError as error:
        raise InputError(str(folder), f"rule folder cannot be read: {error.strerror or error}") from None
    files = []
    for entry in entries:
        if not entry.name.endswith(".yaml"):
            continue
        try:
            mode = os.stat(entry.path).st_mode
        except OSError as error:
            why = ("is a dangling symbolic link" if entry.is_symlink()
                   else f"cannot be read: {error.strerror or error}")
            raise InputError(entry.path, why) from None
        if not stat.S_ISREG(mode):
            raise InputError(entry.path, "is not a regular file (a rule file or data table is expected)")
        files.append(Path(entry.path))
    return files


def _check_product_names(rule: Rule) -> None:
    """A rule names products by their canonical name only: snapshots are loaded that way.

    That is a product a check looks for in ``platform.products`` (``value``), and
    a license it picks from ``platform.licenses`` (``where: {name: ...}``).
    """
    names = product_names()
    for node in (rule.check, rule.applies_when):
        for leaf in node.leaves() if node else ():
            fact, value = leaf.params.get("fact"), leaf.params.get("value")
            where = leaf.params.get("where")
            named = []
            if isinstance(fact, str) and fact.endswith("platform.products") and isinstance(value, str):
                named.append(value)
            if isinstance(fact, str) and fact.endswith("platform.licenses") and isinstance(where, dict):
                named += [where["name"]] if isinstance(where.get("name"), str) else []
            for name in named:
                if name in names.names:
                    continue
                alias_of = names.canonical.get(key(name))
                nearest = [alias_of] if alias_of else names.nearest(name)
                hint = f" (write {' or '.join(map(repr, nearest))})" if nearest else ""
                raise InputError(rule.file, f"rule {rule.id} names the product {name!r}, which is "
                                 f"not a canonical product name{hint}; the names are in {TABLE}",
                                 line=rule.line, excerpt=excerpt(rule.file, rule.line))


def _index_types(check_types: Iterable[type[CheckType]]) -> dict[str, type[CheckType]]:
    index: dict[str, type[CheckType]] = {}
    for check_type in check_types:
        if check_type.name in index:
            # blame the newcomer: the plugin, not the built-in type it would replace
            first, second = sorted((index[check_type.name], check_type),
                                   key=lambda t: not t.__module__.startswith("itmscheck."))
            raise InputError(_source(second), f"check type {check_type.name!r} already exists in "
                             f"{_source(first)}: a plugin adds check types, it never replaces one")
        index[check_type.name] = check_type
    return index


def _source(check_type: type[CheckType]) -> str:
    try:
        return inspect.getfile(check_type)
    except (TypeError, OSError):
        return f"{check_type.__module__}.{check_type.__qualname__}"


def _load_table(file: Path) -> Any:
    """A data table, validated; unless its ``kind`` gives its rows a schema, every row has
    exactly the table's columns (a row that lacks one would be read as null)."""
    document = load_yaml(file)
    validate(document, "data.schema.json", str(file))
    if "kind" not in document:
        expected = columns(document)
        for index, row in enumerate(document["rows"]):
            if sorted(row) != sorted(expected):
                line = line_of(document, ["rows", index])
                extra, lacking = sorted(set(row) - set(expected)), sorted(set(expected) - set(row))
                what = (f"lacks the column {lacking[0]!r}" if lacking
                        else f"has the column {extra[0]!r}, which the table does not")
                raise InputError(str(file), f"row {what} (columns: {', '.join(expected)})",
                                 line=line, field=f"rows[{index}]", excerpt=excerpt(str(file), line))
    return document


def _guide_sections(tables: dict[str, Any]) -> dict[str, int]:
    table = tables.get("guide_sections")
    return {row["section"]: row["page"] for row in table["rows"]} if table else {}


