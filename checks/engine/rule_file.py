"""One rule file: validated, checked against the guide's headings, compiled.

A rule file is checked three ways, each error reported as ``file:line``: the
rule-file schema, the parameter schema of each check type it uses, and the
guide (a section heading that exists, with its page). What a rule must cite
depends on its pack (:mod:`itmscheck.engine.packs`): the guide's rules cite the
guide; the known-issues pack's rules cite their article (``source:`` with its
URL and quoted words) under the pack's id prefix and chapter numbers; a site's
own rule (a ``--rules-dir`` folder, a plugin) may cite either, under the
guide's chapters and no pack's prefix. Uniqueness across files is the
catalog's job (:mod:`itmscheck.engine.catalog`).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from itmscheck.engine.checktree import Node
from itmscheck.engine.checktype import CheckType
from itmscheck.engine.model import GuideRef, SourceRef
from itmscheck.engine.packs import GUIDE, SITE_CHAPTERS, Pack, reserved_prefix
from itmscheck.engine.patterns import refusal
from itmscheck.errors import InputError
from itmscheck.evidence.documents import dotted, excerpt, load_yaml, validate
from itmscheck.evidence.schema_errors import describe, suggest
from itmscheck.evidence.yamlfile import line_of


@dataclass(frozen=True)
class Rule:
    id: str
    title: str
    phases: tuple[str, ...]
    severity: str
    remediation: str
    guide: GuideRef | None
    chapter: int
    chapter_title: str
    file: str
    line: int
    description: str = ""
    check: Node | None = None
    applies_when: Node | None = None
    attest: str | None = None
    tags: tuple[str, ...] = ()
    quote: str | None = None
    also: tuple[dict[str, Any], ...] = ()
    """Further guide sentences the rule enforces: ``{section, page, quote}``."""
    policy: tuple[dict[str, str], ...] = ()
    """What in the rule is itmscheck's choice, not the guide's: ``{part, why[, setting]}``."""
    source: SourceRef | None = None
    """What the rule cites instead of the guide (``guide`` is then None): a known-issues
    rule's article, or a site's own source."""
    pack: str | None = None
    """Its pack (``guide``, ``known_issues``); None for a site's own rule."""


@dataclass(frozen=True)
class Uncovered:
    """A guide section no rule enforces, and why nothing can be checked there."""

    section: str
    page: int
    why: str
    file: str


def _check_section(sections: dict[str, int], section: str, page: int) -> str | None:
    """Why ``section``/``page`` is not a heading of the guide, or None when it is."""
    if not sections or sections.get(section) == page:
        return None
    known = sections.get(section)
    if known is None:
        return f"guide section {section!r} is not a heading of the guide"
    return f"guide section {section!r} is on page {known}, not {page}"


def load_rule_file(file: Path, types: dict[str, type[CheckType]], sections: dict[str, int],
                   builtin: bool = False, pack: Pack | None = None) -> tuple[list[Rule], list[Uncovered]]:
    """``pack``: the built-in pack whose folder holds the file (``builtin`` means the guide's)."""
    pack = pack or (GUIDE if builtin else None)
    name = str(file)
    document = load_yaml(file)
    if document is None:
        raise InputError(name, "is empty: a rule file starts with `itmscheck_rules: 1`")
    validate(document, "rules.schema.json", name)
    chapter = document["chapter"]
    low, high = pack.chapters if pack else SITE_CHAPTERS
    if not low <= chapter["number"] <= high:
        line = line_of(document, ["chapter", "number"])
        whose = (f"the pack \u201c{pack.title}\u201d" if pack
                 else "a site's own rule file (the guide's chapters)")
        raise InputError(name, f"chapter {chapter['number']} is not a chapter number of {whose}: "
                               f"use {low} to {high}", line=line, field="chapter.number",
                         excerpt=excerpt(name, line))
    rules = []
    for index, raw in enumerate(document["rules"]):
        where = ["rules", index]

        def fail(message: str, path: list[Any], where: list[Any] = where) -> InputError:
            line = line_of(document, where + path)
            return InputError(name, message, line=line, field=dotted(where + path),
                              excerpt=excerpt(name, line))

        guide, source = raw.get("guide"), raw.get("source")
        _check_citation(raw, pack, fail)
        if guide is not None:
            problem = _check_section(sections, guide["section"], guide["page"])
            if problem:
                raise fail(problem, ["guide", "section"])
            for number, also in enumerate(guide.get("also", [])):
                problem = _check_section(sections, also["section"], also["page"])
                if problem:
                    raise fail(problem, ["guide", "also", number, "section"])
        rules.append(Rule(
            id=raw["id"], title=raw["title"], phases=tuple(raw["phases"]),
            severity=raw["severity"], remediation=raw["remediation"].strip(),
            guide=GuideRef(guide["section"], guide["page"]) if guide else None,
            quote=guide.get("quote") if guide else None,
            source=SourceRef(source["title"], source["reference"], source.get("url"),
                             source.get("quote")) if source else None,
            chapter=chapter["number"], chapter_title=chapter["title"],
            file=name, line=line_of(document, where) or 0,
            description=raw.get("description", "").strip(),
            check=_compile(raw["check"], ["check"], types, fail) if "check" in raw else None,
            applies_when=(_compile(raw["applies_when"], ["applies_when"], types, fail)
                          if "applies_when" in raw else None),
            attest=raw.get("attest"), tags=tuple(raw.get("tags", ())),
            also=tuple(dict(item) for item in guide.get("also", [])) if guide else (),
            policy=tuple(dict(item) for item in raw.get("policy", [])),
            pack=pack.id if pack else None,
        ))
    uncovered = []
    for index, raw in enumerate(document.get("uncovered", [])):
        problem = _check_section(sections, raw["section"], raw["page"])
        if problem:
            line = line_of(document, ["uncovered", index, "section"])
            raise InputError(name, problem, line=line, field=f"uncovered[{index}].section",
                             excerpt=excerpt(name, line))
        uncovered.append(Uncovered(raw["section"], raw["page"], raw["why"].strip(), name))
    return rules, uncovered


