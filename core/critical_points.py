"""Critical points (grad f = 0) of a function, classified by its Hessian, and basins of attraction.

Finding them: for polynomial gradients, a lex Groebner basis reduces grad f = 0 to one polynomial in the
last variable whose real roots are back-substituted (exact algebra in the sandbox, with a time limit);
otherwise sympy's `solve`. Both are then polished, and completed, by Newton's method on grad f = 0 run from
a grid of seeds over the window (Newton converges to minima, maxima and saddles alike); duplicates closer
than `DEDUP` are merged. A point is a minimum / maximum / saddle when its Hessian is positive definite /
negative definite / indefinite, and "degenerate" when a zero eigenvalue leaves the test undecided.

A basin of attraction is the set of starts from which descent ends in one minimum: a grid of starts is run
at once by `core.optimizers.descend_batch`, each end point labelled by the nearest known minimum.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import sympy as sp

from core import sandbox
from core.functions import Function, parse_function, stationary_kind
from core.parser import ExpressionError

if TYPE_CHECKING:
    from core.optimizers import Settings

DEDUP = 1e-6  # two critical points closer than this (relative to their size) are one
RESIDUAL = 1e-8  # |grad| below this (relative to the gradient's scale on the window) counts as zero
MAX_POINTS = 200
SOLVE_SECONDS = 3.0


@dataclass(frozen=True)
class CriticalPoint:
    point: tuple[float, ...]
    value: float
    kind: str  # minimum, maximum, saddle, degenerate
    eigenvalues: tuple[float, ...]
    source: str  # "sympy" or "newton"


# ----------------------------------------------------------------------------------------------------
# exact side (runs in the sandbox: picklable, top level)
def _real_roots(poly: sp.Poly) -> list[float]:
    roots = poly.nroots(n=30, maxsteps=200) if poly.degree() > 0 else []
    return [float(sp.re(r)) for r in roots if abs(float(sp.im(r))) < 1e-9 * max(1.0, abs(complex(r)))]


def _groebner_solutions(gradient, symbols) -> list[tuple[float, ...]]:
    """Real solutions of a zero-dimensional polynomial system, last variable first, then back-substituted."""
    basis = sp.groebner([sp.expand(g) for g in gradient], *symbols, order="lex")
    if list(basis.exprs) == [1]:
        return []
    partial = [()]
    for k in range(len(symbols) - 1, -1, -1):  # solve for symbols[k] given the later ones
        later = symbols[k + 1 :]
        grown = []
        for values in partial:
            subs = dict(zip(later, values, strict=True))
            polys = [
                sp.Poly(sp.expand(e.subs(subs)), symbols[k])
                for e in basis.exprs
                if e.free_symbols <= set(symbols[k:]) and symbols[k] in e.free_symbols
            ]
            polys = [p for p in polys if p.degree() > 0]
            if not polys:  # not zero-dimensional (a curve of critical points): leave it to Newton
                raise ValueError("positive-dimensional")
            grown += [(root, *values) for root in _real_roots(min(polys, key=lambda p: p.degree()))]
        partial = grown
    return partial


@sandbox.job
def solve_gradient(gradient, symbols) -> list[tuple[float, ...]]:
    """Real solutions of grad = 0 found by sympy (approximate floats, to be polished numerically)."""
    if all(g.is_polynomial(*symbols) for g in gradient):
        return _groebner_solutions(gradient, symbols)
    out = []
    for sol in sp.solve(list(gradient), list(symbols), dict=True):
        values = [complex(sp.N(sol.get(s, sp.nan))) for s in symbols]
        if all(np.isfinite(v) and abs(v.imag) < 1e-9 for v in values):
            out.append(tuple(v.real for v in values))
    return out


def symbolic_candidates(fn: Function) -> list[tuple[float, ...]] | None:
    """sympy's solutions, or None when the formula made it fail or run out of time (the numeric search then
    does it all). A job stopped by the machine (killed from outside, busy, stalled: `sandbox.TRANSIENT`) is
    raised instead: it says nothing about the formula, so no cache may remember it as that formula's answer."""
    try:
        return sandbox.run(solve_gradient, fn.gradient, fn.symbols, wall_seconds=SOLVE_SECONDS)
    except ExpressionError as error:
        if error.key in sandbox.TRANSIENT:
            raise
        return None


