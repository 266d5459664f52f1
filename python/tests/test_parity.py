"""The package's tables are the command line's, to the printed decimals, whatever the batches."""

import pyarrow as pa
import pytest

from conftest import assert_same_rows, read_csv

TABLES = ("articles", "frames", "matches", "sentences")


@pytest.fixture(scope="module")
def scored(scorer, articles):
    return scorer.score_tables(articles, tables=TABLES)


@pytest.mark.parametrize("table", TABLES)
def test_tables_are_the_cli_tables(scored, cli_run, table):
    assert_same_rows(read_csv(cli_run / f"{table}.csv"), scored[table], table)


def test_articles_keep_the_input_order(scored, articles):
    assert scored["articles"].column("article_id").to_pylist() == articles.column("id").to_pylist()


@pytest.mark.parametrize("size", [1, 2, 4])
def test_batch_boundaries_change_nothing(scorer, articles, scored, size):
    parts = [articles.slice(i, size) for i in range(0, articles.num_rows, size)]
    for table in TABLES:
        joined = pa.concat_tables(
            [scorer.score_tables(p, tables=(table,))[table] for p in parts]
        )
        assert joined.equals(scored[table]), f"{table} in batches of {size}"


def test_a_record_batch_and_a_data_frame_score_as_the_table(scorer, articles, scored):
    batch = articles.to_batches()[0]
    assert scorer.score_batch(batch).equals(scored["articles"])
    assert scorer.score_batch(articles.to_pandas()).equals(scored["articles"])


def test_one_text_scores_as_its_row(scorer, articles, scored):
    text = articles.column("text")[0].as_py()
    row = scorer.score(text)
    expected = scored["articles"].to_pylist()[0]
    for name in ("tokens", "sentences", "tone", "crisis.hope", "tone.negative"):
        assert row[name] == expected[name], name


def test_the_threads_change_nothing(articles, scored):
    import framescope

    one = framescope.Scorer(jobs=1).score_tables(articles, tables=TABLES)
    for table in TABLES:
        assert one[table].equals(scored[table]), table


def test_lexicons_are_chosen_as_on_the_command_line(articles):
    import framescope

    scorer = framescope.Scorer(["crisis", "tone"])
    assert [l["id"] for l in scorer.lexicons] == ["crisis", "tone"]
    columns = scorer.score_batch(articles).column_names
    assert "crisis.hope" in columns and "policy.economic" not in columns


def test_schema_declares_what_batches_hold(scorer, scored):
    for table in TABLES:
        assert scorer.schema(table) == scored[table].schema, table
