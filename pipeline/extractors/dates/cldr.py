"""The month names of other languages the date extractor reads, written by Babel.

``python -m pipeline.extractors.dates.cldr`` writes ``data/cldr_months.tsv`` from the
installed Babel's CLDR: the wide month names (format and stand-alone) of the languages in
``data/month_languages.txt``, lower case, without those English has. The extractor reads the
file, not Babel (a test dependency only); ``tests/test_dates.py`` checks that the file is what
this module writes.
"""

from __future__ import annotations

import sys

from babel.dates import get_month_names

from pipeline.core.lexicon import DataDir
from pipeline.extractors.numbers.cldr import header

DATA = DataDir(__file__)
MONTHS_FILE = "cldr_months.tsv"


def month_rows() -> str:
    english = {name for name, _ in DATA.rows("months.tsv")}
    what = "Month names of other languages (data/month_languages.txt)."
    lines = [header(what, "name\tmonth\tlanguage", "pipeline.extractors.dates.cldr", "tests/test_dates.py")]
    seen: set[str] = set()
    for language in DATA.lines("month_languages.txt"):
        for context in ("format", "stand-alone"):
            for number, name in get_month_names("wide", context=context, locale=language).items():
                key = name.lower()
                if key not in english and key not in seen:
                    seen.add(key)
                    lines.append(f"{key}\t{number}\t{language}")
    return "\n".join(lines) + "\n"


def main() -> int:
    (DATA.path / MONTHS_FILE).write_text(month_rows(), encoding="utf-8")
    print(f"wrote {DATA.path / MONTHS_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
