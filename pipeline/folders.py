"""Read an output folder's tables back, whichever format ``pressfacts run --format`` wrote."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .writers import DUCKDB_FILE, read_tables


def folder_format(out_dir: str | Path) -> str:
    """``csv``, ``parquet`` or ``duckdb``, from the files in ``out_dir``."""
    folder = Path(out_dir)
    for fmt, name in (("csv", "documents.csv"), ("parquet", "documents.parquet"), ("duckdb", DUCKDB_FILE)):
        if (folder / name).exists():
            return fmt
    raise FileNotFoundError(f"{folder}: no documents table (documents.csv, documents.parquet or {DUCKDB_FILE}); "
                            "is it an output folder of `pressfacts run`?")


def read_folder(out_dir: str | Path, tables: list[str]) -> dict[str, pd.DataFrame]:
    """The named tables (offsets as integers, every other column as strings)."""
    fmt = folder_format(out_dir)
    if fmt != "duckdb":
        for name in tables:
            path = Path(out_dir) / f"{name}.{fmt}"
            if not path.exists():
                raise FileNotFoundError(f"{path}: no such table")
    return read_tables(out_dir, tables, fmt)
