"""The frameworks are used through their documented APIs only (ARCHITECTURE.md, "Rules").

Nothing in app/ imports, calls, reads or overrides an underscore-prefixed name of flask,
werkzeug, flask_login, flask_wtf, flask_limiter, flask_babel, flask_session,
itsdangerous, sqlalchemy or redis, except the documented `_get_current_object`.
"""

import ast
from pathlib import Path

APP = Path(__file__).resolve().parent.parent / "app"
FRAMEWORKS = ("flask", "werkzeug", "flask_login", "flask_wtf", "flask_limiter", "flask_babel",
              "flask_session", "flask_sqlalchemy", "itsdangerous", "sqlalchemy", "redis",
              "limits", "jinja2", "markupsafe", "wtforms", "babel", "cachelib")
ALLOWED = {"_get_current_object"}


def is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__") and name != "_"


def framework_module(module: str | None) -> bool:
    return bool(module) and module.split(".")[0] in FRAMEWORKS


def own_private_names(trees) -> set[str]:
    """Underscore names app/ defines itself (functions, classes, variables, attributes)."""
    names = set()
    for tree in trees.values():
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
            elif isinstance(node, ast.arg):
                names.add(node.arg)
    return {name for name in names if is_private(name)}


def violations(trees) -> list[str]:
    own = own_private_names(trees)
    found = []
    for path, tree in trees.items():
        framework_names = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and framework_module(node.module):
                for alias in node.names:
                    framework_names.add(alias.asname or alias.name)
                    if is_private(alias.name) and alias.name not in ALLOWED:
                        found.append(f"{path}:{node.lineno} imports {node.module}.{alias.name}")
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    if any(is_private(part) for part in alias.name.split(".")) and \
                            framework_module(alias.name):
                        found.append(f"{path}:{node.lineno} imports {alias.name}")
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and is_private(node.attr) \
                    and node.attr not in own | ALLOWED:
                found.append(f"{path}:{node.lineno} uses .{node.attr}")
            elif isinstance(node, ast.Call) and getattr(node.func, "id", None) in (
                    "getattr", "setattr", "hasattr") and len(node.args) > 1 \
                    and isinstance(node.args[1], ast.Constant) \
                    and isinstance(node.args[1].value, str) and is_private(node.args[1].value) \
                    and node.args[1].value not in own:
                found.append(f"{path}:{node.lineno} reaches for {node.args[1].value!r}")
            elif isinstance(node, ast.ClassDef) and any(
                    getattr(base, "id", getattr(base, "attr", None)) in framework_names
                    for base in node.bases):
                found.extend(f"{path}:{item.lineno} overrides {node.name}.{item.name}"
                             for item in node.body
                             if isinstance(item, ast.FunctionDef) and is_private(item.name))
    return found


def parse(sources: dict[str, str]):
    return {path: ast.parse(text) for path, text in sources.items()}


def test_app_uses_no_private_name_of_a_framework():
    trees = parse({str(p.relative_to(APP.parent)): p.read_text() for p in APP.rglob("*.py")})
    assert violations(trees) == []


def test_the_scan_finds_each_way_of_reaching_in():
    trees = parse({
        "a.py": "from flask_wtf.csrf import _get_csrf_token\n",
        "b.py": "from flask_login import LoginManager\n"
                "class M(LoginManager):\n    def _load_user(self):\n        pass\n",
        "c.py": "def f(limiter):\n    return limiter._check_request_limit()\n",
        "d.py": "from flask import g\nx = getattr(g, '_flask_babel', None)\n",
        "e.py": "from flask import request\nrequest._load_form_data()\n",
    })
    found = violations(trees)
    assert [line.split(":")[0] for line in found] == ["a.py", "b.py", "c.py", "d.py", "e.py"]


def test_the_scan_leaves_our_own_private_names_and_the_documented_one_alone():
    trees = parse({
        "a.py": "from flask_login import current_user\n"
                "def _helper():\n    return current_user._get_current_object()\n",
        "b.py": "import a\nclass _Thing:\n    _kept = 1\nx = a._helper() or _Thing._kept\n",
    })
    assert violations(trees) == []
