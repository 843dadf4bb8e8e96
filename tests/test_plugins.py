"""Third-party plugins get in exactly as the built-ins do: through the entry-point group."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from itmscheck.plugins import plugin_manager
from tests.conftest import lab_args

PLUGIN = '''
from pathlib import Path

from itmscheck.engine.checktype import REF, CheckType
from itmscheck.hookspecs import hookimpl
from itmscheck.engine.model import Outcome


class NoSpaces(CheckType):
    """A text fact has no spaces.

    Passes when ``fact`` holds no space. Fails when it does.
    """

    name = "no_spaces"
    required = ("fact",)
    parameters = {"fact": REF}

    def evaluate(self, facts):
        value = facts.get(self.params["fact"])
        return (Outcome.failed if " " in value else Outcome.passed)(f"it is {value!r}")


@hookimpl
def itmscheck_check_types():
    return [NoSpaces]


@hookimpl
def itmscheck_rule_dirs():
    return [Path(__file__).parent / "contoso_rules"]
'''

RULES = '''
itmscheck_rules: 1
chapter: {number: 2, title: Migrating Symantec Management Platform}
rules:
  - id: CONTOSO-DB-NAME
    title: Contoso names its restored CMDB without spaces
    phases: [post]
    severity: blocker
    check: {type: no_spaces, fact: target.cmdb.database}
    remediation: Restore the CMDB under a name without spaces.
    guide: {section: Restoring the Configuration Management Database, page: 35}
'''


def _install_plugin(root: Path) -> dict[str, str]:
    (root / "contoso_rules").mkdir(parents=True)
    (root / "contoso_plugin.py").write_text(PLUGIN)
    (root / "contoso_rules" / "contoso.yaml").write_text(RULES)
    info = root / "contoso_plugin-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: contoso-plugin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text("[itmscheck]\ncontoso = contoso_plugin\n")
    return {**os.environ, "PYTHONPATH": f"{root}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}


def test_a_plugin_package_adds_a_check_type_and_rules(tmp_path: Path) -> None:
    env = _install_plugin(tmp_path / "site-packages")
    listing = subprocess.run([sys.executable, "-m", "itmscheck", "rules", "--phase", "post"],
                             capture_output=True, text=True, env=env, timeout=60)
    assert "CONTOSO-DB-NAME" in listing.stdout, listing.stderr
    run = subprocess.run([sys.executable, "-m", "itmscheck", *lab_args("ready", "post"),
                          "--json", str(tmp_path / "r.json")],
                         capture_output=True, text=True, env=env, timeout=60)
    report = json.loads((tmp_path / "r.json").read_text())
    contoso = next(r for r in report["results"] if r["rule"] == "CONTOSO-DB-NAME")
    assert contoso["status"] == "passed", run.stdout + run.stderr


def test_without_the_plugin_its_rules_are_absent(itmscheck) -> None:
    assert "CONTOSO-DB-NAME" not in itmscheck("rules").out


def test_builtins_are_registered_through_the_entry_point() -> None:
    pm = plugin_manager()
    names = {name for name, _ in pm.list_name_plugin()}
    assert "builtin" in names
    distributions = [dist.metadata["Name"] for _, dist in pm.list_plugin_distinfo()]
    assert "itmscheck" in distributions


def test_every_hook_has_an_itmscheck_prefix_and_a_builtin_implementation_or_none() -> None:
    pm = plugin_manager()
    for name in dir(pm.hook):
        if not name.startswith("_"):
            assert name.startswith("itmscheck_"), name
    assert pm.hook.itmscheck_check_types.get_hookimpls()
    assert pm.hook.itmscheck_rule_dirs.get_hookimpls()
    assert pm.hook.itmscheck_reporters.get_hookimpls()


def test_a_site_rules_dir_works_without_a_package(itmscheck, tmp_path: Path) -> None:
    folder = tmp_path / "site-rules"
    folder.mkdir()
    (folder / "site.yaml").write_text(textwrap.dedent(RULES).replace("no_spaces", "matches")
                                      .replace("fact: target.cmdb.database}",
                                               "fact: target.cmdb.database, pattern: '^[^ ]+$', "
                                               "meaning: a name without spaces}"))
    run = itmscheck(*lab_args("ready", "post"), "--rules-dir", folder, "--rule", "CONTOSO-DB-NAME")
    assert run.code == 3, run.err  # a partial run in which nothing blocks (never 0)
    assert "PARTIAL (1 selected rule: 1 passed)" in run.out
