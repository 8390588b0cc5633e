"""The contribution files: generated ones are up to date, and they agree with the schema and data."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest
import yaml

from lumbung.authoring.formfields import form_fields, label_of
from lumbung.authoring.issuebody import parse_issue
from lumbung.authoring.issueform import FORM_PATH, render_issue_form
from lumbung.rules.schema import schema
from lumbung.vocabulary import NATIONAL, regions, vocabulary
from support import REPO

FIXTURES = Path(__file__).parent / "fixtures"


def _script(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def gen():
    return _script("gen_contrib", REPO / "tools" / "scripts" / "gen_contrib.py")


@pytest.fixture(scope="module")
def form() -> dict:
    return yaml.safe_load((REPO / FORM_PATH).read_text(encoding="utf-8"))


def test_generated_files_are_up_to_date(gen):
    stale = [
        p.relative_to(REPO).as_posix()
        for p, text in gen.outputs().items()
        if p.read_text(encoding="utf-8") != text
    ]
    assert stale == [], "run: python tools/scripts/gen_contrib.py"


def test_form_options_match_the_vocabularies(form):
    dropdowns = {el["id"]: el["attributes"] for el in form["body"] if el["type"] == "dropdown"}
    expected_vocab = {
        "tema": "themes",
        "kelompok-sasaran": "target-groups",
        "moda-layanan": "delivery-modes",
        "tingkat-bukti": "evidence-levels",
        "upaya-replikasi": "efforts",
        "bahasa": "languages",
    }
    for element_id, name in expected_vocab.items():
        values = vocabulary(name).values
        assert dropdowns[element_id]["options"] == [f"{label} ({slug})" for slug, label in values.items()]
    provinces = dropdowns["provinsi"]["options"]
    assert provinces == [NATIONAL] + [p.name for p in regions().provinces]
    assert len(provinces) == 39
    assert dropdowns["tema"]["multiple"] is True and dropdowns["kelompok-sasaran"]["multiple"] is True


def test_form_is_a_valid_github_issue_form(form):
    assert form["labels"] == ["praktik-baru"]
    elements = [el for el in form["body"] if el["type"] != "markdown"]
    ids = [el["id"] for el in elements]
    labels = [el["attributes"]["label"] for el in elements]
    assert len(set(ids)) == len(ids) and len(set(labels)) == len(labels)
    assert all(re.fullmatch(r"[A-Za-z0-9_-]+", i) for i in ids)
    for el in elements:
        assert el["type"] in {"input", "textarea", "dropdown", "checkboxes"}
        options = el["attributes"].get("options", [])
        if el["type"] == "dropdown":
            assert options and "None" not in options and len(set(options)) == len(options)
            assert not any(", " in o for o in options), "a multi-select renders choices joined by ', '"
    consent = next(el for el in elements if el["type"] == "checkboxes")
    assert all(opt["required"] for opt in consent["attributes"]["options"])
    assert "UU No. 27 Tahun 2022" in consent["attributes"]["options"][0]["label"]


def test_every_contributor_field_and_section_is_on_the_form():
    targets = {ff.target for ff in form_fields()}
    not_on_form = {"date", "status", "redirect_from", "last_reviewed", "kind"}

    def paths(fields, prefix=""):
        for name, f in fields.items():
            children = f.fields if f.type == "object" else {}
            if children:
                yield from paths(children, prefix + name + ".")
            else:
                yield prefix + name

    assert set(paths(schema().fields)) - not_on_form <= targets
    spec = schema().sections["id"]
    section_labels = [label_of(ff) for ff in form_fields() if ff.target.startswith("section:")]
    assert section_labels == [f"Bagian {t}" for t in spec["required"]] + [
        f"Bagian {t} (opsional)" for t in spec["optional"]
    ]


def test_every_option_of_the_form_parses_back():
    """A body that chooses every option of every dropdown gives every vocabulary value."""
    form = yaml.safe_load(render_issue_form())
    parts = []
    for el in form["body"]:
        attrs = el.get("attributes", {})
        if el["type"] == "markdown":
            continue
        if el["type"] == "dropdown":
            value = (
                ", ".join(attrs["options"])
                if attrs.get("multiple")
                else attrs["options"][1 % len(attrs["options"])]
            )
        elif el["type"] == "checkboxes":
            value = "\n".join(f"- [X] {o['label']}" for o in attrs["options"])
        else:
            value = "_No response_"
        parts.append(f"### {attrs['label']}\n\n{value}\n")
    import datetime as dt

    parsed = parse_issue("\n".join(parts), dt.date(2026, 1, 15))
    assert parsed.values["themes"] == list(vocabulary("themes").values)
    assert parsed.values["target_groups"] == list(vocabulary("target-groups").values)
    assert parsed.values["region"] == {"province": regions().provinces[0].name}
    assert [p.code for p in parsed.problems] == ["F101"] * len(
        [ff for ff in form_fields() if ff.required and ff.kind in ("input", "textarea")]
    )


def test_codeowners_maps_every_province_folder():
    text = (REPO / ".github" / "CODEOWNERS").read_text(encoding="utf-8")
    rules = dict(line.split(None, 1) for line in text.splitlines() if line and not line.startswith("#"))
    slugs = [p.slug for p in regions().provinces] + ["nasional"]
    for slug in slugs:
        assert f"reviewer-{slug}" in rules[f"/practices/{slug}/"]
    assert "PENANDA TEMPAT" in text


def test_contributing_shows_a_real_ci_message(cli):
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    block = text.split("<!-- contoh-keluaran-ci", 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    result = cli("validate", cwd=FIXTURES / "ci-message")
    assert result.rc == 1
    actual = result.out.splitlines()
    shown = block.splitlines()
    assert shown[:4] == actual[:4], "update the example in CONTRIBUTING.md"
    assert shown[-1] == "1 berkas diperiksa: 2 galat, 0 peringatan"


def test_pre_commit_hook_definition():
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "lumbung-validate")
    assert (hook["entry"], hook["language"], hook["files"]) == (
        "lumbung validate",
        "python",
        r"^practices/",
    )
    assert re.match(hook["files"], "practices/aceh/x.md") and not re.match(hook["files"], "tools/x.md")
    # its dependencies are locked: exact versions, the same as requirements.lock's
    lock = dict(
        re.findall(
            r"^([a-z0-9_.-]+)==([^\s\\]+)", (REPO / "requirements.lock").read_text(encoding="utf-8"), re.M
        )
    )
    pins = dict(dep.split("==") for dep in hook["additional_dependencies"])
    assert {"mkdocs", "mkdocs-material", "pyyaml", "pillow", "nh3", "whoosh-reloaded"} <= set(pins)
    assert all(lock[name] == version for name, version in pins.items())
    assert "playwright" not in pins and "ruff" not in pins  # the hook needs no test or dev tools
    # every file there is published or refused by the gate, photos and stray pages included
    assert re.match(hook["files"], "practices/aceh/foto/a.png") and re.match(
        hook["files"], "practices/x.markdown"
    )


def test_pull_request_template_checklist():
    text = (REPO / ".github" / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    boxes = re.findall(r"^- \[ \] \*\*(.+?)\*\*", text, re.M)
    assert boxes == [
        "Tanpa data pribadi pencari kerja",
        "Persetujuan foto",
        "Bagian wajib",
        "Sumber angka",
        "Sudah diperiksa",
    ]


def test_readme_explains_the_three_ways_in():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("## Cara berkontribusi", 1)[1].split("\n## ", 1)[0]
    for needle in ("Praktik baru", "CONTRIBUTING.md", "lumbung new", "lumbung validate"):
        assert needle in section


def test_validation_summary_comment(tmp_path):
    summary = _script("validation_summary", REPO / ".github" / "scripts" / "validation_summary.py")
    text = (
        "practices/aceh/x.md:7: themes[1]: tema 'a``b' tidak dikenal [E203]\n"
        "  petunjuk: maksud Anda 'employer-outreach'?\n"
        "1 berkas diperiksa: 1 galat, 0 peringatan\n"
    )
    out = summary.summary(text, 1, "https://example.invalid/run/1")
    assert out.splitlines()[:4] == [
        "<!-- lumbung-validasi -->",
        "### Pemeriksaan praktik: ada yang perlu diperbaiki ❌",
        "",
        "`1 berkas diperiksa: 1 galat, 0 peringatan`",
    ]
    assert "```text\npractices/aceh/x.md:7:" in out  # fence longer than any backtick run inside
    ok = summary.summary("16 berkas diperiksa: 0 galat, 0 peringatan\n", 0)
    assert ok == (
        "<!-- lumbung-validasi -->\n### Pemeriksaan praktik: lolos ✅\n\n"
        "`16 berkas diperiksa: 0 galat, 0 peringatan`\n\n"
    )
    missing = tmp_path / "ringkasan.md"
    assert (
        summary.main(["--text", str(tmp_path / "tidak-ada.txt"), "--status", "2", "--out", str(missing)]) == 0
    )
    assert "pemeriksa gagal berjalan" in missing.read_text(encoding="utf-8")


def test_contributing_starts_with_the_officer_who_never_used_git():
    text = (REPO / "CONTRIBUTING.md").read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", text, re.M)
    assert headings[:3] == ["Sebelum mulai", "Tiga cara berkontribusi", "Kesalahan umum"]
    assert "**Di Windows**" in text and "py -3.11 -m venv .venv" in text
    # every code in the table of common mistakes is a real one, with the message the table quotes
    from lumbung.messages import catalogue

    table = text.split("## Kesalahan umum", 1)[1].split("\n## ", 1)[0]
    codes = re.findall(r"\[([EWF]\d{3})\]", table)
    assert len(codes) >= 12
    for code in codes:
        assert code in catalogue()["codes"], code
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert readme.index("## Cara berkontribusi") < readme.index("## Mulai (untuk pengembang)")
