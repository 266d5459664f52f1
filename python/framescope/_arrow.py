"""Arrow data in and out of the native module: batches checked and written as Parquet in
memory, tables read back from the Parquet bytes the native module writes."""

import pyarrow as pa
import pyarrow.parquet as pq

from .errors import ColumnNotFoundError, ColumnTypeError, NullIdError, NullTextError

# How the records of a batch are named in messages: `batch:record N`.
LABEL = "batch"


def as_table(data):
    """A pyarrow Table from a Table, a RecordBatch, a pandas DataFrame, or another data frame
    that hands over Arrow data (a polars DataFrame, say)."""
    if isinstance(data, pa.Table):
        return data
    if isinstance(data, pa.RecordBatch):
        return pa.Table.from_batches([data])
    try:
        import pandas as pd
    except ImportError:  # pragma: no cover - pandas is optional
        pd = None
    if pd is not None and isinstance(data, pd.DataFrame):
        return pa.Table.from_pandas(data, preserve_index=False)
    if hasattr(data, "to_arrow"):
        return as_table(data.to_arrow())
    raise TypeError(
        f"cannot score a {type(data).__name__}: give a pyarrow Table or RecordBatch, "
        "or a pandas DataFrame"
    )


def _is_text(kind):
    if pa.types.is_dictionary(kind):
        return _is_text(kind.value_type)
    return (
        pa.types.is_string(kind)
        or pa.types.is_large_string(kind)
        or getattr(pa.types, "is_string_view", lambda _: False)(kind)
    )


def _column(table, name, role, argument):
    if name not in table.column_names:
        raise ColumnNotFoundError(
            f"no column `{name}` ({role}) in the batch, whose columns are "
            f"{', '.join(repr(c) for c in table.column_names) or 'none'}; "
            f"name the {role} column with {argument}="
        )
    return table.column(name)


def _first_null(column):
    """The 0-based position of the first null value of a column."""
    offset = 0
    for chunk in column.chunks:
        if chunk.null_count:
            valid = chunk.is_valid().to_pylist()
            return offset + valid.index(False)
        offset += len(chunk)
    return None


def _record(table, id_col, i):
    """`record N` (from 1), with the record's id when it has one."""
    where = f"{LABEL}:record {i + 1}"
    if id_col is not None and id_col in table.column_names:
        value = table.column(id_col)[i].as_py()
        if value is not None:
            where += f" (id {value!r})"
    return where


def checked(data, text_col, id_col, fields):
    """`data` as a pyarrow Table, checked: the text column holds strings and no null, the id
    column strings or integers and no null, every other column named is there."""
    table = as_table(data)
    text = _column(table, text_col, "text", "text_col")
    if not _is_text(text.type):
        raise ColumnTypeError(
            f"column `{text_col}` (text) holds {text.type}, not strings; give the column of "
            "the articles' texts with text_col=, or convert it to strings first"
        )
    null = _first_null(text)
    if null is not None:
        raise NullTextError(
            f"{_record(table, id_col, null)}: the text in column `{text_col}` is null "
            f"({text.null_count} record(s) have none); drop or fill those records first, "
            f"e.g. df.dropna(subset=[{text_col!r}])"
        )
    if id_col is not None:
        ids = _column(table, id_col, "id", "id_col")
        if not (_is_text(ids.type) or pa.types.is_integer(ids.type)):
            raise ColumnTypeError(
                f"column `{id_col}` (id) holds {ids.type}, not strings or integers; "
                "convert it to strings first"
            )
        null = _first_null(ids)
        if null is not None:
            raise NullIdError(
                f"{_record(table, None, null)}: the id in column `{id_col}` is null "
                f"({ids.null_count} record(s) have none); give every record an id, so its "
                "rows can be told from the others' whatever the batch"
            )
    for argument, name in fields.items():
        for one in [] if name is None else [name] if isinstance(name, str) else name:
            _column(table, one, argument.removesuffix("_col"), argument)
    # Every column goes across, so that fields are found by their usual names (a `group`,
    # `date` or `title` column) as `analyze` finds them in a file.
    return table


def to_parquet(table):
    """The table as the bytes of a Parquet file (uncompressed: it only crosses memory)."""
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink, compression="none")
    return sink.getvalue().to_pybytes()


def from_parquet(data):
    """A pyarrow Table from the bytes of a Parquet file the native module wrote."""
    # ParquetFile over an in-memory buffer: read_table over a BufferReader has been seen to
    # abort at interpreter exit with pyarrow 26.
    return pq.ParquetFile(pa.py_buffer(data)).read()
