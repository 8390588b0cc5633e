"""`lumbung new` in a real pseudo-terminal, answered as an officer types: each answer is checked as it
is typed, case-insensitively, with province short forms and regency forms, and no answer is lost."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")


class Terminal:
    """A child process on a pseudo-terminal: wait for a text, then type a line."""

    def __init__(self, args: list[str], cwd: Path, env: dict[str, str]):
        self.master, slave = pty.openpty()
        self.proc = subprocess.Popen(args, cwd=cwd, env=env, stdin=slave, stdout=slave, stderr=slave)
        os.close(slave)
        self.seen = ""

    def expect(self, text: str, timeout: float = 30) -> None:
        end = time.monotonic() + timeout
        while text not in self.seen:
            left = end - time.monotonic()
            if left <= 0:
                raise AssertionError(f"{text!r} not shown; screen so far:\n{self.seen}")
            ready, _, _ = select.select([self.master], [], [], left)
            if ready:
                try:
                    chunk = os.read(self.master, 4096)
                except OSError:  # the child closed the terminal
                    chunk = b""
                if not chunk:
                    raise AssertionError(f"{text!r} not shown before the end; screen:\n{self.seen}")
                self.seen += chunk.decode("utf-8", "replace").replace("\r\n", "\n")

    def type(self, line: str) -> None:
        os.write(self.master, line.encode("utf-8") + b"\n")

    def close(self) -> int:
        try:
            return self.proc.wait(timeout=30)
        finally:
            os.close(self.master)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "mkdocs.yml").write_text("site_name: Uji\ndocs_dir: practices\n", encoding="utf-8")
    (tmp_path / "practices").mkdir()
    return tmp_path


def test_new_in_a_terminal_forgives_and_keeps_every_answer(project, child_env):
    term = Terminal([sys.executable, "-m", "lumbung.cli", "new"], project, child_env)
    term.expect("Judul praktik (10-120 karakter): ")
    term.type("Pendek")  # too short: asked again at once
    term.expect("galat: judul 6 karakter; harus 10-120\n  Coba lagi.\nJudul praktik (10-120 karakter): ")
    term.type("Pemetaan Kompetensi Pencari Kerja di Bandung")
    term.expect("Provinsi (misalnya Jawa Barat atau jabar, atau Nasional): ")
    term.type("jawa barrat")
    term.expect("galat: provinsi 'jawa barrat' tidak dikenal\n  petunjuk: nama resmi: 'Jawa Barat'")
    term.type("jabar")
    term.expect("Kabupaten/kota (kosongkan bila tingkat provinsi): ")
    term.type("Bandung")
    term.expect("'Bandung' ada dua: Kabupaten Bandung atau Kota Bandung? Ketik namanya, atau 1/2\n")
    term.type("kota")
    term.expect("Tema (1-3 nomor atau nama, pisahkan dengan koma): ")
    term.type("profiling, bimbingan karir")
    term.expect(
        "galat: tema 'bimbingan karir' tidak dikenal\n"
        "  petunjuk: maksud Anda 'Bimbingan Jabatan & Konseling Karier (career-guidance)'? "
        "Daftar lengkap: lumbung vocab themes\n  Coba lagi.\n"
        "Tema (1-3 nomor atau nama, pisahkan dengan koma) [profiling]: "
    )
    term.type("profiling, BIMBINGAN JABATAN")
    term.expect("Instansi pelaksana: ")
    term.type("")
    term.expect("galat: instansi wajib diisi\n  Coba lagi.\nInstansi pelaksana: ")
    term.type("Dinas Tenaga Kerja Kota Bandung")
    term.expect("Nama penulis: ")
    term.type("Dewi Lestari")
    term.expect("Berkas dibuat: practices/jawa-barat/pemetaan-kompetensi-pencari-kerja-di-bandung.md")
    assert term.close() == 0
    text = (project / "practices/jawa-barat/pemetaan-kompetensi-pencari-kerja-di-bandung.md").read_text(
        encoding="utf-8"
    )
    assert "themes: [profiling, career-guidance]" in text
    assert "  province: Jawa Barat  #" in text and "  regency: Kota Bandung  #" in text
    assert "office: Dinas Tenaga Kerja Kota Bandung" in text


def test_an_existing_file_asks_for_another_id_instead_of_losing_the_answers(project, child_env):
    folder = project / "practices/jawa-barat"
    folder.mkdir()
    (folder / "pemetaan-kompetensi-pencari-kerja-di-bandung.md").write_text("lama\n", encoding="utf-8")
    term = Terminal([sys.executable, "-m", "lumbung.cli", "new"], project, child_env)
    for prompt, answer in [
        ("Judul praktik", "Pemetaan Kompetensi Pencari Kerja di Bandung"),
        ("Provinsi", "Jawa barat"),
        ("Kabupaten/kota", "kab. bandung"),
        ("Tema", "1"),
        ("Instansi pelaksana", "Disnaker Kabupaten Bandung"),
        ("Nama penulis", "Dewi"),
    ]:
        term.expect(prompt)
        term.type(answer)
    term.expect(
        "galat: practices/jawa-barat/pemetaan-kompetensi-pencari-kerja-di-bandung.md sudah ada; "
        "pilih judul atau --id lain\n"
        "Id lain untuk berkas ini [pemetaan-kompetensi-pencari-kerja-di-bandung-2]: "
    )
    term.type("")
    term.expect("Berkas dibuat: practices/jawa-barat/pemetaan-kompetensi-pencari-kerja-di-bandung-2.md")
    assert term.close() == 0
    assert (folder / "pemetaan-kompetensi-pencari-kerja-di-bandung.md").read_text(
        encoding="utf-8"
    ) == "lama\n"
    text = (folder / "pemetaan-kompetensi-pencari-kerja-di-bandung-2.md").read_text(encoding="utf-8")
    assert "  regency: Kabupaten Bandung  #" in text
