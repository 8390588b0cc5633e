"""Where the package's data files live: vocabularies, schemas, messages, word lists and templates."""

from pathlib import Path
from typing import Any

import yaml

PACKAGE = Path(__file__).parent
DATA = PACKAGE / "data"
TEMPLATES = PACKAGE / "templates"
# PyYAML's C loader when it was built with libyaml (several times faster), else the Python one.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(name: str) -> Any:
    """A YAML file of DATA, safely loaded."""
    with open(DATA / name, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=YAML_LOADER)
