"""Placeholder until the extractor lands."""


def extract_initiatives(doc):
    return []
