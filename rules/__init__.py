"""The rule catalog: YAML files per guide chapter, JSON Schemas and data tables.

A package only so that ``pip install .`` carries these files; it holds no code.
"""
