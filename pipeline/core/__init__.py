"""Core: what every stage shares. Takes nothing from the other stages.

``document`` (the document date component and the ``date`` header), ``mentions``
(the mention types and how components store mentions on a Doc), ``sentences``,
``lexicon`` (reading language data files), ``overlaps`` (cross-type resolution, the
last component), ``config`` (run settings) and ``speedups`` (faster tagging attributes).
"""