# ----------------------------------------------------------------------------------------------------
# numeric side
def _newton(fn: Function, seeds: np.ndarray, window, iterations: int = 60) -> np.ndarray:
    """Newton's method on grad = 0 from every seed at once; steps capped at the window's size."""
    w = np.array(seeds, dtype=float)
    span = float(np.hypot(*[hi - lo for lo, hi in window])) if len(window) > 1 else float(np.ptp(window[0]))
    for _ in range(iterations):
        g = np.moveaxis(fn.grad(*w.T), 0, -1)
        h = np.moveaxis(fn.hess(*w.T), (0, 1), (-2, -1))
        ok = np.all(np.isfinite(g), axis=-1) & np.all(np.isfinite(h), axis=(-2, -1))
        step = np.zeros_like(w)
        if ok.any():
            step[ok] = (np.linalg.pinv(h[ok]) @ g[ok][..., None])[..., 0]
        size = np.linalg.norm(step, axis=-1, keepdims=True)
        step *= np.minimum(1.0, span / np.maximum(size, 1e-300))
        w = np.where(ok[:, None], w - step, np.nan)
    return w


def _dedup(points: list[tuple[np.ndarray, str]]) -> list[tuple[np.ndarray, str]]:
    kept: list[tuple[np.ndarray, str]] = []
    for p, source in points:
        if all(np.linalg.norm(p - q) > DEDUP * max(1.0, np.linalg.norm(q)) for q, _ in kept):
            kept.append((p, source))
    return kept


def _inside(points: np.ndarray, window, margin: float = 1e-9) -> np.ndarray:
    lows = np.array([lo for lo, _ in window]) - margin
    highs = np.array([hi for _, hi in window]) + margin
    return np.all((points >= lows) & (points <= highs), axis=-1)


def classify(fn: Function, point, source: str = "newton") -> CriticalPoint:
    info = fn.at(point)
    kind = stationary_kind(info["hessian_eigenvalues"])
    return CriticalPoint(
        tuple(float(v) for v in point), info["value"], kind, tuple(info["hessian_eigenvalues"]), source
    )


def critical_points(
    fn: Function, window, seeds: int = 24, use_sympy: bool = True, candidates=None
) -> list[CriticalPoint]:
    """Every critical point found in the window, sorted by value; sympy's first, Newton's to complete them.

    `candidates` are sympy's solutions found beforehand (a pool worker must not start a sandbox of its own).
    """
    exact = candidates
    if exact is None and use_sympy:
        # a caller without a cache: the machine stopping the exact solver leaves the numeric search alone
        with contextlib.suppress(ExpressionError):
            exact = symbolic_candidates(fn)
    axes = [np.linspace(lo, hi, seeds) for lo, hi in window]
    grid = np.stack([a.ravel() for a in np.meshgrid(*axes, indexing="ij")], axis=-1)
    starts = [(np.array(p, float), "sympy") for p in (exact or [])] + [(p, "newton") for p in grid]
    polished = _newton(fn, np.array([p for p, _ in starts]).reshape(-1, fn.nvars), window)
    g = np.linalg.norm(np.moveaxis(fn.grad(*polished.T), 0, -1), axis=-1)
    scale = np.nanmax(np.abs(fn.grad(*grid.T))) if grid.size else 1.0
    good = np.isfinite(g) & (g <= RESIDUAL * max(1.0, scale)) & _inside(polished, window)
    found = _dedup([(p, s) for p, (_, s), ok in zip(polished, starts, good, strict=True) if ok])[:MAX_POINTS]
    points = [classify(fn, p, s) for p, s in found]
    return sorted(points, key=lambda c: (c.value, c.point))


def minima(points: list[CriticalPoint]) -> tuple[tuple[float, ...], ...]:
    return tuple(c.point for c in points if c.kind == "minimum")


COLUMNS = ("point", "value", "kind", "eig", "source")


def table(points: list[CriticalPoint], kind_name=str) -> list[tuple]:
    """Rows (point, value, kind, eigenvalues, source) as display strings, six decimals for the point."""
    return [
        (
            f"({c.point[0]:.6f}, {c.point[1]:.6f})",
            f"{c.value:.4f}",
            kind_name(c.kind),
            ", ".join(f"{e:.4g}" for e in c.eigenvalues),
            c.source,
        )
        for c in points
    ]


# ----------------------------------------------------------------------------------------------------
# basins of attraction
# Labels of the starts that reach no minimum, below the minima's indices 0, 1, ...: figure, counts and legend
# list them in OUTCOMES' order (label = index - len(OUTCOMES)).
LEFT_DOMAIN, DIVERGED, SLOW, ELSEWHERE = -4, -3, -2, -1
# left_domain: stepped to (or started at) a point where f has no value; slow: not converged within the steps;
# elsewhere: stopped (gradient ~ 0) away from every minimum, at a saddle or a minimum outside the window
OUTCOMES = ("left_domain", "diverged", "slow", "elsewhere")


@dataclass(frozen=True)
class Basins:
    xs: np.ndarray  # (res,)
    ys: np.ndarray  # (res,)
    labels: np.ndarray  # (res_y, res_x): index into minima, or DIVERGED, SLOW, ELSEWHERE
    minima: np.ndarray  # (k, 2)
    final: np.ndarray  # (res_y * res_x, 2) end points
    status: np.ndarray  # descend_batch status per start


