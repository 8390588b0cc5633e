"""The "Usulkan perubahan" link: a practice written into the prefilled issue form, read back as the
issue GitHub would produce, becomes the same practice (same file, same fields, same sections)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path
from urllib.parse import parse_qs, quote, urlsplit

import pytest
import yaml

from lumbung.authoring import prefill
from lumbung.authoring.issueform import render_issue_form
from lumbung.authoring.prefill import PAGE_LIMIT, URL_LIMIT, prefill_url, sections_of
from lumbung.source.loader import Loader, load_file
from support import REPO

REPO_URL = "https://github.com/kemnaker-pengantar-kerja/lumbung-praktik"
TODAY = dt.date.today()  # the sample practices carry recent dates
PRACTICES = Loader(REPO).load(today=TODAY).practices


def github_body(query: dict[str, str]) -> str:
    """The issue body GitHub renders when the prefilled form is sent as it is (boxes ticked)."""
    form = yaml.safe_load(render_issue_form())
    out = []
    for el in form["body"]:
        if el["type"] == "markdown":
            continue
        attrs = el["attributes"]
        value = query.get(el["id"], "")
        if el["type"] == "checkboxes":
            value = "\n".join(f"- [X] {opt['label']}" for opt in attrs["options"])
        elif el["type"] == "dropdown" and value:
            chosen = value.split(", ") if attrs.get("multiple") else [value]
            value = value if all(c in attrs["options"] for c in chosen) else ""  # GitHub drops the rest
        out.append(f"### {attrs['label']}\n\n{value or '_No response_'}")
    return "\n\n".join(out) + "\n"


@pytest.fixture
def checkout(tmp_path: Path) -> Path:
    root = tmp_path / "main"
    shutil.copytree(REPO / "practices", root / "practices")
    (root / "mkdocs.yml").write_text("site_name: Uji\ndocs_dir: practices\n", encoding="utf-8")
    return root


@pytest.mark.parametrize("limit", [URL_LIMIT, PAGE_LIMIT], ids=["full", "page"])
@pytest.mark.parametrize("practice", PRACTICES, ids=lambda p: p.id)
def test_the_prefilled_form_round_trips_to_the_same_practice(cli, checkout, tmp_path, practice, limit):
    # the page's shorter link leaves long sections out; left empty, the change keeps them
    url = prefill_url(practice, REPO_URL, limit=limit)
    assert url is not None and len(url) <= limit
    parts = urlsplit(url)
    assert parts.path == "/kemnaker-pengantar-kerja/lumbung-praktik/issues/new"
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert query["template"] == "praktik-baru.yml"
    assert query["praktik-diubah"] == practice.id
    body = tmp_path / "isu.md"
    body.write_text(github_body(query), encoding="utf-8")
    result = cli("from-issue", str(body), "--date", TODAY.isoformat(), cwd=checkout)
    assert (result.rc, result.out) == (0, f"Berkas ditulis: {practice.relpath}\n")
    again = load_file(checkout / practice.relpath, checkout, TODAY)
    assert again.meta == practice.meta
    assert sections_of(again.body) == {t: s for t, s in sections_of(practice.body).items()}


def test_a_long_practice_fits_the_url_and_keeps_what_was_left_out(cli, checkout, tmp_path):
    practice = PRACTICES[0]
    long_text = "\n\n".join([("Langkah yang panjang sekali. " * 20).strip()] * 20)  # 11,600 characters
    path = checkout / practice.relpath
    text = path.read_text(encoding="utf-8")
    old_steps = sections_of(practice.body)["Langkah Pelaksanaan"]
    path.write_text(text.replace(old_steps, long_text), encoding="utf-8")
    long_practice = load_file(path, checkout, TODAY)
    url = prefill_url(long_practice, REPO_URL)
    assert len(url) <= URL_LIMIT
    query = {k: v[0] for k, v in parse_qs(urlsplit(url).query).items()}
    assert "bagian-langkah-pelaksanaan" not in query and "judul" in query
    body = tmp_path / "isu.md"
    body.write_text(github_body(query), encoding="utf-8")
    result = cli("from-issue", str(body), "--date", TODAY.isoformat(), cwd=checkout)
    assert result.rc == 0, result.out
    assert sections_of(path.read_text(encoding="utf-8"))["Langkah Pelaksanaan"] == long_text


def test_a_change_to_a_practice_that_does_not_exist_names_the_nearest(cli, checkout, tmp_path):
    practice = PRACTICES[0]
    query = {k: v[0] for k, v in parse_qs(urlsplit(prefill_url(practice, REPO_URL)).query).items()}
    query["praktik-diubah"] = practice.id + "x"
    body = tmp_path / "isu.md"
    body.write_text(github_body(query), encoding="utf-8")
    result = cli("from-issue", str(body), "--date", TODAY.isoformat(), cwd=checkout)
    assert result.rc == 1
    assert result.out.splitlines()[1:3] == [
        f"Praktik yang diubah: praktik '{practice.id}x' yang akan diubah tidak ada di pustaka [F112]",
        f"  petunjuk: maksud Anda '{practice.id}'?",
    ]


def test_no_link_without_a_github_repository():
    assert prefill_url(PRACTICES[0], None) is None
    assert prefill_url(PRACTICES[0], "https://gitlab.com/a/b") is None


def test_ids_of_unpublished_practices_stay_out_of_the_link():
    practice = next(p for p in PRACTICES if p.get("related"))
    hidden = frozenset({practice.get("related")[0]})
    query = parse_qs(urlsplit(prefill_url(practice, REPO_URL, hidden)).query)
    assert "praktik-terkait" not in query
    assert "praktik-terkait" in parse_qs(urlsplit(prefill_url(practice, REPO_URL)).query)


def test_the_link_quotes_text_as_urllib_does():
    every = "".join(chr(c) for c in range(0xD800)) + "".join(chr(c) for c in range(0xE000, 0x10000))
    for text in (every, "Pelatihan kerja – “daring” 50% & lebih 😀", "", " ~._-"):
        assert prefill.quote(text) == quote(text, safe="")
    with pytest.raises(UnicodeEncodeError):  # a lone surrogate, as urllib
        prefill.quote("a\ud800")
