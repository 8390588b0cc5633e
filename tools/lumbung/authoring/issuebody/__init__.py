"""A submitted "Praktik baru" issue turned into a practice file (`lumbung from-issue`).

GitHub renders a submitted issue form as Markdown: `### Label` headings, `_No response_` for empty
fields, `a, b` for multi-select dropdowns, `- [X]` checkboxes. The modules here read that text back
by the labels and options of `formfields` (the same ones `issueform` writes into the form):

- `answers`: the answer under each label, and readers for choices, numbers and lists;
- `parse`: the answers as front-matter values and body sections (`parse_issue`);
- `problem`: a problem named by the form field that fixes it (codes F100-F107 in the catalogue);
- `convert`: the practice file, checked by the validator as if it were in the library;
- `report`: the command's text and JSON output, and the issue comment.
"""

from __future__ import annotations

from lumbung.authoring.issuebody.answers import parse_number, split_answers
from lumbung.authoring.issuebody.convert import Conversion, convert, field_label, render_practice
from lumbung.authoring.issuebody.parse import ParsedIssue, parse_issue
from lumbung.authoring.issuebody.problem import Problem
from lumbung.authoring.issuebody.report import COMMENT_MARKER, issue_comment, report_json, report_text

__all__ = [
    "COMMENT_MARKER",
    "Conversion",
    "ParsedIssue",
    "Problem",
    "convert",
    "field_label",
    "issue_comment",
    "parse_issue",
    "parse_number",
    "render_practice",
    "report_json",
    "report_text",
    "split_answers",
]
