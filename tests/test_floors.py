"""Extraction quality floors: a change that lowers a value F1 below its floor fails CI.

The floors sit a little under the figures measured when they were set (see
BENCHMARKS.md and the issue notes); raise them when extraction improves.
"""

import pytest
from conftest import GOLD

from pipeline.evaluation.predict import predict_gold
from pipeline.evaluation.scoring import load_gold, score

pytestmark = pytest.mark.slow  # whole runs: `pytest -m 'not slow'` leaves them out

FLOORS = {
    # the two seed releases: the floor
    "seeds.jsonl": {"date": 0.9, "count": 0.9, "money": 0.9, "report": 0.9, "initiative": 0.9},
    # 30 real releases, the development set
    "dev.jsonl": {"date": 0.97, "count": 0.97, "money": 0.97, "report": 0.9, "initiative": 0.92},
    # real releases annotated blind (tests/gold/real/): tune on these; first measurement 2026-12-04
    # on 60; 34 more added later that day (sources_dev_*.tsv), measured before any rule saw them:
    # on all 94, date 0.926, count 0.865, money 0.750, report 0.735, initiative 0.746; then 26
    # more (120 in all): date 0.939, count 0.875, money 0.938, report 0.821, initiative 0.738;
    # raised after the evening's rules (0.954, 0.883, 0.938, 0.863, 0.762); then 14 more, scored
    # before their errors were read (134 in all): 0.947, 0.880, 0.923, 0.821, 0.741
    # Report 0.78: the fifth batch (real189-real203, added 2026-12-04 night) brought results
    # headlines and section headings the rules read otherwise (0.821 on the 134 before it, 0.785
    # on all 147); money 0.92 after the key-figures table and dateline rules (0.944).
    # 2026-12-05: 53 more in four batches (200 in all), each scored before its errors were read;
    # after the day's rules 0.954, 0.886, 0.955, 0.813, 0.765: date, money, report, initiative raised.
    # 2026-12-05 morning: the tenth to fourteenth batches (100 releases, 300 in all) brought
    # statistics releases: their titles (report 0.726), bare `$` in New Zealand and Australian
    # agencies' releases that name no country often enough (money 0.905), monthly periods
    # (date 0.939), sports events, trade-fair lists and grant schemes (initiative 0.702), each
    # measured on all 300 after the morning's rules.
    # 2026-12-05, from 05:34: the fifteenth to twentieth batches (139 releases, 439 in all),
    # scored unseen first; their headless names (festivals, services, acronym-only events) and
    # results headlines put initiative at 0.662 and report at 0.693 on all 439 after the
    # session's rules (0.712 and 0.726 on the 300 before them, each up or level on those 300).
    # 2026-12-05, from 07:38: the twenty-first to thirtieth batches (178 releases, 617 in all),
    # scored unseen first; their scheme and centre names (initiative 0.378 unseen on the
    # twenty-second), results tables under a bare `MSEK` header and headline reports put date at
    # 0.918, report 0.661 and initiative 0.636 on all 617 after the session's rules (the first
    # 439 level or up on every type); money 0.892 (0.877 at the session's start): Australian
    # releases that name no country (a bare `$` read as USD) and bare table figures.
    # 2026-12-05, from 10:10: three more batches (92 releases, 709 in all), scored unseen first:
    # date 0.924, count 0.894, money 0.890, report 0.654, initiative 0.629 (0.917, 0.893, 0.888,
    # 0.654, 0.629 at the session's start; the new batches' unnamed aid projects and awards put
    # initiative 0.001 under the old floor, which now stands at 0.62).
    "real/real_dev.jsonl": {"date": 0.91, "count": 0.88, "money": 0.88, "report": 0.65, "initiative": 0.62},
    # 30 more, sealed: scored only as a whole, never read error by error. Initiative 0.44: the
    # name boundary rules of 2026-12-04 evening (a bare `the` joins no names, a sentence's
    # opening `The`, more headline verbs) gain on real_dev (0.746 -> 0.763) and lose here
    # (0.484 -> 0.451); kept by the development set's evidence, the loss stated in BENCHMARKS.md
    # Money 0.88, count 0.83 after the night's number forms (scale letters before a code, space
    # thousands; 0.911 and 0.848 as a whole on 2026-12-04 night).
    # Date 0.93, initiative 0.47 after 2026-12-05's rules (0.941 and 0.485 as a whole; count
    # 0.854 after the morning's collective nouns and Indian digit groups).
    # money 0.92 after the ISIN and full-name symbol rules (0.925 as a whole, 2026-12-05)
    "real/real_test.jsonl": {"date": 0.93, "count": 0.83, "money": 0.92, "report": 0.67, "initiative": 0.47},
    # invented examples (16 releases written for the project), annotated independently; date 0.98
    # since the extractor follows contract v1.1 (issue 13: 1.000 measured)
    "holdout.jsonl": {"date": 0.98, "count": 0.95, "money": 0.97, "report": 0.95, "initiative": 0.95},
    # 16 more invented examples
    "holdout_b.jsonl": {"date": 0.95, "count": 0.95, "money": 0.95, "report": 0.85, "initiative": 0.9},
}
# Percentages and measures (contract v1.1), set when they were first extracted (2026-12-04, value F1:
# real_dev 1.000 / 1.000, dev 0.970 / 1.000, holdout 0.905 / 1.000, holdout_b 1.000 / 1.000;
# seeds hold none; the sealed real_test, scored once as a whole: 0.735 / 0.526). dev has one
# measure: one extra or miss is 0.667 or 0.
PERCENTAGE_MEASURE_FLOORS = {
    "dev.jsonl": {"percentage": 0.95, "measure": 0.6},
    # 0.981 / 0.983 on all 200, 2026-12-05; 0.945 / 0.974 on 300 (the new batches' price statistics)
    # 0.950 / 0.976 on 617, 2026-12-05 (0.930 / 0.936 at the session's start; the twenty-ninth
    # and thirtieth batches' statistics releases); 0.953 / 0.981 on 709 (0.936 / 0.964 at that
    # session's start: the central banks' inflation figures of the thirty-third batch)
    "real/real_dev.jsonl": {"percentage": 0.94, "measure": 0.97},
    # 0.947 / 0.900 as a whole, 2026-12-05 (percentage 0.912 before the copula-subject, annual-rate
    # and point rules)
    "real/real_test.jsonl": {"percentage": 0.94, "measure": 0.89},
    "holdout.jsonl": {"percentage": 0.88, "measure": 0.95},
    "holdout_b.jsonl": {"percentage": 0.95, "measure": 0.95},
}
for _name, _floors in PERCENTAGE_MEASURE_FLOORS.items():
    FLOORS[_name].update(_floors)


@pytest.fixture(scope="module", params=sorted(FLOORS))
def scored(request):
    gold = load_gold(GOLD / request.param)
    return request.param, score(gold, predict_gold(gold))


def test_floors_value_f1_per_type(scored):
    name, scores = scored
    below = {}
    for type_name, floor in FLOORS[name].items():
        counts = scores.by_type[type_name]
        f1 = counts.prf(counts.value)[2]
        if f1 < floor:
            below[type_name] = f"{f1:.3f} < {floor}"
    assert not below, f"{name}: value F1 below floor: {below}"
