"""The gate (lumbung.source.gate): what `lumbung validate` refuses is exactly what the build refuses, and a
built site holds nothing that did not pass it.

Generated hostile trees (tests/security/hostilegen.py) go through the core one by one, then all at
once through real MkDocs builds: a `mkdocs build --strict` is refused with our diagnostics, a build
that tolerates errors (the first build of `mkdocs serve`, drafts not previewed) publishes none of the
payloads, and every file of its site is accounted for. The control builds the same tree with plain
Material and finds the payloads live. The exact messages are golden (tests/fixtures/hostile/gate).
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lumbung.diagnostics import ERROR
from lumbung.model import PUBLISHED
from lumbung.source.gate import MARKDOWN_EXTENSIONS, SITE_PAGES, SITE_PATHS
from lumbung.source.loader import Loader
from support import REPO
from support.build import REFUSED as BUILD_REFUSED
from support.build import build, build_material_alone, write_config
from support.hostilegen import PNG, REFUSED, SS, UNPUBLISHED, Case, Fifo, Link, base, cases, other_body, write
from support.practice import practice

TODAY = dt.date(2026, 1, 15)
SECRET = "HOSTILE-RAHASIA-MESIN-BUILD"
NO_DRAFTS = {"drafts_on_serve": "false"}  # a build that tolerates errors but publishes no draft


@pytest.fixture(scope="module")
def outside(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("di-luar-proyek")
    (folder / "rahasia.txt").write_text(SECRET + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def generated(outside: Path) -> list[Case]:
    return cases(outside)


def _can_link(tmp_path: Path) -> None:
    try:
        os.symlink("x", tmp_path / "uji-tautan")
        os.mkfifo(tmp_path / "uji-pipa")
    except (OSError, NotImplementedError, AttributeError) as exc:
        pytest.skip(f"cannot create a symbolic link or a FIFO here: {exc}")


def _published(library) -> set[str]:
    pages = {p.relpath for p in library.practices if library.fate(p) == PUBLISHED}
    return pages | {rel for rel, fate in library.files.items() if fate == PUBLISHED}


def _mine(path: str, case: Case) -> bool:
    return any(path == p or path.startswith(p + "/") for p in case.paths)


# -- the contract with MkDocs ---------------------------------------------------------------------


def test_the_gate_knows_every_markdown_extension_of_mkdocs() -> None:
    from mkdocs.utils import markdown_extensions

    assert sorted(MARKDOWN_EXTENSIONS) == sorted(markdown_extensions)


def test_site_paths_cover_the_section_pages() -> None:
    from lumbung.site.pages import NAV

    assert {src for _, src in NAV} <= SITE_PAGES
    assert {src.split("/")[0].removesuffix(".md") for _, src in NAV} <= set(SITE_PATHS)


# -- every generated case through the core ---------------------------------------------------------


def test_every_generated_case_is_refused_or_kept_out(tmp_path: Path, generated: list[Case]) -> None:
    _can_link(tmp_path)
    problems, refused, kept_out = [], 0, 0
    for case in generated:
        root = tmp_path / case.name
        base(root)
        write(case, root)
        start = time.monotonic()
        library = Loader(root, workers=1).load(today=TODAY)
        took = time.monotonic() - start
        errors = [d for d in library.diagnostics if d.severity == ERROR]
        stopped = any(_mine(d.path, case) for d in errors)
        leaked = {p for p in _published(library) if _mine(p, case)}
        if took > 10:
            problems.append((case.name, f"took {took:.1f} s"))
        if any(d.code == "E900" for d in library.diagnostics):
            problems.append((case.name, "internal error"))
        if leaked:
            problems.append((case.name, f"published: {sorted(leaked)}"))
        if case.expect == REFUSED and not stopped:
            problems.append((case.name, f"not refused: {case.paths}"))
        if case.expect == UNPUBLISHED and stopped:
            problems.append((case.name, f"refused, but only needs to stay unpublished: {errors}"))
        if not {f"{SS}/lahat-bursa-kerja-desa.md", f"{SS}/foto/kegiatan.png"} <= _published(library):
            problems.append((case.name, "the valid practice or its photo is no longer published"))
        refused += stopped
        kept_out += not stopped and not leaked
    assert problems == []
    assert refused + kept_out == len(generated) >= 400
    assert refused >= 350 and kept_out >= 40


# -- real builds -------------------------------------------------------------------------------------


def _tree(root: Path, chosen: list[Case]) -> None:
    base(root)
    for case in chosen:
        write(case, root)
    write_config(root)  # the project's own mkdocs.yml, as `make build` uses it


def _site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _markers_in(files: dict[str, bytes], chosen: list[Case]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for rel, data in files.items():
        for case in chosen:
            if case.marker.encode() in data:
                found.setdefault(case.name, []).append(rel)
        if SECRET.encode() in data:
            found.setdefault("secret", []).append(rel)
    return found


# Top-level names whose files we (or MkDocs, for sitemap.xml and 404.html) write: every site path but
# the theme's static folders, whose files must equal the theme's byte for byte.
THEME_FOLDERS = {"assets", "javascripts", "stylesheets"}


def _theme_file(rel: str, data: bytes) -> bool:
    import material

    for folder in (Path(material.__file__).parent / "templates", REPO / "overrides"):
        source = folder / rel
        if source.is_file() and source.read_bytes() == data:
            return True
    return False


def _unaccounted(root: Path, files: dict[str, bytes]) -> list[str]:
    """Files of root/site that are neither the theme's, nor generated by us, nor a published practice
    page or a published attachment (byte for byte what passed the gate)."""
    library = Loader(root, workers=1).load(today=TODAY)
    pages = {
        p.relpath.split("/", 1)[1].removesuffix(".md") + "/index.html"
        for p in library.practices
        if library.fate(p) == PUBLISHED
    }
    assets = {rel.split("/", 1)[1]: rel for rel, fate in library.files.items() if fate == PUBLISHED}
    out = []
    for rel, data in files.items():
        top = rel.split("/")[0]
        if rel in pages or _theme_file(rel, data):
            continue
        if rel in assets and (root / assets[rel]).read_bytes() == data:
            continue
        stem = top.split(".", 1)[0].lower()
        if (stem in SITE_PATHS and stem not in THEME_FOLDERS) or (
            rel.endswith("/index.html") and b'http-equiv="refresh"' in data
        ):
            continue
        out.append(rel)
    return out


@pytest.mark.slow
def test_hostile_trees_are_refused_by_the_build_and_nothing_of_them_is_published(
    tmp_path: Path, generated: list[Case]
) -> None:
    _can_link(tmp_path)
    chosen = [c for c in generated if c.kind != "symlink"]
    root = tmp_path / "proyek"
    _tree(root, chosen)
    # the strict build, as `make build` runs it: refused, with our diagnostics
    strict = build(root / "mkdocs.yml", tmp_path / "situs-ketat", child=True)
    assert strict.returncode != 0 and "Traceback" not in strict.log
    log = strict.log
    for code in ("E109", "E515", "E601", "E602", "E603", "E604", "E605", "E606"):
        assert f"[{code}]" in log, code
    assert "Aborted" in log and "lumbung:" in log
    assert _markers_in(_site_files(tmp_path / "situs-ketat"), chosen) == {}
    # a build that goes on despite errors publishes none of it: no payload in any file, search included
    tolerant = build(write_config(root, NO_DRAFTS), serve=True)
    assert tolerant.returncode == 0, tolerant.log
    files = _site_files(root / "site")
    assert _markers_in(files, chosen) == {}
    assert _unaccounted(root, files) == []
    assert "sumatera-selatan/lahat-bursa-kerja-desa/index.html" in files
    assert files["sumatera-selatan/foto/kegiatan.png"] == PNG
    assert not [rel for rel in files if "draf" in rel or "milik-draf" in rel or "yatim" in rel]
    # the theme's own files that contributor files tried to replace are there, as the theme has them
    shadowed = [
        c.paths[0].split("/", 1)[1] for c in chosen if c.kind == "shadow" and "/bundle." in c.paths[0]
    ]
    assert shadowed and all(rel in files and _theme_file(rel, files[rel]) for rel in shadowed)


@pytest.mark.slow
def test_links_of_every_kind_stop_the_build_before_mkdocs_follows_them(
    tmp_path: Path, generated: list[Case], monkeypatch: pytest.MonkeyPatch
) -> None:
    _can_link(tmp_path)
    chosen = [c for c in generated if c.kind == "symlink"]
    root = tmp_path / "proyek"
    _tree(root, chosen)
    monkeypatch.setenv("LUMBUNG_GATE_SECRET", SECRET)  # what /proc/self/environ of the build would show
    start = time.monotonic()
    strict = build(root / "mkdocs.yml", tmp_path / "situs", child=True)
    log = strict.log
    assert strict.returncode != 0 and "Traceback" not in log and time.monotonic() - start < 120
    refused = [line for line in log.splitlines() if line.startswith("ERROR") and line.endswith("[E106]")]
    assert len(refused) == len(chosen)
    assert SECRET not in log
    assert _markers_in(_site_files(tmp_path / "situs"), chosen) == {}
    # even the first build of `mkdocs serve`, which tolerates other errors, stops on a link
    served = build(write_config(root), serve=True)
    assert served.returncode == BUILD_REFUSED and "[E106]" in served.log
    assert _markers_in(_site_files(root / "site"), chosen) == {}


@pytest.mark.slow
def test_a_drafts_files_are_not_published_until_it_is(tmp_path: Path) -> None:
    root = tmp_path / "proyek"
    base(root)
    (root / SS / "lahat-draf-bursa-kerja.md").unlink()  # this test's own draft takes its place
    draft = other_body(practice("draft", title="Draf dengan Foto dan Lampiran Sendiri"))
    draft = draft.replace("desa, bursa kerja", "desa, bursa kerja, draf") + (
        "\n![Foto](draf/foto.png)\n\n[Data](draf/data.csv)\n"
    )
    (root / SS / "lahat-draf-foto.md").write_text(draft, encoding="utf-8")
    (root / SS / "draf").mkdir()
    (root / SS / "draf" / "foto.png").write_bytes(PNG)
    (root / SS / "draf" / "data.csv").write_text("kolom,nilai\nx,1\n", encoding="utf-8")
    write_config(root)
    built = build(root / "mkdocs.yml")
    assert built.returncode == 0, built.log
    files = _site_files(root / "site")
    assert [rel for rel in files if "draf" in rel] == []
    assert "sumatera-selatan/foto/kegiatan.png" in files
    assert _unaccounted(root, files) == []
    # once the practice is published, so are its files
    (root / SS / "lahat-draf-foto.md").write_text(
        draft.replace("status: draft", "status: published"), "utf-8"
    )
    published = build(root / "mkdocs.yml")
    assert published.returncode == 0, published.log
    files = _site_files(root / "site")
    assert {"sumatera-selatan/draf/foto.png", "sumatera-selatan/draf/data.csv"} <= set(files)


# -- the control: without the gate, the same tree is live ------------------------------------------


@pytest.mark.slow
def test_control_plain_material_publishes_the_payloads(tmp_path: Path, generated: list[Case]) -> None:
    _can_link(tmp_path)
    pick = {
        "theme script": next(c for c in generated if c.kind == "shadow" and "bundle." in c.paths[0]),
        ".markdown page": next(c for c in generated if c.paths[0].endswith(f"{SS}/{_name(c)}.markdown")),
        ".html file": next(c for c in generated if c.paths[0].endswith(f"{SS}/{_name(c)}.html")),
        "draft photo": next(c for c in generated if c.kind == "draft-asset"),
        "orphan": next(c for c in generated if c.kind == "orphan"),
    }
    link = Case(
        "luar", "symlink", SECRET, REFUSED, {f"{SS}/rahasia.txt": Link(str(tmp_path / "rahasia.txt"))}
    )
    (tmp_path / "rahasia.txt").write_text(SECRET, encoding="utf-8")
    root = tmp_path / "proyek"
    _tree(root, [*pick.values(), link])
    assert not any(isinstance(v, Fifo) for c in pick.values() for v in c.entries.values())
    build_material_alone(root)
    found = _markers_in(_site_files(root / "site"), list(pick.values()))
    assert {what for what, case in pick.items() if case.name in found} == set(pick)
    assert any(SECRET.encode() in data for data in _site_files(root / "site").values())


def _name(case: Case) -> str:
    return Path(case.paths[0]).stem


# -- two builds at once ----------------------------------------------------------------------------


@pytest.mark.slow
def test_two_builds_at_once_take_turns(tmp_path: Path) -> None:
    # Without the lock the second build's clean-up deleted the first one's files (FileNotFoundError)
    root = tmp_path / "proyek"
    base(root)
    (root / SS / "lahat-draf-bursa-kerja.md").unlink()
    write_config(root)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    command = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    for _ in range(2):
        runs = [
            subprocess.Popen(command, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            for _ in range(2)
        ]
        outputs = [run.communicate(timeout=300)[0].decode("utf-8") for run in runs]
        assert [run.returncode for run in runs] == [0, 0], outputs
        assert not any("Traceback" in out for out in outputs)
    assert (root / "site" / "sumatera-selatan" / "lahat-bursa-kerja-desa" / "index.html").is_file()