def grid_starts(window, resolution: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    xs, ys = (np.linspace(lo, hi, resolution) for lo, hi in window)
    gx, gy = np.meshgrid(xs, ys)  # row = y, as heatmaps expect
    return xs, ys, np.stack([gx.ravel(), gy.ravel()], axis=-1)


def label_ends(final: np.ndarray, status: np.ndarray, minima: np.ndarray, tol: float) -> np.ndarray:
    """The nearest minimum of each end point within `tol`; else LEFT_DOMAIN, DIVERGED, SLOW (the steps ran out
    first) or ELSEWHERE (converged away from every minimum). Status as descend_batch: 0 max steps,
    1 converged, 2 diverged, 3 left f's domain."""
    status = np.asarray(status)
    missed = np.select([status == 3, status == 2, status == 0], [LEFT_DOMAIN, DIVERGED, SLOW], ELSEWHERE)
    if len(minima) == 0:
        return missed
    dist = np.linalg.norm(final[:, None, :] - minima[None, :, :], axis=-1)
    nearest = np.argmin(dist, axis=1)
    ok = (dist[np.arange(len(final)), nearest] <= tol) & (status < 2)
    return np.where(ok, nearest, missed)


@contextlib.contextmanager
def one_thread():
    """torch on one thread for this many small elementwise steps: measured 2x faster than two threads on
    two busy cores (a second thread only adds synchronisation per step)."""
    import torch

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def basins(
    fn: Function,
    window,
    settings: Settings,
    resolution: int,
    minima,
    progress: Callable[[int, int], None] | None = None,
    tol: float | None = None,
) -> Basins:
    """Descent from every point of a resolution x resolution grid; each start coloured by its minimum."""
    from core.optimizers import descend_batch  # here, not at the top: the sandbox child must not load torch

    xs, ys, starts = grid_starts(window, resolution)
    minima = np.array(minima, dtype=float).reshape(-1, 2)
    with one_thread():
        run = descend_batch(fn, starts, settings, progress=progress)
    diag = float(np.hypot(*[hi - lo for lo, hi in window]))
    labels = label_ends(run.final, run.status, minima, tol if tol is not None else 0.01 * diag)
    if progress is not None:  # all starts may stop early (converged or diverged): the bar still ends at 100%
        progress(settings.steps, settings.steps)
    return Basins(xs, ys, labels.reshape(resolution, resolution), minima, run.final, run.status)


def critical_points_for(text: str, window) -> list[CriticalPoint]:
    """critical_points of a formula given as text (a hashable argument for a page's cache)."""
    return critical_points(parse_function(text, 2), window)


def candidates_for(text: str) -> list[tuple[float, ...]] | None:
    """symbolic_candidates of a 2-variable formula given as text (a hashable argument for a page's cache;
    raises ExpressionError when the machine, not the formula, stopped it, so that it is not cached)."""
    return symbolic_candidates(parse_function(text, 2))


def random_paths(fn: Function, window, settings: Settings, count: int, seed: int) -> np.ndarray:
    """(T + 1, count, 2) descent paths from uniformly random starts (NaN after a path stopped)."""
    from core.optimizers import descend_batch

    rng = np.random.default_rng(seed)
    lows, highs = np.array([lo for lo, _ in window]), np.array([hi for _, hi in window])
    starts = lows + (highs - lows) * rng.random((count, 2))
    with one_thread():
        return descend_batch(fn, starts, settings, record=True).paths


def shares(b: Basins) -> np.ndarray:
    """Percent of starts per outcome: left_domain, diverged, slow, elsewhere (OUTCOMES), then minimum 1, 2, ..."""
    counts = np.bincount(b.labels.ravel() + len(OUTCOMES), minlength=len(b.minima) + len(OUTCOMES))
    return 100.0 * counts / max(1, counts.sum())


def percent_text(value: float) -> str:
    """A share as shown: whole percent, but never "0%" for some starts or "100%" when some are missing."""
    if 0 < value < 1:
        return "<1%"
    if 99 < value < 100:
        return ">99%"
    return f"{value:.0f}%"


def shares_text(b: Basins) -> dict[str, str]:
    """{"shares": "1: 25%, 2: 24%, ...", "left_domain": "0%", "diverged": "3%", "slow": ..., "elsewhere": ...}
    for the caption."""
    pct = shares(b)
    outcomes = {name: percent_text(v) for name, v in zip(OUTCOMES, pct, strict=False)}
    return {
        # a dash, not nothing, when no minimum is known ("…each minimum: ." read as a slip)
        "shares": ", ".join(f"{i}: {percent_text(v)}" for i, v in enumerate(pct[len(OUTCOMES) :], 1)) or "—",
        **outcomes,
    }
