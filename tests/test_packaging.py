"""A plain `pip install .` (not editable) carries the rules, schemas and demo labs."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps",
                    "-q", "-w", str(out), str(REPO)], check=True, timeout=300,
                   capture_output=True)
    return next(out.glob("itmscheck-*.whl"))


def test_wheel_holds_every_rule_schema_table_and_lab(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = [p.relative_to(REPO).as_posix() for p in (REPO / "rules").rglob("*")
               if p.suffix in (".yaml", ".json")]
    assert shipped and all(name in names for name in shipped), set(shipped) - names
    for lab in ("ready", "not-ready"):
        for file in ("source.json", "target-pre.json", "target-post.json", "site.yaml"):
            assert f"checks/demo/{lab}/{file}" in names
    assert any(name.startswith("reports/templates/") for name in names)
    assert "itmscheck-0.1.0.dist-info/entry_points.txt" in names


def test_installed_wheel_runs_the_demo_from_anywhere(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q",
                    "--no-deps", "--no-build-isolation", str(wheel)], check=True, timeout=300,
                   capture_output=True)
    done = subprocess.run([str(env_dir / "bin" / "itmscheck"), "check", "--demo", "not-ready"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    assert done.stdout.startswith("Running the bundled demo environment 'not-ready'")
    location = subprocess.run([str(python), "-c", "import rules; print(rules.__file__)"],
                              cwd=tmp_path, capture_output=True, text=True, check=True)
    assert str(env_dir) in location.stdout  # the installed copy, not this checkout
