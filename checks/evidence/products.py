"""Product names: every spelling the guide uses, mapped to one canonical name.

The guide spells products in more than one way (chapter titles, body text,
abbreviations: ``ServiceDesk Solution`` / ``ServiceDesk``, ``SEPIC``). The
table ``rules/data/products.yaml`` gives each product one canonical name and
lists the guide's other spellings as aliases. A snapshot's product list is
mapped to canonical names when it is loaded, so no rule is skipped because of
spelling, and a name that is no product spelling of the guide is refused with
the nearest names (never guessed). Suites and tools that Symantec Installation
Manager may list are accepted under their own name.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from itmscheck.errors import InputError
from itmscheck.evidence.documents import load_yaml

TABLE = "rules/data/products.yaml"
# A release written into the name: "ServiceDesk 7.0 MR2", "Inventory Solution 7.5 SP1".
_RELEASE = re.compile(r"^(?P<name>.*?\D)[\s_-]*(?P<release>\d+(\.\d+)*([\s_-]*(sp|mr|hf|ru)[\s_-]*\d+)*)$",
                      re.IGNORECASE)


def key(name: str) -> str:
    """The matching key of a spelling: no case, no ™/®, no spaces, hyphens or underscores.

    Case is ignored as Windows ignores it (each character upper-cased alone, as
    :func:`itmscheck.engine.normalize.fold`, which this stage may not import):
    never Unicode case folding, which would make ``ß`` ``ss``.
    """
    bare = re.sub(r"[\s\-_\u2122\u00ae]+", "", name)
    return "".join(upper if len(upper := character.upper()) == 1 else character for character in bare)


@dataclass(frozen=True)
class ProductNames:
    canonical: dict[str, str]
    """Matching key of every canonical name and alias -> the canonical name."""
    ambiguous: dict[str, tuple[str, tuple[str, ...]]]
    """Matching key of a spelling naming several products -> the spelling and their names."""
    not_products: dict[str, str]
    """Matching key of a suite or tool -> its name (accepted, never a product)."""
    rows: tuple[dict[str, Any], ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(row["name"] for row in self.rows)

    def nearest(self, name: str) -> list[str]:
        """Up to three canonical names nearest to ``name``'s spelling."""
        found: list[str] = []
        for close in difflib.get_close_matches(key(name), list(self.canonical), n=6, cutoff=0.6):
            if self.canonical[close] not in found:
                found.append(self.canonical[close])
        return found[:3]


@cache
def product_names() -> ProductNames:
    """The shipped table, checked: no spelling may name two things.

    Its shape is validated with the catalog's data tables (and by the tests),
    not here: data.schema.json asks for ``format: regex``, which needs the slow
    reference validator at every snapshot load.
    """
    path = Path(str(resources.files("itmscheck.rules").joinpath("data", "products.yaml")))
    document = load_yaml(path)
    canonical: dict[str, str] = {}
    claimed: dict[str, str] = {}

    def claim(spelling: str, owner: str) -> str:
        spelled = key(spelling)
        if claimed.setdefault(spelled, owner) != owner:
            raise InputError(str(path), f"{spelling!r} is a spelling of both {claimed[spelled]!r} "
                                        f"and {owner!r}")
        return spelled

    for row in document["rows"]:
        for spelling in (row["name"], *row["aliases"]):
            canonical[claim(spelling, row["name"])] = row["name"]
    ambiguous = {claim(item["spelling"], "several products"):
                 (item["spelling"], tuple(item["candidates"]))
                 for item in document.get("ambiguous", [])}
    not_products = {claim(item["name"], item["name"]): item["name"]
                    for item in document.get("not_products", [])}
    return ProductNames(canonical, ambiguous, not_products, tuple(document["rows"]))


def resolve(name: str, file: str, field: str) -> str:
    """The canonical name of ``name`` (a suite's or tool's own name), or InputError."""
    names = product_names()
    spelled = key(name)
    if spelled in names.canonical:
        return names.canonical[spelled]
    if spelled in names.not_products:
        return names.not_products[spelled]
    if spelled in names.ambiguous:
        raise InputError(file, f"{name!r} names several products: write one of "
                               f"{', '.join(names.ambiguous[spelled][1])}", field=field)
    with_release = _RELEASE.match(name.strip())
    if with_release and key(with_release["name"]) in names.canonical:
        raise InputError(file, f"{name!r} holds a release: write "
                               f"{names.canonical[key(with_release['name'])]!r} as the name and "
                               f"put {with_release['release']!r} in release", field=field)
    nearest = names.nearest(name)
    hint = f"nearest: {', '.join(nearest)}; " if nearest else ""
    raise InputError(file, f"{name!r} is not a product name itmscheck knows ({hint}every name and "
                           f"spelling it knows is in {TABLE})", field=field)


def canonical_products(facts: dict[str, Any], file: str) -> tuple[dict[str, Any], dict[str, str]]:
    """``facts`` with ``platform.products`` (and ``platform.licenses``) named canonically, and
    what was written instead.

    One product listed twice with different releases is refused, since either
    could be the truth. Listed twice with one release, both entries are kept:
    nothing is merged away (``diff`` shows the duplicate). A license names its
    product as the product list does, by the same rules. ``facts`` itself is
    not changed.
    """
    platform = facts.get("platform")
    if not isinstance(platform, dict):
        return facts, {}
    written: dict[str, str] = {}
    changed: dict[str, Any] = {}
    if isinstance(platform.get("products"), list):
        named: list[dict[str, Any]] = []
        first: dict[str, dict[str, Any]] = {}
        for index, item in enumerate(platform["products"]):
            field = f"facts.platform.products[{index}].name"
            entry = _renamed(item, file, field, written)
            name = entry["name"]
            earlier = first.setdefault(name, entry)
            if earlier is not entry and earlier.get("release") != entry.get("release"):
                raise InputError(file, f"{name!r} is listed twice with different releases "
                                       f"({earlier.get('release')!r} and {entry.get('release')!r})",
                                 field=field)
            named.append(entry)
        changed["products"] = named
    if isinstance(platform.get("licenses"), list):
        changed["licenses"] = [_renamed(item, file, f"facts.platform.licenses[{index}].name", written)
                               for index, item in enumerate(platform["licenses"])]
    if not changed:
        return facts, {}
    return {**facts, "platform": {**platform, **changed}}, written


def _renamed(item: dict[str, Any], file: str, field: str, written: dict[str, str]) -> dict[str, Any]:
    """``item`` with its ``name`` canonical; a name written otherwise is recorded in ``written``."""
    name = resolve(str(item["name"]), file, field)
    if name != item["name"]:
        written[name] = str(item["name"])
    return {**item, "name": name}
