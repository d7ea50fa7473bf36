"""Read an output folder's tables back, whichever format ``pressfacts run --format`` wrote."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .outputset import open_output
from .writers import DUCKDB_FILE, read_tables


def folder_format(folder: str | Path) -> str:
    """``csv``, ``parquet`` or ``duckdb``, from the files in a folder that has no manifest."""
    folder = Path(folder)
    for fmt, name in (("csv", "documents.csv"), ("parquet", "documents.parquet"), ("duckdb", DUCKDB_FILE)):
        if (folder / name).exists():
            return fmt
    raise FileNotFoundError(f"{folder}: no documents table (documents.csv, documents.parquet or {DUCKDB_FILE}); "
                            "is it an output folder of `pressfacts run`?")


def read_folder(out_dir: str | Path, tables: list[str]) -> dict[str, pd.DataFrame]:
    """The named tables (offsets as integers, every other column as strings), from the set the
    folder's manifest vouches for, in the format it names (see :mod:`pipeline.outputset`)."""
    found = open_output(out_dir)
    fmt = found.manifest.format if found.manifest else folder_format(found.folder)
    if fmt != "duckdb":
        for name in tables:
            path = found.folder / f"{name}.{fmt}"
            if not path.exists():
                raise FileNotFoundError(f"{path}: no such table")
    escaped = found.manifest is not None and found.manifest.csv_cells == "escaped"
    return read_tables(found.folder, tables, fmt, escaped)
