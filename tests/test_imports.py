"""irclient's modules import one another one way: no circle, and the models import nothing of ours.

The graph is read from the source with :mod:`ast`, so it holds every import statement a module
can run: module-level ones, and the deferred ones inside functions too (a deferred import
still makes a circle, only a later one). Imports under ``if TYPE_CHECKING:`` are left out:
they never run, and annotations may name any type. ``from X import name`` counts as importing
the submodule ``X.name`` when there is one, and ``X`` otherwise. Importing a submodule also
runs its parent packages' ``__init__``; that is Python's doing, not an edge a module chose, so
it is not counted. ``importlib.import_module`` with a computed name (``irclient/__init__``'s
lazy attributes) is not seen.
"""

from __future__ import annotations

import ast
import graphlib
from collections.abc import Iterator
from pathlib import Path

import irclient

PACKAGE = Path(irclient.__file__).resolve().parent
ROOT = "irclient"


def module_name(path: Path, package: Path = PACKAGE, root: str = ROOT) -> str:
    parts = [root, *path.relative_to(package).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _runtime_imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    """Every import statement in ``tree``, at any depth, except under ``if TYPE_CHECKING``."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.If) and _is_type_checking(node):
            stack.extend(node.orelse)
            continue
        stack.extend(ast.iter_child_nodes(node))


def import_graph(package: Path = PACKAGE, root: str = ROOT) -> dict[str, set[str]]:
    """Each module of the package and the modules of the package it imports."""
    files = {module_name(p, package, root): p for p in sorted(package.rglob("*.py"))}
    graph: dict[str, set[str]] = {name: set() for name in files}
    for name, path in files.items():
        is_package = path.name == "__init__.py"
        for node in _runtime_imports(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            else:
                if node.level:
                    # The package a relative import starts from: the module's own package.
                    base = name.split(".")
                    if not is_package:
                        base = base[:-1]
                    base = base[: len(base) - (node.level - 1)]
                    source = ".".join(base + ([node.module] if node.module else []))
                else:
                    source = node.module or ""
                targets = [
                    f"{source}.{alias.name}" if f"{source}.{alias.name}" in files else source
                    for alias in node.names
                ]
            for target in targets:
                # ``import irclient.models.shapes`` names a module; anything else of ours that
                # is not one is an attribute of the nearest module above it.
                while target not in files and "." in target:
                    target = target.rsplit(".", 1)[0]
                if target in files and target != name:
                    graph[name].add(target)
    return graph


def cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle of ``graph`` (first module repeated at the end), or ``None``."""
    try:
        graphlib.TopologicalSorter(graph).prepare()
    except graphlib.CycleError as exc:
        found: list[str] = exc.args[1]
        return found
    return None


# --------------------------------------------------------------------------- the checks


def test_no_import_circle_in_irclient() -> None:
    found = cycle(import_graph())
    assert found is None, "import circle: " + " -> ".join(reversed(found or []))


def test_models_import_nothing_of_ours_but_their_runtime() -> None:
    graph = import_graph()
    outside = {
        module: sorted(t for t in targets if not t.startswith(f"{ROOT}.models"))
        for module, targets in graph.items()
        if module.startswith(f"{ROOT}.models")
    }
    assert {m: t for m, t in outside.items() if t} == {}


def test_display_uses_the_analysis_and_nothing_below_imports_it_back() -> None:
    graph = import_graph()
    assert f"{ROOT}.analysis" in graph[f"{ROOT}.display"]
    for low in (
        "analysis",
        "_utils.tables",
        "_utils.format",
        "_utils.metrics",
        "models",
        "serde",
    ):
        assert not _reaches(graph, f"{ROOT}.{low}", f"{ROOT}.display"), low
    # The models' HTML hook in the codec loads the display on first render; the display
    # must not need the codec (it once installed a renderer into it).
    assert f"{ROOT}.display" in graph[f"{ROOT}._codec"]
    assert not _reaches(graph, f"{ROOT}.display", f"{ROOT}._codec")


def _reaches(graph: dict[str, set[str]], start: str, goal: str) -> bool:
    seen: set[str] = set()
    stack = [start]
    while stack:
        node = stack.pop()
        if node == goal:
            return True
        if node not in seen:
            seen.add(node)
            stack.extend(graph[node])
    return False


# --------------------------------------------------------------------------- the checker


def write(base: Path, files: dict[str, str]) -> Path:
    package = base / "pkg"
    for relative, text in files.items():
        path = package / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return package


def test_the_checker_sees_a_circle_through_a_deferred_import(tmp_path: Path) -> None:
    package = write(
        tmp_path,
        {
            "__init__.py": "",
            "a.py": "from . import b\n",
            "b.py": "def f():\n    from .sub import c\n",
            "sub/__init__.py": "",
            "sub/c.py": "from ..a import name\n",
        },
    )
    graph = import_graph(package, "pkg")
    assert graph["pkg.a"] == {"pkg.b"}
    assert graph["pkg.b"] == {"pkg.sub.c"}
    assert graph["pkg.sub.c"] == {"pkg.a"}
    found = cycle(graph)
    assert found is not None and set(found) == {"pkg.a", "pkg.b", "pkg.sub.c"}


def test_the_checker_skips_type_checking_imports_and_sees_absolute_ones(tmp_path: Path) -> None:
    package = write(
        tmp_path,
        {
            "__init__.py": "from .a import thing\n",
            "a.py": "import typing\nif typing.TYPE_CHECKING:\n    from . import b\nthing = 1\n",
            "b.py": "import pkg.a\nimport os\n",
        },
    )
    graph = import_graph(package, "pkg")
    assert graph == {"pkg": {"pkg.a"}, "pkg.a": set(), "pkg.b": {"pkg.a"}}
    assert cycle(graph) is None
