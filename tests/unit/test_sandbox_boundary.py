"""The sandbox boundary (issue 19.1): costly sympy work on a user-derived expression runs only in the sandbox.

An AST scan of core/, pages/, ui/ and app.py: every call of a sympy operation whose cost grows with the
expression (expand, degree, solve, simplify, series, Poly, lambdify, latex, subs, evalf...) must sit in a
function registered with `@sandbox.job`, in a helper that only such functions call, or in a function
reviewed below with the reason its input is bounded. A new call anywhere else fails this test.
"""

from __future__ import annotations

import ast
import os
import signal
import threading
import time
from pathlib import Path

import pytest
import sympy as sp

from core import sandbox, symbolic
from core.functions import parse_function
from core.parser import ExpressionError

ROOT = Path(__file__).resolve().parents[2]
SANDBOX_MODULES = {"core/sandbox.py", "core/worker.py"}

# sympy functions (sp.NAME / sympy.NAME / imported by name) whose cost grows with their argument
HEAVY_FUNCTIONS = {
    "degree",
    "degree_list",
    "Poly",
    "poly",
    "expand",
    "expand_log",
    "expand_trig",
    "expand_mul",
    "factor",
    "simplify",
    "nsimplify",
    "trigsimp",
    "powsimp",
    "logcombine",
    "together",
    "cancel",
    "apart",
    "collect",
    "solve",
    "solveset",
    "nonlinsolve",
    "groebner",
    "roots",
    "real_roots",
    "nroots",
    "series",
    "limit",
    "integrate",
    "diff",
    "lambdify",
    "latex",
    "pretty",
    "srepr",
    "N",
    "count_ops",
    "cse",
    "tree_cse",
    "sympify",
    "parse_expr",
    "S",
}
# sympy methods (EXPR.NAME(...)) of the same kind; receivers named np, torch, math, mpmath are not sympy
HEAVY_METHODS = {
    "subs",
    "evalf",
    "expand",
    "simplify",
    "factor",
    "series",
    "diff",
    "is_polynomial",
    "as_poly",
    "doit",
    "equals",
    "nroots",
    "degree",
    "count_ops",
    "rewrite",
    "together",
    "cancel",
    "nsimplify",
    "limit",
    "integrate",
    "as_numer_denom",
    "is_constant",
    "has",
}
# assumption queries (EXPR.is_real ...): sympy may evaluate the whole expression to answer one
ASSUMPTIONS = {
    "is_real",
    "is_extended_real",
    "is_finite",
    "is_zero",
    "is_positive",
    "is_negative",
    "is_nonnegative",
    "is_nonpositive",
    "is_integer",
    "is_rational",
    "is_irrational",
    "is_algebraic",
    "is_transcendental",
}
NOT_SYMPY = {"np", "numpy", "torch", "math", "mpmath", "out", "self"}

# Reviewed sites outside the sandbox, each with why its input is bounded: (file, function, call) -> reason
REVIEWED = {
    (
        "core/functions.py",
        "Function.torch_value",
        "sp.lambdify",
    ): "prints f itself: analyze caps it at MAX_OPS",
    ("core/functions.py", "Function.torch_value", "out.expand"): "a torch tensor's expand, not sympy's",
    (
        "core/pool.py",
        "Pool._cancel_unclaimed",
        "job.future.cancel",
    ): "cancels a pool job's future, not sympy's cancel",
    ("core/numeric.py", "*", "*"): "prints f and its derivatives: analyze caps them at MAX_NODES",
    ("core/level_sets.py", "worked_example", "*"): "the chapter's own preset, never typed text",
    (
        "core/convexity.py",
        "exact_value",
        "fn.expr.subs",
    ): "only for a polynomial of degree <= 40 (off the tree)",
}


