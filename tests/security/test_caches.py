"""Caches are data: nothing read from .lumbung-cache/ can run code, and a bad cache is rebuilt.

A pull request can force-add files under .lumbung-cache/ (it is only ignored by git, not refused),
so every cache is read as untrusted data: JSON with a format name, a version and a checked shape.
The control test shows that the planted payload is live: `pickle.load` of the same bytes runs it.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
from pathlib import Path

import pytest

from lumbung.model import CACHE_DIR
from lumbung.search import related as similarity
from lumbung.source.loader import Loader
from support import REPO


class _Payload:
    """Unpickling this creates the marker (a folder): proof that code ran."""

    def __init__(self, marker: Path):
        self.marker = str(marker)

    def __reduce__(self):
        return (os.mkdir, (self.marker,))


def _malicious_pickle(marker: Path) -> bytes:
    return pickle.dumps({"version": (similarity.VERSION, "x"), "counts": _Payload(marker)})


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "proyek"
    shutil.copytree(REPO / "practices", root / "practices")
    (root / "mkdocs.yml").write_text("site_name: Uji\ndocs_dir: practices\n", encoding="utf-8")
    return root


@pytest.fixture
def cold(monkeypatch: pytest.MonkeyPatch) -> None:
    """A fresh process as far as similarity is concerned: nothing cached in memory."""
    monkeypatch.setattr(similarity, "_memory", {})
    monkeypatch.setattr(similarity, "_unsaved", set())
    monkeypatch.setattr(similarity, "_results", {})


def _related(root: Path) -> dict[str, list[str]]:
    return similarity.similar_ids(Loader(root).load(), limit=3)


def test_control_the_planted_pickle_runs_code_when_unpickled(tmp_path):
    marker = tmp_path / "ran"
    payload = tmp_path / "payload.pickle"
    payload.write_bytes(_malicious_pickle(marker))
    with open(payload, "rb") as fh:
        pickle.load(fh)
    assert marker.exists()


@pytest.mark.parametrize("name", [similarity.CACHE_FILE, "similarity.pickle"])
def test_a_planted_pickle_is_not_executed_and_the_cache_is_rebuilt(project, tmp_path, cold, name):
    expected = _related(project)
    cache = project / CACHE_DIR / similarity.CACHE_FILE
    assert json.loads(cache.read_text(encoding="utf-8"))["version"][0] == "lumbung-similarity"
    marker = tmp_path / "ran"
    (project / CACHE_DIR / name).write_bytes(_malicious_pickle(marker))
    similarity._memory.clear()
    similarity._results.clear()
    assert _related(project) == expected
    assert not marker.exists()
    # the cache is valid JSON again, of the current format
    assert json.loads(cache.read_text(encoding="utf-8"))["version"][0] == "lumbung-similarity"


def _valid_cache(project: Path) -> dict:
    _related(project)
    return json.loads((project / CACHE_DIR / similarity.CACHE_FILE).read_text(encoding="utf-8"))


def _first_key(data: dict) -> str:
    return next(iter(data["counts"]))


FOREIGN = {
    "garbage": lambda d: b"\x00\xff not json at all",
    "empty": lambda d: b"",
    "a list": lambda d: b"[1, 2, 3]",
    "deeply nested": lambda d: b"[" * 100_000 + b"]" * 100_000,
    "old version": lambda d: json.dumps(
        {**d, "version": ["lumbung-similarity", -1, d["version"][2]]}
    ).encode(),
    "other analysis": lambda d: json.dumps({**d, "version": [*d["version"][:2], "other"]}).encode(),
    "counts not a mapping": lambda d: json.dumps({**d, "counts": [["a", {"b": 1}]]}).encode(),
    "count is text": lambda d: json.dumps({**d, "counts": {_first_key(d): {"kerja": "3"}}}).encode(),
    "count is negative": lambda d: json.dumps({**d, "counts": {_first_key(d): {"kerja": -3}}}).encode(),
    "count is a float": lambda d: json.dumps({**d, "counts": {_first_key(d): {"kerja": 1.5}}}).encode(),
    "key not a hash": lambda d: json.dumps({**d, "counts": {"x": {"kerja": 1}}}).encode(),
    "terms not a mapping": lambda d: json.dumps({**d, "counts": {_first_key(d): ["kerja"]}}).encode(),
}


@pytest.mark.parametrize("case", sorted(FOREIGN))
def test_a_corrupt_or_foreign_cache_is_ignored_and_rebuilt(project, cold, case):
    data = _valid_cache(project)
    expected = _related(project)
    cache = project / CACHE_DIR / similarity.CACHE_FILE
    cache.write_bytes(FOREIGN[case](data))
    similarity._memory.clear()
    similarity._results.clear()
    assert _related(project) == expected
    rebuilt = json.loads(cache.read_text(encoding="utf-8"))
    assert rebuilt["version"] == data["version"] and len(rebuilt["counts"]) == len(data["counts"])


def test_a_valid_cache_is_used(project, cold, monkeypatch):
    """The cache is read back: with every practice's counts in it, nothing is analysed again."""
    _valid_cache(project)
    similarity._memory.clear()
    similarity._results.clear()
    calls = []
    monkeypatch.setattr(similarity.analysis, "tokens", lambda *a: calls.append(a) or [])
    _related(project)
    assert calls == []


