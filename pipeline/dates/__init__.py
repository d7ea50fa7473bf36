"""Placeholder until the extractor lands."""


def extract_dates(doc):
    return []
