"""Lumbung Praktik core: schema, vocabularies, loading, validation, catalogue and search of practices.

The core is pure Python. It never imports mkdocs or the CLI; functions return results and
diagnostics and never print or exit.
"""

__version__ = "0.1.0"
