"""A site's own rules may cite their own source; the built-in catalog always cites the guide."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import pytest

from itmscheck.engine import catalog as catalog_module
from itmscheck.engine import loader
from itmscheck.errors import InputError
from tests.conftest import lab_args
from tests.support.site_rules import CONTOSO_RULES as RULE
from tests.support.site_rules import NAMING_SOURCE


def _folder(tmp_path: Path, text: str = RULE) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / "contoso.yaml").write_text(text, encoding="utf-8")
    return folder


def test_a_site_rule_may_cite_its_own_source_in_every_output(itmscheck, tmp_path) -> None:
    run = itmscheck(*lab_args("ready", "pre"), "--rules-dir", _folder(tmp_path),
                    "--json", tmp_path / "r.json", "--junit", tmp_path / "r.xml",
                    "--html", tmp_path / "r.html")
    assert run.code == 1  # the approval is a blocker nobody attested yet
    report = json.loads((tmp_path / "r.json").read_text())
    result = next(r for r in report["results"] if r["rule"] == "CONTOSO-CHANGE-APPROVED")
    assert result["guide"] is None
    assert result["source"] == {"title": "Contoso change policy", "reference": "section 4.2",
                                "url": "https://intranet.contoso.example/policies/change",
                                "quote": "Every production migration needs the change board's "
                                         "approval."}
    named = next(r for r in report["results"] if r["rule"] == "CONTOSO-NS-NAMED")
    assert named["source"] == {"title": "Contoso naming standard", "reference": "NS-01",
                               "quote": "Notification Servers are named NS<release><n>."}
    citation = ("source: Contoso change policy, section 4.2 "
                "<https://intranet.contoso.example/policies/change>")
    assert citation in run.out.split("CONTOSO-CHANGE-APPROVED", 1)[1]
    case = next(c for c in ElementTree.parse(tmp_path / "r.xml").iter("testcase")
                if c.get("name").startswith("CONTOSO-CHANGE-APPROVED"))
    assert case.find("failure").get("message").endswith(f"({citation})")
    assert "Source: Contoso change policy, section 4.2" in (tmp_path / "r.html").read_text()


def test_the_built_in_rules_folder_may_not_cite_another_source(tmp_path, monkeypatch) -> None:
    folder = _folder(tmp_path)
    monkeypatch.setattr(catalog_module, "_builtin_folder", lambda: folder.resolve())
    types = loader.plugin_manager().hook.itmscheck_check_types()
    with pytest.raises(InputError) as raised:
        catalog_module.load_catalog([folder], [t for group in types for t in group])
    message = str(raised.value)
    assert "contoso.yaml" in message and "rules[0].source" in message
    assert "a built-in rule cites the guide" in message


def test_the_packages_own_folder_is_the_built_in_one_and_all_its_rules_cite_the_guide() -> None:
    from importlib import resources

    builtin = Path(str(resources.files("itmscheck.rules"))).resolve()
    assert catalog_module._builtin_folder() == builtin
    guides = [rule for rule in loader.catalog().rules if rule.pack == "guide"]
    assert guides and all(Path(rule.file).parent.resolve() == builtin for rule in guides)
    for rule in guides:
        assert rule.guide is not None and rule.source is None, rule.id


def test_a_rule_cites_exactly_one_of_guide_and_source(itmscheck, tmp_path) -> None:
    cited = NAMING_SOURCE
    guide = "    guide: {section: Restoring the Configuration Management Database, page: 35}\n"
    for replacement in ("", cited + guide):  # neither, then both
        folder = _folder(tmp_path, RULE.replace(cited, replacement))
        run = itmscheck(*lab_args("ready", "pre"), "--rules-dir", folder)
        assert run.code == 2, run.out
        assert "contoso.yaml:15: rules[1]: a rule cites exactly one of the guide" in run.err
