"""The fleet page: one self-contained HTML file, readable without JavaScript, printable.

It shows the fleet's verdict, the hierarchy as a tree coloured by state, what
to do next fleet-wide, one row per server (verdict, stage, current step,
blockers to fix and to sign off, a link to its full report written beside
the page), the cross-server rules with the guide's words, and each server's
run-book. It renders the same document as the JSON report.
"""

from __future__ import annotations

from html import escape
from typing import Any

from itmscheck.fleet.html_parts import CSS, anchor, badge, current_step, rule_list, runbook, tree


def render_html(document: dict[str, Any]) -> str:
    title = f"Fleet {document['name'] or ''}: phase {document['phase']}, {document['verdict']}"
    summary = document["summary"]
    servers = document["servers"]
    parts = [
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f'<meta name="viewport" content="width=device-width,initial-scale=1"><style>{CSS}</style></head>'
        f"<body><main>",
        f'<section class="card {"go" if document["verdict"] == "GO" else "nogo"}" id="verdict">'
        f"<h1>{escape(document['name'] or 'Fleet')}: {badge(document['verdict'])} for phase "
        f"{escape(document['phase'])}</h1><p>{summary['servers']} Notification Servers: "
        f"{summary['go']} GO, {summary['no_go']} NO-GO, {summary['no_evidence']} without evidence "
        f"for the phase; {summary['cross_server_blocking']} cross-server rules blocking. The fleet is "
        "GO only when every server and every cross-server rule is.</p></section>",
        f"<h2>Hierarchy</h2>{tree(servers)}",
        "<h2>What to do next, fleet-wide</h2>" + _next(document),
        "<h2>Servers</h2>" + _servers(servers),
        "<h2>Cross-server rules</h2>" + _cross(document["cross_server"]),
        f"<h2>Run-book: {escape(document['table']['title'])}</h2><p>Section "
        f"&ldquo;{escape(document['table']['section'])}&rdquo;, p. {document['table']['page']}.</p>",
    ]
    for server in servers:
        parts.append(f'<section class="server" id="{anchor(server["name"])}"><h3>'
                     f'{escape(server["name"])} {badge(server["verdict"])}</h3>'
                     f"{runbook(server, document['table']['page'])}</section>")
    parts.append(f"<footer><p>itmscheck {escape(document['tool_version'])}</p></footer></main></body></html>")
    return "\n".join(parts) + "\n"


def _next(document: dict[str, Any]) -> str:
    if not document["next"]:
        return "<p>Nothing can be done until a server that others wait for is migrated.</p>"
    items = [f'<li><b>{escape(item["server"])}</b>: {"fix" if item["state"] == "blocked" else "do"} '
             f'step {item["step"]}, &ldquo;{escape(item["action"])}&rdquo;'
             + (f' (blocked by {", ".join(map(escape, item["blockers"]))})' if item["blockers"] else "")
             + "</li>" for item in document["next"]]
    return "<ol>" + "".join(items) + "</ol>"


def _servers(servers: list[dict[str, Any]]) -> str:
    rows = []
    for server in servers:
        report = (f'<a href="{escape(server["report"])}">full report</a>' if server["report"]
                  else "no evidence for the phase")
        rows.append(f'<tr><td><a href="#{anchor(server["name"])}">{escape(server["name"])}</a><br>'
                    f'{escape(server["host"])}</td><td>{badge(server["verdict"])}</td>'
                    f'<td>{escape(server["stage"])}</td><td>{current_step(server)}</td>'
                    f'<td>{rule_list(server["to_fix"])}</td><td>{rule_list(server["to_sign_off"])}</td>'
                    f"<td>{report}</td></tr>")
    return ("<table><thead><tr><th>Server (host)</th><th>Verdict</th><th>Stage</th><th>Current step</th>"
            "<th>To fix</th><th>To sign off</th><th>Report</th></tr></thead><tbody>"
            + "".join(rows) + "</tbody></table>")


def _cross(results: list[dict[str, Any]]) -> str:
    rows = []
    for result in results:
        guide = result.get("guide") or {}
        quote = f"<blockquote>{escape(guide['quote'])}</blockquote>" if guide.get("quote") else ""
        rows.append(f'<tr><td><span class="badge {result["status"]}">{result["status"]}</span></td>'
                    f'<td><b>{escape(result["rule"])}</b><br>{escape(result["title"])}</td>'
                    f'<td>{escape(result["message"])}<br><i>Remediation:</i> {escape(result["remediation"])}'
                    f'</td><td>&ldquo;{escape(guide.get("section", ""))}&rdquo;, p. {guide.get("page", "")}'
                    f"{quote}</td></tr>")
    return ("<table><thead><tr><th>Status</th><th>Rule</th><th>Finding</th><th>Guide</th></tr></thead>"
            "<tbody>" + "".join(rows) + "</tbody></table>")
