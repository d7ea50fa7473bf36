"""The run manifest: what an output folder's tables were extracted from, and by what.

``manifest.json`` sits beside the tables and is renamed into place after
them. It records the pipeline version (the package version plus a hash of
its code and data files), the configuration fingerprint, the output format,
the sha256 of every table file and, for every document in the tables, its
id, source, text sha256 and date. A later run reuses a document's rows only
when all of these still hold; anything else means extracting again.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path

from pipeline.io.reader import InputDocument

MANIFEST_FILE = "manifest.json"
MANIFEST_SCHEMA = 1
PACKAGE_DIR = Path(__file__).resolve().parent.parent  # the whole pipeline package
# Files whose content can change the output (examples corpora are test data).
CODE_SUFFIXES = (".py", ".txt", ".tsv", ".json", ".toml", ".yaml")


def pipeline_version() -> str:
    """``<package version>+<hash of the package's code and data>``: any edit changes it
    (a few milliseconds: computed when needed, not cached)."""
    from pipeline.version import __version__

    digest = hashlib.sha256()
    for path in sorted(PACKAGE_DIR.rglob("*")):
        if path.suffix in CODE_SUFFIXES and path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return f"{__version__}+{digest.hexdigest()[:12]}"


@dataclass(frozen=True)
class DocumentEntry:
    doc_id: str
    source: str
    sha256: str
    date: str
    date_source: str

    @classmethod
    def of(cls, item: InputDocument) -> DocumentEntry:
        return cls(item.doc_id, item.source, item.sha256, item.date or "", item.date_source)


@dataclass(frozen=True)
class Manifest:
    pipeline_version: str
    configuration: str
    format: str
    tables: dict[str, str]  # file name -> sha256 of its bytes
    documents: list[DocumentEntry]  # in table order
    csv_cells: str = "raw"  # "escaped": CSV cells that a spreadsheet would run as a formula start with '

    def to_bytes(self) -> bytes:
        data = {"schema": MANIFEST_SCHEMA, **asdict(self)}
        return (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def load_manifest(out_dir: str | Path) -> Manifest | None:
    """The folder's manifest, or None when there is none or it is unreadable."""
    path = Path(out_dir) / MANIFEST_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("schema") != MANIFEST_SCHEMA:
            return None
        return Manifest(
            data["pipeline_version"],
            data["configuration"],
            data["format"],
            dict(data["tables"]),
            [DocumentEntry(**entry) for entry in data["documents"]],
            data.get("csv_cells", "raw"),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def why_stale(
    manifest: Manifest | None, out_dir: str | Path, configuration: str, fmt: str, csv_cells: str = "raw"
) -> str | None:
    """Why ``manifest``'s tables cannot be reused by this run, or None when they can."""
    if manifest is None:
        return "no manifest"
    if manifest.pipeline_version != pipeline_version():
        return f"pipeline version changed ({manifest.pipeline_version} -> {pipeline_version()})"
    if manifest.configuration != configuration:
        return "configuration changed"
    if manifest.format != fmt:
        return f"output format changed ({manifest.format} -> {fmt})"
    if manifest.csv_cells != csv_cells:
        return f"CSV cells changed ({manifest.csv_cells} -> {csv_cells})"
    for name, digest in manifest.tables.items():
        path = Path(out_dir) / name
        if not path.is_file() or file_sha256(path) != digest:
            return f"{name} is missing or was changed after the run that wrote it"
    return None
