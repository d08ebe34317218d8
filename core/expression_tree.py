"""A validated sympy expression as a JSON tree the browser compiles into a function (no text, no eval).

The drag preview recomputes descent paths in the browser for every pointer move, so the browser needs f,
grad f and the Hessian. It never gets formula text: it gets the expression the parser and the sandbox
already accepted, written as nested lists of a few whitelisted node kinds, which a small closure compiler
in `ui/plotly_component_preview.js` turns into JavaScript closures:

    ["num", 2.0]            a number (float64)
    ["var", 0]              the first variable
    ["add", a, b, ...]      a + b + ... (left to right)
    ["mul", a, b, ...]      a * b * ... (left to right)
    ["pow", a, b]           a ** b (integer exponents as numpy's evaluation does them: see `core.numeric`)
    ["sin", a], ...         one of FUNCTIONS

Anything else in the expression (a sympy node the whitelist does not know) raises `Unsupported`, and the
view simply has no preview: the server's path after release is the one shown.
`evaluate` computes a tree in Python (float64, IEEE rules, as the browser does): the tests' bridge
between the tree and sympy.
"""

from __future__ import annotations

import functools
import math
import operator

import numpy as np
import sympy as sp

from core.functions import Function
from core.optimizers import EXPLODE, Settings

# sympy function class -> node kind. sign appears in the gradient of abs (|x|' = sign(x)).
FUNCTIONS = {
    sp.sin: "sin",
    sp.cos: "cos",
    sp.tan: "tan",
    sp.exp: "exp",
    sp.log: "log",
    sp.Abs: "abs",
    sp.tanh: "tanh",
    sp.sinh: "sinh",
    sp.cosh: "cosh",
    sp.atan: "atan",
    sp.asin: "asin",
    sp.acos: "acos",
    sp.sign: "sign",
}
KINDS = frozenset({"num", "var", "add", "mul", "pow", *FUNCTIONS.values()})
MAX_NODES = 5_000  # per tree; bigger is no preview: ~70 kB of JSON on every rerun, and slow frames


class Unsupported(ValueError):
    """The expression holds a node the browser's compiler does not know: no preview."""


def tree(expr: sp.Expr, symbols) -> list:
    """The JSON tree of `expr` in the variables `symbols` (their index is the variable's number)."""
    index = {s: i for i, s in enumerate(symbols)}
    count = [0]
    return _node(expr, index, count)


def _node(expr, index: dict, count: list) -> list:
    count[0] += 1
    if count[0] > MAX_NODES:
        raise Unsupported("too many nodes")
    if expr in index:
        return ["var", index[expr]]
    if expr.is_Number or isinstance(expr, sp.NumberSymbol):
        return _number(expr)
    if expr.is_Add or expr.is_Mul:
        return ["add" if expr.is_Add else "mul", *(_node(a, index, count) for a in expr.args)]
    if expr.is_Pow:
        return ["pow", _node(expr.base, index, count), _node(expr.exp, index, count)]
    kind = FUNCTIONS.get(expr.func)
    if kind is None or len(expr.args) != 1:
        raise Unsupported(type(expr).__name__)
    return [kind, _node(expr.args[0], index, count)]


def _number(expr) -> list:
    value = float(expr)
    if not math.isfinite(value):
        raise Unsupported(str(expr))
    return ["num", value]


def evaluate(node: list, point) -> float:
    """The tree's value at `point` in float64, with IEEE rules as numpy and JavaScript have them (1/0 is
    inf, atan(inf) is pi/2); NaN where the final value is not finite, as `Function.value` gives it."""
    with np.errstate(all="ignore"):
        value = float(_evaluate(node, point))
    return value if math.isfinite(value) else math.nan


def _evaluate(node: list, point) -> np.float64:
    kind = node[0]
    if kind == "num":
        return np.float64(node[1])
    if kind == "var":
        return np.float64(point[node[1]])
    args = [_evaluate(child, point) for child in node[1:]]
    if kind == "add":
        return functools.reduce(operator.add, args)
    if kind == "mul":
        return functools.reduce(operator.mul, args)
    if kind == "pow":
        return np.power(args[0], args[1])
    return _NUMPY[kind](args[0])


_NUMPY = {
    "sin": np.sin,
    "cos": np.cos,
    "tan": np.tan,
    "exp": np.exp,
    "log": np.log,
    "abs": np.abs,
    "tanh": np.tanh,
    "sinh": np.sinh,
    "cosh": np.cosh,
    "atan": np.arctan,
    "asin": np.arcsin,
    "acos": np.arccos,
    "sign": np.sign,
}


def check(node) -> None:
    """Raise Unsupported unless `node` is a well-formed tree of known kinds (for trees from elsewhere)."""
    if not isinstance(node, list) or not node or node[0] not in KINDS:
        raise Unsupported(repr(node)[:80])
    kind, rest = node[0], node[1:]
    if kind == "num":
        if len(rest) != 1 or not isinstance(rest[0], float):
            raise Unsupported("bad number")
    elif kind == "var":
        if len(rest) != 1 or not isinstance(rest[0], int):
            raise Unsupported("bad variable")
    else:
        arity_ok = len(rest) >= 2 if kind in ("add", "mul") else len(rest) == (2 if kind == "pow" else 1)
        if not arity_ok:
            raise Unsupported("bad arity")
        for child in rest:
            check(child)


@functools.lru_cache(maxsize=64)
def _trees(fn: Function) -> dict | None:
    """f, grad f and H of a parsed function as trees, or None if any node is unsupported."""
    syms = fn.symbols
    try:
        return {
            "f": tree(fn.expr, syms),
            "grad": [tree(g, syms) for g in fn.gradient],
            "hess": [[tree(h, syms) for h in row] for row in fn.analysis.hessian],
        }
    except Unsupported:
        return None


def preview(
    fn: Function, names, lr: float, steps: int, momentum: float, tol: float = Settings.tol
) -> dict | None:
    """What the canvas needs to recompute the paths of `names` in the browser (None: no preview).

    The settings are those of `core.optimizers.Settings`, so the browser's paths are the server's.
    """
    trees = _trees(fn)
    if trees is None or not names:
        return None
    settings = {"lr": float(lr), "steps": int(steps), "momentum": float(momentum), "tol": float(tol)}
    # the Hessian only for Newton: it is the largest of the three
    hess = trees["hess"] if "newton" in names else None
    return {
        "nvars": fn.nvars,
        **trees,
        "hess": hess,
        "optimizers": list(names),
        **settings,
        "explode": EXPLODE,
    }
