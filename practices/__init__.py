"""The Good Practice Library core: load, validate and derive pages from practice records.

Plain Python with no MkDocs imports, so that the site engine can change without
touching it; hooks/ holds the thin MkDocs adapters.
"""
