"""The layers of the code, checked from the source: nothing imports upwards, nothing in a cycle.

Bottom to top (README, "Map of the code"):

0. ``gr_portal.core``: the floor; imports no portal app.
1. ``councils``: who decides.
2. ``decisions``: what is decided, how it was voted, how its text changed.
3. ``milestones``: when things happen, the timeline, the raadsbrieven.
4. ``gr_portal``: settings, root URLs and the pages and commands that combine the apps.

Every import counts, at the top of a module or inside a function. Tests and benchmarks are not
part of the application and may import anything.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("gr_portal", "councils", "decisions", "milestones")
LAYERS = ("gr_portal.core", "councils", "decisions", "milestones", "gr_portal")


def layer_of(module: str) -> int | None:
    """The layer of a portal module (0 is the floor), None for anything else."""
    for index, prefix in enumerate(LAYERS):
        if module == prefix or module.startswith(prefix + "."):
            return index
    return None


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def application_modules() -> dict[str, Path]:
    return {
        module_name(path): path
        for package in PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
    }


def imported_modules(module: str, path: Path, known: set[str]) -> set[str]:
    """Every portal module `module` imports, anywhere in its source.

    ``from a.b import c`` names the module ``a.b.c`` when that is a module, else ``a.b``.
    """
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = module.split(".")
                parent = parent if is_package else parent[:-1]
                parent = parent[: len(parent) - (node.level - 1)]
                base = ".".join([*parent, base] if base else parent)
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                found.add(candidate if candidate in known else base)
    return {name for name in found if layer_of(name) is not None}


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    modules = application_modules()
    known = set(modules)
    return {name: imported_modules(name, path, known) for name, path in modules.items()}


def test_every_application_module_has_a_layer(graph):
    assert graph, "no application modules found"
    assert all(layer_of(name) is not None for name in graph)


def test_no_module_imports_a_higher_layer(graph):
    upward = sorted(
        f"{module} (layer {layer_of(module)}) imports {target} (layer {layer_of(target)})"
        for module, targets in graph.items()
        for target in targets
        if layer_of(target) > layer_of(module)
    )
    assert upward == []


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module, or a module importing itself."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, ()):
            if target not in graph:
                continue
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in graph.get(node, ()):
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return components


def test_no_import_cycles(graph):
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"a"}}) == [["a"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_the_import_reader_sees_imports_inside_functions(tmp_path):
    source = tmp_path / "probe.py"
    source.write_text(
        "def later():\n    from milestones.models import Milestone\n    import decisions.rules\n"
    )
    known = {"milestones.models", "decisions.rules"}
    assert imported_modules("councils.probe", source, known) == {
        "milestones.models",
        "decisions.rules",
    }


def test_relative_imports_are_resolved(tmp_path):
    package = tmp_path / "__init__.py"
    package.write_text("from . import views\nfrom ..rules import Outcome\n")
    known = {"decisions.clerk.views", "decisions.rules"}
    assert imported_modules("decisions.clerk", package, known) == {
        "decisions.clerk.views",
        "decisions.rules",
    }


def test_the_floor_is_the_lowest_layer():
    assert layer_of("gr_portal.core.choices") == 0
    assert layer_of("gr_portal.urls") == len(LAYERS) - 1
    assert layer_of("councils.models") < layer_of("decisions.models") < layer_of("milestones")
    assert layer_of("django.db") is None
