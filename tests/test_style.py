"""Rules of the code base that a reviewer would otherwise have to remember."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

import chronicle

ROOT = Path(__file__).resolve().parents[1]
SQL_CALLS = {"text", "execute", "executescript", "executemany", "exec_driver_sql"}


def _sql_built_by_formatting(tree: ast.AST) -> list[int]:
    """Lines where SQL text is made by f-string, % or .format() inside a SQL call."""
    bad = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = getattr(node.func, "attr", None) or getattr(node.func, "id", None)
        if name not in SQL_CALLS:
            continue
        arg = node.args[0]
        formatted = isinstance(arg, ast.JoinedStr) or (
            isinstance(arg, ast.BinOp) and isinstance(arg.op, (ast.Mod, ast.Add))) or (
            isinstance(arg, ast.Call) and getattr(arg.func, "attr", None) == "format")
        if formatted:
            bad.append(node.lineno)
    return bad


def test_no_sql_is_built_by_string_formatting():
    offenders = []
    for path in sorted((ROOT / "chronicle").rglob("*.py")):
        lines = _sql_built_by_formatting(ast.parse(path.read_text(encoding="utf-8")))
        offenders += [f"{path.relative_to(ROOT)}:{n}" for n in lines]
    assert not offenders, "SQL built by formatting (use bind parameters): " + ", ".join(offenders)


def test_the_rule_catches_formatting():
    tree = ast.parse("conn.execute(f'select * from t where a = {x}')\ntext('a' + b)\n")
    assert _sql_built_by_formatting(tree) == [1, 2]


def test_ruff_is_clean():
    ruff = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    result = subprocess.run([ruff, "check", "chronicle", "tests", "bench"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_all_lists_the_public_names():
    public = {n for n in vars(chronicle) if not n.startswith("_")
              and (not isinstance(getattr(chronicle, n), type(chronicle))
                   or callable(getattr(chronicle, n)))}
    assert set(chronicle.__all__) == public


def test_extract_is_the_api_function():
    assert callable(chronicle.extract)
    assert chronicle.extract.__doc__.startswith("The records of `chronicle extract`")


def test_modules_stay_short():
    long = [f"{p.relative_to(ROOT)}: {n}" for p in (ROOT / "chronicle").rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > 400]
    assert not long, "modules over 400 lines: " + ", ".join(long)


def test_functions_stay_short():
    long = []
    for path in (ROOT / "chronicle").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                size = node.end_lineno - node.lineno + 1
                if size > 60:
                    long.append(f"{path.relative_to(ROOT)}:{node.name} ({size} lines)")
    assert not long, "functions over ~60 lines: " + ", ".join(long)


def _parameters(node: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    args = node.args
    names = [a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)]
    return len([n for n in names if n not in ("self", "cls")])


def test_functions_take_few_parameters():
    """Six or more parameters means a context record is missing (keyword filters of the
    public API travel as **Unpack[TypedDict] into one record, which counts once)."""
    many = []
    for path in (ROOT / "chronicle").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) \
                    and _parameters(node) >= 6:
                many.append(f"{path.relative_to(ROOT)}:{node.name} ({_parameters(node)})")
    assert not many, "functions with 6 or more parameters: " + ", ".join(many)


def test_mypy_is_clean():
    mypy = shutil.which("mypy") or str(Path(sys.executable).parent / "mypy")
    result = subprocess.run([mypy, "chronicle"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
