"""Fleets built from the ready lab: the bundled fleet demo and generated fleets of any size.

Each server is the ready lab relabelled (its 7.0 and 7.5 names and addresses
replaced everywhere in its snapshots and site file), so every pair is as
complete as the lab. ``python -m tests.support.fleet_lab`` rewrites the
bundled demo (examples/lab/fleet/); tests/test_fleet_demo.py checks it is
what this module builds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

READY = Path(__file__).resolve().parents[2] / "examples" / "lab" / "ready"
DEMO = READY.parent / "fleet"
# The phases' files, as `check`'s demo picks them (install and post judge the installed 7.5 server).
FILES = {"pre": ("source.json", "target-pre.json"), "install": ("source.json", "target-post.json"),
         "post": ("source-post.json", "target-post.json")}


@dataclass(frozen=True)
class Member:
    folder: str
    old: str
    new: str
    subnet: int
    parent: str | None
    phases: tuple[str, ...]
    unattested: tuple[str, ...] = ()


def relabel(text: str, member: Member) -> str:
    """The lab's NS70/NS75 (names, FQDNs, addresses) renamed for one member of the fleet."""
    for old, new in (("NS70", member.old), ("NS75", member.new)):
        text = re.sub(rf"\b{old}\b", new, text)
        text = re.sub(rf"\b{old.lower()}\b", new.lower(), text)
    for host in ("10", "75"):
        text = re.sub(rf"(?<![\d.])10\.20\.1\.{host}(?![\d])", f"10.{member.subnet}.1.{host}", text)
    return text


def write_member(root: Path, member: Member, replication_disabled: list[str]) -> dict[str, object]:
    folder = root / member.folder
    folder.mkdir(parents=True, exist_ok=True)
    for name in {name for phase in member.phases for name in FILES[phase]}:
        (folder / name).write_text(relabel((READY / name).read_text(encoding="utf-8"), member),
                                   encoding="utf-8")
    site = relabel((READY / "site.yaml").read_text(encoding="utf-8"), member)
    site = re.sub(r"(?m)^name: .*$", f"name: {member.old}, ITMS 7.0 to 7.5", site)
    # The lab's 7.0 server was in no hierarchy; a member of a fleet is in one.
    site = site.replace("the 7.0 server was in no hierarchy", "hierarchy documented in ITMS-HIER-01")
    for rule in member.unattested:
        site = re.sub(rf"(?m)^  {rule}: .*\n", "", site)
    disabled = ", ".join(replication_disabled)
    site = site.replace("\nplan:\n", f"\nplan:\n  hierarchy:\n    replication_disabled: [{disabled}]\n", 1)
    (folder / "site.yaml").write_text(site, encoding="utf-8")
    entry: dict[str, object] = {"name": member.old, "parent": member.parent,
                                "site": f"{member.folder}/site.yaml"}
    entry["phases"] = {phase: {"source": f"{member.folder}/{FILES[phase][0]}",
                               "target": f"{member.folder}/{FILES[phase][1]}"}
                       for phase in member.phases}
    return entry


def write_fleet(root: Path, name: str, members: list[Member]) -> Path:
    """A fleet file and every member's evidence under ``root``; replication off on all of them."""
    disabled = [member.old for member in members]
    servers = [write_member(root, member, disabled) for member in members]
    fleet = root / "fleet.yaml"
    fleet.write_text(yaml.safe_dump({"itmscheck_fleet": 1, "name": name, "servers": servers},
                                    sort_keys=False), encoding="utf-8")
    return fleet


# The demo, mid-migration: BR01 migrated, waiting for its parent to re-establish the hierarchy
# (step 16); BR02 installed, its migrated data not yet verified (step 8 blocked); the parent
# prepared (pre GO), its installation waiting for BR02 (bottom up).
DEMO_MEMBERS = [
    Member("hq", "NS70-HQ", "NS75-HQ", 20, None, ("pre",)),
    Member("branch01", "NS70-BR01", "NS75-BR01", 21, "NS70-HQ", ("pre", "install", "post"),
           ("CH01-HIERARCHY-RECREATED",)),
    Member("branch02", "NS70-BR02", "NS75-BR02", 22, "NS70-HQ", ("pre", "install", "post"),
           ("CH01-MIGRATED-DATA-VERIFIED", "CH01-HIERARCHY-RECREATED")),
]


def generated(root: Path, servers: int) -> Path:
    """A fleet of ``servers`` (a parent with up to 254 children per level), all three phases."""
    members = [Member(f"s{index:03d}", f"NS70-{index:03d}", f"NS75-{index:03d}", 30 + index % 200,
                      None if index == 0 else f"NS70-{(index - 1) // 10:03d}", ("pre", "install", "post"))
               for index in range(servers)]
    return write_fleet(root, f"Generated fleet of {servers}", members)


if __name__ == "__main__":
    write_fleet(DEMO, "Contoso hierarchy (bundled fleet demo)", DEMO_MEMBERS)
