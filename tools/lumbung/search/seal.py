"""Seals for cache folders whose format can run code when read (whoosh pickles parts of its index).

The search index under .lumbung-cache/index/ is written by whoosh, which stores its schema, its
segment list and the stored fields with pickle: reading a planted index would run the planter's
code. A pull request can force-add such files, so the index is opened only when it carries our
seal: an HMAC, with a key kept outside the working tree, over the manifest and the identity of
every file in the folder (name, size, modification time in nanoseconds, inode). A checkout writes
new files (new inode and time), and nobody without the key can compute the seal of a planted set,
so anything else is not ours: the folder is removed and rebuilt.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

KEY_BYTES = 32
_key: bytes | None = None


def key_file() -> Path:
    """Where the key lives: the user's cache folder, never the project."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "lumbung-praktik" / "seal.key"


def _load_key() -> bytes:
    global _key
    if _key is not None:
        return _key
    path = key_file()
    try:
        data = path.read_bytes()
        if len(data) == KEY_BYTES:
            _key = data
            return _key
    except OSError:
        pass
    data = secrets.token_bytes(KEY_BYTES)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
        data = path.read_bytes()  # another process may have won the race: use what is on disk
    except OSError:
        pass  # no writable cache folder: a key for this process only (caches are rebuilt each run)
    _key = data
    return _key


def seal(folder: Path, manifest: bytes, skip: frozenset[str] = frozenset()) -> str:
    """The seal of `folder` with this manifest: changes when any file is added, removed or rewritten."""
    mac = hmac.new(_load_key(), manifest, hashlib.sha256)
    for entry in sorted(os.scandir(folder), key=lambda e: e.name):
        if entry.name in skip:
            continue
        st = entry.stat(follow_symlinks=False)
        mac.update(f"\0{entry.name}\0{st.st_mode}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ino}".encode())
    return mac.hexdigest()


def verify(folder: Path, manifest: bytes, claimed: object, skip: frozenset[str] = frozenset()) -> bool:
    """Whether `claimed` is the seal of `folder` with this manifest."""
    if not isinstance(claimed, str):
        return False
    try:
        return hmac.compare_digest(seal(folder, manifest, skip), claimed)
    except OSError:
        return False
