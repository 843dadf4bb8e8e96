"""The redirect plan of a site file (``plan.waves``, ``split_sites``, ``remove_temporarily``).

Shared by the plan check types (which only compare) and the planner (which
proposes). Pure functions of plain data: the site file's ``plan`` mapping,
read against the 7.0 :class:`~itmscheck.planning.topology.Topology`.

A site of more than 8,000 agents is divided into *parts*, each then a site of
its own. Every name the plan gives is read as ITMS reads it (ordinal,
case-insensitive) and kept in the source's spelling; a name given twice in
other spellings is not merged silently but listed in ``problems``, which
CH02-PLAN-MATCHES-SOURCE reports. A part may name only site servers of the
site it divides: anything else is :class:`~itmscheck.planning.refused.Refused`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from itmscheck.planning.names import Names
from itmscheck.planning.refused import Refused
from itmscheck.planning.topology import Topology


@dataclass(frozen=True)
class Part:
    name: str
    agents: int
    site_servers: tuple[str, ...] | None  # None: every site server of the divided site serves it


@dataclass(frozen=True)
class Wave:
    name: str
    pilot: bool
    site_servers: tuple[str, ...]
    agents: dict[str, int]
    policies_disabled: bool

    @property
    def computers(self) -> int:
        return sum(self.agents.values())


@dataclass(frozen=True)
class Plan:
    waves: tuple[Wave, ...]
    split_sites: dict[str, tuple[Part, ...]]
    remove_temporarily: frozenset[str]
    problems: tuple[str, ...] = ()

    @classmethod
    def read(cls, waves: Sequence[Mapping[str, Any]], split_sites: Mapping[str, Any],
             remove_temporarily: Sequence[str], topology: Topology) -> Plan:
        problems: list[str] = []
        split = _parts(split_sites, topology, problems)
        places = Names()  # the sites a wave may name: undivided sites and parts
        for name in [*(s for s in topology.sites if s not in split),
                     *(p.name for parts in split.values() for p in parts)]:
            if places.add(name)[1]:
                problems.append(f"site name {places.resolve(name)!r} is used twice"
                                + ("" if places.resolve(name) == name else f" (also as {name!r})"))
        servers = topology.server_names
        read = tuple(Wave(str(w["name"]), bool(w.get("pilot", False)),
                          _once([servers.resolve(str(s)) for s in w.get("site_servers") or ()],
                                f"wave {index} ({w['name']}) names site server", problems),
                          _agents(w.get("agents") or {}, places, topology, index, problems),
                          bool(w.get("frequent_policies_disabled", False)))
                     for index, w in enumerate(waves, 1))
        removed = _once([servers.resolve(str(s)) for s in remove_temporarily],
                        "remove_temporarily names site server", problems)
        return cls(read, split, frozenset(removed), tuple(problems))

    def first_wave(self, site: str) -> int | None:
        """Index of the first wave that redirects agents of ``site``."""
        return next((i for i, w in enumerate(self.waves) if w.agents.get(site, 0) > 0), None)

    def last_wave(self, site: str) -> int | None:
        found = [i for i, w in enumerate(self.waves) if w.agents.get(site, 0) > 0]
        return found[-1] if found else None

    def position(self, server: str) -> tuple[int, int] | None:
        """(wave, place in the wave's list) where ``server`` is redirected, if it is."""
        for index, wave in enumerate(self.waves):
            if server in wave.site_servers:
                return index, wave.site_servers.index(server)
        return None

    def redirected(self, site: str) -> int:
        return sum(w.agents.get(site, 0) for w in self.waves)


def _parts(split_sites: Mapping[str, Any], topology: Topology,
           problems: list[str]) -> dict[str, tuple[Part, ...]]:
    """The divisions, by the source's site name; a part names only its own site's servers."""
    split: dict[str, tuple[Part, ...]] = {}
    for given, parts in split_sites.items():
        site = topology.site_names.resolve(str(given))
        if site in split:
            problems.append(f"split_sites divides {site!r} twice (also as {given!r})")
            continue
        own = [s.name for s in topology.site_servers.values() if site in s.sites]
        read = []
        for index, part in enumerate(parts):
            names = [topology.server_names.resolve(str(s)) for s in part.get("site_servers") or ()]
            for place, name in enumerate(names):
                if site in topology.sites and name not in own:
                    raise Refused("site", ["plan", "split_sites", str(given), index, "site_servers", place],
                                  f"{name!r} is not a site server of {site} in the source snapshot "
                                  f"(its site servers: {', '.join(own) or 'none'}): a part of a divided "
                                  "site is served by the site's own site servers")
            read.append(Part(str(part["name"]), int(part["agents"]),
                             tuple(dict.fromkeys(names)) or None))
        split[site] = tuple(read)
    return split


def _agents(given: Mapping[str, Any], places: Names, topology: Topology, index: int,
            problems: list[str]) -> dict[str, int]:
    agents: dict[str, int] = {}
    for name, count in given.items():
        site = places.resolve(str(name)) if str(name) in places else topology.site_names.resolve(str(name))
        if site in agents:
            problems.append(f"wave {index} names site {site!r} twice (also as {name!r})")
        agents[site] = agents.get(site, 0) + int(count)
    return agents


def _once(names: list[str], what: str, problems: list[str]) -> tuple[str, ...]:
    problems += [f"{what} {name!r} twice" for name in dict.fromkeys(n for n in names if names.count(n) > 1)]
    return tuple(dict.fromkeys(names))


def wave_label(plan: Plan, index: int | None) -> str:
    return "no wave" if index is None else f"wave {index + 1} ({plan.waves[index].name})"
