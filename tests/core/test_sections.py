"""Body sections: headings are recognised the way Markdown renders them."""

from __future__ import annotations

from lumbung.rules.checks import check_body

SECTIONS = ["Latar Belakang", "Langkah Pelaksanaan", "Hasil", "Pembelajaran"]


def body(*titles: str) -> str:
    return "".join(f"## {t}\n\nIsi bagian.\n\n" for t in titles)


def test_attribute_lists_and_closing_hashes_do_not_hide_a_section():
    titles = ["Latar Belakang {: #latar }", "Langkah Pelaksanaan ##", "Hasil { .penting }", "Pembelajaran"]
    assert check_body("practices/aceh/x.md", body(*titles), 10, "id") == []


def test_a_heading_inside_fenced_code_is_not_a_section():
    text = body(*SECTIONS[:2]) + "```\n## Hasil\n```\n" + body(*SECTIONS[3:])
    codes = [(d.code, d.params.get("section")) for d in check_body("practices/aceh/x.md", text, 1, "id")]
    assert codes == [("E301", "Hasil")]
