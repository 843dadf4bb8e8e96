"""The declared collector: facts a person states in the site file's ``facts:``.

For what nothing can read (a CMDB without SQL access, products when Symantec
Installation Manager is unreachable), a person declares the fact. It is
recorded with provenance ``declared``, by ``facts_declared_by`` (or the site
file), and fills only what no collector could read (see ``merge``).
"""

from __future__ import annotations

from typing import Any

from itmscheck.collectors import Fragment
from itmscheck.collectors.factpaths import fact_paths, get_path


class DeclaredCollector:
    name = "site file"
    kind = "declared"

    def collect(self, role: str, site: dict[str, Any]) -> Fragment:
        fragment = Fragment()
        declared = site.get("facts") or {}
        options = site.get("_options") or {}
        record = {"kind": "declared",
                  "by": str(site.get("facts_declared_by") or "the site file"),
                  "detail": f"declared in {options.get('site_file') or 'the site file'}"}
        for path in fact_paths():
            present, value = get_path(declared, path)
            if present:
                fragment.put(path, value)
                fragment.provenance[path] = dict(record)
        return fragment
