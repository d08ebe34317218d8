"""numpy code for sympy expressions, fast on grids: what `Function.value`, `grad`, `value_and_grad`
and `hess` run.

Where the time went for f and grad f of Rosenbrock on 400 x 400 (benchmarks/core.py `grid_400x400`:
3.1-3.4 ms, against 0.4-0.5 ms for the same formula by hand), and what was done; a pass over the grid
(one numpy operation) costs about 0.03 ms:
- page faults, most of it: glibc gave the temporaries' memory back to the kernel after every call and
  faulted it in again on the next (about 1,500 faults per call), or not, depending on what the process
  had freed before (importing torch changed it); `core.memory.keep_freed_memory` fixes its thresholds;
- copies: each component was computed into a new array, then copied into the stacked output; now the
  component's last operation (an arithmetic operator, a negation or a numpy ufunc) writes into it;
- the non-finite mask (three passes) ran every time; now only when `isfinite(out).all()` says so;
- repeated work: the components of one call are one function, and subexpressions they repeat verbatim
  (the chain rule repeats y - x^2 of Rosenbrock) are computed once;
- a sum led by a negative term, `-x**2 + y`, negated a whole array first; it prints `y - x**2` (the
  same bits: -a + b == b - a).
Not in that benchmark but worse: numpy's float power calls C `pow` per element (x**3 took 8 ms on
400 x 400, x*x*x 0.06 ms); x**n for integer 2 < |n| <= 16 is repeated squaring (within a few ulps of
pow), x**2 stays numpy's square. What remains: sympy's expanded derivatives take a few more passes than
hand-factored ones (200y - 200x^2 against 200 r), and the non-finite check.
"""

from __future__ import annotations

import ast
import inspect
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import sympy as sp
from sympy.printing.numpy import NumPyPrinter
from sympy.simplify.cse_main import tree_cse

from core import memory

memory.keep_freed_memory()

MAX_MULTIPLIED_POWER = 16  # x**n for integer 2 < |n| <= 16 by repeated squaring: at most 7 products
_OPERATORS = {ast.Add: "add", ast.Sub: "subtract", ast.Mult: "multiply", ast.Div: "true_divide"}


def integer_power(base, n: int):
    """base**n for an integer n != 0 by repeated squaring."""
    result, square, m = None, base, abs(n)
    while True:
        if m & 1:
            result = square if result is None else result * square
        m >>= 1
        if not m:
            break
        square = square * square
    return 1 / result if n < 0 else result


class Printer(NumPyPrinter):
    """sympy's numpy printer, with integer powers multiplied and sums not led by a negation."""

    def __init__(self):
        super().__init__({"fully_qualified_modules": False, "inline": True, "allow_unknown_functions": True})

    def _print_Pow(self, expr, rational=False):
        n = expr.exp
        if n.is_Integer and n not in (1, 2) and abs(n) <= MAX_MULTIPLIED_POWER:  # x**2 is numpy's square
            return f"_integer_power({self._print(expr.base)}, {int(n)})"
        return super()._print_Pow(expr, rational=rational)

    def _as_ordered_terms(self, expr, order=None):
        terms = super()._as_ordered_terms(expr, order=order)
        if len(terms) > 1 and self._negative(terms[0]) and not self._negative(terms[1]):
            terms[0], terms[1] = terms[1], terms[0]  # -a + b ... -> b - a ...: the same sum, bit for bit
        return terms

    def _negative(self, term) -> bool:
        return not term.is_Add and self._print(term).startswith("-")  # how StrPrinter decides on a '-'


@dataclass(frozen=True, eq=False)
class Code:
    """numpy code for a tuple of expressions: `fill(*xs, out)` computes their common subexpressions once
    and writes component i into out[i] (None if it could not be made); `plain` is one callable per
    component, made on first need, for the cases `fill` cannot write (complex values, Python overflow)."""

    symbols: tuple
    exprs: tuple
    fill: Callable | None
    _plain: list = field(default_factory=list, repr=False)

    def plain(self) -> list[Callable]:
        if (
            not self._plain
        ):  # one slice assignment: a thread racing here writes an equal list, not a longer one
            self._plain[:] = [_lambdify(self.symbols, e) for e in self.exprs]
        return self._plain


def compile_numpy(symbols, exprs) -> Code:
    """The numpy Code of the expressions `exprs` in the variables `symbols`."""
    symbols, exprs = tuple(symbols), tuple(exprs)
    return Code(symbols, exprs, _fill(_lambdify(symbols, list(exprs), cse=_common_subtrees)))


