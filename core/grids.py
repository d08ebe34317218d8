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


def _components(cells: np.ndarray) -> np.ndarray:
    """Connected regions (4-neighbours) of equal values: an id per cell, 0, 1, ... in row-major order."""
    ids = np.full(cells.shape, -1, dtype=np.int32)
    rows, cols = cells.shape
    count = 0
    for start in zip(*np.nonzero(ids < 0), strict=True):
        if ids[start] >= 0:
            continue
        ids[start], todo = count, [start]
        while todo:
            r, c = todo.pop()
            for nr, nc in ((r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)):
                if 0 <= nr < rows and 0 <= nc < cols and ids[nr, nc] < 0 and cells[nr, nc] == cells[r, c]:
                    ids[nr, nc] = count
                    todo.append((nr, nc))
        count += 1
    return ids


def _depth(mask: np.ndarray) -> np.ndarray:
    """How many 4-neighbour erosions each cell of `mask` survives, the grid's edge counting as outside."""
    depth = np.zeros(mask.shape, dtype=np.int32)
    inside = mask.copy()
    while inside.any():
        depth += inside
        padded = np.pad(inside, 1)
        inside = inside & padded[:-2, 1:-1] & padded[2:, 1:-1] & padded[1:-1, :-2] & padded[1:-1, 2:]
    return depth


def region_spots(
    categories: np.ndarray, min_share: float = 0.01, cells: int = 48
) -> list[tuple[int, int, int]]:
    """(row, column, category) of a spot deep inside each connected region of a category map (rows = y),
    for a text label that names the region where colour alone would. Regions under `min_share` of the map
    get none (no room for text). The map is sampled on about `cells` x `cells` for speed (a 161 x 161 map:
    ~5 ms); rows and columns index the full map."""
    step = max(1, -(-max(categories.shape) // cells))
    coarse = categories[::step, ::step]
    ids = _components(coarse)
    spots = []
    for region in range(int(ids.max()) + 1):
        mask = ids == region
        if mask.sum() < min_share * coarse.size:
            continue
        depth = _depth(mask)
        # of the deepest cells (a strip's middle line), the one nearest their middle
        deepest = np.argwhere(depth == depth.max())
        r, c = deepest[np.argmin(np.sum((deepest - deepest.mean(axis=0)) ** 2, axis=1))]
        spots.append((int(r) * step, int(c) * step, int(coarse[r, c])))
    return spots
