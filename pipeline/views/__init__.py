"""Views: tables for people.

``review`` writes the self-contained HTML review page (``review_charts``, and
the page's ``review_assets/``); ``show`` prints one document coloured in the terminal.
"""
