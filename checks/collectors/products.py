"""The guide's product names, and reading a product name a server records as one of them.

The names are those the guide's chapter titles give (the snapshot contract's
list); the other spellings the guide uses for the same product are
``ALIASES``. A collector that reads products from a server keeps a name only
when it is one of these, compared without regard to case or spacing; any
other name leaves ``platform.products`` unknown, because a product recorded
under a name the rules do not know would silently count as not installed.
"""

from __future__ import annotations

import re

PRODUCTS = (
    "Symantec Management Platform", "Inventory Solution", "Inventory Pack for Servers",
    "Patch Management Solution for Windows", "Patch Management Solution for Linux",
    "Patch Management Solution for Mac", "Software Management Solution", "Deployment Solution",
    "Monitor Solution", "Monitor Pack for Servers", "Out of Band Management Component",
    "Real-Time Console Infrastructure", "Real-Time System Manager", "pcAnywhere Solution",
    "CMDB Solution", "Asset Management Solution", "Barcode Solution", "Workflow Solution",
    "ServiceDesk", "Virtual Machine Management",
    "Symantec Endpoint Protection Integration Component", "IT Analytics",
)
# The guide's other spellings (rules/data/product_equivalents.yaml lists where it uses them).
ALIASES = {
    "Real-Time System Management Solution": "Real-Time System Manager",
    "Real-Time System Manager Solution": "Real-Time System Manager",
    "Real-Time Console Infrastructure Solution": "Real-Time Console Infrastructure",
}


def _folded(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().casefold()


_BY_FOLDED = {_folded(n): n for n in PRODUCTS} | {_folded(a): n for a, n in ALIASES.items()}


def guide_name(recorded: str) -> str | None:
    """The guide's name for a recorded product name, or None when it is not one the guide uses."""
    return _BY_FOLDED.get(_folded(recorded))
