"""The HTML report: one self-contained file a change board opens offline and prints.

The verdict comes first and large, with when the evidence was collected, when
the check ran and the run's own warnings (evidence too old); then what blocks
(the blockers to fix, then the sign-offs still missing, each with the site-file
lines that would attest it), then the warnings, then the waivers and
attestations with who, why and until when; every rule of the phase follows,
by rule pack (the guide's rules apart from the vendor's known issues; a pack the
site switched off says by whom and why, as the verdict card does), grouped by
chapter and by the guide's section (or the article or source a rule cites), in
closed ``<details>``. Each rule shows the words it enforces and, apart,
itmscheck's own policy. CSS and JavaScript are inline and
nothing is fetched.

Every rule is markup the server wrote, so the page works without scripts, find
in page sees every rule and printing prints every rule. It stays fast with
thousands of results because the browser renders lazily (closed chapters and
``content-visibility: auto``) and the filters are CSS classes on one element:
a filter change restyles, it does not rebuild. The counts the filters show
come from an index (:mod:`.html_sections`), so the script never walks the rules
either. What is off screen is drawn lazily (templates/lazy.js). Modules:
:mod:`.html_sections` (the page's order), :mod:`.html_evidence` (a rule's facts,
a long one shown once), :mod:`.html_compare` (source beside target),
:mod:`.html_values` (how a value reads), :mod:`.html_notes` (waivers,
attestations, the line that would attest a rule), :mod:`.html_cited` (the
guide's words or a site rule's source, itmscheck's policy apart, an error's
own remedy).
"""

from __future__ import annotations

import json
from typing import Any

from itmscheck.engine.model import SEVERITIES, Report
from itmscheck.reports import Reporter, html_cited, html_evidence, html_notes, html_values
from itmscheck.reports.html_sections import STATUSES, anchors, by_pack, chapters, index, sections

SATISFIED = ("passed", "attested", "skipped")
# Rules of a section above the chapters that are elements as the page opens (a screenful
# and more); the rest are drawn right after (see templates/lazy.js).
FIRST = 30


class HtmlReporter(Reporter):
    option = "html"
    description = "HTML report (one self-contained file, opens offline)"

    def render(self, report: Report) -> str:
        from jinja2 import Environment, PackageLoader, select_autoescape

        environment = Environment(loader=PackageLoader("itmscheck.reports", "templates"),
                                  autoescape=select_autoescape(["html", "j2"]),
                                  trim_blocks=True, lstrip_blocks=True,
                                  bytecode_cache=_bytecode_cache())
        groups = sections(report.results)
        listed = chapters(report.results, groups)
        in_page = [*groups["fix"], *groups["sign"], *groups["warn"],
                   *(r for c in listed for g in c["guide"] for r in g["entries"])]
        evidence = html_evidence.in_page_order(in_page)
        environment.filters.update(
            date=html_values.date, age=html_values.age, plural=html_values.plural,
            fact=html_values.fact_name, evidence=lambda r: evidence[r.rule], waiver=html_notes.waiver,
            attestation=html_notes.attestation, attest_yaml=html_notes.attest_yaml,
            citation=html_cited.citation, words=html_cited.words, policy=html_cited.policy,
            remedy=html_cited.remedy)
        drawn = ({r.rule for c in listed for g in c["guide"] for r in g["entries"]
                  if r.status.value in SATISFIED and r.evidence}
                 if len(report.results) > html_evidence.INLINE_UP_TO else set())
        return environment.get_template("report.html.j2").render(
            report=report, sections=groups, chapters=listed, packs=by_pack(listed, report.packs),
            anchors=anchors(groups),
            statuses=STATUSES, severities=SEVERITIES, satisfied=SATISFIED, drawn=drawn, first=FIRST,
            index=embedded(index(groups, listed)),
            facts=embedded(html_evidence.stored_once(listed, drawn, evidence)) if drawn else None)


def _bytecode_cache() -> Any:
    """Jinja2's compiled template kept between runs (compiling it was ~30 ms of every check).

    Jinja2 keys it by the template's source checksum; it lives in itmscheck's
    private cache folder (see :mod:`itmscheck.cache`), or nowhere when that is off.
    """
    import stat

    from jinja2 import FileSystemBytecodeCache

    from itmscheck.cache import cache_dir, private

    folder = cache_dir()
    if folder is None:
        return None
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return FileSystemBytecodeCache(str(folder)) if private(folder, stat.S_IFDIR) else None


def embedded(document: dict[str, Any]) -> str:
    """JSON safe inside ``<script>``: no ``</script>`` can end it, no ``<!--`` change its parsing.

    Only ``</`` and ``<!`` are escaped (both occur only inside JSON strings), so markup
    carried in strings costs its own bytes and no more.
    """
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return text.replace("</", "<\\/").replace("<!", "\\u003c!")
