"""Comparisons from per-article counts give the command line's comparison.csv."""

import math

import pyarrow as pa
import pyarrow.compute as pc
import pytest

import framescope
from conftest import read_csv


@pytest.fixture(scope="module")
def counts(scorer, articles):
    # Scored in parts, as a cluster would, and gathered.
    parts = [scorer.score_tables(articles.slice(i, 2), tables=("articles", "frames"))
             for i in range(0, articles.num_rows, 2)]
    return (pa.concat_tables([p["articles"] for p in parts]),
            pa.concat_tables([p["frames"] for p in parts]))


def same(cell, value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return cell == ""
    if isinstance(value, bool):
        return cell == ("true" if value else "false")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return cell != "" and float(cell) == value
    return cell == str(value)


def test_groups_compare_as_on_the_command_line(counts, cli_run):
    compared = framescope.compare(*counts)
    expected = read_csv(cli_run / "comparison.csv")
    rows = compared.table.to_pylist()
    assert len(rows) == len(expected) > 0
    assert compared.table.column_names == list(expected[0].keys())
    for n, (cells, row) in enumerate(zip(expected, rows), start=1):
        for name, value in row.items():
            assert same(cells[name], value), f"row {n} {name}: CLI {cells[name]!r}, {value!r}"
    assert "global-wire" in compared.summary
    assert pa.types.is_floating(compared.table.schema.field("p_value").type)


def test_rows_in_another_order_and_pandas_frames_compare_the_same(counts):
    articles, frames = counts
    first = framescope.compare(articles, frames, bootstrap=200)
    shuffled = frames.take(pa.array(list(reversed(range(frames.num_rows)))))
    again = framescope.compare(articles.to_pandas(), shuffled.to_pandas(), bootstrap=200)
    assert first.table.equals(again.table)


def test_groups_from_another_column(counts):
    articles, frames = counts
    outlets = pc.if_else(pc.equal(articles.column("group"), "global-wire"), "wire", "paper")
    articles = articles.append_column("outlet", outlets)
    compared = framescope.compare(articles, frames, group_col="outlet", bootstrap=0)
    assert set(compared.table.column("a").to_pylist()) | set(
        compared.table.column("b").to_pylist()) == {"wire", "paper"}


def test_counts_that_do_not_fit_say_where(counts):
    articles, frames = counts
    with pytest.raises(framescope.CountsError, match="articles record 2: the id .* record 1"):
        framescope.compare(pa.concat_tables([articles.slice(0, 1)] * 2), frames)
    with pytest.raises(framescope.CountsError, match="frames record 1: article .* not among"):
        framescope.compare(articles.slice(1), frames)
    with pytest.raises(framescope.ColumnNotFoundError, match="tokens"):
        framescope.compare(articles.drop_columns(["tokens"]), frames)
    with pytest.raises(framescope.CountsError, match="groups"):
        framescope.compare(articles.slice(0, 3), frames.slice(0, 3 * 31), bootstrap=0)
    with pytest.raises(ValueError, match="adjust"):
        framescope.compare(articles, frames, adjust="bonferroni")
