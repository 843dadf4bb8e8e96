"""Pieces of the fleet page: its style sheet, the hierarchy tree, a server's run-book.

Colour is never the only sign: every badge says its state in words.
"""

from __future__ import annotations

from html import escape
from typing import Any

CSS = """
:root{--go:#1b6e2e;--nogo:#a4161a;--none:#5c5c5c;--next:#0b5394;--wait:#8a5a00;
 font:15px/1.45 system-ui,sans-serif;color:#1a1a1a}
body{max-width:72rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;margin:.2rem 0}h2{font-size:1.2rem;margin-top:1.6rem;border-bottom:1px solid #ccc}
h3{font-size:1.05rem;margin:1rem 0 .3rem}
.card{border:3px solid var(--none);border-radius:.4rem;padding:.6rem 1rem}
.card.go{border-color:var(--go)}.card.nogo{border-color:var(--nogo)}.card p{color:#1a1a1a}
.badge{display:inline-block;border:1px solid currentColor;border-radius:.3rem;padding:0 .35rem;
 font-weight:600;font-size:.85rem;white-space:nowrap}
.go,.done,.passed,.attested{color:var(--go)}.nogo,.blocked,.failed,.error,.manual{color:var(--nogo)}
.none,.later,.skipped,.waived{color:var(--none)}.next{color:var(--next)}.waiting{color:var(--wait)}
ul.tree,ul.tree ul{list-style:none;padding-left:1.4rem;margin:0}ul.tree{padding-left:0}
ul.tree li{margin:.25rem 0;padding-left:.6rem;border-left:2px solid #bbb}
table{border-collapse:collapse;width:100%;margin:.4rem 0}th,td{border:1px solid #ccc;padding:.3rem .45rem;
 text-align:left;vertical-align:top}th{background:#f2f2f2}
td ul{margin:0;padding-left:1.1rem}blockquote{margin:.3rem 0;padding-left:.6rem;border-left:3px solid #999}
a{color:#0b5394}tr{break-inside:avoid}h2,h3{break-after:avoid}
section.server{content-visibility:auto;contain-intrinsic-size:auto 38rem}
@media print{body{max-width:none;font-size:10pt;padding:0}a{color:inherit}
 a[href$=".html"]::after{content:" (" attr(href) ")";font-size:8pt}}
"""

STATE_WORDS = {"GO": ("go", "GO"), "NO-GO": ("nogo", "NO-GO"), "NO EVIDENCE": ("none", "NO EVIDENCE")}


def badge(state: str) -> str:
    css, words = STATE_WORDS.get(state, (state, state))
    return f'<span class="badge {css}">{escape(words)}</span>'


def anchor(name: str) -> str:
    return "server-" + "".join(c if c.isalnum() else "-" for c in name.lower())


def current_step(server: dict[str, Any]) -> str:
    if not server["current_step"]:
        return "all 16 steps done"
    state = server["current_state"]
    return f'step {server["current_step"]} <span class="badge {state}">{state}</span>'


def tree(servers: list[dict[str, Any]]) -> str:
    """The hierarchy as nested lists, each server coloured by its verdict and saying its stage."""
    children: dict[str | None, list[dict[str, Any]]] = {}
    for server in servers:
        children.setdefault(server["parent"], []).append(server)

    def branch(parent: str | None) -> str:
        items = []
        for server in children.get(parent, []):
            step = current_step(server)
            items.append(f'<li>{badge(server["verdict"])} <a href="#{anchor(server["name"])}">'
                         f'{escape(server["name"])}</a> &mdash; {escape(server["stage"])}, {step}'
                         f'{branch(server["name"])}</li>')
        return f"<ul>{''.join(items)}</ul>" if items else ""

    return '<ul class="tree">' + branch(None)[4:]


def runbook(server: dict[str, Any], page: int) -> str:
    rows = []
    for step in server["steps"]:
        detail = ""
        if step["blockers"]:
            detail = "blocked by " + ", ".join(escape(rule) for rule in step["blockers"])
        if step["waiting_for"]:
            detail = ("waiting for " + ", ".join(escape(n) for n in step["waiting_for"]) +
                      " to be migrated" + (f" ({detail})" if detail else ""))
        if step["warnings"]:
            detail += (" " if detail else "") + "warnings: " + ", ".join(map(escape, step["warnings"]))
        pages = ", ".join([str(page), *(str(see["page"]) for see in step["see"])])
        rows.append(f'<tr><td>{step["number"]}</td><td>{escape(step["action"])}</td>'
                    f'<td><span class="badge {step["state"]}">{step["state"]}</span></td>'
                    f"<td>{detail}</td><td>p. {pages}</td></tr>")
    return ("<table><thead><tr><th>Step</th><th>Action (the guide's words)</th><th>State</th>"
            "<th>Why</th><th>Guide</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>")


def rule_list(results: list[dict[str, Any]]) -> str:
    if not results:
        return "none"
    return "<ul>" + "".join(f'<li><b>{escape(r["rule"])}</b>: {escape(r["message"])}</li>'
                            for r in results) + "</ul>"
