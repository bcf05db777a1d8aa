"""The generator's shape: folders by stage, imports that point one way down the stages, and no import cycles.

generator/__init__.py lists the stages and docs/architecture.md explains them. The import graph is read from the
source with `ast`: every import statement counts, including those inside functions and under TYPE_CHECKING, since
each one is a dependency a reader has to follow, whether or not it runs at import time.
"""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

from tests.conftest import REPO

# Lowest first: a module may import modules of its own stage and of the stages before it, never of a later one.
LAYERS = ("generator.content", "generator.render", "generator.publish", "generator.pipeline", "generator.adapter",
          "generator.commands", "generator.__main__")
MAX_MODULES_PER_FOLDER = 15
NOT_SHIPPED = ("benchmarks", "tests")  # the repository's tools, which the installed package does not have


def modules(package_dir: Path) -> dict[str, Path]:
    """Every module of the package by dotted name. A folder without __init__.py holds data (render/data/ keeps a
    one-off script there), not the package's code."""
    found = {}
    for path in sorted(package_dir.rglob("*.py")):
        folder = path.parent
        while (folder / "__init__.py").is_file() and folder != package_dir:
            folder = folder.parent
        if folder == package_dir and (folder / "__init__.py").is_file():
            parts = path.relative_to(package_dir.parent).with_suffix("").parts
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imported_names(module: str, path: Path) -> set[str]:
    """The absolute dotted names that `module` imports: `from a.b import c` gives a.b.c (c may be a module)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: from .x import y, from .. import y
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([node.module] if node.module else []))
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def import_graph(package_dir: Path) -> dict[str, set[str]]:
    """Module -> the package's modules it imports (an imported name resolves to the longest module it starts with)."""
    found = modules(package_dir)

    def resolve(name: str) -> str | None:
        while name and name not in found:
            name = name.rpartition(".")[0]
        return name or None

    return {module: {target for name in imported_names(module, path) if (target := resolve(name)) not in (None, module)}
            for module, path in found.items()}


def layer_of(module: str, layers: tuple[str, ...]) -> int | None:
    return next((index for index, layer in enumerate(layers) if module == layer or module.startswith(layer + ".")),
                None)


def back_imports(graph: dict[str, set[str]], layers: tuple[str, ...]) -> list[str]:
    """Each import of a later stage, as 'importer imports imported'."""
    return sorted(f"{module} imports {target}" for module, targets in graph.items() for target in targets
                  if layer_of(module, layers) is not None and layer_of(target, layers) is not None
                  and layer_of(target, layers) > layer_of(module, layers))


def cycle_in(graph: dict[str, set[str]]) -> list[str] | None:
    """Modules that import each other in a ring, each importing the next (the first is repeated at the end)."""
    try:
        tuple(graphlib.TopologicalSorter(graph).static_order())
    except graphlib.CycleError as error:
        return error.args[1][::-1]  # graphlib lists each module before the modules that import it
    return None


GENERATOR = REPO / "generator"
GRAPH = import_graph(GENERATOR)


def test_every_module_belongs_to_a_stage():
    unplaced = [str(path.relative_to(REPO)) for module, path in modules(GENERATOR).items()
                if module != "generator" and layer_of(module, LAYERS) is None]
    assert not unplaced, (f"{unplaced} belong to no stage: move them into a stage's folder, or declare a new stage "
                          "in LAYERS here, in generator/__init__.py and in docs/architecture.md")


def test_imports_point_from_commands_and_the_plugin_down_to_the_content_model():
    wrong = back_imports(GRAPH, LAYERS)
    assert not wrong, ("an import points up the stages (content <- render <- publish <- pipeline <- adapter <- "
                       "commands); move the shared piece down to the stage both sides may import: " + "; ".join(wrong))


def test_no_modules_import_each_other():
    cycle = cycle_in(GRAPH)
    assert cycle is None, f"import cycle: {' imports '.join(cycle)}"


def test_the_shipped_package_imports_neither_the_benchmark_nor_the_tests():
    wrong = sorted(f"{module} imports {name}" for module, path in modules(GENERATOR).items()
                   for name in imported_names(module, path) if name.split(".")[0] in NOT_SHIPPED)
    assert not wrong, wrong


def test_each_stage_folder_says_what_it_is_for_imports_nothing_itself_and_stays_small():
    stages = [layer for layer in LAYERS if (REPO / layer.replace(".", "/") / "__init__.py").is_file()]
    assert len(stages) == 5
    for stage in stages:
        init = REPO / stage.replace(".", "/") / "__init__.py"
        tree = ast.parse(init.read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), f"{init.relative_to(REPO)}: say in its docstring what the stage is for"
        assert not GRAPH[stage], f"{init.relative_to(REPO)} imports {GRAPH[stage]}: importing one module would run them"
        count = sum(1 for module in GRAPH if module.rpartition(".")[0] == stage)
        assert count <= MAX_MODULES_PER_FOLDER, f"{stage} holds {count} modules: split it by what they do"


def test_the_checks_see_every_form_of_import_and_catch_a_back_import_and_a_cycle(tmp_path):
    """The checks above pass only if they can fail: a small package with each kind of import they must read."""
    files = {
        "pkg/__init__.py": "",
        "pkg/low/__init__.py": '"""Low."""',
        "pkg/low/model.py": ("from __future__ import annotations\nfrom typing import TYPE_CHECKING\n"
                             "if TYPE_CHECKING:\n    from ..high import view\n"
                             "def late():\n    import pkg.high.page\n"),
        "pkg/high/__init__.py": '"""High."""',
        "pkg/high/view.py": "from pkg.low.model import late\nfrom . import page\n",
        "pkg/high/page.py": "from pkg.high import view\nimport yaml\n",
        "pkg/data/script.py": "from pkg.high import view\n",  # no __init__.py: data, not a module
    }
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    graph = import_graph(tmp_path / "pkg")
    assert graph == {"pkg": set(), "pkg.low": set(), "pkg.high": set(),
                     "pkg.low.model": {"pkg.high.view", "pkg.high.page"},
                     "pkg.high.view": {"pkg.low.model", "pkg.high.page"},
                     "pkg.high.page": {"pkg.high.view"}}
    assert back_imports(graph, ("pkg.low", "pkg.high")) == ["pkg.low.model imports pkg.high.page",
                                                           "pkg.low.model imports pkg.high.view"]
    cycle = cycle_in(graph)
    assert cycle[0] == cycle[-1] and all(b in graph[a] for a, b in zip(cycle, cycle[1:]))  # each imports the next
    assert cycle_in({"a": {"b"}, "b": set()}) is None
