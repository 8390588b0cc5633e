"""A problem in a submitted issue, named by the form field a contributor edits to fix it.

Texts come from the message catalogue (`data/messages.yaml`): the form's own codes F100-F107
and their hints, or, for a problem the validator found in the practice file, the validator's
diagnostic, reworded where it names a YAML key instead of a form field.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any

from lumbung.diagnostics import Diagnostic, Hint
from lumbung.messages import render

# YAML keys that hints may name, and the form label a contributor sees instead.
_KEY_LABELS = {"public_contacts": "Kontak publik"}


@dataclass
class Problem:
    """A problem in a submitted form, tied to the field (by its label) that fixes it."""

    code: str
    field: str  # the form label, e.g. "Tema"
    line: int | None = None  # line within a text area, 1-based, when it matters
    params: dict[str, Any] = dataclasses.field(default_factory=dict)
    hints: tuple[Hint, ...] = ()
    severity: str = "error"
    diagnostic: Diagnostic | None = None  # the validator's, for problems found by the core checks

    def message(self, lang: str = "id") -> str:
        if self.diagnostic is not None:
            return self.diagnostic.message(lang)
        return render("codes", self.code, lang, self.params)

    def hint(self, lang: str = "id") -> str:
        """The hint parts as one line; a part that ends a sentence or a question is not followed by ';'."""
        if not self.hints and self.diagnostic is not None:
            text = self.diagnostic.hint(lang)
            for target, label in _KEY_LABELS.items():  # name form fields, not YAML keys
                text = re.sub(rf"\b{target}\b", f"'{label}'", text)
            return text
        parts = [render("hints", h.key, lang, h.params) for h in self.hints]
        return " ".join(
            p if p.endswith(("?", ".", ":")) or i == len(parts) - 1 else p + ";" for i, p in enumerate(parts)
        )

    def where(self, lang: str = "id") -> str:
        if self.line is None:
            return self.field
        return f"{self.field}, {'baris' if lang == 'id' else 'line'} {self.line}"
