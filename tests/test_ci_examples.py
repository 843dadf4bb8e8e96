"""examples/ci/: four pipelines that run the acceptance tests on a staged 7.5 server's snapshots.

What is checked here, offline:

- the GitLab CI, Azure Pipelines and GitHub Actions files validate against
  their platforms' published JSON Schemas, the copies ``check-jsonschema``
  vendors (``--builtin-schema vendor.*``); each schema is shown to catch a typo;
- the Jenkinsfile parses with a Groovy 3 grammar (``groovy-parser``, Lark) and
  has the declarative pipeline's structure (one ``pipeline``, only its
  sections, ``stages`` of ``stage`` with ``steps``, ``post`` conditions, a
  ``junit`` step that always runs). Not checked: that each step and its
  arguments exist in a given Jenkins (only a Jenkins server's validator knows
  its plugins);
- every pipeline's commands run, as written, against the bundled ready lab
  staged as ``staging/``, and leave the JUnit files they publish.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
CI = REPO / "examples" / "ci"
# Azure's schema holds a pattern with an escape that the default (Unicode ECMAScript)
# engine refuses to compile; the non-Unicode mode reads it as JavaScript does.
SCHEMAS = {"gitlab-ci.yml": ("vendor.gitlab-ci", "default"),
           "azure-pipelines.yml": ("vendor.azure-pipelines", "nonunicode"),
           "github-actions.yml": ("vendor.github-workflows", "default")}
TYPOS = {"gitlab-ci.yml": ("    when: always\n", "    when: allways\n"),
         "azure-pipelines.yml": ("    displayName: Install itmscheck", "    displayNam: Install itmscheck"),
         "github-actions.yml": ("    runs-on: ubuntu-latest", "    runs_on: ubuntu-latest")}


def _validate(file: Path, name: str) -> subprocess.CompletedProcess[str]:
    schema, regex = SCHEMAS[name]
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema,
                           "--regex-variant", regex, str(file)], capture_output=True, text=True,
                          timeout=120)


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_the_pipeline_validates_against_its_platforms_schema(name: str) -> None:
    done = _validate(CI / name, name)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ok -- validation done" in done.stdout


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_the_schema_catches_a_typo(name: str, tmp_path: Path) -> None:
    good, bad = TYPOS[name]
    text = (CI / name).read_text(encoding="utf-8")
    assert good in text
    (tmp_path / name).write_text(text.replace(good, bad, 1), encoding="utf-8")
    assert _validate(tmp_path / name, name).returncode == 1


# --- the Jenkinsfile -------------------------------------------------------------------

SECTIONS = {"agent", "stages", "post", "options", "environment", "parameters", "triggers",
            "tools", "libraries", "when", "input"}
CONDITIONS = {"always", "changed", "fixed", "regression", "aborted", "failure", "success",
              "unstable", "unsuccessful", "cleanup"}
STATEMENT = ("command_expression", "statement_expression", "local_variable_declaration")


def _statements(node: Any) -> list[dict[str, Any]]:
    """The statements under ``node``, each {name, strings, body}, without crossing a statement."""
    found: list[dict[str, Any]] = []
    for child in node.get("children", []) if isinstance(node, dict) else []:
        if any(rule in STATEMENT for rule in child.get("rule", [])):
            found.append(_statement(child))
        else:
            found += _statements(child)
    return found


def _statement(node: dict[str, Any]) -> dict[str, Any]:
    leaves = list(_leaves(node, stop_at_closure=True))
    name = next((value for kind, value in leaves if kind == "IDENTIFIER"), "")
    strings = [value for kind, value in leaves if kind in ("STRING_LITERAL", "GSTRING")]
    body = [s for closure in _closures(node) for s in _statements(closure)]
    return {"name": name, "strings": strings, "body": body}


def _leaves(node: Any, stop_at_closure: bool):
    if not isinstance(node, dict):
        return
    if "leaf" in node:
        yield node["leaf"], node.get("value")
        return
    if stop_at_closure and "closure" in node.get("rule", []):
        return
    for child in node.get("children", []):
        yield from _leaves(child, stop_at_closure)


def _closures(node: Any) -> list[dict[str, Any]]:
    found = []
    for child in node.get("children", []) if isinstance(node, dict) else []:
        if "closure" in child.get("rule", []):
            found.append(child)
        elif not any(rule in STATEMENT for rule in child.get("rule", [])):
            found += _closures(child)
    return found


def jenkins_pipeline(text: str) -> dict[str, Any]:
    """The declarative pipeline of a Jenkinsfile, or AssertionError saying what is wrong."""
    from groovy_parser.parser import parse_and_digest_groovy_content

    top = _statements(parse_and_digest_groovy_content(text))
    assert [s["name"] for s in top] == ["pipeline"], "one pipeline block and nothing else"
    pipeline = top[0]
    sections = {s["name"]: s for s in pipeline["body"]}
    assert set(sections) <= SECTIONS, f"not a pipeline section: {set(sections) - SECTIONS}"
    assert {"agent", "stages"} <= set(sections), "a pipeline needs agent and stages"
    stages = sections["stages"]["body"]
    assert stages and all(s["name"] == "stage" and len(s["strings"]) == 1 for s in stages)
    for stage in stages:
        kinds = [s["name"] for s in stage["body"] if s["name"] in ("steps", "stages", "parallel")]
        assert len(kinds) == 1, f"stage {stage['strings']} needs exactly one of steps, stages, parallel"
    if "post" in sections:
        assert {s["name"] for s in sections["post"]["body"]} <= CONDITIONS
    return pipeline


def _sh(pipeline: dict[str, Any]) -> list[str]:
    found = []
    for stage in next(s for s in pipeline["body"] if s["name"] == "stages")["body"]:
        for steps in stage["body"]:
            found += [c["strings"][0] for c in steps["body"] if c["name"] == "sh"]
    return found


def test_the_jenkinsfile_is_a_declarative_pipeline_that_always_publishes_junit() -> None:
    pipeline = jenkins_pipeline((CI / "Jenkinsfile").read_text(encoding="utf-8"))
    post = next(s for s in pipeline["body"] if s["name"] == "post")
    always = next(s for s in post["body"] if s["name"] == "always")
    junit = next(s for s in always["body"] if s["name"] == "junit")
    assert junit["strings"] == ["reports/*.xml"]
    assert any("pytest --itmscheck-phase post" in command for command in _sh(pipeline))


@pytest.mark.parametrize(("change", "says"), [
    (("stage('Gate and reports') {", "stage('Gate and reports') {{"), ""),  # a brace too many
    (("    post {", "    postt {"), "not a pipeline section"),
    (("        always {", "        allways {"), ""),
    (("            steps {\n                sh 'mkdir", "            stepz {\n                sh 'mkdir"),
     "needs exactly one of"),
])
def test_the_jenkinsfile_check_catches_a_mistake(change: tuple[str, str], says: str) -> None:
    text = (CI / "Jenkinsfile").read_text(encoding="utf-8")
    assert change[0] in text
    with pytest.raises(Exception) as raised:  # a Lark syntax error, or the structure's
        jenkins_pipeline(text.replace(change[0], change[1], 1))
    assert says in str(raised.value)


# --- every pipeline runs ---------------------------------------------------------------

def _yaml_commands(name: str) -> list[str]:
    document = yaml.safe_load((CI / name).read_text(encoding="utf-8"))
    if name == "gitlab-ci.yml":
        lines = [line for job in document.values() if isinstance(job, dict)
                 for key in ("before_script", "script") for line in job.get(key, [])]
    elif name == "azure-pipelines.yml":
        lines = [line for step in document["steps"] for line in step.get("script", "").splitlines()]
    else:
        lines = [line for job in document["jobs"].values() for step in job["steps"]
                 for line in step.get("run", "").splitlines()]
    return lines


def _commands(name: str) -> list[str]:
    if name == "Jenkinsfile":
        lines = [part for command in _sh(jenkins_pipeline((CI / name).read_text(encoding="utf-8")))
                 for part in command.split(" && ")]
    else:
        lines = _yaml_commands(name)
    # This venv stands in for the pipeline's: the install lines are the pipeline's own business.
    return [line.strip() for line in lines
            if line.strip() and not re.match(r"^(python3? -m venv|\. \.venv|pip install)", line.strip())]


@pytest.mark.parametrize("name", [*sorted(SCHEMAS), "Jenkinsfile"])
def test_the_pipeline_runs_the_acceptance_tests_and_leaves_its_junit_files(name, tmp_path) -> None:
    lab = REPO / "examples" / "lab" / "ready"
    (tmp_path / "staging").mkdir()
    for source, target in (("source-post.json", "ns70.json"), ("target-post.json", "ns75.json"),
                           ("site.yaml", "site.yaml")):
        shutil.copy(lab / source, tmp_path / "staging" / target)
    commands = _commands(name)
    assert any(c.startswith("pytest --itmscheck-phase post") for c in commands)
    assert any(c.startswith("itmscheck check --phase post") for c in commands)
    for command in commands:
        done = subprocess.run(command, shell=True, cwd=tmp_path, capture_output=True, text=True,
                              timeout=300, env={"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin",
                                                "HOME": str(tmp_path)})
        assert done.returncode == 0, f"{command}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    for report in ("acceptance.xml", "itmscheck.xml"):
        root = ElementTree.parse(tmp_path / "reports" / report).getroot()
        cases = list(root.iter("testcase"))
        assert len(cases) > 50 and root.find(".//failure") is None and root.find(".//error") is None


def test_the_examples_readme_names_each_pipeline() -> None:
    readme = (CI / "README.md").read_text(encoding="utf-8")
    for name in [*SCHEMAS, "Jenkinsfile"]:
        assert f"]({name})" in readme
