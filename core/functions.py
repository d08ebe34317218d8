"""A function of one to three variables, from text: exact calculus plus fast numeric evaluation.

`parse_function(text, nvars)` is the one door for formulas: the sympy work runs in the sandbox, the
result is cached (errors too, so a repeated hostile input costs nothing), and numeric code is made
on first use per part (f, its gradient, both, the Hessian) by core.numeric, which computes what a part's
components share once and writes each into the result; constant components broadcast to the grid's
shape. Non-finite values (log of a negative, division by zero, overflow) become NaN, never warnings.
f on torch tensors (for autograd) is sympy's `lambdify`.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import numpy as np
import sympy as sp

from core import numeric, sandbox, symbolic
from core.parser import ExpressionError

__all__ = ["ExpressionError", "Function", "parse_function", "curvature"]


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
    def _numpy(self, part: str) -> numeric.Code:
        """numpy code for "value", "grad", "value_and_grad" or "hess" (row by row), made on first use."""
        if part not in self._cache:
            a = self.analysis
            exprs = {
                "value": (a.expr,),
                "grad": a.gradient,
                "value_and_grad": (a.expr, *a.gradient),
                "hess": tuple(h for row in a.hessian for h in row),
            }[part]
            self._cache[part] = numeric.compile_numpy(self.symbols, exprs)
        return self._cache[part]

    def value(self, *xs) -> np.ndarray:
        """f at points given coordinate-wise (arrays broadcast together); NaN where not finite."""
        return numeric.evaluate(self._numpy("value"), xs)[0]

    def overflows(self, *xs) -> bool:
        """True if f at these points is not finite because a number overflowed, not because a point is
        outside f's domain (numeric.overflows)."""
        return numeric.overflows(self._numpy("value"), xs)

    def grad(self, *xs) -> np.ndarray:
        """Gradient, shape (n, *broadcast shape)."""
        return numeric.evaluate(self._numpy("grad"), xs)

    def value_and_grad(self, *xs) -> tuple[np.ndarray, np.ndarray]:
        """`value(*xs), grad(*xs)` in one sweep: what f and its gradient share is computed once."""
        out = numeric.evaluate(self._numpy("value_and_grad"), xs)
        return out[0], out[1:]

    def hess(self, *xs) -> np.ndarray:
        """Hessian, shape (n, n, *broadcast shape)."""
        out = numeric.evaluate(self._numpy("hess"), xs)
        return out.reshape(self.nvars, self.nvars, *out.shape[1:])

    def torch_value(self, *ts):
        """f on torch tensors, differentiable by autograd."""
        import torch

        if "torch" not in self._cache:
            self._cache["torch"] = sp.lambdify(self.symbols, self.expr, modules="torch")
        out = self._cache["torch"](*ts)
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


# What a stationary point is, by the definiteness of its Hessian (the second-derivative test).
KINDS = {
    "positive-definite": "minimum",
    "negative-definite": "maximum",
    "indefinite": "saddle",
    "positive-semidefinite": "degenerate",
    "negative-semidefinite": "degenerate",
}


def stationary_kind(eigenvalues) -> str:
    """minimum, maximum, saddle, or degenerate (a zero eigenvalue leaves the test undecided)."""
    return KINDS.get(curvature(eigenvalues), "degenerate")
