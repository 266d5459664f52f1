"""Bad input gets an exception that says where and what to do; never a crash."""

import pyarrow as pa
import pytest

import framescope
from framescope import (
    ColumnNotFoundError,
    ColumnTypeError,
    InputError,
    LexiconError,
    NullIdError,
    NullTextError,
    SkippedRecordsError,
)


def test_a_null_text_names_its_record_and_id(scorer):
    table = pa.table({"id": ["a", "b", "c"], "text": ["Hope.", None, "Fear."]})
    with pytest.raises(NullTextError, match=r"record 2 \(id 'b'\).*`text` is null.*dropna"):
        scorer.score_batch(table)


def test_a_null_text_in_a_data_frame(scorer):
    pandas = pytest.importorskip("pandas")
    frame = pandas.DataFrame({"id": ["a", "b"], "text": ["Hope.", None]})
    with pytest.raises(NullTextError, match="record 2"):
        scorer.score_batch(frame)


def test_a_missing_column_lists_the_columns_there(scorer):
    table = pa.table({"id": ["a"], "body": ["Hope."]})
    with pytest.raises(ColumnNotFoundError, match=r"no column `text`.*'id', 'body'.*text_col="):
        scorer.score_batch(table)
    assert scorer.score_batch(table, text_col="body").num_rows == 1


def test_a_missing_id_column_says_how_to_go_without(scorer):
    table = pa.table({"text": ["Hope."]})
    with pytest.raises(ColumnNotFoundError, match="id_col="):
        scorer.score_batch(table)
    assert scorer.score_batch(table, id_col=None).num_rows == 1


def test_a_column_named_that_is_not_there(scorer):
    table = pa.table({"id": ["a"], "text": ["Hope."]})
    with pytest.raises(ColumnNotFoundError, match="outlet.*group_col="):
        scorer.score_batch(table, group_col="outlet")


def test_a_text_column_of_numbers(scorer):
    table = pa.table({"id": ["a"], "text": [3]})
    with pytest.raises(ColumnTypeError, match=r"`text` \(text\) holds int64, not strings"):
        scorer.score_batch(table)


def test_an_id_column_of_floats_and_a_null_id(scorer):
    with pytest.raises(ColumnTypeError, match="`id`"):
        scorer.score_batch(pa.table({"id": [1.5], "text": ["Hope."]}))
    with pytest.raises(NullIdError, match="record 1"):
        scorer.score_batch(pa.table({"id": pa.array([None], pa.string()), "text": ["Hope."]}))


def test_integer_ids_and_large_strings_are_read(scorer):
    table = pa.table({"id": [7, 8], "text": pa.array(["Hope.", "Fear."], pa.large_string())})
    assert scorer.score_batch(table).column("article_id").to_pylist() == ["7", "8"]


def test_every_input_error_is_one_kind(scorer):
    with pytest.raises(InputError):
        scorer.score_batch(pa.table({"id": ["a"], "text": [None]}, schema=pa.schema(
            [("id", pa.string()), ("text", pa.string())])))
    with pytest.raises(TypeError, match="cannot score a list"):
        scorer.score_batch([{"id": "a", "text": "x"}])


def test_records_that_cannot_be_scored_are_raised_or_dropped(scorer):
    table = pa.table({"id": ["a", "b"], "text": ["Hope.", "x" * 10]})
    small = framescope.Scorer()
    # An article over the limit of one article is skipped by the reader, as on the command line.
    big = pa.table({"id": ["a", "b"], "text": ["Hope.", "y" * (65 << 20)]})
    with pytest.raises(SkippedRecordsError, match=r"batch:record 2.*on_skipped='drop'") as raised:
        small.score_batch(big)
    assert raised.value.skipped[0][0] == "batch:record 2"
    kept = small.score_batch(big, on_skipped="drop")
    assert kept.column("article_id").to_pylist() == ["a"]
    assert small.last_skipped == raised.value.skipped
    assert scorer.score_batch(table).num_rows == 2


def test_an_empty_batch_gives_empty_tables_of_the_schema(scorer):
    empty = pa.table({"id": pa.array([], pa.string()), "text": pa.array([], pa.string())})
    tables = scorer.score_tables(empty)
    for name, table in tables.items():
        assert table.num_rows == 0
        assert table.schema == scorer.schema(name)


def test_bad_settings(scorer):
    table = pa.table({"id": ["a"], "text": ["Hope."]})
    with pytest.raises(ValueError, match="evidence"):
        scorer.score_batch(table, evidence="some")
    with pytest.raises(ValueError, match="no table 'words'"):
        scorer.score_tables(table, tables=("words",))
    with pytest.raises(ValueError, match="evidence='none'"):
        scorer.matches(table, evidence="none")


def test_unknown_lexicons(tmp_path):
    with pytest.raises(LexiconError, match="nosuch"):
        framescope.Scorer(["nosuch"])
    with pytest.raises(LexiconError, match="no such folder"):
        framescope.Scorer(lexicon_dir=tmp_path / "missing")
