"""Build the spaCy pipeline: the statistical model's tokenizer, tagger and lemmatizer, plus ours."""

from __future__ import annotations

import spacy
from spacy.language import Language

from pipeline.core.config import Settings
from pipeline.core.speedups import speed_up
from pipeline.core.tagging import MODEL_COMPONENTS
from pipeline.extractors import factories


def load(settings: Settings | None = None) -> Language:
    """The spaCy ``nlp`` with every pressfacts component, ready for ``nlp.pipe``."""
    settings = settings or Settings()
    try:
        nlp = spacy.load(settings.model, exclude=list(settings.exclude))
    except OSError as exc:
        raise RuntimeError(
            f"spaCy model {settings.model!r} is not installed; install the project "
            "(`pip install -r requirements.txt`, see README) rather than downloading a model"
        ) from exc
    speed_up(nlp)  # the same attributes and lemmas in a fraction of the time (pipeline/speedups.py)
    # The model's components run inside one that gives them windows and small batches
    # (pipeline/core/tagging.py): the same annotations, in less time and memory.
    model = [name for name in MODEL_COMPONENTS if name in nlp.pipe_names]
    if model:
        nlp.add_pipe(factories.MODEL, first=True, config={"components": model})
        for name in model:
            nlp.disable_pipe(name)
    # Sentences only give each row its context: the rule-based splitter is enough.
    nlp.add_pipe("sentencizer")
    for name in factories.COMPONENTS:
        nlp.add_pipe(name)
    return nlp
