"""framescope: the tone and framing of news articles, with auditable lexicon scores.

``Scorer`` compiles lexicons once and scores texts, pyarrow tables and pandas data frames; its
tables are those of ``framescope analyze`` (``articles``, ``frames``, ``matches``,
``sentences``), with the same numbers. ``compare`` compares groups from per-article counts.
``framescope.spark`` and ``framescope.dask`` run the scorer on those engines. See docs/python.md.
"""

import os

import pyarrow as pa
import pyarrow.csv as pacsv

from . import _arrow
from ._framescope import VERSION, NativeScorer
from .errors import (
    ColumnNotFoundError,
    ColumnTypeError,
    CountsError,
    FramescopeError,
    InputError,
    LexiconError,
    NullIdError,
    NullTextError,
    SkippedRecordsError,
)

__version__ = VERSION

__all__ = [
    "Scorer",
    "Comparison",
    "compare",
    "TABLES",
    "FramescopeError",
    "InputError",
    "ColumnNotFoundError",
    "ColumnTypeError",
    "NullTextError",
    "NullIdError",
    "SkippedRecordsError",
    "LexiconError",
    "CountsError",
]

#: The tables a batch gives, as `analyze` names its files (``articles.csv`` ...).
TABLES = ("articles", "frames", "matches", "sentences", "sources")

_ON_SKIPPED = ("raise", "drop")


