"""Input and output: releases in, tables out.

``reader`` turns files, folders and globs into documents and error rows;
``tables`` turns a processed Doc into table rows; ``formats`` writes and reads
tables as CSV, Parquet or DuckDB; ``outputset`` keeps an output folder's one
complete set of tables, switched in atomically, and reads it back checked;
``manifest`` records what a set's tables were made from.
"""