def _sources():
    for folder in ("core", "pages", "ui"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            if rel not in SANDBOX_MODULES and not rel.startswith("core/strings/"):
                yield rel, path.read_text()
    yield "app.py", (ROOT / "app.py").read_text()


def _imported_sympy_names(tree: ast.Module) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sympy"):
            names |= {alias.asname or alias.name for alias in node.names}
    return names


def _imported_modules(tree: ast.Module) -> set[str]:
    """Names bound by `import m` or `from core import m`: `taylor.series(...)` is the project's, not sympy's."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {(alias.asname or alias.name).split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and not (node.module or "").startswith("sympy"):
            names |= {alias.asname or alias.name for alias in node.names}
    return names - {"sp", "sympy"}


def _used_from(rel: str, trees: dict[str, ast.Module]) -> set[str]:
    """Names of module `rel` that other modules use: `symbolic.analyze`, `from core.symbolic import analyze`."""
    dotted = rel.removesuffix(".py").replace("/", ".")
    short = dotted.rsplit(".", 1)[-1]
    out = set()
    for other, tree in trees.items():
        if other == rel:
            continue
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == short
            ):
                out.add(node.attr)
            elif isinstance(node, ast.ImportFrom) and node.module == dotted:
                out |= {alias.name for alias in node.names}
    return out


def _is_heavy(node: ast.AST, sympy_names: set[str], not_sympy: frozenset = frozenset()) -> bool:
    """A costly sympy call, or an assumption query, at this node."""
    if isinstance(node, ast.Attribute):
        return node.attr in ASSUMPTIONS
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    if isinstance(func, ast.Name):
        return func.id in sympy_names and func.id in HEAVY_FUNCTIONS | {"NumPyPrinter"}
    if not isinstance(func, ast.Attribute):
        return False
    receiver = func.value.id if isinstance(func.value, ast.Name) else None
    if receiver in ("sp", "sympy"):
        return func.attr in HEAVY_FUNCTIONS
    return func.attr in HEAVY_METHODS and receiver not in NOT_SYMPY | not_sympy


def _functions(tree: ast.Module) -> dict[str, ast.AST]:
    """Top-level functions and methods by qualified name."""
    out = {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            out[node.name] = node
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    out[f"{node.name}.{item.name}"] = item
    return out


def _is_job(node) -> bool:
    return any(ast.unparse(d) in ("sandbox.job", "job") for d in node.decorator_list)


def _allowed(functions: dict[str, ast.AST], tree: ast.Module, others: set[str]) -> set[str]:
    """Jobs, and helpers (by the greatest fixed point) whose every reference is inside an allowed function.

    A helper named anywhere else (module level, another module) is not allowed: it may run in the server.
    """
    references: dict[str, set[str]] = {name: set() for name in functions}
    for caller, node in functions.items():
        for sub in ast.walk(node):
            if isinstance(sub, ast.Name) and sub.id in references and sub.id != caller:
                references[sub.id].add(caller)
    module_level = {
        sub.id
        for node in tree.body
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))
        for sub in ast.walk(node)
        if isinstance(sub, ast.Name)
    }
    allowed = {
        name
        for name in functions
        if _is_job(functions[name]) or (references[name] and name not in module_level and name not in others)
    }
    changed = True
    while changed:
        changed = False
        for name in sorted(allowed):
            if not _is_job(functions[name]) and not references[name] <= allowed:
                allowed.discard(name)
                changed = True
    return allowed


def _site(node: ast.AST) -> str:
    """`fn.expr.subs` for a call, `exact.is_real` for an assumption query."""
    return ast.unparse(node.func if isinstance(node, ast.Call) else node)


def _reviewed(rel: str, name: str, call: ast.Call) -> bool:
    text = _site(call)
    return any((rel, n, c) in REVIEWED for n in (name, "*") for c in (text, "*"))


def _violations() -> list[str]:
    trees = {rel: ast.parse(text) for rel, text in _sources()}
    found = []
    for rel, tree in trees.items():
        sympy_names = _imported_sympy_names(tree)
        modules = frozenset(_imported_modules(tree))
        functions = _functions(tree)
        others = _used_from(rel, trees)
        allowed = _allowed(functions, tree, others)
        sites = {name: [] for name in functions} | {"<module>": []}
        inside = set()
        for name, node in functions.items():
            for sub in ast.walk(node):
                if isinstance(sub, (ast.Call, ast.Attribute)):
                    inside.add(id(sub))
                    if _is_heavy(sub, sympy_names, modules):
                        sites[name].append(sub)
        for sub in ast.walk(tree):
            if id(sub) not in inside and _is_heavy(sub, sympy_names, modules):
                sites["<module>"].append(sub)
        for name, calls in sites.items():
            if name not in allowed:
                found += [
                    f"{rel}:{c.lineno} {name}: {_site(c)}" for c in calls if not _reviewed(rel, name, c)
                ]
    return found


def test_no_costly_sympy_call_outside_the_sandbox():
    assert _violations() == []


def test_the_scan_finds_the_call_of_issue_19():
    """The check can fail: the old `exact_value` (sp.degree on the typed curve) is flagged."""
    tree = ast.parse("import sympy as sp\ndef exact_value(fn, x):\n    return sp.degree(fn.expr, x)\n")
    functions = _functions(tree)
    call = next(n for n in ast.walk(tree) if isinstance(n, ast.Call))
    assert _is_heavy(call, set())
    assert "exact_value" not in _allowed(functions, tree, set())
    query = ast.parse("fn.expr.is_real").body[0].value
    assert _is_heavy(query, set()) and not _is_heavy(ast.parse("np.diff(a)").body[0].value, set())
    # a helper is allowed only while every caller is a job: called from anywhere else, it is flagged
    tree = ast.parse(
        "@sandbox.job\ndef job(e):\n    return helper(e)\n"
        "def helper(e):\n    return e.expand()\n"
        "def page(e):\n    return helper(e)\n"
    )
    assert _allowed(_functions(tree), tree, set()) == {"job"}
    assert _allowed(_functions(tree), tree, {"page"}) == {"job"}
    alone = ast.parse(
        "@sandbox.job\ndef job(e):\n    return helper(e)\ndef helper(e):\n    return e.expand()\n"
    )
    assert _allowed(_functions(alone), alone, set()) == {"job", "helper"}
    assert _allowed(_functions(alone), alone, {"helper"}) == {"job"}  # used by another module


def test_only_registered_jobs_run_in_the_sandbox():
    with pytest.raises(TypeError):
        sandbox.run(symbolic.polynomial_degree, sp.Symbol("x"), sp.Symbol("x"))
    assert sandbox.run(symbolic.analyze, "x^2", 1).variables == ("x",)


@pytest.mark.parametrize(
    ("text", "degree"),
    [
        ("x^2", 2),
        ("(x+1)^3 (x-2)", 4),
        ("3", 0),
        ("x^2 + sin(2)", 2),
        ("pi x^3 - e", 3),
        ("sqrt(x)", None),
        ("1/x", None),
        ("2^x", None),
        ("sin(x)", None),
    ],
)
def test_polynomial_degree_read_off_the_tree_agrees_with_sympy(text, degree):
    fn = parse_function(text, 1) if text != "3" else None
    expr = fn.expr if fn else sp.Integer(3)
    x = fn.symbols[0] if fn else sp.Symbol("x", real=True)
    assert symbolic.polynomial_degree(expr, x) == degree
    if degree is not None:
        assert sp.degree(expr, x) == degree


# ----------------------------------------------------------------------------------------------------
# issue 19.5: a job killed from outside is not remembered as "took too long (1 s)"
SLOW = ("sin(x)" + "".join(f"sin({k}x+y)" for k in range(2, 30)))[:300]  # about 10 s of sympy: past the limit


def _jobs_of_the_fork_server() -> list[int]:
    server = sandbox._server["proc"].pid
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == server:
            pids.append(int(stat.parent.name))
    return pids


def _kill_the_job_after(seconds: float) -> threading.Thread:
    def kill() -> None:
        time.sleep(seconds)
        for pid in _jobs_of_the_fork_server():
            os.kill(pid, signal.SIGKILL)

    thread = threading.Thread(target=kill)
    thread.start()
    return thread


def test_a_job_killed_from_outside_says_so_and_is_not_remembered():
    parse_function("x + y", 2)  # the fork server runs
    killer = _kill_the_job_after(0.3)
    with pytest.raises(ExpressionError) as info:
        parse_function(SLOW, 2)
    killer.join()
    assert info.value.key == "expr.killed"
    assert 0.2 <= float(info.value.fields["seconds"]) < 0.95  # what happened, not the CPU limit's "1 s"
    # asked again, the formula is analysed again and stopped by its own CPU limit this time
    with pytest.raises(ExpressionError) as again:
        parse_function(SLOW, 2)
    assert again.value.key == "expr.timeout" and again.value.fields == {"seconds": sandbox.CPU_SECONDS}


@pytest.mark.parametrize(
    ("signal_number", "cpu", "key"),
    [
        (signal.SIGXCPU, 0.99, "expr.timeout"),  # the kernel at RLIMIT_CPU's soft limit
        (signal.SIGKILL, 2.0, "expr.timeout"),  # at its hard limit, a second later
        (signal.SIGKILL, 0.99, "expr.killed"),
        (signal.SIGKILL, 0.3, "expr.killed"),  # the OOM killer or an operator
        (signal.SIGTERM, 0.1, "expr.killed"),
        (signal.SIGSEGV, 0.2, "expr.crashed"),
    ],
)
def test_how_a_job_died_decides_the_message(signal_number, cpu, key):
    error = sandbox.died(signal_number, cpu, "0.3")
    assert error.key == key
    assert (key in sandbox.TRANSIENT) == (key == "expr.killed")


def test_a_job_with_a_larger_budget_runs_until_that_budget_and_says_it():
    # a Taylor series is thirteen analyses in one job: its budget is its own, and so is its message
    with pytest.raises(ExpressionError) as info:
        sandbox.run(symbolic.analyze, SLOW, 2, cpu_seconds=2)
    assert info.value.key == "expr.timeout" and info.value.fields == {"seconds": 2}
    assert sandbox.died(signal.SIGKILL, 2.0, "2.1", cpu_seconds=3).key == "expr.killed"  # short of 3 s
    assert sandbox.died(signal.SIGKILL, 4.0, "4.1", cpu_seconds=3).fields == {"seconds": 3}
