"""The states and provinces that tell which country a release is from, written by pycountry.

``python -m pipeline.extractors.numbers.subdivisions`` writes ``data/iso_subdivisions.tsv``
from the installed pycountry's ISO 3166-2: the top-level subdivisions (states, provinces,
territories, regions) of the countries whose own dollar or rand a bare `$` or `R` is
(``HOME_TERRITORIES``), so that a release from `Manitoba` or `Gauteng` makes
its `$` the country's dollar (``currencies.CurrencyResolver``). A name is left out where it
reads as something else: a country or city already read (`Georgia`, `Washington`), a
subdivision of two countries, or a single word that is also a personal name or common noun
(``AMBIGUOUS``).

The extractor reads the file, not pycountry; ``tests/test_currencies.py`` checks that it is
what this module writes.
"""

from __future__ import annotations

import sys

import pycountry

from pipeline.extractors.numbers.numbers import DATA, read_rows

FILE = "iso_subdivisions.tsv"
# The economies whose own dollar or rand a bare `$` or `R` is in their English releases (the
# symbol's default, `$` USD, needs no help): Australia, Canada, New Zealand, South Africa.
# Smaller dollar territories are left out: their parishes and districts share names with
# places elsewhere (`Manchester`, `Kingston`, `Portland`).
HOME_TERRITORIES = ("AU", "CA", "NZ", "ZA")
# Single-word subdivision names that are also personal names, places elsewhere or common nouns.
AMBIGUOUS = frozenset(
    {"Victoria", "Nelson", "Canterbury", "Tasman", "Marlborough", "Northland", "Southland", "West Coast", "Free State"}
    | {"North-West", "Central", "Eastern", "Northern", "Western", "Southern", "North East", "North West"}
)


def subdivision_rows() -> str:
    lines = [
        "# Top-level subdivisions of the countries whose own dollar or rand a bare `$` or `R` is (subdivisions.py).",
        f"# Generated from ISO 3166-2 by pycountry {pycountry.__version__}: python -m"
        " pipeline.extractors.numbers.subdivisions (do not edit; tests/test_currencies.py checks it).",
        "# name\tterritory",
    ]
    found: dict[str, set[str]] = {}
    for territory in HOME_TERRITORIES:
        for subdivision in pycountry.subdivisions.get(country_code=territory) or ():
            if subdivision.parent_code is None:
                found.setdefault(subdivision.name, set()).add(territory)
    taken = {row[0] for row in read_rows("country_words.tsv")}
    for _, name, cities in read_rows("cldr_territories.tsv"):
        taken |= {name, *cities.split("|")}
    for name in sorted(found):
        if len(found[name]) == 1 and name not in taken and name not in AMBIGUOUS and name[:1].isupper():
            lines.append(f"{name}\t{next(iter(found[name]))}")
    return "\n".join(lines) + "\n"


def main() -> int:
    (DATA.path / FILE).write_text(subdivision_rows(), encoding="utf-8")
    print(f"wrote {DATA.path / FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
