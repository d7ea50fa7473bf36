"""Evaluation: how good the tables are.

``scoring`` (gold files and the contract's strict, relaxed and value scores),
``predict`` (the pipeline's mentions for gold texts, or from an output folder),
``regression`` (stored scores compared), ``diff`` (two output folders compared).
"""
