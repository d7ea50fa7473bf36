"""Placeholder until the extractor lands."""


def extract_money(doc):
    return []
