"""Reading the extractors' language data files, shared by every extractor package.

Data files are UTF-8 text beside the extractor that uses them (``<package>/data/``):
one entry a line, tab-separated columns, ``#`` comment lines (each file opens with
its provenance) and blank lines skipped. Regexes are built from them at import time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path


class DataDir:
    """The ``data/`` folder beside a module: ``DataDir(__file__).rows("months.tsv")``."""

    def __init__(self, module_file: str):
        self.path = Path(module_file).resolve().parent / "data"

    def rows(self, name: str) -> list[list[str]]:
        """Tab-separated rows, without comment and blank lines."""
        lines = (self.path / name).read_text(encoding="utf-8").splitlines()
        return [line.split("\t") for line in lines if line.strip() and not line.lstrip().startswith("#")]

    def lines(self, name: str) -> list[str]:
        """The first column of every row, stripped."""
        return [row[0].strip() for row in self.rows(name)]

    def words(self, name: str) -> frozenset[str]:
        """The first column of every row, lower-cased, as a set."""
        return frozenset(line.lower() for line in self.lines(name))


def matched_phrase(matched: str) -> str:
    """The phrase an ``alternation`` match stands for: its white space one space and its
    apostrophes straight (`United\nStates` -> `United States`), for looking the phrase up."""
    return " ".join(matched.split()).replace("’", "'")


def alternation(phrases: Iterable[str]) -> str:
    """A regex alternation of literal phrases, longest first; white space between words
    matches any white space and an apostrophe matches either form (`'`, `’`)."""
    ordered = sorted(set(phrases), key=lambda p: (-len(p), p))  # a fixed order: the same regex every run
    return "|".join(r"\s+".join(re.escape(word) for word in phrase.split()).replace("'", "['’]") for phrase in ordered)
