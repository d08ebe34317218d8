"""Convexity (sections 3.6-3.7): convex sets, and the chapter's three tests of a convex function.

Definition 1 (chord / Jensen): C = sum a_i P_i on the chord lies on or above D = (x_C, g(x_C)) on the curve.
Definition 2 (curvature): g'' >= 0, or the Hessian is positive semi-definite (all eigenvalues >= 0).
Definition 3 (tangent): the curve lies on or above every tangent line (the surface above every tangent plane).
A function is concave when -g is convex; "neither" when some test fails both ways.

The chord test of the book's examples is done in exact rational arithmetic (sympy Rationals), so the page
prints C = (2.6, 20.2) and D = (2.6, 6.76), never 2.6000000000000001. The verdicts over a window are
numerical: every test is sampled on a grid (1-D) or on random pairs (2-D) with a relative tolerance.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import sympy as sp

from core.decimals import decimal_text
from core.functions import Function
from core.presets import PRESETS, find
from core.symbolic import polynomial_degree

EXACT_MAX_DEGREE = 40  # exact values only for polynomials of modest degree: bounded work on typed input
REL_TOL = 1e-9  # values within this fraction of the function's scale count as equal (rounding, not shape)


# ----------------------------------------------------------------------------------------------------
# 1-D curves of the chapter and their windows
@dataclass(frozen=True)
class Curve:
    key: str
    text: str
    window: tuple[float, float]
    a: float  # default chord ends
    b: float

    def defaults(self) -> dict:
        """Page settings a new choice of this curve brings: its chord ends, alpha 0.3 (figure 3.16), x0."""
        return {"a": self.a, "b": self.b, "alpha": 0.3, "x0": (self.a + self.b) / 2}


CURVES: dict[str, Curve] = {
    c.key: c
    for c in [
        Curve("square", "x^2", (-6.0, 6.0), -3.0, 5.0),
        Curve("cube", "x^3", (-8.5, 5.5), -8.0, 5.0),
        Curve("exp", "e^x", (-3.0, 2.0), -2.5, 1.5),
        Curve("neg_log", "-log(x)", (0.05, 5.0), 0.2, 4.0),
        Curve("log", "log(x)", (0.05, 5.0), 0.2, 4.0),
        Curve("quartic", "x^4", (-2.0, 2.0), -1.5, 1.8),
    ]
}


# ----------------------------------------------------------------------------------------------------
# exact numbers
def rational(value) -> sp.Rational:
    """A number as the decimal the user sees: a slider's 0.30000000000000004 -> 3/10.

    Floats are rounded to 9 decimals first (a slider's binary noise is far below that), then read from their
    shortest decimal form, so the book's numbers stay exact.
    """
    if isinstance(value, sp.Rational):
        return value
    if isinstance(value, (int, str)):
        return sp.Rational(value)
    return sp.Rational(repr(round(float(value), 9)))


def parse_numbers(text: str, limit: int = 12) -> list[float]:
    """Comma-separated finite numbers typed by a user (no eval); ValueError when anything else is there."""
    parts = [p.strip() for p in text.replace(";", ",").split(",") if p.strip()]
    if not parts or len(parts) > limit or any(len(p) > 30 for p in parts):
        raise ValueError(text)
    values = [float(p) for p in parts]
    if not all(np.isfinite(values)):
        raise ValueError(text)
    return values


def number_text(value, digits: int = 6) -> str:
    """An exact decimal when the number has a short one (2.6, 6.76, -66.1), else `digits` significant."""
    return decimal_text(value, digits, longest=15)


def exact_value(fn: Function, x):
    """g(x) exactly (a Rational) for a polynomial of modest degree, else a float (NaN outside the domain)."""
    sym = fn.symbols[0]
    degree = polynomial_degree(fn.expr, sym)
    if degree is not None and degree <= EXACT_MAX_DEGREE:
        value = fn.expr.subs(sym, rational(x))
        if isinstance(value, sp.Rational):
            return value
    return float(fn.value(float(x)))


# ----------------------------------------------------------------------------------------------------
# definition 1: chord / Jensen
@dataclass(frozen=True)
class Jensen:
    """Points P_i on the curve, weights a_i (sum 1), C = sum a_i P_i on the chord, D on the curve below/above."""

    points: tuple  # ((x_i, g(x_i)), ...)
    weights: tuple
    c: tuple
    d: tuple
    side: str  # "above", "below", "on", "undefined" (outside the domain) or "overflow" (beyond floats)

    @property
    def gap(self):
        """C_y - D_y: >= 0 for every choice when g is convex."""
        return self.c[1] - self.d[1]


def _side(gap, scale) -> str:
    if isinstance(gap, sp.Rational):
        return "above" if gap > 0 else "below" if gap < 0 else "on"
    gap = float(gap)
    if not np.isfinite(gap):
        return "undefined"
    tol = REL_TOL * max(1.0, float(scale))
    return "above" if gap > tol else "below" if gap < -tol else "on"


def jensen(fn: Function, xs, weights) -> Jensen:
    """Definition 1 for several points; weights are normalised to sum 1 (they must be >= 0, not all 0)."""
    xs = [rational(x) for x in xs]
    ws = [rational(w) for w in weights]
    if len(xs) != len(ws) or not xs or any(w < 0 for w in ws) or sum(ws) == 0:
        raise ValueError("weights must be non-negative, one per point, not all zero")
    total = sum(ws)
    ws = [w / total for w in ws]
    ys = [exact_value(fn, x) for x in xs]
    cx = sum(w * x for w, x in zip(ws, xs, strict=True))
    cy = sum(w * y for w, y in zip(ws, ys, strict=True))
    dy = exact_value(fn, cx)
    scale = max([abs(float(y)) for y in ys] + [abs(float(dy))], default=1.0)
    side = _side(cy - dy, scale)
    if side == "undefined" and polynomial_degree(fn.expr, fn.symbols[0]) is not None:
        side = "overflow"  # a polynomial is defined everywhere: its value only passed the float range
    return Jensen(tuple(zip(xs, ys, strict=True)), tuple(ws), (cx, cy), (cx, dy), side)


def jensen_text(fn: Function, xs: str, weights: str) -> Jensen | None:
    """Definition 1 for typed comma-separated points and weights; None when they do not make sense."""
    try:
        return jensen(fn, parse_numbers(xs), parse_numbers(weights))
    except ValueError:
        return None


def chord(fn: Function, a, b, alpha) -> Jensen:
    """C = alpha A + (1 - alpha) B for A = (a, g(a)), B = (b, g(b)) (the book's alpha_1 = alpha)."""
    alpha = rational(alpha)
    return jensen(fn, [a, b], [alpha, 1 - alpha])


def jensen_fields(j: Jensen) -> dict[str, str]:
    """C, D and the weights as display strings (exact decimals where they exist)."""
    n = number_text
    return {"cx": n(j.c[0]), "cy": n(j.c[1]), "dy": n(j.d[1]), "weights": ", ".join(n(w) for w in j.weights)}


# ----------------------------------------------------------------------------------------------------
# definition 2: curvature
CLASSES = ("convex", "concave", "saddle", "flat", "undefined")  # indices used in Hessian maps


def _tol(values) -> float:
    finite = np.abs(values[np.isfinite(values)])
    return REL_TOL * max(1.0, float(finite.max()) if finite.size else 1.0)


def hessian_eigenvalues(fn: Function, *grids) -> np.ndarray:
    """Eigenvalues of the Hessian at every grid point, shape (*grid shape, n), ascending; NaN if undefined."""
    h = np.moveaxis(fn.hess(*grids), (0, 1), (-2, -1))
    bad = ~np.all(np.isfinite(h), axis=(-2, -1))
    eig = np.linalg.eigvalsh(np.where(bad[..., None, None], 0.0, h))
    eig[bad] = np.nan
    return eig


def hessian_classes(fn: Function, *grids) -> np.ndarray:
    """Index into CLASSES per point: PSD (convex), NSD (concave), indefinite (saddle), zero (flat), NaN."""
    eig = hessian_eigenvalues(fn, *grids)
    tol = _tol(eig)
    lo, hi = eig[..., 0], eig[..., -1]
    out = np.full(lo.shape, 2, dtype=np.int8)
    out[lo >= -tol] = 0
    out[hi <= tol] = 1
    out[(lo >= -tol) & (hi <= tol)] = 3
    out[np.isnan(lo)] = 4
    return out


def samples(fn: Function, window, n: int = 601) -> tuple[np.ndarray, np.ndarray]:
    """(x, g(x)) of a 1-D function over its window, for drawing."""
    xs = np.linspace(window[0], window[1], n)
    return xs, fn.value(xs)


def surface_grid(fn: Function, window, n: int = 161):
    """(xs, ys, X, Y, f(X, Y)) on an n x n grid of a 2-D window (rows = y, as heatmaps expect)."""
    xs, ys = (np.linspace(lo, hi, n) for lo, hi in window)
    gx, gy = np.meshgrid(xs, ys)
    return xs, ys, gx, gy, fn.value(gx, gy)


def curve_window(key: str) -> tuple[float, float]:
    """The window of a named curve; typed curves get (-5, 5)."""
    return CURVES[key].window if key in CURVES else (-5.0, 5.0)


def surface_window(key: str, text: str) -> tuple:
    """The window of a named 2-D function, or of the preset a typed formula matches, else (-3, 3)^2."""
    known = PRESETS.get(key) or find(text)
    return known.window if known and known.nvars == 2 else ((-3.0, 3.0), (-3.0, 3.0))


def second_derivative(fn: Function, xs) -> np.ndarray:
    """g''(x) of a 1-D function on an array."""
    return fn.hess(np.asarray(xs, dtype=float))[0, 0]


# ----------------------------------------------------------------------------------------------------
# definition 3: tangent
def tangent_gap(fn: Function, p0, *grids) -> np.ndarray:
    """g(x) minus the tangent (line or plane) at p0: negative where the graph dips below it."""
    p0 = np.asarray(p0, dtype=float)
    value, grad = float(fn.value(*p0)), fn.grad(*p0).reshape(-1)
    plane = value + sum(g * (np.asarray(x, dtype=float) - c) for g, x, c in zip(grad, grids, p0, strict=True))
    return fn.value(*grids) - plane


def tangent_dips(fn: Function, x0: float, window) -> bool:
    """Whether the 1-D curve dips below its tangent at x0 somewhere in the window."""
    xs, _ = samples(fn, window)
    return bool(below(tangent_gap(fn, (x0,), xs)).any())


def below(gap: np.ndarray) -> np.ndarray:
    """Where the graph is below its tangent beyond rounding."""
    with np.errstate(invalid="ignore"):
        return gap < -_tol(gap)


# ----------------------------------------------------------------------------------------------------
# verdicts over a window
@dataclass(frozen=True)
class TestResult:
    """One definition sampled over a window; `against_convex` / `against_concave` are counterexamples."""

    convex: bool
    concave: bool
    against_convex: dict | None = None
    against_concave: dict | None = None

    @property
    def verdict(self) -> str:
        if self.convex and self.concave:
            return "linear"
        return "convex" if self.convex else "concave" if self.concave else "neither"


def _result(gap: np.ndarray, witness: Callable[[int], dict]) -> TestResult:
    """Convex iff gap >= 0 everywhere sampled, concave iff gap <= 0; the worst index is the witness."""
    flat = np.where(np.isfinite(gap), gap, np.nan).ravel()
    if not np.isfinite(flat).any():
        return TestResult(False, False)
    tol = _tol(flat)
    lo, hi = int(np.nanargmin(flat)), int(np.nanargmax(flat))
    convex, concave = flat[lo] >= -tol, flat[hi] <= tol
    return TestResult(
        bool(convex), bool(concave), None if convex else witness(lo), None if concave else witness(hi)
    )


ALPHAS = np.linspace(0.1, 0.9, 9)


def _window_points(window, n: int, nvars: int, rng) -> np.ndarray:
    """Sample points of a window: an even grid in 1-D, uniform random in 2-D (with the corners)."""
    lows, highs = np.array([w[0] for w in window], float), np.array([w[1] for w in window], float)
    if nvars == 1:
        return np.linspace(lows[0], highs[0], n)[:, None]
    return lows + (highs - lows) * rng.random((n, nvars))


def chord_test(fn: Function, window, n: int = 81, seed: int = 0) -> TestResult:
    """Definition 1 on many chords: all pairs of a 1-D grid, or random pairs of 2-D points, alpha 0.1..0.9."""
    rng = np.random.default_rng(seed)
    if fn.nvars == 1:
        xs = _window_points(window, n, 1, rng)[:, 0]
        i, j = np.triu_indices(n, 1)
        p, q = xs[i][:, None], xs[j][:, None]
    else:
        p, q = _window_points(window, 4000, fn.nvars, rng), _window_points(window, 4000, fn.nvars, rng)
    a = ALPHAS[:, None, None]
    mid = a * p + (1 - a) * q  # (alphas, pairs, n)
    fp, fq = fn.value(*p.T), fn.value(*q.T)
    gap = a[..., 0] * fp + (1 - a[..., 0]) * fq - fn.value(*np.moveaxis(mid, -1, 0))
    k = len(p)

    def witness(index: int) -> dict:
        ia, ip = divmod(index, k)
        return {
            "p": p[ip].tolist(),
            "q": q[ip].tolist(),
            "alpha": float(ALPHAS[ia]),
            "gap": float(gap.flat[index]),
        }

    return _result(gap, witness)


def tangent_test(fn: Function, window, n: int = 81, seed: int = 1) -> TestResult:
    """Definition 3: the graph minus each sampled tangent, at every sampled point."""
    rng = np.random.default_rng(seed)
    m = n if fn.nvars == 1 else 400
    pts = _window_points(window, m, fn.nvars, rng)
    values, grads = fn.value_and_grad(*pts.T)
    grads = np.moveaxis(grads, 0, -1)  # (m,), (m, n)
    # gap[t, s] = g(s) - g(t) - grad g(t) . (s - t)
    gap = (
        values[None, :] - values[:, None] - np.einsum("tn,tsn->ts", grads, pts[None, :, :] - pts[:, None, :])
    )

    def witness(index: int) -> dict:
        it, js = divmod(index, m)
        return {"at": pts[it].tolist(), "point": pts[js].tolist(), "gap": float(gap.flat[index])}

    return _result(gap, witness)


def curvature_test(fn: Function, window, n: int = 401) -> TestResult:
    """Definition 2: the smallest and largest Hessian eigenvalue (g'' in 1-D) on a grid."""
    axes = [np.linspace(lo, hi, n if fn.nvars == 1 else 101) for lo, hi in window]
    grids = np.meshgrid(*axes, indexing="ij")
    eig = hessian_eigenvalues(fn, *grids)
    tol = _tol(eig)
    lo, hi = eig[..., 0].ravel(), eig[..., -1].ravel()
    points = np.stack([g.ravel() for g in grids], axis=-1)
    if not np.isfinite(lo).any():
        return TestResult(False, False)
    i, j = int(np.nanargmin(lo)), int(np.nanargmax(hi))
    convex, concave = lo[i] >= -tol, hi[j] <= tol
    return TestResult(
        bool(convex),
        bool(concave),
        None if convex else {"point": points[i].tolist(), "eigenvalue": float(lo[i])},
        None if concave else {"point": points[j].tolist(), "eigenvalue": float(hi[j])},
    )


TESTS: dict[str, Callable[[Function, tuple], TestResult]] = {
    "chord": chord_test,
    "curvature": curvature_test,
    "tangent": tangent_test,
}


def verdict(fn: Function, window) -> dict[str, TestResult]:
    """The three definitions side by side over a window (a tuple of (lo, hi) per variable)."""
    return {name: test(fn, window) for name, test in TESTS.items()}


def segment_slice(fn: Function, p, q, n: int = 201):
    """(s, f(P + s(Q - P)), chord from f(P) to f(Q)) for s in [0, 1]: a 2-D chord seen from the side."""
    s = np.linspace(0.0, 1.0, n)
    p, q = np.asarray(p, float), np.asarray(q, float)
    values = fn.value(*(p[:, None] + s * (q - p)[:, None]))
    return s, values, values[0] + s * (values[-1] - values[0])


def overall(results: dict[str, TestResult]) -> str:
    """One word when the three tests agree (they must, up to sampling), else "neither"."""
    words = {r.verdict for r in results.values()}
    return words.pop() if len(words) == 1 else "neither"


# ----------------------------------------------------------------------------------------------------
# convex sets
Inside = Callable[[np.ndarray, np.ndarray], np.ndarray]


def _polygon(vertices) -> Inside:
    """Even-odd ray casting, vectorised over the points."""
    vx, vy = np.array(vertices, float).T
    wx, wy = np.roll(vx, -1), np.roll(vy, -1)

    def inside(x, y):
        x, y = np.asarray(x, float)[..., None], np.asarray(y, float)[..., None]
        crosses = (vy > y) != (wy > y)
        with np.errstate(divide="ignore", invalid="ignore"):
            at = vx + (y - vy) * (wx - vx) / (wy - vy)
        return (np.sum(crosses & (x < at), axis=-1) % 2) == 1

    return inside


def _star(points: int = 5, outer: float = 1.0, inner: float = 0.42):
    angles = np.pi / 2 + np.arange(2 * points) * np.pi / points
    radii = np.where(np.arange(2 * points) % 2 == 0, outer, inner)
    return list(zip(radii * np.cos(angles), radii * np.sin(angles), strict=True))


@dataclass(frozen=True)
class Region:
    key: str
    inside: Inside
    convex: bool | None  # None: unknown (typed)
    p: tuple[float, float]  # default segment ends
    q: tuple[float, float]

    def defaults(self) -> dict:
        return {"px": self.p[0], "py": self.p[1], "qx": self.q[0], "qy": self.q[1]}


WINDOW = ((-1.5, 1.5), (-1.5, 1.5))  # every preset region fits in it
REGIONS: dict[str, Region] = {
    r.key: r
    for r in [
        Region("disc", lambda x, y: x**2 + y**2 <= 1, True, (-0.6, -0.5), (0.7, 0.4)),
        Region(
            "square", lambda x, y: (np.abs(x) <= 0.9) & (np.abs(y) <= 0.9), True, (-0.8, 0.7), (0.6, -0.8)
        ),
        Region(
            "crescent",
            lambda x, y: (x**2 + y**2 <= 1) & ((x - 0.5) ** 2 + y**2 > 0.64),
            False,
            (-0.2, 0.85),
            (-0.2, -0.85),
        ),
        Region("star", _polygon(_star()), False, (0.0, 0.95), (0.9, 0.29)),
    ]
}


def typed_region(fn: Function | None) -> Inside:
    """The set lhs(x, y) <= 0 of a typed left-hand side (NaN, outside its domain, counts as outside).

    None (a formula that did not parse) gives the empty set, so the page still draws."""
    if fn is None:
        return lambda x, y: np.zeros(np.broadcast_shapes(np.shape(x), np.shape(y)), dtype=bool)
    return lambda x, y: np.nan_to_num(fn.value(x, y), nan=np.inf) <= 0


def region_mask(inside: Inside, window=WINDOW, n: int = 241):
    """(xs, ys, mask[n_y, n_x]) for drawing a region as a filled picture."""
    xs, ys = (np.linspace(lo, hi, n) for lo, hi in window)
    return xs, ys, inside(*np.meshgrid(xs, ys))


@dataclass(frozen=True)
class Piece:
    inside: bool
    x: np.ndarray
    y: np.ndarray


def segment_pieces(inside: Inside, p, q, n: int = 601) -> list[Piece]:
    """The segment PQ cut into runs inside / outside the set (neighbouring runs share an end point)."""
    s = np.linspace(0.0, 1.0, n)
    x, y = p[0] + s * (q[0] - p[0]), p[1] + s * (q[1] - p[1])
    flags = np.asarray(inside(x, y), dtype=bool)
    cuts = np.flatnonzero(np.diff(flags.astype(np.int8))) + 1
    bounds = [0, *cuts.tolist(), n]
    return [
        Piece(bool(flags[a]), x[max(a - 1, 0) : b], y[max(a - 1, 0) : b])
        for a, b in zip(bounds[:-1], bounds[1:], strict=True)
    ]


def segment_inside(pieces: list[Piece]) -> bool:
    return all(piece.inside for piece in pieces)


@dataclass(frozen=True)
class SegmentCheck:
    """The segment PQ against a set: its pieces, a verdict key and the share of it outside."""

    pieces: list[Piece]
    verdict: str  # "segment_inside", "segment_leaves" or "ends_outside"
    outside_percent: int


def check_segment(inside: Inside, p, q) -> SegmentCheck:
    pieces = segment_pieces(inside, p, q)
    ends = np.asarray(inside(np.array([p[0], q[0]], float), np.array([p[1], q[1]], float)), dtype=bool)
    outside = sum(len(x.x) for x in pieces if not x.inside) / sum(len(x.x) for x in pieces)
    word = (
        "ends_outside" if not ends.all() else "segment_inside" if segment_inside(pieces) else "segment_leaves"
    )
    return SegmentCheck(pieces, word, round(100 * outside))


def witness_fields(result: TestResult) -> dict[str, str] | None:
    """The counterexample of a failed test as display strings: points as (x, y), numbers to 4 digits."""
    w = result.against_convex or result.against_concave
    if not w:
        return None
    show = lambda v: "(" + ", ".join(f"{x:.4g}" for x in v) + ")" if isinstance(v, list) else f"{v:.4g}"  # noqa: E731
    return {key: show(value) for key, value in w.items()}
