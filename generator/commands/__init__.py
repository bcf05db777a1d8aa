"""The command line, `python -m generator check | new | forms | urls | emit | verify | schema`, and what only
its commands need (starting an entry, writing issue forms, checking web addresses, emitting a plain tree).

May import everything before it, the MkDocs adapter included (`verify` runs its completeness check).
"""
