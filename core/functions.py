"""A function of one to three variables, from text: exact calculus plus fast numeric evaluation.

`parse_function(text, nvars)` is the one door for formulas: the sympy work runs in the sandbox, the
result is cached (errors too, so a repeated hostile input costs nothing), and numeric callables are
made by `lambdify` per component, so constant components still broadcast to the grid's shape.
Non-finite values (log of a negative, division by zero, overflow) become NaN, never warnings.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import numpy as np
import sympy as sp

from core import sandbox, symbolic
from core.parser import ExpressionError

__all__ = ["ExpressionError", "Function", "parse_function", "curvature"]


def _numeric(symbols, expr, module: str):
    """A callable for one component; constants are returned as 0-d values and broadcast by callers."""
    return sp.lambdify(symbols, expr, modules=module)


@dataclass(frozen=True, eq=False)
class Function:
    """f with its exact gradient and Hessian (sympy) and numpy/torch evaluators."""

    analysis: symbolic.Analysis
    _cache: dict = field(default_factory=dict, repr=False)

    # exact side -------------------------------------------------------------
    @property
    def text(self) -> str:
        return self.analysis.text

    @property
    def variables(self) -> tuple[str, ...]:
        return self.analysis.variables

    @property
    def nvars(self) -> int:
        return len(self.analysis.variables)

    @property
    def symbols(self) -> tuple[sp.Symbol, ...]:
        return symbolic.symbols_for(self.analysis.variables)

    @property
    def expr(self) -> sp.Expr:
        return self.analysis.expr

    @property
    def gradient(self) -> tuple[sp.Expr, ...]:
        return self.analysis.gradient

    @property
    def hessian(self) -> sp.Matrix:
        return sp.Matrix(self.analysis.hessian)

    @property
    def latex(self) -> dict:
        return self.analysis.latex

    # numeric side -------------------------------------------------------------
    def _callables(self, module: str):
        if module not in self._cache:
            a, syms = self.analysis, self.symbols
            self._cache[module] = (
                _numeric(syms, a.expr, module),
                [_numeric(syms, g, module) for g in a.gradient],
                [[_numeric(syms, h, module) for h in row] for row in a.hessian],
            )
        return self._cache[module]

    def value(self, *xs) -> np.ndarray:
        """f at points given coordinate-wise (arrays broadcast together); NaN where not finite."""
        f, _, _ = self._callables("numpy")
        return _evaluate([f], xs)[0]

    def grad(self, *xs) -> np.ndarray:
        """Gradient, shape (n, *broadcast shape)."""
        _, g, _ = self._callables("numpy")
        return _evaluate(g, xs)

    def hess(self, *xs) -> np.ndarray:
        """Hessian, shape (n, n, *broadcast shape)."""
        _, _, h = self._callables("numpy")
        rows = [_evaluate(row, xs) for row in h]
        return np.stack(rows)

    def torch_value(self, *ts):
        """f on torch tensors, differentiable by autograd."""
        import torch

        f, _, _ = self._callables("torch")
        out = f(*ts)
        if not isinstance(out, torch.Tensor):
            out = torch.as_tensor(out, dtype=ts[0].dtype)
        return out.expand(torch.broadcast_shapes(*(t.shape for t in ts)))

    def at(self, point) -> dict:
        """Value, gradient, Hessian and its eigenvalues at one point, as plain floats."""
        xs = [np.float64(v) for v in point]
        hessian = self.hess(*xs).reshape(self.nvars, self.nvars)
        eig = np.linalg.eigvalsh(hessian) if np.all(np.isfinite(hessian)) else np.full(self.nvars, np.nan)
        return {
            "value": float(self.value(*xs)),
            "gradient": [float(g) for g in self.grad(*xs).ravel()],
            "hessian": hessian.tolist(),
            "hessian_eigenvalues": eig.tolist(),
        }


def _evaluate(callables, xs) -> np.ndarray:
    arrays = [np.asarray(x, dtype=float) for x in xs]
    shape = np.broadcast_shapes(*(a.shape for a in arrays)) if arrays else ()
    with np.errstate(all="ignore"):
        out = np.empty((len(callables), *shape))
        for i, fn in enumerate(callables):
            try:
                value = fn(*arrays)
            except ArithmeticError:  # a Python-number constant overflowed (not a numpy one): no value
                value = np.nan
            if np.iscomplexobj(value):  # e.g. x**0.5 at negative x through a float power
                value = np.where(np.imag(value) == 0, np.real(value), np.nan)
            out[i] = value
    out[~np.isfinite(out)] = np.nan
    return out


@functools.lru_cache(maxsize=512)
def _parse_cached(text: str, nvars: int | None) -> Function | ExpressionError:
    try:
        return Function(sandbox.run(symbolic.analyze, text, nvars))
    except ExpressionError as error:
        if error.key in sandbox.TRANSIENT:
            raise  # about the machine's load, not the formula: do not remember it
        return error


def parse_function(text: str, nvars: int | None = None) -> Function:
    """The Function for `text`, with exactly `nvars` variables if given; raises ExpressionError.

    Results and rejections are cached: a repeated hostile input costs nothing.
    """
    result = _parse_cached(text.strip(), nvars)
    if isinstance(result, ExpressionError):
        raise ExpressionError(result.key, **result.fields)
    return result


def curvature(eigenvalues, tol: float = 1e-9) -> str:
    """Definiteness of a symmetric matrix from its eigenvalues, zero within a relative tolerance."""
    eig = np.asarray(eigenvalues, dtype=float)
    scale = max(1.0, float(np.max(np.abs(eig)))) if eig.size else 1.0
    pos, neg = eig > tol * scale, eig < -tol * scale
    if np.all(pos):
        return "positive-definite"
    if np.all(neg):
        return "negative-definite"
    if not np.any(neg):
        return "positive-semidefinite"
    if not np.any(pos):
        return "negative-semidefinite"
    return "indefinite"
