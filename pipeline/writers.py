"""Write tables atomically: every file is written beside its target and renamed into place
only once all of them are complete, so a crash or Ctrl-C never leaves a half-written CSV."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pandas as pd


def write_csv_tables(frames: dict[str, pd.DataFrame], out_dir: str | Path) -> list[Path]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    staged: list[tuple[str, Path]] = []
    try:
        for name, frame in frames.items():
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".csv.tmp", dir=out)
            staged.append((tmp, out / f"{name}.csv"))
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                frame.to_csv(handle, index=False, lineterminator="\n")
                handle.flush()
                os.fsync(handle.fileno())
    except BaseException:
        for tmp, _ in staged:
            os.unlink(tmp)
        raise
    for tmp, target in staged:
        os.replace(tmp, target)
    return [target for _, target in staged]
