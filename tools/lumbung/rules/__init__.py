"""The rules a practice file must pass: schema, field checks, structure, links, privacy, markup, safety."""
