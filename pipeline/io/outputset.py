"""One output folder holds one complete set of tables at a time, switched in atomically.

Layout of an output folder ``OUT``::

    OUT/.pressfacts/lock                the run lock (an OS file lock), naming the holder's pid
    OUT/.pressfacts/sets/<run>/         one complete set: every table and the manifest
    OUT/current -> .pressfacts/sets/<run>   the set in force: a symlink, replaced in one step
    OUT/<table>.<fmt>, OUT/manifest.json -> current/<same name>   stable links for people and tools

A run writes its whole set into a fresh folder under ``sets/`` (invisible to
readers), then replaces the ``current`` symlink with one ``rename``: a reader
sees the old set or the new one, never a mix, whatever is killed when. The
links at the top never change target, so they follow ``current``. Another
format's tables are simply not in the new set; their links are removed.
Sets other than the current one (a killed run's staging) are removed at the
next run's start, under the lock.

Readers (``review``, ``diff``, ``eval --pred``, incremental runs) call
:func:`open_output`, which checks every table against the manifest's sha256
and refuses a folder that does not match, naming the table.
"""

from __future__ import annotations

import errno
import fcntl
import os
import shutil
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

from pipeline.io.formats import DUCKDB_FILE, read_tables, typed
from pipeline.io.manifest import MANIFEST_FILE, Manifest, file_sha256, load_manifest
from pipeline.io.tables import TABLE_NAMES, columns_of

if TYPE_CHECKING:  # pandas is imported where a table is made: not at start-up
    import pandas as pd

STATE_DIR = ".pressfacts"
CURRENT = "current"
LEGACY_TABLE_SUFFIXES = (".csv", ".parquet", ".duckdb")


class OutputError(RuntimeError):
    """An output folder that is in use, or whose tables do not match their manifest."""


@dataclass(frozen=True)
class OutputSet:
    """A folder of tables to read: ``folder`` holds the files, ``manifest`` says what they are
    (None for a folder written by hand, without a manifest)."""

    folder: Path
    manifest: Manifest | None


class RunLock:
    """An exclusive lock on an output folder, held for a whole run (``flock``: the OS releases
    it when the process dies, so a killed run never leaves the folder locked)."""

    def __init__(self, out: str | Path, wait: bool = False, on_wait=None):
        self.path = Path(out) / STATE_DIR / "lock"
        self.wait = wait
        self.on_wait = on_wait
        self.handle: IO[str] | None = None

    def __enter__(self) -> RunLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+", encoding="utf-8")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.EACCES):
                handle.close()
                raise
            holder = self._holder(handle)
            if not self.wait:
                handle.close()
                raise OutputError(
                    f"{self.path.parent.parent}: in use by another pressfacts run (pid {holder}); "
                    "wait for it to finish, or pass --wait"
                ) from None
            if self.on_wait:
                self.on_wait(holder)
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        self.handle = handle
        return self

    @staticmethod
    def _holder(handle) -> str:
        handle.seek(0)
        return handle.read().strip() or "?"

    def __exit__(self, *exc_info) -> None:
        if self.handle is not None:
            self.handle.close()  # closing releases the lock
            self.handle = None


def _sets_dir(out: Path) -> Path:
    return out / STATE_DIR / "sets"


def current_set_dir(out: str | Path) -> Path | None:
    """The folder of the set in force, or None when ``out`` has no switched-in set."""
    link = Path(out) / CURRENT
    if not link.is_symlink():
        return None
    target = link.resolve()
    return target if target.is_dir() else None


def new_set_dir(out: str | Path) -> Path:
    """A fresh, empty folder for the set this run writes."""
    folder = _sets_dir(Path(out)) / f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    folder.mkdir(parents=True)
    return folder


def remove_leftovers(out: str | Path) -> list[Path]:
    """Remove every set but the current one, and staging files of the old in-place writer
    (call under the lock). Returns what was removed."""
    out = Path(out)
    keep = current_set_dir(out)
    removed = []
    sets = _sets_dir(out)
    if sets.is_dir():
        for folder in sets.iterdir():
            if keep is None or folder.resolve() != keep:
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
    for stray in out.glob(".*.tmp"):
        stray.unlink(missing_ok=True)
        removed.append(stray)
    return removed


