"""Exact calculus of a parsed formula: the sympy expression, its gradient, Hessian and LaTeX.

`analyze` is what the sandboxed worker runs. It builds sympy objects node by node from the parser's
tree (never from text), with real symbols, bounded exponents and no simplification of user input.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import sympy as sp

from core import sandbox
from core.parser import ExpressionError, parse, variables_for

MAX_EXPONENT = 1000
MAX_OPS = 400
MAX_NODES = 20_000  # f, its gradient and Hessian together (a tower of ten sines: 7,654)
MAX_DIGITS_RESULT = 300  # a constant sub-expression may not exceed 10^300
MAX_MAGNITUDE = 308  # no constant in f or its derivatives beyond 10^308, the float range

_FUNCS = {
    "sin": sp.sin,
    "cos": sp.cos,
    "tan": sp.tan,
    "exp": sp.exp,
    "log": sp.log,
    "ln": sp.log,
    "sqrt": sp.sqrt,
    "abs": sp.Abs,
    "tanh": sp.tanh,
    "sinh": sp.sinh,
    "cosh": sp.cosh,
    "atan": sp.atan,
    "asin": sp.asin,
    "acos": sp.acos,
}
_CONSTS = {"pi": sp.pi, "E": sp.E, "e": sp.E}


@dataclass(frozen=True)
class Analysis:
    """Everything exact about f: picklable, sent back from the worker."""

    text: str
    variables: tuple[str, ...]
    expr: sp.Expr
    gradient: tuple[sp.Expr, ...]
    hessian: tuple[tuple[sp.Expr, ...], ...]
    latex: dict


def symbols_for(names) -> tuple[sp.Symbol, ...]:
    return tuple(sp.Symbol(name, real=True) for name in names)


def _magnitude(value: sp.Expr) -> float:
    """log10 of |value| for a numeric sympy value, without printing huge integers (-inf for zero)."""
    if value.is_Rational:
        return math.log10(abs(value.p)) - math.log10(value.q) if value.p else -math.inf
    size = sp.Abs(value).evalf(15)
    return float(sp.log(size, 10)) if size.is_Float and size > 0 else -math.inf


def _check_constants(*exprs: sp.Expr) -> None:
    """Refuse any constant (a whole sub-expression without variables) beyond 10^MAX_MAGNITUDE, and f with
    derivatives of more than MAX_NODES nodes in all.

    Such a constant reaches lambdify as a Python int or float expression (2^1000 3^1000, pi^1000) whose
    evaluation raises OverflowError instead of giving inf, so no plot of the function could ever be drawn.
    The node limit bounds what the server does outside the sandbox with the result (printing it as numpy
    code and LaTeX, sending the LaTeX to the browser); the densest formulas a student types stay far below.
    """
    nodes = 0
    for expr in exprs:
        for node in sp.preorder_traversal(expr):
            nodes += 1
            if nodes > MAX_NODES:
                raise ExpressionError("expr.too_big", limit=MAX_OPS)
            if node.is_number and _magnitude(node) > MAX_MAGNITUDE:
                raise ExpressionError("expr.constant_too_large", limit=MAX_MAGNITUDE)


def _check_exp(arg: sp.Expr, column: int) -> None:
    """Refuse exp(c log u) with |c| > MAX_EXPONENT: sympy rewrites it as u^c (an exact 2^(10^50) for
    exp(10^50 log 2)) while building it, before any other limit could apply. Mirrors `sympy.exp.eval`."""
    for term in sp.Add.make_args(arg):
        coeff, rest = term.as_coeff_Mul()
        logs, numbers = 0, [coeff]
        for factor in sp.Mul.make_args(rest):
            if isinstance(sp.logcombine(factor), sp.log):
                logs += 1
            elif factor.is_comparable:
                numbers.append(factor)
            else:
                logs = 2  # a factor with variables: sympy leaves the term alone
        if logs == 1 and abs(complex(sp.Mul(*numbers).evalf(15))) > MAX_EXPONENT:
            raise ExpressionError("expr.exponent_too_large", column=column, limit=MAX_EXPONENT)


def _power(base: sp.Expr, exponent: sp.Expr, column: int) -> sp.Expr:
    if base is sp.E:  # e^u is exp(u)
        _check_exp(exponent, column)
    if exponent.is_number:
        size = abs(complex(exponent.evalf(15)))
        if size > MAX_EXPONENT:
            raise ExpressionError("expr.exponent_too_large", column=column, limit=MAX_EXPONENT)
        if base.is_number and not base.is_zero:
            if abs(complex(base.evalf(15))) > 0 and _log_size(base) * size > MAX_DIGITS_RESULT:
                raise ExpressionError("expr.number_too_large", column=column)
    return _check_effective_exponent(sp.Pow(base, exponent), column)


def _check_effective_exponent(expr: sp.Expr, column: int) -> sp.Expr:
    """Refuse a power whose combined exponent passes MAX_EXPONENT: sympy folds ((x^9)^9)^9 into x^729 and
    x^900 x^900 into x^1800, so each typed exponent can be small while the one built is not."""
    for factor in sp.Mul.make_args(expr):
        if factor.is_Pow and factor.exp.is_number and abs(complex(factor.exp.evalf(15))) > MAX_EXPONENT:
            raise ExpressionError("expr.exponent_too_large", column=column, limit=MAX_EXPONENT)
    return expr


def _log_size(value: sp.Expr) -> float:
    return abs(math.log10(abs(complex(value.evalf(15)))))


def build(tree, symbols: dict[str, sp.Symbol]) -> sp.Expr:
    """The sympy expression of a parser tree (recursion depth is bounded by the parser)."""
    kind = tree[0]
    if kind == "num":
        return sp.Rational(tree[1]) if "e" not in tree[1].lower() else sp.Float(tree[1])
    if kind == "name":
        return _CONSTS[tree[1]] if tree[1] in _CONSTS else symbols[tree[1]]
    if kind == "neg":
        return -build(tree[1], symbols)
    if kind == "call":
        arg = build(tree[2], symbols)
        if tree[1] == "exp":
            _check_exp(arg, tree[3])
        return _FUNCS[tree[1]](arg)
    a, b, column = build(tree[1], symbols), build(tree[2], symbols), tree[3]
    if kind == "+":
        return a + b
    if kind == "-":
        return a - b
    if kind == "*":
        return _check_effective_exponent(a * b, column)
    if kind == "/":
        return _check_effective_exponent(a / b, column)
    return _power(a, b, column)


def polynomial_degree(expr: sp.Expr, symbol: sp.Symbol) -> int | None:
    """An upper bound of expr's degree in `symbol`, read off the tree; None if expr is not a polynomial in it.

    Bounded work on any input, unlike `sp.degree`, which expands first ((x+1)^1000 (x+2)^1000 for minutes):
    the degree of a product is the sum of its factors' degrees, of a power the base's times the exponent.
    """
    if expr == symbol:
        return 1
    if expr.is_Number:
        return 0
    if expr.is_Add or expr.is_Mul:
        degrees = [polynomial_degree(arg, symbol) for arg in expr.args]
        if None in degrees:
            return None
        return max(degrees) if expr.is_Add else sum(degrees)
    if expr.is_Pow and expr.exp.is_Integer and expr.exp >= 0:
        base = polynomial_degree(expr.base, symbol)
        return None if base is None else base * int(expr.exp)
    # anything else (sin(x), 2^x, sqrt(x), pi, sin(2)) is a constant or not a polynomial in symbol
    return 0 if symbol not in expr.free_symbols else None


def _no_delta(expr: sp.Expr) -> sp.Expr:
    """d|x|/dx = sign(x) differentiates to 2*DiracDelta(x): zero except on a set of measure zero."""
    return expr.replace(sp.DiracDelta, lambda *args: sp.S.Zero) if expr.has(sp.DiracDelta) else expr


@sandbox.job
def analyze(text: str, nvars: int | None = None) -> Analysis:
    tree = parse(text)
    names = variables_for(tree, nvars)
    syms = symbols_for(names)
    expr = build(tree, dict(zip(names, syms, strict=True)))
    if sp.count_ops(expr) > MAX_OPS:
        raise ExpressionError("expr.too_big", limit=MAX_OPS)
    if expr.has(sp.zoo, sp.nan) or (expr.is_number and not expr.is_finite):
        raise ExpressionError("expr.undefined")
    if expr.has(sp.I) or (expr.is_number and expr.is_real is False):
        raise ExpressionError("expr.complex")
    gradient = tuple(_no_delta(sp.diff(expr, s)) for s in syms)
    if any(g.has(sp.I) for g in gradient):  # (-1)^x: real at whole x only, its slope (-1)^x i pi never
        raise ExpressionError("expr.complex")
    hessian = tuple(tuple(_no_delta(sp.diff(g, s)) for s in syms) for g in gradient)
    _check_constants(expr, *gradient, *(h for row in hessian for h in row))
    latex = {
        "f": sp.latex(expr),
        "gradient": sp.latex(sp.Matrix(gradient)),
        "hessian": sp.latex(sp.Matrix(hessian)),
        "gradient_parts": [sp.latex(g) for g in gradient],
    }
    return Analysis(text, names, expr, gradient, hessian, latex)
