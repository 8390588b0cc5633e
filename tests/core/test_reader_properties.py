"""Properties of the reader and the diagnostics that no list of fixtures can cover: any input, any order."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lumbung.diagnostics import Diagnostic, Hint, check_summary
from lumbung.formats.frontmatter import HeaderError, load_yaml, parse
from lumbung.source.loader import load_file

TODAY = dt.date(2026, 1, 15)
SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# YAML-ish lines: keys of the schema, indentation, flow collections, tags, anchors, quotes, fences
fragments = st.sampled_from([
    "title: ", "summary: ", "date: ", "themes: ", "region:", "  province: ", "  regency: ", "authors:",
    "  - name: ", "    email: ", "period:", "  start: ", "  end: ", "outcomes:", "  - value: ", "- ", "? ",
    ": ", "[", "]", "{", "}", ",", "&a ", "*a", "!!str ", "!!python/name:os.system ", "'", '"', "#", "|",
    ">-", "---", "...", "\t", "  ", "no", "on", "10:00", "2025-02-30", "2024-01", "Nasional", "job-fair",
    "\u00e9", "\x85",
    "<<: *a", "&a", "!!map ", "!!seq ", "!!set ", "!!int ", "!!binary ", "0x1F", "1_000", "~", "null", ".inf",
])  # fmt: skip
yamlish = st.lists(st.lists(fragments, max_size=6).map("".join), max_size=12).map("\n".join)


def _never_raises(text: str) -> None:
    header = parse(text, "practices/nasional/uji.md")
    assert header.data is not None or header.diagnostics
    for d in header.diagnostics:
        assert d.message() and d.message("en")
        assert d.line is None or d.line >= 1


@SETTINGS
@given(st.text(max_size=400))
def test_any_text_is_read_or_explained(text: str):
    _never_raises(text)


@SETTINGS
@given(yamlish, st.sampled_from(["---", "...", "----", "--- "]))
def test_any_yamlish_header_is_read_or_explained(header: str, closing: str):
    _never_raises(f"---\n{header}\n{closing}\n## Latar Belakang\n")


@SETTINGS
@given(st.binary(max_size=300))
def test_any_bytes_on_disk_end_in_a_result_or_a_diagnostic(tmp_path: Path, data: bytes):
    (tmp_path / "practices" / "nasional").mkdir(parents=True, exist_ok=True)
    path = tmp_path / "practices" / "nasional" / "uji-acak.md"
    path.write_bytes(b"---\ntitle: x\n---\n" + data if data[:1] == b"a" else data)
    practice = load_file(path, tmp_path, TODAY)
    assert practice.meta is not None or practice.diagnostics
    assert "E900" not in {d.code for d in practice.diagnostics}


@SETTINGS
@given(yamlish)
def test_accepted_yaml_has_the_value_pyyaml_gives(text: str):
    # our one-walk builder must build exactly what yaml.load(..., CSafeLoader) builds (MkDocs' loader)
    try:
        expected, pyyaml_ok = yaml.load(text, Loader=yaml.CSafeLoader), True
    except Exception:
        expected, pyyaml_ok = None, False
    try:
        doc = load_yaml(text)
    except HeaderError as err:
        assert not pyyaml_ok or err.code in ("E118", "E119"), (err.code, err.params)
        return
    assert pyyaml_ok and doc.data == expected


def test_hint_parts_join_into_one_readable_line():
    d = Diagnostic(
        "x.md",
        "E203",
        hints=(
            Hint("did_you_mean", {"value": "job-fair"}),
            Hint("see_command", {"command": "lumbung vocab themes"}),
        ),
    )
    assert d.hint() == "maksud Anda 'job-fair'? Daftar lengkap: lumbung vocab themes"
    assert d.hint("en") == "did you mean 'job-fair'? Full list: lumbung vocab themes"
    d = Diagnostic(
        "x.md",
        "E215",
        hints=(Hint("regency_prefix", {"value": "Kota Palembang"}), Hint("see_command", {"command": "c"})),
    )
    assert (
        d.hint()
        == "tulis lengkap dengan 'Kabupaten' atau 'Kota', misalnya 'Kota Palembang'; daftar lengkap: c"
    )
    assert Diagnostic("x.md", "E210").hint() == ""


def test_check_summary_counts_in_both_languages():
    diags = [Diagnostic("a.md", "E201"), Diagnostic("a.md", "W304"), Diagnostic("b.md", "W305")]
    assert check_summary(diags, 2) == "2 berkas diperiksa: 1 galat, 2 peringatan"
    assert check_summary(diags, 2, "en") == "2 files checked: 1 error, 2 warnings"
    assert check_summary([], 1, "en") == "1 file checked: 0 errors, 0 warnings"


def test_every_message_and_hint_exists_in_both_languages():
    from lumbung.messages import catalogue

    for section, entries in catalogue().items():
        for key, entry in entries.items():
            assert isinstance(key, str), f"{section}: key {key!r} is not a string (quote it in messages.yaml)"
            assert set(entry) == {"id", "en"}, (section, key)
            assert entry["id"].strip() and entry["en"].strip(), (section, key)
