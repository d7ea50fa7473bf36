"""Placeholder until the extractor lands."""


def extract_reports(doc):
    return []
