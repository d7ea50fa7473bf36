"""Batch: run extraction over many documents.

``extract`` processes documents (long ones in pieces) into table rows;
``engines`` runs that in this process, a process pool or on Dask; ``runner`` is
the one runner that ``pipeline.extract()`` and ``pressfacts run`` share
(incremental runs, merging, writing).
"""
