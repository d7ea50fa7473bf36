"""Placeholder until the extractor lands."""


def extract_counts(doc):
    return []
