"""Text as search and similarity see it: analysis, synonyms, numbers, the reader's view of a text."""
