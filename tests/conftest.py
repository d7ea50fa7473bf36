"""Shared fixtures: one pipeline for the whole session (loading the model takes a second)."""

from pathlib import Path

import pytest

import pipeline

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold"


@pytest.fixture(scope="session")
def nlp():
    return pipeline.load()
