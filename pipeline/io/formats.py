"""Write and read the tables in each output format, atomically.

Formats: ``csv`` (one ``<table>.csv`` per table), ``parquet`` (one
``<table>.parquet`` per table, pyarrow) and ``duckdb`` (every table in one
``pressfacts.duckdb``). The rows and the types are the same in each: offsets,
lengths and counts are 64-bit integers (``errors.line`` may be empty), every
other column is a string. CSV is written from the rows by the standard library's
writer (the one pandas' ``to_csv`` drives, so the bytes are the same), which spares a
CSV run the import of pandas and a copy of every table; Parquet and DuckDB go through
pandas frames and Arrow.

Every file is first written beside its target under a temporary name, and
renamed into place only once all of them are complete (extra files such as
the run manifest last), so a crash or Ctrl-C never leaves a half-written table.
"""

from __future__ import annotations

import csv
import os
import re
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.io.tables import columns_of, to_frames

if TYPE_CHECKING:  # pandas is imported where a table is made: not at start-up
    import pandas as pd

FORMATS = ("csv", "parquet", "duckdb")
DUCKDB_FILE = "pressfacts.duckdb"
NULLABLE_INT_COLUMNS = {"line"}


def is_int_column(column: str) -> bool:
    return column in ("start", "end", "n_chars", "line") or column.startswith("n_")