def _check_citation(raw: dict[str, Any], pack: Pack | None, fail: Any) -> None:
    """What the rule's pack asks it to cite, and the id prefix it may (or must) carry."""
    owner = reserved_prefix(raw["id"])
    if pack is not None and pack.prefix and owner is not pack:
        raise fail(f"a rule of the pack \u201c{pack.title}\u201d has an id starting with "
                   f"{pack.prefix!r}", ["id"])
    if owner is not None and owner is not pack:
        raise fail(f"the id prefix {owner.prefix!r} belongs to the built-in pack "
                   f"\u201c{owner.title}\u201d: give your rule another id", ["id"])
    if pack is None:
        return
    if pack.cites == "guide" and "source" in raw:
        raise fail("a built-in rule cites the guide (guide: {section, page}); only a site's "
                   "own rules (--rules-dir, a plugin) may cite another source", ["source"])
    if pack.cites == "source":
        if "guide" in raw:
            raise fail(f"a rule of the pack \u201c{pack.title}\u201d cites its article "
                       "(source: {title, reference, url, quote}), not the guide", ["guide"])
        missing = [key for key in ("url", "quote") if key not in raw["source"]]
        if missing:
            raise fail(f"a rule of the pack \u201c{pack.title}\u201d gives its article's "
                       f"{' and '.join(missing)}: the address and the sentence it enforces, "
                       "verbatim", ["source"])


def _compile(raw: dict[str, Any], path: list[Any], types: dict[str, type[CheckType]],
             fail: Any) -> Node:
    for op in ("all", "any"):
        if op in raw:
            return Node(op, tuple(_compile(child, [*path, op, i], types, fail)
                                  for i, child in enumerate(raw[op])))
    if "not" in raw:
        return Node("not", (_compile(raw["not"], [*path, "not"], types, fail),))
    check_type = types.get(raw["type"])
    if check_type is None:
        close = difflib.get_close_matches(raw["type"], types, n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        raise fail(f"unknown check type {raw['type']!r} ({hint}the check types are listed in "
                   "docs/check-types.md)", [*path, "type"])
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(check_type.schema(),
                                     format_checker=Draft202012Validator.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(raw),
                    key=lambda e: -len(e.absolute_path))
    if errors:
        error = errors[0]
        message = describe(error)
        if error.validator == "additionalProperties":
            extra = sorted(set(raw) - {"type", *check_type.parameters})
            message = (f"unknown key {', '.join(map(repr, extra))} for check type "
                       f"{check_type.name!r}{suggest(extra[0], sorted(check_type.parameters))}")
        raise fail(message, [*path, *error.absolute_path])
    for where, pattern in _patterns(check_type.parameters, raw):
        problem = refusal(pattern)
        if problem:
            raise fail(problem, [*path, *where])
    leaf = check_type(raw)
    for where, problem in leaf.problems():
        raise fail(problem, [*path, *where])
    return Node("leaf", leaf=leaf)


def _patterns(parameters: dict[str, Any], raw: dict[str, Any]) -> list[tuple[list[Any], str]]:
    """(place, pattern) of every parameter whose schema asks for a regular expression."""
    found: list[tuple[list[Any], str]] = []
    for key, schema in parameters.items():
        value = raw.get(key)
        if schema.get("format") == "regex" and isinstance(value, str):
            found.append(([key], value))
        elif (schema.get("items") or {}).get("format") == "regex" and isinstance(value, list):
            found += [([key, index], item) for index, item in enumerate(value) if isinstance(item, str)]
    return found