class Scorer:
    """Lexicons compiled once, to score any number of texts and batches.

    ``lexicons``: ids of shipped lexicons or paths of lexicon files (every shipped lexicon when
    None), as ``--lexicon`` takes them; ``lexicon_dir``: a folder of lexicons to find ids in
    instead of the shipped ones. ``jobs``: scoring threads for a batch (all cores when None).
    A Scorer can be shared by threads; scoring releases the GIL.
    """

    def __init__(self, lexicons=None, lexicon_dir=None, jobs=None):
        if isinstance(lexicons, (str, os.PathLike)):
            lexicons = [lexicons]
        self._selection = [os.fspath(l) for l in lexicons or []]
        self._lexicon_dir = None if lexicon_dir is None else os.fspath(lexicon_dir)
        self._native = NativeScorer(self._selection, self._lexicon_dir)
        self.jobs = jobs

    def __reduce__(self):
        # Sent to workers as what it was built from; each compiles its own.
        return (_rebuild, (self._selection, self._lexicon_dir, self.jobs))

    def __repr__(self):
        ids = ", ".join(l["id"] for l in self.lexicons)
        return f"Scorer(lexicons=[{ids}])"

    @property
    def lexicons(self):
        """The lexicons compiled: id, name, language, version, whether it makes the tone, and its
        categories."""
        keys = ("id", "name", "language", "version", "tone", "categories")
        return [dict(zip(keys, l)) for l in self._native.lexicons()]

    def _fields(self, text_col, id_col, fields, keep, evidence, tables=TABLES):
        return {
            "tables": list(tables),
            "text_col": text_col,
            "id_col": id_col,
            "group_col": fields.get("group_col"),
            "title_col": fields.get("title_col"),
            "date_col": fields.get("date_col"),
            "story_col": fields.get("story_col"),
            "language_col": fields.get("language_col"),
            "keep": list(keep),
            "evidence": str(evidence),
            "jobs": self.jobs,
        }

    def score_tables(
        self,
        data,
        text_col="text",
        id_col="id",
        *,
        tables=TABLES,
        group_col=None,
        title_col=None,
        date_col=None,
        story_col=None,
        language_col=None,
        keep=(),
        evidence="all",
        on_skipped="raise",
    ):
        """Scores a batch (pyarrow Table or RecordBatch, or pandas DataFrame) and returns the
        ``tables`` asked for, as a dict of pyarrow Tables by name, each with the articles in
        the batch's order.

        Fields are found as ``analyze`` finds them in a file: by the names given, else by their
        usual names (a ``group``, ``title``, ``date``, ``story`` or ``language`` column).
        ``keep``: columns carried to the end of ``articles`` as they are. ``evidence``: the
        rows of ``matches``, ``"all"``, ``"none"`` or a number per article. ``on_skipped``:
        ``"raise"`` (a SkippedRecordsError for records that cannot be scored) or ``"drop"``
        (they are left out; ``last_skipped`` lists them).
        """
        unknown = [t for t in tables if t not in TABLES]
        if unknown:
            raise ValueError(f"no table {unknown[0]!r}: the tables are {', '.join(TABLES)}")
        if on_skipped not in _ON_SKIPPED:
            raise ValueError(f"on_skipped={on_skipped!r}: give 'raise' or 'drop'")
        named = {
            "group_col": group_col,
            "title_col": title_col,
            "date_col": date_col,
            "story_col": story_col,
            "language_col": language_col,
            "keep": list(keep),
        }
        table = _arrow.checked(data, text_col, id_col, named)
        fields = self._fields(text_col, id_col, named, keep, evidence, tables)
        if table.num_rows == 0:
            named_tables, skipped = self._native.empty_tables(fields)[:2]
        else:
            payload = _arrow.to_parquet(table)
            named_tables, skipped, _ = self._native.score_parquet(payload, _arrow.LABEL, fields)
        self.last_skipped = list(skipped)
        if skipped and on_skipped == "raise":
            listed = "; ".join(f"{where}: {why}" for where, why in skipped[:5])
            more = f" (and {len(skipped) - 5} more)" if len(skipped) > 5 else ""
            raise SkippedRecordsError(
                f"{len(skipped)} record(s) could not be scored: {listed}{more}; fix them, or "
                "pass on_skipped='drop' to score the others",
                skipped,
            )
        found = dict(named_tables)
        if "matches" in tables and "matches" not in found:
            raise ValueError("no matches table with evidence='none': ask for evidence='all'")
        return {name: _arrow.from_parquet(found[name]) for name in tables}

    def score_batch(self, data, text_col="text", id_col="id", **options):
        """The ``articles`` table of a batch (see ``score_tables``): one row per article, the
        columns of ``articles.csv``."""
        return self.score_tables(data, text_col, id_col, tables=("articles",), **options)[
            "articles"
        ]

    def frames(self, data, text_col="text", id_col="id", **options):
        """The ``frames`` table of a batch: one row per article and category."""
        return self.score_tables(data, text_col, id_col, tables=("frames",), **options)["frames"]

    def matches(self, data, text_col="text", id_col="id", **options):
        """The ``matches`` table of a batch: one row per match, with its place and weights."""
        return self.score_tables(data, text_col, id_col, tables=("matches",), **options)[
            "matches"
        ]

    def sentences(self, data, text_col="text", id_col="id", **options):
        """The ``sentences`` table of a batch: one row per sentence, with its tone and hits."""
        return self.score_tables(data, text_col, id_col, tables=("sentences",), **options)[
            "sentences"
        ]

    def score(self, text, *, title=None, language=None):
        """The ``articles`` row of one text, as a dict."""
        if not isinstance(text, str):
            raise ColumnTypeError(f"score takes a text (str), not a {type(text).__name__}")
        columns = {"id": ["text"], "text": [text]}
        if title is not None:
            columns["title"] = [str(title)]
        if language is not None:
            columns["language"] = [str(language)]
        return self.score_batch(pa.table(columns)).to_pylist()[0]

    def schema(self, table="articles", keep=()):
        """The pyarrow schema of a table of this scorer's batches (its columns follow the
        lexicons): what a Spark job or a Dask graph declares before any batch is scored."""
        if table not in TABLES:
            raise ValueError(f"no table {table!r}: the tables are {', '.join(TABLES)}")
        fields = self._fields("text", "id", {}, keep, "all")
        named = dict(self._native.empty_tables(fields)[0])
        return _arrow.from_parquet(named[table]).schema

    def compare(self, articles, frames, *, group_col="group", **options):
        """Compares groups of articles from their ``articles`` and ``frames`` rows; see
        ``framescope.compare``."""
        return compare(articles, frames, scorer=self, group_col=group_col, **options)


def _rebuild(selection, lexicon_dir, jobs):
    return Scorer(selection or None, lexicon_dir, jobs)


