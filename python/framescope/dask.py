"""framescope on Dask: a dask DataFrame of articles scored partition by partition
(``map_partitions``), with the output's columns and dtypes declared as ``meta``."""

from . import TABLES
from ._workers import scorer_for


def meta(table="articles", *, lexicons=None, lexicon_dir=None, keep=()):
    """The empty pandas DataFrame of a table's columns and dtypes."""
    scorer = scorer_for(lexicons, lexicon_dir, 1)
    return scorer.schema(table, keep).empty_table().to_pandas()


def _score_partition(partition, text_col, id_col, table, lexicons, lexicon_dir, jobs, options):
    scorer = scorer_for(lexicons, lexicon_dir, jobs)
    scored = scorer.score_tables(partition, text_col, id_col, tables=(table,), **options)
    return scored[table].to_pandas()


def score(
    ddf,
    text_col="text",
    id_col="id",
    *,
    table="articles",
    lexicons=None,
    lexicon_dir=None,
    jobs=1,
    **options,
):
    """A dask DataFrame of the ``table`` of the articles of ``ddf`` (see ``framescope.spark``
    for the arguments); its index restarts in each partition."""
    if table not in TABLES:
        raise ValueError(f"no table {table!r}: the tables are {', '.join(TABLES)}")
    lexicons = list(lexicons) if lexicons is not None else None
    declared = meta(table, lexicons=lexicons, lexicon_dir=lexicon_dir, keep=options.get("keep", ()))
    return ddf.map_partitions(
        _score_partition,
        text_col,
        id_col,
        table,
        lexicons,
        lexicon_dir,
        jobs,
        options,
        meta=declared,
    )
