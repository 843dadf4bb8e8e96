"""What `pip install` gives a user: one import package, the console script, pytest mode, plugins.

The wheel is built from this checkout and installed into a fresh virtual
environment outside it. Its dependencies come from the environment running
these tests (a ``.pth`` file, added after the installs so pip never sees
them), so the check works offline and from inside a venv alike.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO, lab_files

PLUGIN = REPO / "examples" / "plugin"


def _wheel(project: Path, out: Path) -> Path:
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out),
                    str(project)], check=True, timeout=300, capture_output=True)
    (wheel,) = out.glob("*.whl")
    return wheel


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _wheel(REPO, tmp_path_factory.mktemp("wheel"))


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding the itmscheck wheel and the example plugin's wheel; returns its bin/."""
    root = tmp_path_factory.mktemp("installed")
    env_dir = root / "venv"
    venv.EnvBuilder(with_pip=False).create(env_dir)
    python = env_dir / "bin" / "python"
    plugin_wheel = _wheel(PLUGIN, root / "plugin-wheel")
    for package in (wheel, plugin_wheel):
        subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q",
                        "--no-deps", str(package)], check=True, timeout=300, capture_output=True)
    inner = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                           capture_output=True, text=True, check=True).stdout.strip()
    outer = {sysconfig.get_paths()[key] for key in ("purelib", "platlib")}
    (Path(inner) / "_outer_dependencies.pth").write_text("\n".join(sorted(outer)) + "\n")
    return env_dir / "bin"


def _run(command: list[str | Path], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(part) for part in command], cwd=cwd, capture_output=True, text=True,
                          timeout=300)


def test_the_wheel_installs_exactly_one_top_level_import_package(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    top = {name.split("/")[0] for name in names if not name.split("/")[0].endswith(
        (".dist-info", ".data"))}
    assert top == {"itmscheck"}


def test_wheel_holds_every_rule_schema_table_lab_probe_and_template(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    shipped = [f"itmscheck/{p.relative_to(REPO).as_posix()}" for p in (REPO / "rules").rglob("*")
               if p.suffix in (".yaml", ".json")]
    assert shipped and all(name in names for name in shipped), set(shipped) - names
    for lab in ("ready", "not-ready"):
        for file in ("source.json", "target-pre.json", "target-post.json", "site.yaml"):
            assert f"itmscheck/demo/{lab}/{file}" in names
    assert any(name.startswith("itmscheck/reports/templates/") for name in names)
    assert any(name.startswith("itmscheck/collectors/cmdb/probes/") for name in names)
    assert "itmscheck/collectors/windows/Get-ItmsFacts.ps1" in names
    entry_points = zipfile.ZipFile(wheel).read("itmscheck-0.1.0.dist-info/entry_points.txt").decode()
    assert "[pytest11]\nitmscheck = itmscheck.acceptance.plugin" in entry_points
    assert "[itmscheck]\nbuiltin = itmscheck.builtin" in entry_points


def test_the_installed_console_script_runs_the_demo_from_anywhere(installed: Path,
                                                                  tmp_path: Path) -> None:
    done = _run([installed / "itmscheck", "check", "--demo", "not-ready"], tmp_path)
    assert done.returncode == 1, done.stderr
    assert done.stdout.startswith("Running the bundled demo environment 'not-ready'")
    location = _run([installed / "python", "-c", "import itmscheck; print(itmscheck.__file__)"],
                    tmp_path)
    assert str(installed.parent) in location.stdout  # the installed copy, not this checkout


def test_python_dash_m_itmscheck_runs_the_demo(installed: Path, tmp_path: Path) -> None:
    done = _run([installed / "python", "-m", "itmscheck", "check", "--phase", "post"], tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Phase post: GO" in done.stdout


def test_pytest_mode_works_outside_the_checkout_without_a_conftest(installed: Path,
                                                                   tmp_path: Path) -> None:
    demo = Path(_run([installed / "python", "-c", "import importlib.resources as r; "
                      "print(r.files('itmscheck.demo'))"], tmp_path).stdout.strip())
    assert not (tmp_path / "conftest.py").exists()
    for lab, expected in (("ready", 0), ("not-ready", 1)):
        done = _run([installed / "python", "-m", "pytest", "-q", "-p", "no:cacheprovider",
                     "--itmscheck-phase", "post",
                     "--itmscheck-source", demo / lab / lab_files(lab, "post")[0].name,
                     "--itmscheck-target", demo / lab / "target-post.json",
                     "--itmscheck-site", demo / lab / "site.yaml"], tmp_path)
        assert done.returncode == expected, done.stdout[-2000:] + done.stderr
        assert " passed" in done.stdout


def test_the_example_plugin_installs_and_its_own_tests_pass(installed: Path, tmp_path: Path) -> None:
    tests = shutil.copytree(PLUGIN / "tests", tmp_path / "plugin-tests")
    listing = _run([installed / "itmscheck", "rules", "--phase", "post"], tmp_path)
    assert "CONTOSO-CMDB-NAME" in listing.stdout, listing.stderr
    done = _run([installed / "python", "-m", "pytest", "-q", "-p", "no:cacheprovider", tests],
                tmp_path)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr
    assert "3 passed" in done.stdout
