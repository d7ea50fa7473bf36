"""The units a measure may have, by the forms they are written in: quantulum3's own inventory
(its units.json: names, plurals, symbols) for the dimensions in ``data/dimensions.txt``, less
the forms that after a number in a release are something else (``data/not_units.txt``), plus
the forms it lacks (``data/units.tsv``) and the forms a context word decides
(``data/unit_context.tsv``). Unit names and dimensions are quantulum3's.

Loading quantulum3's inventory takes a second or two: it is read on first use, not at import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from pipeline.core.lexicon import DataDir
from pipeline.extractors.measures import engine

DATA = DataDir(__file__)
TIME = "time"  # a time unit is a rate's denominator (`per day`, `/h`), never a measure alone
UNKNOWN = "unknown"  # quantulum3's dimension for a compound it cannot name


@dataclass(frozen=True)
class Unit:
    name: str  # quantulum3's name: `square metre`, `tonne per day`
    dimension: str  # quantulum3's entity: `area`, `mass flow`; '' when neither it nor the data names one


class Inventory:
    """Every accepted unit form: ``symbols`` keep their case (`MW` is not `mW`), ``names`` are
    lower case (`Square Meters`); each maps to the quantulum3 unit names it may stand for."""

    def __init__(self) -> None:
        from quantulum3 import load

        self.library = load.units(engine.LANG)
        self.dimensions = DATA.words("dimensions.txt")
        excluded = set(DATA.lines("not_units.txt"))
        self.symbols: dict[str, set[str]] = {}
        self.names: dict[str, set[str]] = {}
        self.time_forms: dict[str, str] = {}  # `h`, `day`, `years` -> hour, day, year
        # after `/` or `per` a short symbol is a unit again (`g/t`: gram per tonne)
        self.denominators: dict[str, set[str]] = {}
        for unit in self.library.names.values():
            entity = unit.entity.name
            if entity != TIME and entity not in self.dimensions:
                continue
            for symbol in unit.symbols:
                if entity == TIME:
                    self.time_forms.setdefault(symbol, unit.name)
                    continue
                self.denominators.setdefault(symbol, set()).add(unit.name)
                if symbol not in excluded:
                    self.symbols.setdefault(symbol, set()).add(unit.name)
        # names with their plurals (the library's own table of surfaces), lower case
        for form, units in self.library.surfaces_lower.items():
            for unit in units:
                entity = unit.entity.name
                if entity == TIME:
                    self.time_forms.setdefault(form, unit.name)
                elif entity in self.dimensions and not _excluded_name(form, excluded):
                    self.names.setdefault(form, set()).add(unit.name)
        # forms quantulum3 lacks: `hectares`, `sqm`, `MWh` (a compound: `megawatt*hour`), `Mtpa`
        self.added: dict[str, str] = {}
        self.factors: dict[str, Decimal] = {}  # `Mtpa` -> 10^6: the scale its letters write
        self.as_written: set[str] = set()  # lower-case forms not matched in capitals (`boe`)
        for form, name, *rest in DATA.rows("units.tsv"):
            factor, case = [*rest, "", ""][:2]
            self.added[form] = name
            if factor.strip():
                self.factors[form] = Decimal(factor)
            if case.strip() == "as written":
                self.as_written.add(form)
        self.in_us: dict[str, str] = dict(DATA.rows("us_units.tsv"))
        self.context: dict[str, list[tuple[str, str]]] = {}
        self.name_parts: set[str] = set()  # forms that after a capitalised word belong to a name
        self.context_least: dict[str, Decimal] = {}  # `units`: kilowatt hours from 1,000 up
        for form, word, name, in_names, *least in DATA.rows("unit_context.tsv"):
            self.context.setdefault(form, []).append((word.lower(), name))
            if in_names.strip() == "names":
                self.name_parts.add(form)
            if least and least[0].strip():
                self.context_least[form] = Decimal(least[0])
        # a compound's own parts, by its name: a rate of one (`megawatt hour` per `year`) is
        # built from those parts, as quantulum3 knows no compound as a base
        self.parts: dict[str, list[tuple[str, int]]] = {}
        self.compound_dimensions: dict[str, str] = {}
        self.derived = {
            (numerator, operator, denominator): dimension
            for numerator, operator, denominator, dimension in DATA.rows("derived_dimensions.tsv")
        }
        context_names = [name for pairs in self.context.values() for _, name in pairs]
        for expression in [*self.added.values(), *context_names, *self.in_us.values()]:
            self.expression(expression, "")  # a name quantulum3 does not know fails here, loudly

    # --- forms ------------------------------------------------------------------------
    def symbol_forms(self) -> list[str]:
        """Forms matched with their case: quantulum3's symbols, and the added forms that are
        not lower-case words (`MWh`, `K`)."""
        return [*self.symbols, *(f for f in [*self.added, *self.context] if not self._any_case(f))]

    def name_forms(self) -> list[str]:
        """Forms matched in any case: quantulum3's names and plurals, and the added lower-case
        words (`hectares`, `gigawatt hours`, `degrees`)."""
        return [*self.names, *(f for f in [*self.added, *self.context] if self._any_case(f))]

    def _any_case(self, form: str) -> bool:
        return is_word_form(form) and form not in self.as_written

    def _added(self, table: dict, form: str):
        return table.get(form) if form in table else table.get(form.lower()) if self._any_case(form.lower()) else None

    def factor(self, form: str) -> Decimal:
        """What a number before ``form`` is multiplied by: the scale its letters write (`Mtpa`:
        10^6), else 1."""
        return self._added(self.factors, form) or Decimal(1)

    # --- units ------------------------------------------------------------------------
    def units_of(self, form: str, context: str) -> list[Unit]:
        """The units ``form`` may stand for (none for a form that is a unit only beside its
        context word, `K`)."""
        added = self._added(self.added, form)
        if added is not None:
            return [self.expression(added, context)]
        names = self.symbols.get(form) or self.names.get(form.lower()) or set()
        return [self.unit(name) for name in sorted(names)]

    def context_unit(self, form: str, context: str) -> Unit | None:
        """The unit a word of the sentence ``context`` gives ``form`` (`pounds` of `thrust`)."""
        pairs = self._added(self.context, form)
        if pairs is None:
            return None
        words = set(re.findall(r"\w+", context.lower()))
        return next((self.expression(name, context) for word, name in pairs if word in words), None)

    def least_by_context(self, form: str) -> Decimal:
        """The smallest number ``form`` is a context unit for (`six units` of a power station are
        machines; `750 million units` of electricity kilowatt hours)."""
        return self._added(self.context_least, form) or Decimal(0)

    def in_us_release(self, form: str) -> Unit | None:
        """The unit ``form`` names in a release from the United States, where it differs."""
        name = self._added(self.in_us, form)
        return self.unit(name) if name is not None else None

    def denominator(self, form: str, context: str) -> str | None:
        """The unit after `per` or `/`: a time unit (`day`, `h`), or any unit of the measure
        dimensions, short symbols included (`t`)."""
        time = self.time_forms.get(form) or self.time_forms.get(form.lower())
        if time:
            return time
        names = self.denominators.get(form) or self.symbols.get(form) or self.names.get(form.lower())
        if names:
            return self.choose([self.unit(name) for name in sorted(names)], context).name
        return None

    def choose(self, units: list[Unit], context: str) -> Unit:
        """One of several units a form may stand for, by quantulum3's own context-word
        disambiguation (the one it uses without its classifier)."""
        if len(units) == 1:
            return units[0]
        from quantulum3 import no_classifier

        chosen = no_classifier.disambiguate_no_classifier(
            {self.library.names[u.name] for u in units if u.name in self.library.names}, context, engine.LANG
        )
        return self.unit(chosen.name) if chosen is not None else units[0]

    def unit(self, name: str) -> Unit:
        known = self.library.names[name]
        return Unit(name, known.entity.name)

    def expression(self, expression: str, context: str) -> Unit:
        """A unit written as quantulum3 names or builds it: `hectare`, `megawatt*hour`,
        `barrel/day`, `metre^2`."""
        if "*" in expression:
            first, second = expression.split("*")
            return self.compound([(first, 1), (second, 1)], context)
        if "/" in expression:
            first, second = expression.split("/")
            return self.compound([(first, 1), (second, -1)], context)
        if "^" in expression:
            base, power = expression.split("^")
            return self.compound([(base, int(power))], context)
        return self.unit(expression)

    def compound(self, parts: list[tuple[str, int]], context: str) -> Unit:
        """The unit quantulum3 builds from parts (``tonne`` per ``year``, ``kilometre`` squared,
        ``megawatt hour`` per ``year``: a compound part stands for its own parts)."""
        flat = [(base, power * inner) for name, power in parts for base, inner in self.parts.get(name, [(name, 1)])]
        built = engine.unit_from_parts(flat, context)
        unit = self.named(built, parts)
        self.parts.setdefault(unit.name, [(d["base"], d["power"]) for d in built.dimensions])
        self.compound_dimensions.setdefault(unit.name, unit.dimension or UNKNOWN)
        return unit

    def named(self, unit, parts: list[tuple[str, int]] | None = None) -> Unit:
        """A quantulum3 unit with its dimension; for a compound quantulum3 names no dimension
        (`gram per tonne`), the one ``derived_dimensions.tsv`` gives its two ``parts`` (by
        default its own; a part may be a compound, `megawatt hour` per `year`), else ''."""
        dimension = unit.entity.name
        if parts is None:
            parts = [(d["base"], d["power"]) for d in unit.dimensions]
        if dimension == UNKNOWN and len(parts) == 2:
            (first, _), (second, power) = parts
            key = (self._dimension_of(first), "per" if power < 0 else "times", self._dimension_of(second))
            dimension = self.derived.get(key, UNKNOWN)
        return Unit(unit.name, "" if dimension == UNKNOWN else dimension)

    def _dimension_of(self, name: str) -> str:
        known = self.library.names.get(name)
        return known.entity.name if known is not None else self.compound_dimensions.get(name, UNKNOWN)


WORD_FORM = re.compile(r"[a-z][a-z -]*")


def is_word_form(form: str) -> bool:
    """A lower-case word or words (`hectares`, `gigawatt hours`): matched in any case."""
    return WORD_FORM.fullmatch(form) is not None


def _excluded_name(form: str, excluded: set[str]) -> bool:
    """A name in ``not_units.txt``, or its plural (`cups`, `inches`)."""
    return form in excluded or form.removesuffix("s") in excluded or form.removesuffix("es") in excluded


@cache
def inventory() -> Inventory:
    return Inventory()
