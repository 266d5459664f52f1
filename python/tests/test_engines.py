"""The same articles scored on Spark (local[2]) and Dask (a LocalCluster), in 1 and 4
partitions, give the same rows, and the command line's numbers."""

import pytest

from conftest import assert_same_rows, read_csv

TABLES = ("articles", "frames")


def sorted_rows(frame, table):
    keys = ["article_id"] + (["lexicon", "category"] if table == "frames" else [])
    return frame.sort_values(keys).reset_index(drop=True)


def as_arrow(frame, scorer, table):
    import pyarrow as pa

    return pa.Table.from_pandas(frame, preserve_index=False).cast(scorer.schema(table))


@pytest.fixture(scope="module")
def spark():
    pytest.importorskip("pyspark")
    import os
    import shutil
    import sys

    if shutil.which("java") is None and "JAVA_HOME" not in os.environ:
        pytest.skip("Spark needs Java, and none is installed: the Spark tests are skipped")

    from pyspark.sql import SparkSession

    # The workers run this interpreter, in which the package is installed.
    os.environ["PYSPARK_PYTHON"] = sys.executable

    session = (
        SparkSession.builder.master("local[2]")
        .appName("framescope-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "2")
        .getOrCreate()
    )
    yield session
    session.stop()


@pytest.fixture(scope="module")
def dask_client():
    pytest.importorskip("dask.dataframe")
    distributed = pytest.importorskip("distributed")
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    client = distributed.Client(cluster)
    yield client
    client.close()
    cluster.close()


@pytest.mark.parametrize("table", TABLES)
def test_spark_partitions_give_the_cli_rows(spark, scorer, articles, cli_run, table):
    import framescope.spark

    df = spark.createDataFrame(articles.to_pandas())
    results = []
    for partitions in (1, 4):
        scored = framescope.spark.score(df.repartition(partitions), table=table).toPandas()
        results.append(sorted_rows(scored, table))
    assert results[0].equals(results[1])
    expected = read_csv(cli_run / f"{table}.csv")
    key = (lambda r: r["article_id"]) if table == "articles" else (
        lambda r: (r["article_id"], r["lexicon"], r["category"]))
    assert_same_rows(sorted(expected, key=key), as_arrow(results[0], scorer, table), table)


@pytest.mark.parametrize("table", TABLES)
def test_dask_partitions_give_the_cli_rows(dask_client, scorer, articles, cli_run, table):
    import dask.dataframe as dd

    import framescope.dask

    frame = articles.to_pandas()
    results = []
    for partitions in (1, 4):
        ddf = dd.from_pandas(frame, npartitions=partitions)
        scored = framescope.dask.score(ddf, table=table).compute()
        results.append(sorted_rows(scored, table))
    assert results[0].equals(results[1])
    expected = read_csv(cli_run / f"{table}.csv")
    key = (lambda r: r["article_id"]) if table == "articles" else (
        lambda r: (r["article_id"], r["lexicon"], r["category"]))
    assert_same_rows(sorted(expected, key=key), as_arrow(results[0], scorer, table), table)


def test_dask_meta_is_what_partitions_hold(scorer, articles):
    import framescope.dask

    meta = framescope.dask.meta("articles")
    scored = scorer.score_batch(articles).to_pandas()
    assert list(meta.columns) == list(scored.columns)
    assert list(meta.dtypes) == list(scored.dtypes)
