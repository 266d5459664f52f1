"""framescope on Spark: a DataFrame of articles scored by ``mapInArrow``, each task with the
Scorer of its worker process. The package must be installed on the workers (docs/python.md)."""

from . import TABLES
from ._workers import nullable, scorer_for


def score(
    df,
    text_col="text",
    id_col="id",
    *,
    table="articles",
    lexicons=None,
    lexicon_dir=None,
    jobs=1,
    **options,
):
    """A Spark DataFrame of the ``table`` (``articles``, ``frames``, ``matches``,
    ``sentences`` or ``sources``) of the articles of ``df``, its schema declared from the
    lexicons. ``options`` are those of ``Scorer.score_tables`` (``group_col``, ``keep``,
    ``on_skipped`` ...). ``jobs``: scoring threads per task (Spark runs tasks side by side)."""
    from pyspark.sql.pandas.types import from_arrow_schema

    if table not in TABLES:
        raise ValueError(f"no table {table!r}: the tables are {', '.join(TABLES)}")
    lexicons = list(lexicons) if lexicons is not None else None
    schema = nullable(scorer_for(lexicons, lexicon_dir, jobs).schema(table, options.get("keep", ())))
    declared = from_arrow_schema(schema)

    def score_partition(batches):
        scorer = scorer_for(lexicons, lexicon_dir, jobs)
        for batch in batches:
            scored = scorer.score_tables(batch, text_col, id_col, tables=(table,), **options)
            yield from scored[table].cast(schema).to_batches()

    return df.mapInArrow(score_partition, declared)