def test_no_module_unpickles_or_evaluates():
    """No pickle, marshal, shelve, eval or exec anywhere in the core (whoosh keeps its own index
    format; see index.py for how that index is checked before whoosh reads it)."""
    found = []
    for path in sorted((REPO / "tools" / "lumbung").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for word in ("import pickle", "import marshal", "import shelve", "eval(", "exec(", "pickle.load"):
            if word in text:
                found.append(f"{path.name}: {word}")
    assert found == []


# -- the search index: whoosh's own format, which pickles, opened only under our seal ----------------


def _plant_whoosh_toc(folder: Path, marker: Path) -> None:
    """A whoosh table of contents whose pickled schema creates `marker` when whoosh reads it."""
    from whoosh.filedb.filestore import FileStorage
    from whoosh.index import _CURRENT_TOC_VERSION, _FLOAT_SIZE, _INT_SIZE, _LONG_SIZE

    for old in folder.glob("_MAIN_*.toc"):
        old.unlink()
    stream = FileStorage(str(folder)).create_file("_MAIN_1.toc")
    for size in (_INT_SIZE, _LONG_SIZE, _FLOAT_SIZE):
        stream.write_varint(size)
    stream.write_int(-12345)
    stream.write_int(_CURRENT_TOC_VERSION)
    for num in (2, 7, 5):
        stream.write_varint(num)
    stream.write_string(pickle.dumps(_Payload(marker), 2))
    stream.write_int(1)
    stream.write_int(0)
    stream.write_pickle([])
    stream.close()


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # whoosh leaves the file open
def test_control_whoosh_runs_a_planted_index(tmp_path):
    from whoosh import index as whoosh_index

    folder = tmp_path / "index"
    folder.mkdir()
    marker = tmp_path / "ran"
    _plant_whoosh_toc(folder, marker)
    with pytest.raises(Exception):  # noqa: B017 - the payload returns None, which is no schema
        whoosh_index.open_dir(str(folder))
    assert marker.exists()


@pytest.mark.parametrize("how", ["planted among our files", "copied with a seal from elsewhere"])
def test_a_planted_search_index_is_not_opened_and_is_rebuilt(project, tmp_path, cli, how):
    from lumbung.search.index import SearchIndex, index_dir

    SearchIndex(project).update()
    folder = index_dir(project)
    if how == "copied with a seal from elsewhere":
        other = tmp_path / "lain"
        shutil.copytree(project, other)  # an index sealed by its own writer, files copied
        shutil.rmtree(folder)
        shutil.copytree(index_dir(other), folder)
    marker = tmp_path / "ran"
    _plant_whoosh_toc(folder, marker)
    result = cli("search", "disabilitas", cwd=project)
    assert not marker.exists()
    assert result.rc == 0 and 'praktik untuk "disabilitas"' in result.out, result.out + result.err
    assert SearchIndex(project)._manifest() is not None  # rebuilt, and sealed again


def test_the_seal_key_lives_outside_the_project(project):
    from lumbung.search import seal

    assert not seal.key_file().resolve().is_relative_to(project.resolve())
    assert not seal.key_file().resolve().is_relative_to(REPO.resolve())
