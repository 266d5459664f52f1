"""What the tests of the Python package share: the example articles as a table, and the
command line run on the same records."""

import csv
import os
import shutil
import subprocess
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import framescope

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "articles"


def command():
    """The framescope command: the release binary when built, else the package's own."""
    built = ROOT / "target" / "release" / "framescope"
    if built.is_file():
        return [str(built)]
    found = shutil.which("framescope")
    assert found, "neither target/release/framescope nor the package's framescope command"
    return [found]


def example_table():
    """examples/articles as records: id `group/name`, group, text, in a fixed order."""
    ids, groups, texts = [], [], []
    for path in sorted(EXAMPLES.glob("*/*.txt")):
        ids.append(f"{path.parent.name}/{path.stem}")
        groups.append(path.parent.name)
        texts.append(path.read_text(encoding="utf-8"))
    return pa.table({"id": ids, "group": groups, "text": texts})


@pytest.fixture(scope="session")
def scorer():
    return framescope.Scorer()


@pytest.fixture(scope="session")
def articles():
    return example_table()


def run_cli(args, cwd):
    done = subprocess.run(
        command() + args, cwd=cwd, capture_output=True, text=True, env={**os.environ}
    )
    assert done.returncode in (0, 1), f"framescope {' '.join(args)}: {done.stderr}"
    return done


@pytest.fixture(scope="session")
def cli_run(articles, tmp_path_factory):
    """The folder `framescope analyze` writes for the same records, given as a Parquet file."""
    work = tmp_path_factory.mktemp("cli")
    pq.write_table(articles, work / "articles.parquet")
    run_cli(
        ["analyze", "articles.parquet", "-o", "out", "--quiet", "--no-charts", "--no-report",
         "--pairs", "groups"],
        cwd=work,
    )
    return work / "out"


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def same_cell(cell, value):
    """Whether a CSV cell and a typed value are the same, to the CSV's printed decimals."""
    if value is None:
        return cell == ""
    if isinstance(value, bool):
        return cell == ("true" if value else "false")
    if isinstance(value, float):
        return cell != "" and float(cell) == value
    if isinstance(value, int):
        return cell != "" and int(cell) == value
    return cell == str(value)


def assert_same_rows(csv_rows, table, what):
    rows = table.to_pylist()
    assert len(rows) == len(csv_rows), f"{what}: {len(rows)} rows, the CLI wrote {len(csv_rows)}"
    assert list(csv_rows[0].keys()) == table.column_names, f"{what}: columns differ"
    for n, (cells, row) in enumerate(zip(csv_rows, rows), start=1):
        for name, value in row.items():
            assert same_cell(cells[name], value), (
                f"{what} row {n} column {name}: CLI {cells[name]!r}, package {value!r}"
            )
