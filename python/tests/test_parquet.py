"""Parquet in and out: the command line's Parquet tables are the package's, and both load in
pandas with the types of their columns."""

import datetime

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from conftest import run_cli

TABLES = ("articles", "frames", "matches", "sentences")


@pytest.fixture(scope="module")
def dated(articles):
    days = [datetime.date(2024, 3, 1 + i) for i in range(articles.num_rows)]
    return articles.append_column("date", pa.array(days, pa.date32()))


@pytest.fixture(scope="module")
def cli_parquet(dated, tmp_path_factory):
    work = tmp_path_factory.mktemp("cli-parquet")
    pq.write_table(dated, work / "dated.parquet")
    run_cli(["analyze", "dated.parquet", "-o", "out", "--quiet", "--no-charts", "--no-report",
             "--output-format", "parquet"], cwd=work)
    return work / "out"


@pytest.mark.parametrize("table", TABLES)
def test_cli_parquet_tables_are_the_package_tables(scorer, dated, cli_parquet, table):
    ours = scorer.score_tables(dated, tables=(table,))[table]
    theirs = pq.ParquetFile(cli_parquet / f"{table}.parquet").read()
    assert theirs.schema == ours.schema
    assert theirs.equals(ours)


def test_types_in_pandas(scorer, dated, cli_parquet, tmp_path):
    pandas = pytest.importorskip("pandas")
    from pandas.api import types

    frame = pandas.read_parquet(cli_parquet / "articles.parquet")
    assert types.is_string_dtype(frame["article_id"])
    assert types.is_integer_dtype(frame["tokens"]) and types.is_integer_dtype(frame["sentences"])
    assert types.is_float_dtype(frame["tone"]) and types.is_float_dtype(frame["crisis.hope"])
    assert frame["date"].iloc[0] in (datetime.date(2024, 3, 1), pandas.Timestamp("2024-03-01"))
    matches = pandas.read_parquet(cli_parquet / "matches.parquet")
    assert types.is_bool_dtype(matches["negated"])
    assert types.is_integer_dtype(matches["start"])
    # The package's tables in pandas have the same types, and survive a round trip.
    ours = scorer.score_batch(dated).to_pandas()
    assert list(ours.dtypes) == list(frame.dtypes)
    ours.to_parquet(tmp_path / "again.parquet")
    again = pandas.read_parquet(tmp_path / "again.parquet")
    pandas.testing.assert_frame_equal(again, frame)


def test_compare_reads_the_parquet_folder(cli_parquet, tmp_path):
    done = run_cli(["compare", str(cli_parquet), "-o", str(tmp_path / "cmp"), "--quiet",
                    "--no-charts", "--no-report", "--pairs", "groups"], cwd=tmp_path)
    assert (tmp_path / "cmp" / "comparison.csv").is_file(), done.stderr