def _replace_with_symlink(path: Path, target: str) -> None:
    """Point ``path`` at ``target`` in one step (over a file or an older link)."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.link")
    tmp.unlink(missing_ok=True)
    os.symlink(target, tmp)
    os.replace(tmp, path)


def switch_to(out: str | Path, set_dir: Path) -> None:
    """Make ``set_dir`` the folder's set: one atomic rename of the ``current`` link, then
    the stable top-level links, then the old sets go."""
    out = Path(out)
    names = sorted(p.name for p in set_dir.iterdir())
    for name in (CURRENT, *names):  # before the switch: the old set stays in force
        if (out / name).is_dir() and not (out / name).is_symlink():
            raise OutputError(
                f"{out / name}: a folder is in the way of the table link; move it and run again "
                "(the earlier tables are untouched)"
            )
    _fsync_dir(set_dir)  # the set's names are on disk before the switch
    _replace_with_symlink(out / CURRENT, os.path.relpath(set_dir, out))
    for name in names:
        link = out / name
        wanted = f"{CURRENT}/{name}"
        if not (link.is_symlink() and os.readlink(link) == wanted):
            _replace_with_symlink(link, wanted)
    for entry in out.iterdir():  # links to tables the new set does not have (another format)
        if entry.is_symlink() and os.readlink(entry).startswith(f"{CURRENT}/") and entry.name not in names:
            entry.unlink()
        elif (
            entry.is_file()
            and not entry.is_symlink()
            and entry.suffix in LEGACY_TABLE_SUFFIXES
            and entry.name not in names
            and _legacy_table(entry.name)
        ):
            entry.unlink()  # a table of the old in-place layout in another format
    remove_leftovers(out)


def _legacy_table(name: str) -> bool:
    return name.rsplit(".", 1)[0] in TABLE_NAMES or name == "pressfacts.duckdb"


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def open_output(out: str | Path) -> OutputSet:
    """The folder's tables, checked against their manifest. A folder switched in by a run is
    read from its current set; a folder of the older in-place layout from itself; either way
    every table must match the manifest's sha256. A folder with no manifest at all (written
    by hand or by :func:`pipeline.io.formats.write_tables`) is read as it is."""
    out = Path(out)
    if not out.is_dir():
        raise FileNotFoundError(f"{out}: no such output folder")
    folder = current_set_dir(out) or out
    manifest = load_manifest(folder)
    if manifest is None:
        if (folder / MANIFEST_FILE).exists():
            raise OutputError(f"{folder / MANIFEST_FILE}: unreadable manifest; run `pressfacts run` again")
        return OutputSet(folder, None)
    for name, digest in manifest.tables.items():
        path = folder / name
        if not path.is_file():
            raise OutputError(f"{out}: table {name} named by the manifest is missing; run `pressfacts run` again")
        if file_sha256(path) != digest:
            raise OutputError(
                f"{out}: table {name} does not match its manifest (changed after the run "
                "that wrote it, or a mixed set); run `pressfacts run` again"
            )
    return OutputSet(folder, manifest)


def folder_format(folder: str | Path) -> str:
    """``csv``, ``parquet`` or ``duckdb``, from the files in a folder that has no manifest."""
    folder = Path(folder)
    for fmt, name in (("csv", "documents.csv"), ("parquet", "documents.parquet"), ("duckdb", DUCKDB_FILE)):
        if (folder / name).exists():
            return fmt
    raise FileNotFoundError(
        f"{folder}: no documents table (documents.csv, documents.parquet or {DUCKDB_FILE}); "
        "is it an output folder of `pressfacts run`?"
    )


def read_folder(out_dir: str | Path, tables: list[str]) -> dict[str, pd.DataFrame]:
    """The named tables (offsets as integers, every other column as strings), from the set the
    folder's manifest vouches for, in the format it names (see :mod:`pipeline.io.outputset`)."""
    import pandas as pd

    found = open_output(out_dir)
    fmt = found.manifest.format if found.manifest else folder_format(found.folder)
    present, newer = [], []  # newer: tables a version after the one that wrote the set added
    for name in tables:
        path = found.folder / f"{name}.{fmt}"
        if fmt == "duckdb" or path.exists():
            present.append(name)
        elif found.manifest is not None:  # the manifest vouches for every table the set has
            newer.append(name)
        else:
            raise FileNotFoundError(f"{path}: no such table")
    escaped = found.manifest is not None and found.manifest.csv_cells == "escaped"
    frames = read_tables(found.folder, present, fmt, escaped)
    frames.update({name: typed(pd.DataFrame(columns=columns_of(name))) for name in newer})
    return frames
