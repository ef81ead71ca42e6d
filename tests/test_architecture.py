"""The shape the code keeps (issue 15): views stay short; rules live in services, selectors
and pure rule modules, where tables of cases test them."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS = ("booking", "clinic_site", "intake", "notifications", "pages", "staff")
MAX_VIEW_LINES = 40


def view_modules() -> list[Path]:
    found = []
    for app in APPS:
        found += (ROOT / app).glob("views.py")
        found += (ROOT / app).glob("views_*.py")
        found += (ROOT / app).glob("*_views.py")
        found += (ROOT / app / "views").glob("*.py")
    return sorted(set(found))


def long_functions(path: Path, *, limit: int) -> list[str]:
    """Every function (views and their helpers) longer than `limit` lines, from its `def`
    through its last line."""
    tree = ast.parse(path.read_text(), filename=str(path))
    return [
        f"{path.parent.name}/{path.name}:{node.lineno} {node.name} "
        f"({node.end_lineno - node.lineno + 1})"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > limit
    ]


def test_the_view_modules_are_found():
    names = {str(p.relative_to(ROOT)) for p in view_modules()}
    assert {"intake/views.py", "pages/views.py", "booking/views/flow.py"} <= names


def test_no_function_in_a_views_module_is_over_40_lines():
    too_long = [line for path in view_modules() for line in long_functions(path, limit=40)]
    assert too_long == []


def test_the_line_count_runs_from_def_to_the_last_line(tmp_path):
    source = tmp_path / "views.py"
    body = "\n".join(f"    x{i} = {i}" for i in range(40))
    source.write_text(f"def short():\n{body[: body.rindex(chr(10))]}\n\ndef long():\n{body}\n")
    found = long_functions(source, limit=40)
    assert len(found) == 1 and " long (41)" in found[0]
