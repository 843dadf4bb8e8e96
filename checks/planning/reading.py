"""The plan model read from an evaluation's facts, for the plan check types.

The check types compare; reading the site file's plan against the source
snapshot is here, once. A plan or hierarchy that contradicts itself (a
divided site's part naming a site server that site does not have, a server
that is its own parent) cannot be judged, so it is refused: an
:class:`~itmscheck.errors.InputError` naming the file and the field, exit 2.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from itmscheck.errors import InputError
from itmscheck.evidence.yamlfile import line_of
from itmscheck.planning.hierarchy import Hierarchy, SourceLinks, source_links
from itmscheck.planning.plan import Plan
from itmscheck.planning.refused import Refused
from itmscheck.planning.topology import Topology

if TYPE_CHECKING:
    from itmscheck.engine.facts import Facts, Inputs


def read_topology(facts: Facts) -> Topology:
    """The source's sites, site servers and managed computers (unknown ones raise FactUnknown)."""
    return Topology.read(facts.get("source.resources.sites"),
                         facts.get("source.resources.site_servers"),
                         facts.get("source.resources.managed_computers"))


def read_plan(facts: Facts) -> Plan:
    """The site file's plan, through ``site.plan.*`` (absent keys take the schema's defaults)."""
    topology = read_topology(facts)
    try:
        return Plan.read(facts.get("site.plan.waves"), facts.get("site.plan.split_sites"),
                         facts.get("site.plan.remove_temporarily"), topology)
    except Refused as refused:
        raise refusal(facts, refused) from None


def read_hierarchy(facts: Facts) -> tuple[Hierarchy, SourceLinks]:
    """The plan's hierarchy nodes and the source's own links as its snapshot shows them."""
    try:
        hierarchy = Hierarchy.read(facts.get("site.plan.hierarchy.nodes"))
        parent, children = facts.get("source.hierarchy.parent"), facts.get("source.hierarchy.children")
        name = facts.get("source.host.name") if hierarchy.parents or parent or children else None
        return hierarchy, source_links(name, parent, children, _other_names(facts) if name else ())
    except Refused as refused:
        raise refusal(facts, refused) from None


def _other_names(facts: Facts) -> list[str]:
    """The source server's FQDN and addresses, as far as they were read: a link may use them."""
    from itmscheck.engine.facts import FactUnknown

    names: list[str] = []
    for ref in ("source.host.fqdn", "source.host.ip_addresses"):
        with contextlib.suppress(FactUnknown):
            value = facts.get(ref)
            names += value if isinstance(value, list) else [value] if value else []
    return names


def check_plan(inputs: Inputs) -> None:
    """Refuse, before any rule runs, a plan or hierarchy that :func:`read_plan` or
    :func:`read_hierarchy` would refuse; what cannot be read is left to the rules."""
    from itmscheck.engine.facts import Facts, FactUnknown

    if inputs.snapshots.get("source") is None or not inputs.site.document.get("plan"):
        return
    for read in (read_plan, read_hierarchy):
        try:
            read(Facts(inputs))
        except FactUnknown:
            continue


def refusal(facts: Facts, refused: Refused) -> InputError:
    """The InputError for a refused plan: the site file with line and field, or the source snapshot."""
    if refused.document == "site":
        site = facts.inputs.site
        return InputError(site.file or "site file", refused.message, field=refused.field,
                          line=line_of(site.document, refused.path))
    source = facts.inputs.snapshots.get("source")
    return InputError(source.file if source else "source snapshot", refused.message,
                      field=f"facts.{refused.field}")
