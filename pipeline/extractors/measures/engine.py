"""quantulum3, wrapped: its quantities in a stretch of a document, with exact offsets.

quantulum3 (0.10.0, without its optional classifier) finds quantities and names their units
and dimensions. It parses the text it is given after rewriting it (number words become
digits, dashes become hyphens), so the offsets it reports may drift from the document's:
every quantity is checked against the document text and moved onto its surface, or dropped
when the surface is not there. Its first call configures the root logger
(``logging.basicConfig``); the wrapper takes back any handler it adds, so that importing
pressfacts changes no logging. Its warning that the optional classifier is missing is
expected (units are disambiguated by context words instead) and silenced.

quantulum3 pluralises unit names with inflect 7, whose every method carries typeguard's
``@typechecked``: the decorator rewrites each method at import and type-checks every call,
which cost 1.9 s of importing and 1.9 s of loading the unit inventory in each process (half
of a one-document run). quantulum3 passes plain strings; while inflect is first imported the
decorator is the identity (:func:`_inflect_unchecked`), and it is restored right after.
"""

from __future__ import annotations

import logging
import sys
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NamedTuple

import typeguard


@contextmanager
def _inflect_unchecked() -> Iterator[None]:
    """Import inflect (through quantulum3) with typeguard's decorator as the identity."""
    if "inflect" in sys.modules:  # imported already, checked or not: nothing to change
        yield
        return
    checked = typeguard.typechecked

    def unchecked(target=None, **_options):
        return target if target is not None else (lambda function: function)

    setattr(typeguard, "typechecked", unchecked)  # noqa: B010  # a module attribute, swapped for one import
    try:
        import inflect  # noqa: F401  # imported here, under the swap

        yield
    finally:
        setattr(typeguard, "typechecked", checked)  # noqa: B010


with warnings.catch_warnings(), _inflect_unchecked():
    warnings.filterwarnings("ignore", message="Classifier dependencies not installed", category=UserWarning)
    from quantulum3 import classes as quantulum_classes
    from quantulum3 import parser as quantulum_parser

LANG = "en_US"
SURFACE_DRIFT = 12  # characters a quantity's surface may have moved from the offset reported


class Quantity(NamedTuple):
    """A quantity quantulum3 found, offsets into the document text."""

    start: int
    end: int
    unit: quantulum_classes.Unit
    is_range: bool  # quantulum3 joined a range (`12-14 oz`) into one quantity


def quantities(text: str, start: int, end: int) -> list[Quantity]:
    """quantulum3's quantities in ``text[start:end]``, each placed exactly on its surface."""
    window = text[start:end]
    found = []
    for q in _parse(window):
        begin = _locate(window, q.surface, q.span[0])
        if begin is None:
            continue
        found.append(Quantity(start + begin, start + begin + len(q.surface), q.unit, q.uncertainty is not None))
    return found


def _parse(text: str) -> list:
    root = logging.getLogger()
    handlers = list(root.handlers)
    try:
        return quantulum_parser.parse(text, lang=LANG)
    finally:
        for handler in [h for h in root.handlers if h not in handlers]:
            root.removeHandler(handler)


def _locate(window: str, surface: str, reported: int) -> int | None:
    """Where ``surface`` stands in ``window``: at the reported offset, else the nearest
    occurrence within :data:`SURFACE_DRIFT` characters of it."""
    if not surface:
        return None
    if window.startswith(surface, reported):
        return reported
    lo = max(0, reported - SURFACE_DRIFT)
    hits = []
    at = window.find(surface, lo, reported + SURFACE_DRIFT + len(surface))
    while at != -1:
        hits.append(at)
        at = window.find(surface, at + 1, reported + SURFACE_DRIFT + len(surface))
    return min(hits, key=lambda h: abs(h - reported)) if hits else None


def unit_from_parts(parts: list[tuple[str, int]], context: str) -> quantulum_classes.Unit:
    """The unit quantulum3 builds from named units and powers (``[("tonne", 1), ("year", -1)]``
    -> ``tonne per year``; ``[("kilometre", 2)]`` -> ``square kilometre``)."""
    dimensions = [{"base": base, "power": power} for base, power in parts]
    return quantulum_parser.get_unit_from_dimensions(dimensions, context, LANG)
