"""The `framescope` command that the package installs is the binary's command line."""

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, read_csv

COMMAND = Path(sys.executable).parent / "framescope"


@pytest.fixture(scope="module")
def command():
    if not COMMAND.is_file():
        pytest.skip(f"{COMMAND} is not installed (the package was not installed with pip)")
    return str(COMMAND)


def test_version_and_help(command):
    done = subprocess.run([command, "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.startswith("framescope ")
    done = subprocess.run([command, "analyze", "--help"], capture_output=True, text=True)
    assert done.returncode == 0 and "--output-format" in done.stdout


def test_analyze_writes_what_the_package_scores(command, scorer, tmp_path):
    done = subprocess.run(
        [command, "analyze", str(EXAMPLES), "-o", str(tmp_path / "out"), "--quiet",
         "--no-charts", "--no-report"],
        capture_output=True, text=True,
    )
    assert done.returncode == 0, done.stderr
    rows = read_csv(tmp_path / "out" / "articles.csv")
    assert [r["article_id"] for r in rows] == [
        f"{p.parent.name}/{p.stem}" for p in sorted(EXAMPLES.glob("*/*.txt"))
    ]


def test_errors_and_exit_codes(command, tmp_path):
    done = subprocess.run([command, "analyze", str(tmp_path / "missing.csv"), "-o",
                           str(tmp_path / "out"), "--quiet"], capture_output=True, text=True)
    assert done.returncode == 2
    assert "framescope: error: no article could be read" in done.stderr
    done = subprocess.run([command, "nosuch"], capture_output=True, text=True)
    assert done.returncode == 2 and "nosuch" in done.stderr
