"""The shape stays honest: the core never imports mkdocs or the CLI, its layers import only downwards,
and only search/index.py imports whoosh.

The core is every module of tools/lumbung/, subpackages included, except the two faces, plugin.py
(MkDocs) and cli.py (with commands/, argparse). Imports are read with `ast`, so an import inside a
function counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent.parent / "tools" / "lumbung"
FACES = {"plugin.py", "cli.py"}
FORBIDDEN = {
    "mkdocs": "MkDocs belongs in plugin.py",
    "material": "Material for MkDocs belongs in plugin.py",
    "argparse": "the CLI library belongs in cli.py and commands/",
    "click": "the CLI library belongs in cli.py and commands/",
}
FACE_MODULES = {"cli", "plugin", "commands"}  # lumbung.<these> are the faces, never imported by the core


def imports_of(path: Path, package_dir: Path = PACKAGE) -> set[str]:
    """Absolute dotted names a module imports (relative ones resolved inside `lumbung`)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = ["lumbung", *path.parent.relative_to(package_dir).parts]
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[: len(package) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
                # `from . import cli` imports a module by its alias name
                names.update(f"{module}.{alias.name}" for alias in node.names)
            else:
                module = node.module or ""
            names.add(module)
    return names


def core_modules() -> list[Path]:
    return sorted(
        p
        for p in PACKAGE.rglob("*.py")
        if p.name not in FACES and p.relative_to(PACKAGE).parts[0] not in FACE_MODULES
    )


def module_name(path: Path) -> str:
    """The dotted name of a module file under tools/lumbung/ (a package's __init__.py is the package)."""
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(["lumbung", *(parts[:-1] if parts[-1] == "__init__" else parts)])


@pytest.mark.parametrize("path", core_modules(), ids=lambda p: p.relative_to(PACKAGE).as_posix())
def test_core_module_imports_neither_mkdocs_nor_the_cli(path: Path):
    problems = []
    for name in sorted(imports_of(path)):
        top = name.split(".")[0]
        if top in FORBIDDEN:
            problems.append(f"imports {name}: {FORBIDDEN[top]}")
        parts = name.split(".")
        if parts[0] == "lumbung" and len(parts) > 1 and parts[1] in FACE_MODULES:
            problems.append(f"imports {name}: the core must not depend on a face")
    assert problems == [], f"{path.name}: " + "; ".join(problems)


def test_only_index_imports_whoosh():
    users = sorted(
        p.relative_to(PACKAGE).as_posix()
        for p in PACKAGE.rglob("*.py")
        if any(n.split(".")[0] == "whoosh" for n in imports_of(p))
    )
    assert users in ([], ["search/index.py"]), f"whoosh imported outside search/index.py: {users}"


# The flow, lowest first: a unit (a subpackage, or a module at the top of the package) imports only
# units of its own layer or below. A practice file goes up this list: formats read it, rules check
# it, source loads the library, and authoring, site and search make what officers use from it.
LAYERS = [
    {"datafiles", "escape", "background"},
    {"messages", "vocabulary"},
    {"diagnostics", "places"},
    {"record"},
    {"model"},
    {"text"},
    {"formats"},
    {"rules"},
    {"source"},
    {"authoring"},
    {"site"},
    {"search"},
    {"build"},  # the site build runs the site's and the search side's work, phase by phase
]
LAYER = {unit: n for n, units in enumerate(LAYERS) for unit in units}


def unit_of(dotted: str) -> str | None:
    """`lumbung.rules.schema` -> rules; `lumbung.model` -> model; `lumbung` itself -> None."""
    parts = dotted.split(".")
    return parts[1] if parts[0] == "lumbung" and len(parts) > 1 else None


def upward_imports(package_dir: Path = PACKAGE) -> list[str]:
    """Every import of a unit from a higher layer, as `file imports name`."""
    found = []
    for path in sorted(package_dir.rglob("*.py")):
        me = path.relative_to(package_dir).parts[0].removesuffix(".py")
        if me not in LAYER:
            continue
        for name in sorted(imports_of(path, package_dir)):
            other = unit_of(name)
            if other in LAYER and other != me and LAYER[other] > LAYER[me]:
                found.append(f"{path.relative_to(package_dir).as_posix()} imports {name}")
    return found


def test_every_unit_of_the_core_has_a_layer():
    modules = {p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    packages = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists()}
    missing = sorted((modules | packages) - set(LAYER) - FACE_MODULES)
    assert missing == [], f"give these a place in LAYERS: {missing}"


def test_imports_only_go_down_the_layers():
    assert upward_imports() == []


def test_the_layer_check_can_fail(tmp_path: Path):
    # control: a text module that imports the site, or rules by a relative import, is reported
    fake = tmp_path / "lumbung"
    (fake / "text").mkdir(parents=True)
    (fake / "text" / "bad.py").write_text(
        "from lumbung.site import pages\nfrom ..rules import schema\nfrom lumbung import model\n",
        encoding="utf-8",
    )
    assert upward_imports(fake) == [
        "text/bad.py imports lumbung.rules",
        "text/bad.py imports lumbung.rules.schema",
        "text/bad.py imports lumbung.site",
    ]


def test_the_checker_resolves_relative_and_nested_imports(tmp_path: Path):
    fake = tmp_path / "lumbung" / "sub"
    fake.mkdir(parents=True)
    module = fake / "x.py"
    module.write_text(
        "from .. import cli\nfrom ..commands import new\ndef f():\n    import mkdocs.plugins\n",
        encoding="utf-8",
    )
    names = imports_of(module, tmp_path / "lumbung")
    assert {"lumbung.cli", "lumbung.commands", "lumbung.commands.new", "mkdocs.plugins"} <= names


def test_core_imports_at_runtime_without_mkdocs():
    # Importing every core module in a fresh interpreter loads neither mkdocs nor a face of ours.
    import subprocess
    import sys

    core = [module_name(p) for p in core_modules()]
    code = (
        "import sys, importlib\n"
        f"for m in {core!r}:\n"
        "    importlib.import_module(m)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('mkdocs', 'material')"
        " or m.startswith(('lumbung.cli', 'lumbung.plugin', 'lumbung.commands')))\n"
        "print(','.join(bad))\n"
    )
    env_path = str(PACKAGE.parent)
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={"PYTHONPATH": env_path, "PATH": ""},
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
