"""Functions sampled on a modest fixed grid in one vectorised sweep (the expensive, cacheable layer)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from core.functions import Function
from core.presets import find

DEFAULT_WINDOW = ((-5.0, 5.0), (-5.0, 5.0))


@dataclass(frozen=True, eq=False)
class Grid:
    xs: np.ndarray  # (nx,)
    ys: np.ndarray  # (ny,)
    values: np.ndarray  # (ny, nx); NaN where f is undefined

    @property
    def window(self):
        return (float(self.xs[0]), float(self.xs[-1])), (float(self.ys[0]), float(self.ys[-1]))


def window_for(fn: Function, start=None) -> tuple[tuple[float, float], tuple[float, float]]:
    """The preset's window, else a square around the origin wide enough to hold the start point."""
    preset = find(fn.text)
    if preset is not None and preset.nvars == 2:
        return preset.window
    half = 5.0
    if start is not None:
        half = max(half, 1.25 * float(np.max(np.abs(start))))
    return (-half, half), (-half, half)


def grid(fn: Function, window, n: int = 101) -> Grid:
    (x0, x1), (y0, y1) = window
    xs, ys = np.linspace(x0, x1, n), np.linspace(y0, y1, n)
    X, Y = np.meshgrid(xs, ys)
    return Grid(xs, ys, fn.value(X, Y))


def gradient_field(fn: Function, window, n: int = 15):
    """Arrow tails and unit directions of grad f on an n x n lattice (direction only: lengths vary wildly)."""
    (x0, x1), (y0, y1) = window
    pad = 0.5 / n
    xs = np.linspace(x0 + pad * (x1 - x0), x1 - pad * (x1 - x0), n)
    ys = np.linspace(y0 + pad * (y1 - y0), y1 - pad * (y1 - y0), n)
    X, Y = np.meshgrid(xs, ys)
    G = fn.grad(X, Y)
    norm = np.hypot(G[0], G[1])
    with np.errstate(all="ignore"):
        U, V = G[0] / norm, G[1] / norm
    keep = np.isfinite(U) & np.isfinite(V) & (norm > 1e-12)
    return X[keep], Y[keep], U[keep], V[keep], norm[keep]


def display_values(values: np.ndarray) -> tuple[np.ndarray, bool]:
    """Values for colouring: log10(1 + f - min) when f spans several decades over the plane (Rosenbrock)."""
    finite = values[np.isfinite(values)]
    if finite.size == 0:
        return values, False
    lo, p10, hi = np.percentile(finite, [0, 10, 99])
    # the lowest tenth of the plane within 1% of the range: linear colours paint it one band (Rosenbrock's
    # valley, 236x; Beale's) while bowls and Himmelblau (14x, 25x) keep their linear scale
    if hi - lo > 100 * max(p10 - lo, 1e-12):
        with np.errstate(all="ignore"):
            return np.log10(1 + values - lo), True
    return values, False
