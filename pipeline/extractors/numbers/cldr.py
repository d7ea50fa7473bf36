"""The CLDR currency and territory data the money extractor reads, written by Babel.

``python -m pipeline.extractors.numbers.cldr`` writes, from the installed Babel's CLDR:

- ``data/cldr_currencies.tsv``: every ISO 4217 code in circulation (legal tender with no end
  date in some territory), its territories, English names (singular, plural, display) and
  symbols (English, and the official languages of its territories: `₾`, `R`, `kr`);
- ``data/cldr_territories.tsv``: each territory with a currency, its English name and its
  time-zone cities;
- ``data/cldr_languages.tsv``: the English names of languages that are one word (`Italian`,
  `Welsh`): the names extractor reads them as nationality words (`the Italian scheme`).

The extractor reads the files, not Babel (loading the symbols of 300 locales takes a second,
and the files make a Babel upgrade a visible change of the pipeline's data);
``tests/test_currencies.py`` checks that they are what this module writes.
"""

from __future__ import annotations

import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import babel
from babel import Locale, UnknownLocaleError
from babel.core import get_cldr_version, get_global
from babel.languages import get_official_languages
from babel.numbers import get_currency_name, get_currency_symbol, list_currencies

DATA = Path(__file__).resolve().parent / "data"
LOCALE = "en"
CURRENCY_FILE, TERRITORY_FILE, LANGUAGE_FILE = "cldr_currencies.tsv", "cldr_territories.tsv", "cldr_languages.tsv"


def header(
    what: str, columns: str, module: str = "pipeline.extractors.numbers.cldr", test: str = "tests/test_currencies.py"
) -> str:
    return (
        f"# {what}\n# Generated from CLDR {get_cldr_version()} by Babel {babel.__version__}:"
        f" python -m {module} (do not edit; {test} checks it).\n"
        f"# {columns}"
    )


def circulating() -> dict[str, list[str]]:
    """ISO code -> the territories where it is legal tender today (CLDR: no end date)."""
    known = list_currencies()
    territories = defaultdict(list)
    for territory, periods in sorted(get_global("territory_currencies").items()):
        for code, _start, end, tender in periods:
            if end is None and tender and code in known:
                territories[code].append(territory)
    return dict(sorted(territories.items()))


def official_locales(territory: str) -> list[Locale]:
    """The locales of a territory's official languages that CLDR has (`zh` in CN: `zh_Hans_CN`)."""
    found = []
    for language in get_official_languages(territory, de_facto=True):
        try:
            locale = Locale.parse(f"{language}_{territory}")
        except (UnknownLocaleError, ValueError):
            continue
        if locale.territory == territory:
            found.append(locale)
    return found


def latin(form: str) -> bool:
    """Written in Latin letters and signs, without invisible marks (not Arabic, Cyrillic ...)."""
    return all(
        unicodedata.category(ch) not in ("Cf", "Cc") and (not ch.isalpha() or "LATIN" in unicodedata.name(ch, ""))
        for ch in form
    )


def currency_rows() -> str:
    lines = [header("Currencies in circulation.", "code\tterritories\tsingular\tplural\tdisplay\tsymbols (| between)")]
    for code, territories in circulating().items():
        symbols = []
        for locale in [Locale.parse(LOCALE)] + [found for t in territories for found in official_locales(t)]:
            symbol = " ".join(get_currency_symbol(code, locale=locale).split())
            if symbol != code and latin(symbol) and symbol not in symbols:
                symbols.append(symbol)
        names = [get_currency_name(code, count=n, locale=LOCALE) for n in (1, 2, None)]
        lines.append("\t".join([code, ",".join(territories), *names, "|".join(symbols)]))
    return "\n".join(lines) + "\n"


def territory_rows() -> str:
    lines = [header("Territories with a currency.", "territory\tname\ttime-zone cities (| between)")]
    cities = defaultdict(list)
    zone_names = Locale.parse(LOCALE).time_zones
    for zone, territory in sorted(get_global("zone_territories").items()):
        # CLDR's exemplar city, else the zone's own last part (`America/St_Johns`)
        cities[territory].append(zone_names.get(zone, {}).get("city") or zone.rsplit("/", 1)[-1].replace("_", " "))
    names = Locale.parse(LOCALE).territories
    used = {t for territories in circulating().values() for t in territories}
    for territory in sorted(used):
        lines.append("\t".join([territory, names[territory], "|".join(sorted(set(cities[territory])))]))
    return "\n".join(lines) + "\n"


def language_rows() -> str:
    lines = [header("Languages named by one word in English.", "code\tname")]
    for code, name in sorted(Locale.parse(LOCALE).languages.items()):
        if name.isalpha() and name[:1].isupper():
            lines.append(f"{code}\t{name}")
    return "\n".join(lines) + "\n"


GENERATED = {CURRENCY_FILE: currency_rows, TERRITORY_FILE: territory_rows, LANGUAGE_FILE: language_rows}


def main() -> int:
    for name, rows in GENERATED.items():
        (DATA / name).write_text(rows(), encoding="utf-8")
        print(f"wrote {DATA / name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