def evaluate(code: Code, xs) -> np.ndarray:
    """The components at points given coordinate-wise: shape (len(code.exprs), *broadcast shape), float,
    NaN where not finite (log of a negative, division by zero, overflow), without warnings."""
    arrays = [np.asarray(x, dtype=float) for x in xs]
    shape = np.broadcast_shapes(*(a.shape for a in arrays)) if arrays else ()
    out = np.empty((len(code.exprs), *shape))
    with np.errstate(all="ignore"):
        if not _filled(code, arrays, out):
            for i, plain in enumerate(code.plain()):
                try:
                    out[i, ...] = _real(plain(*arrays))
                except ArithmeticError:  # a Python-number constant overflowed (not a numpy one): no value
                    out[i, ...] = np.nan
    if not np.isfinite(out).all():
        out[~np.isfinite(out)] = np.nan
    return out


def overflows(code: Code, xs) -> bool:
    """True if computing the components at these points makes a number too large for a float: an overflow,
    as opposed to a point outside the function's domain (the square root or logarithm of a negative number,
    a division by zero), where `evaluate` gives the same NaN."""
    arrays = [np.asarray(x, dtype=float) for x in xs]
    with np.errstate(all="ignore", over="raise"):
        try:
            for plain in code.plain():
                plain(*arrays)
        # numpy's FloatingPointError, or OverflowError from a Python-number constant
        except ArithmeticError:
            return True
    return False


def _filled(code: Code, arrays, out) -> bool:
    """True if the fast code wrote every component: not when one is complex (a ufunc refuses to cast it
    into a float output) or a Python-number constant overflowed."""
    if code.fill is None:
        return False
    try:
        code.fill(*arrays, out)
    except (TypeError, ArithmeticError):
        return False
    return True


def _real(value):
    """A complex value (e.g. (-8)**(1/3) through a float power) is NaN where it is not real."""
    if np.iscomplexobj(value):
        return np.where(np.imag(value) == 0, np.real(value), np.nan)
    return value


def _lambdify(symbols, expr, cse=False):
    modules = [{"_integer_power": integer_power}, "numpy"]
    return sp.lambdify(symbols, expr, modules=modules, printer=Printer(), cse=cse)


def _common_subtrees(exprs):
    """Subexpressions repeated verbatim across the components (as in the chain rule), named once.

    Only whole repeated subtrees: sympy's `cse` would also regroup sums and products, and costs more."""
    return tree_cse(list(exprs), sp.numbered_symbols("_c"), opt_subs={})


def _fill(plain: Callable) -> Callable | None:
    """`plain`'s code turned into `fill(*xs, out)`: component i's last operation writes to out[i].

    The code is lambdify's own, parsed back: `a + b` becomes `numpy.add(a, b, out=out[i, ...])`, what
    numpy's operator calls anyway, so the value is the same to the bit; a component whose last step is
    not a ufunc is assigned (`out[i, ...] = value`, broadcast)."""
    try:
        tree = ast.parse(inspect.getsource(plain))
    except (OSError, TypeError, SyntaxError):
        return None
    function = tree.body[0]
    last = function.body[-1]
    if not (isinstance(last, ast.Return) and isinstance(last.value, ast.List)):
        return None
    function.body[-1:] = [_writing(e, i, plain.__globals__) for i, e in enumerate(last.value.elts)]
    function.name = "_fill"
    function.args.args.append(ast.arg(arg="out"))
    namespace = dict(plain.__globals__, _numpy=np, _real=_real)
    # lambdify's own generated code (which lambdify itself runs the same way), its last operations changed
    exec(compile(ast.fix_missing_locations(tree), "<numeric>", "exec"), namespace)
    return namespace["_fill"]


def _writing(node: ast.expr, i: int, namespace: dict) -> ast.stmt:
    """A statement writing `node` to out[i, ...]: a ufunc call with `out=` if `node` is one, else `=`."""
    out = [ast.keyword(arg="out", value=_out(i, ast.Load()))]
    if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
        return ast.Expr(ast.Call(_numpy(_OPERATORS[type(node.op)]), [node.left, node.right], out))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return ast.Expr(ast.Call(_numpy("negative"), [node.operand], out))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not node.keywords:
        ufunc = namespace.get(node.func.id)
        plain_args = not any(isinstance(arg, ast.Starred) for arg in node.args)
        if isinstance(ufunc, np.ufunc) and ufunc.nout == 1 and ufunc.nin == len(node.args) and plain_args:
            return ast.Expr(ast.Call(node.func, node.args, out))
    return ast.Assign([_out(i, ast.Store())], ast.Call(ast.Name(id="_real", ctx=ast.Load()), [node], []))


def _out(i: int, ctx) -> ast.Subscript:
    """`out[i, ...]`: a view even when 0-d (out[i] of a 1-d array would be a copied scalar)."""
    index = ast.Tuple([ast.Constant(i), ast.Constant(...)], ctx=ast.Load())
    return ast.Subscript(ast.Name(id="out", ctx=ast.Load()), index, ctx=ctx)


def _numpy(name: str) -> ast.Attribute:
    return ast.Attribute(value=ast.Name(id="_numpy", ctx=ast.Load()), attr=name, ctx=ast.Load())
