"""The read-only path, in SQLAlchemy Core over lightweight table clauses: what the quick data verbs (`loa
article list`, `loa quota status`, `loa speech-text`) and the pass's first look read without importing the
ORM or mapping the models (together about 150 ms of a 0.5 s command). This package is the one place that
start-up speed shapes: storage.models stays the one definition of the schema (tables.py names a subset of
its columns, checked by tests/storage/test_tables.py), and every function here takes a Core `Connection`
(a session's is `session.connection()`).

    tables.py        the table clauses
    communes.py      the commune a command acts on, its stored plan and quota view, its own readings
    article_rows.py  the article list
    tally.py         what each unit published, from the published_mask rollup
"""
