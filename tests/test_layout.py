"""The shape of app/: features first, shared infrastructure grouped, no import cycles."""

import ast
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app"


def module_name(path: Path) -> str:
    parts = path.relative_to(APP.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def top_level_imports(path: Path, known: set[str]) -> set[str]:
    """The app modules `path` imports when it is imported (not inside functions)."""
    found = set()
    for node in ast.parse(path.read_text()).body:
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("app"):
            for alias in node.names:
                candidate = f"{node.module}.{alias.name}"
                found.add(candidate if candidate in known else node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("app"))
    return found & known


def import_cycles() -> list[list[str]]:
    paths = {module_name(p): p for p in APP.rglob("*.py")}
    return find_cycles({name: top_level_imports(path, set(paths))
                        for name, path in paths.items()})


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    cycles, state = [], {}

    def visit(name, trail):
        state[name] = "open"
        for target in sorted(graph[name]):
            if state.get(target) == "open":
                cycles.append([*trail[trail.index(target):], target])
            elif target not in state:
                visit(target, [*trail, target])
        state[name] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    return cycles


def test_no_module_imports_itself_back():
    # A package's __init__ importing its own routes (blueprints) is Flask's pattern.
    cycles = [c for c in import_cycles()
              if not (len(c) == 3 and c[0] == c[2] and c[1].startswith(c[0] + "."))]
    assert cycles == []


def test_the_cycle_finder_finds_the_cycle_we_had():
    graph = {"app.database": {"app.extensions"}, "app.extensions": {"app.database"},
             "app.voting": set()}
    assert find_cycles(graph) == [["app.database", "app.extensions", "app.database"]]
    assert find_cycles({"a": {"b"}, "b": set()}) == []


def test_app_top_level_shows_the_features_first():
    loose = sorted(p.name for p in APP.glob("*.py"))
    assert loose == ["__init__.py", "extensions.py"]
    assert {"core", "web", "accounts", "voting", "proposals"} <= {
        p.name for p in APP.iterdir() if p.is_dir()}
