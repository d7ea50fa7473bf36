"""Extractors: one registered spaCy component per mention type.

Takes a tagged Doc (``pipeline.nlp``) and gives each type's mentions in
``doc.spans["pressfacts_<type>"]``. ``dates/``, ``numbers/`` (counts, money) and
``names/`` (reports, initiatives) each hold their rules, their language data
(``data/``) and an examples corpus; ``factories`` registers every component in
pipeline order.
"""