class Comparison:
    """The comparison of groups: ``table`` holds the rows of ``comparison.csv`` (a pyarrow
    Table), ``summary`` the words of ``summary.md``."""

    def __init__(self, table, summary):
        self.table = table
        self.summary = summary

    def to_pandas(self):
        return self.table.to_pandas()

    def __repr__(self):
        return f"Comparison({self.table.num_rows} rows)"


_ARTICLE_COUNTS = ("article_id", "tokens", "sentences", "tone")
_FRAME_COUNTS = ("article_id", "lexicon", "category", "hits", "negated", "score")


def _rows(table, columns, what):
    missing = [c for c in columns if c not in table.column_names]
    if missing:
        raise ColumnNotFoundError(
            f"no column `{missing[0]}` in the {what} rows, whose columns are "
            f"{', '.join(repr(c) for c in table.column_names)}; give the rows of the {what} "
            "table as framescope wrote them (summed per article, if at all)"
        )
    values = []
    for c in columns:
        column = table.column(c)
        null = _arrow._first_null(column) if c != "tone" else None
        if null is not None:
            raise InputError(f"{what} record {null + 1}: `{c}` is null; every count is needed")
        values.append(column.to_pylist())
    return values


def compare(
    articles,
    frames,
    *,
    scorer=None,
    group_col="group",
    baseline=None,
    max_units=10,
    bootstrap=2000,
    seed=None,
    alpha=0.05,
    adjust="bh",
    focus=(),
):
    """Compares groups of articles from per-article counts, with framescope's statistics (the
    cluster bootstrap over articles, tests adjusted within each family): ``articles`` holds one
    row per article (``article_id``, ``group_col``, ``tokens``, ``sentences``, ``tone``),
    ``frames`` one row per article and category (``article_id``, ``lexicon``, ``category``,
    ``hits``, ``negated``, ``score``), as ``score_tables`` returns them or a cluster engine
    gathers them; frames rows of one article and category are added up. The lexicons are the
    scorer's (every shipped lexicon when None) and must be those the rows were scored with.

    Settings are those of ``analyze``: ``baseline`` (a group to compare every other with),
    ``max_units``, ``bootstrap`` replicates (0: no interval), ``seed``, ``alpha``, ``adjust``
    (``"bh"``, ``"holm"`` or ``"none"``) and ``focus`` (the categories of the hypothesis).
    Without sentences and matches, no keyness, no same-story pairs and no article-by-article
    comparison is made: compare an output folder of ``analyze`` for those.
    """
    scorer = scorer if scorer is not None else Scorer()
    articles = _arrow.as_table(articles)
    frames = _arrow.as_table(frames)
    ids, tokens, sentences, tones = _rows(articles, _ARTICLE_COUNTS, "articles")
    if group_col not in articles.column_names:
        raise ColumnNotFoundError(
            f"no column `{group_col}` (the groups) in the articles rows; name it with group_col="
        )
    groups = ["" if g is None else str(g) for g in articles.column(group_col).to_pylist()]
    tones = [None if t is None or t != t else float(t) for t in tones]
    article_rows = list(
        zip((str(i) for i in ids), groups, (int(t) for t in tokens), (int(s) for s in sentences), tones)
    )
    f_ids, lexicons, categories, hits, negated, scores = _rows(frames, _FRAME_COUNTS, "frames")
    frame_rows = list(
        zip(
            (str(i) for i in f_ids),
            lexicons,
            categories,
            (int(h) for h in hits),
            (int(n) for n in negated),
            (0.0 if s is None or s != s else float(s) for s in scores),
        )
    )
    settings = {
        "baseline": baseline,
        "max_units": int(max_units),
        "bootstrap": int(bootstrap),
        "seed": seed,
        "alpha": float(alpha),
        "adjust": adjust,
        "focus": [focus] if isinstance(focus, str) else list(focus),
    }
    csv, numbers, flags, summary = scorer._native.compare(article_rows, frame_rows, settings)
    header = csv.split(b"\n", 1)[0].decode().split(",")
    types = {
        name: pa.float64() if name in numbers else pa.bool_() if name in flags else pa.string()
        for name in header
    }
    table = pacsv.read_csv(
        pa.py_buffer(csv),
        convert_options=pacsv.ConvertOptions(column_types=types, quoted_strings_can_be_null=False),
    )
    return Comparison(table, summary)