def typed(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with the tables' types: int64 (nullable for ``line``) or str."""
    import pandas as pd

    frame = frame.copy()
    for column in frame.columns:
        if column in NULLABLE_INT_COLUMNS:
            frame[column] = pd.to_numeric(frame[column].replace("", None), errors="raise").astype("Int64")
        elif is_int_column(column):
            frame[column] = frame[column].astype("int64")
        else:
            frame[column] = frame[column].astype(object).fillna("").map(str).astype(object)
    return frame


# A cell a spreadsheet would run as a formula (OWASP "CSV injection"); plain numbers are safe.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def _is_formula_like(value: str) -> bool:
    """A lone ``=`` (a qualifier) or ``-`` runs nothing; a plain number is a number."""
    rest = value.lstrip("'")
    return len(rest) > 1 and rest.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(rest)


def escape_cell(value: str) -> str:
    """``=HYPERLINK(...)`` -> ``'=HYPERLINK(...)`` (OWASP), reversibly: a value that already
    starts with quotes before a formula character gets one more."""
    return "'" + value if _is_formula_like(value) else value


def unescape_cell(value: str) -> str:
    """The inverse of :func:`escape_cell`."""
    return value[1:] if value.startswith("'") and _is_formula_like(value) else value


def table_files(tables: list[str], fmt: str) -> list[str]:
    """The file names a format writes for ``tables``."""
    if fmt == "duckdb":
        return [DUCKDB_FILE]
    return [f"{name}.{fmt}" for name in tables]


def _arrow_table(frame: pd.DataFrame):
    import pyarrow as pa

    schema = pa.schema([(c, pa.int64() if is_int_column(c) else pa.string()) for c in frame.columns])
    return pa.Table.from_pandas(frame, schema=schema, preserve_index=False)


def csv_cell(column: str, value: Any, escape: bool) -> str:
    """A cell as :func:`typed` makes it: an integer column's number (``line`` may be empty),
    any other column's value as a string (``None`` empty)."""
    if is_int_column(column):
        return "" if column in NULLABLE_INT_COLUMNS and value in ("", None) else str(int(value))
    cell = "" if value is None else str(value)
    return escape_cell(cell) if escape else cell


def _write_csv(columns: list[str], rows: list[dict], escape: bool, path: Path) -> None:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([csv_cell(c, row.get(c), escape) for c in columns] for row in rows)
        handle.flush()
        os.fsync(handle.fileno())


def _write_parquet(frame: pd.DataFrame, path: Path) -> None:
    import pyarrow.parquet as pq

    pq.write_table(_arrow_table(frame), path)


def _write_duckdb(frames: dict[str, pd.DataFrame], path: Path) -> None:
    import duckdb

    with duckdb.connect(str(path)) as connection:
        for name, frame in frames.items():
            arrow = _arrow_table(frame)  # noqa: F841 (read by name by the query below)
            connection.execute(f'CREATE TABLE "{name}" AS SELECT * FROM arrow')
        connection.execute("CHECKPOINT")


def _write_bytes(data: bytes, path: Path) -> None:
    path.write_bytes(data)


def _staged_path(out: Path, name: str) -> Path:
    """A fresh, not yet existing path beside ``out/name`` (DuckDB will not open an empty file)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=out)
    os.close(fd)
    os.unlink(tmp)
    return Path(tmp)


def write_tables(
    tables: dict[str, list[dict]],
    out_dir: str | Path,
    fmt: str = "csv",
    extra_files: Callable[[dict[str, Path]], dict[str, bytes]] | None = None,
    escape_csv: bool = False,
) -> list[Path]:
    """Write ``tables`` (table name -> rows, in the columns :func:`pipeline.io.tables.columns_of`
    gives) in ``fmt``, all or nothing. ``extra_files`` maps the staged table files (final name ->
    temporary path) to more files to write after them (name -> bytes), e.g. a manifest holding the
    tables' checksums. ``escape_csv``: CSV cells that would run as a spreadsheet formula start with
    ``'`` (:func:`escape_cell`)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown output format {fmt!r} (one of {', '.join(FORMATS)})")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    jobs: list[tuple[str, Callable[[Path], None]]] = []
    if fmt == "csv":
        for name, rows in tables.items():
            jobs.append((f"{name}.csv", partial(_write_csv, columns_of(name), rows, escape_csv)))
    else:
        frames = {name: typed(frame) for name, frame in to_frames(tables).items()}
        if fmt == "duckdb":
            jobs.append((DUCKDB_FILE, lambda path: _write_duckdb(frames, path)))
        else:
            for name, frame in frames.items():
                jobs.append((f"{name}.parquet", partial(_write_parquet, frame)))
    staged: list[tuple[Path, Path]] = []

    def stage(name: str, write: Callable[[Path], None]) -> None:
        tmp = _staged_path(out, name)
        staged.append((tmp, out / name))
        write(tmp)

    try:
        for name, write in jobs:
            stage(name, write)
        if extra_files is not None:
            for name, data in extra_files({target.name: tmp for tmp, target in staged}).items():
                stage(name, partial(_write_bytes, data))
    except BaseException:
        for tmp, _ in staged:
            tmp.unlink(missing_ok=True)
            Path(f"{tmp}.wal").unlink(missing_ok=True)
        raise
    for tmp, target in staged:
        os.replace(tmp, target)
    return [target for _, target in staged]


def read_tables(
    out_dir: str | Path, tables: list[str], fmt: str = "csv", escaped_csv: bool = False
) -> dict[str, pd.DataFrame]:
    """The tables written by :func:`write_tables`, with their types (and CSV cells unescaped
    when they were written with ``escape_csv``)."""
    import pandas as pd

    out = Path(out_dir)
    if fmt == "csv":
        frames = {name: pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False) for name in tables}
        if escaped_csv:
            frames = {name: frame.map(unescape_cell) for name, frame in frames.items()}
    elif fmt == "parquet":
        import pyarrow.parquet as pq

        frames = {name: pq.read_table(out / f"{name}.parquet").to_pandas() for name in tables}
    elif fmt == "duckdb":
        import duckdb

        with duckdb.connect(str(out / DUCKDB_FILE), read_only=True) as connection:
            frames = {name: connection.sql(f'SELECT * FROM "{name}"').to_arrow_table().to_pandas() for name in tables}
    else:
        raise ValueError(f"unknown output format {fmt!r} (one of {', '.join(FORMATS)})")
    return {name: typed(frame) for name, frame in frames.items()}
