"""Writing practices: the template, the JSON Schema, the issue forms, and issues turned into files."""
