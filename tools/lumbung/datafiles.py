"""Where the package's data files live: vocabularies, schemas, messages, word lists and templates."""

from pathlib import Path

PACKAGE = Path(__file__).parent
DATA = PACKAGE / "data"
TEMPLATES = PACKAGE / "templates"
