"""Local approximation by Taylor series (section 3.4, equations 3.7-3.10).

One variable: T_n(x) = sum_k f^(k)(a)/k! (x - a)^k (eq. 3.7), with its error |f - T_n|, the interval where
that error stays under a tolerance, and the radius of convergence of the named functions.
Two variables: the first-order model f(p) + grad . delta (the tangent plane, eq. 3.8) and the second-order
model that adds 1/2 delta^T H delta (the Hessian quadric, eqs. 3.9-3.10); their errors against ||delta||
(slopes 2 and 3 on a log-log plot) and Newton's step, the minimum of the quadratic model.

Exact work on a formula (twelve derivatives, rational or 50-digit evaluation) runs in `core.sandbox`, so an odd
typed formula costs at most the sandbox's time limit; the top-level `_...` functions are what the worker runs.
"""

from __future__ import annotations

import functools
import math
import re
from dataclasses import dataclass

import numpy as np
import sympy as sp

from core import sandbox
from core.decimals import decimal_text
from core.functions import KINDS, Function, curvature, parse_function
from core.parser import ExpressionError

MAX_ORDER = 12
HIGH_PRECISION = 50  # decimal digits for the error curves: rounding never hides an h^3 error
SIZES = tuple(float(h) for h in np.logspace(-3, -1.5, 9))  # ||delta|| for the error-vs-displacement fit
ANGLE = 20.0  # default direction of the displacements, degrees from the x axis
CHAPTER_TEXT, CHAPTER_POINT = "2*w0^2 + 3*w1^2", (3.0, 4.0)
CHAPTER_DELTAS = (("0.0003", "0.0004"), ("0.0004", "0.0003"))
# What the book prints for the exact change; the second is 0.01200059 rounded to six significant digits.
CHAPTER_PRINTED = {CHAPTER_DELTAS[0]: "0.01320066", CHAPTER_DELTAS[1]: "0.0120006"}
LATEX_LIMIT = 40  # longer exact derivative values are shown as decimals


# -- one variable ---------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Preset1D:
    """A named function of x: its formula, a plotting window, a y-range, and where it stops being analytic."""

    key: str
    text: str
    window: tuple[float, float]
    yrange: tuple[float, float]
    singularities: tuple[float, ...] = ()


PRESETS_1D: dict[str, Preset1D] = {
    p.key: p
    for p in [
        Preset1D("exp", "e^x", (-3.0, 3.0), (-2.0, 20.0)),
        Preset1D("sin", "sin(x)", (-7.0, 7.0), (-2.5, 2.5)),
        Preset1D("cos", "cos(x)", (-7.0, 7.0), (-2.5, 2.5)),
        Preset1D("log1p", "log(1 + x)", (-1.0, 3.0), (-4.0, 3.0), (-1.0,)),
        Preset1D("geometric", "1/(1 - x)", (-3.0, 3.0), (-6.0, 6.0), (1.0,)),
        Preset1D("cubic", "x^3 - 2x", (-3.0, 3.0), (-10.0, 10.0)),
    ]
}
TYPED_WINDOW = (-3.0, 3.0)


def preset_for(text: str) -> Preset1D | None:
    return next((p for p in PRESETS_1D.values() if p.text == text.strip()), None)


def radius(preset: Preset1D | None, a: float) -> float | None:
    """Radius of convergence about a: the distance to the nearest singularity (inf for entire functions).

    None when unknown (typed formulas). For these real functions the nearest singularity is on the real line.
    """
    if preset is None:
        return None
    return min((abs(a - s) for s in preset.singularities), default=math.inf)


@dataclass(frozen=True)
class Series1D:
    """Derivatives f^(k)(a), k = 0..MAX_ORDER, as floats and as LaTeX (sign apart) for the printed terms."""

    a: float
    derivatives: tuple[float, ...]
    signs: tuple[int, ...]  # -1, 0 or 1 per derivative
    latex: tuple[str, ...]  # LaTeX of |f^(k)(a)|

    @property
    def coefficients(self) -> np.ndarray:
        """c_k = f^(k)(a) / k! (equation 3.7)."""
        return np.array([d / math.factorial(k) for k, d in enumerate(self.derivatives)])

    def polynomial(self, x, n: int) -> np.ndarray:
        """T_n(x) by Horner's rule in powers of (x - a)."""
        h = np.asarray(x, dtype=float) - self.a
        out = np.zeros_like(h)
        for c in self.coefficients[: n + 1][::-1]:
            out = out * h + c
        return out


def _number_latex(value: sp.Expr) -> str:
    text = sp.latex(value)
    return text if len(text) <= LATEX_LIMIT else f"{float(value):.6g}"


def _smaller(derivative: sp.Expr) -> sp.Expr:
    """The derivative, expanded when it holds tan or tanh: their k-th derivative is a polynomial in tan (tanh)
    of degree k + 1, 28 operations at k = 12 expanded, 7,907 nested (seconds, past the sandbox's CPU limit).
    Other formulas are left as they are: expanding a power of a sum can cost more than it saves."""
    if not derivative.has(sp.tan, sp.tanh):
        return derivative
    expanded = sp.expand(derivative)
    return expanded if sp.count_ops(expanded) <= sp.count_ops(derivative) else derivative


# Thirteen exact derivatives are thirteen analyses: exp(sin x) about 0.7 takes 0.6 s of CPU on a quiet
# machine and passed the sandbox's usual 1 s on a slower one.
SERIES_CPU_SECONDS = 3


@sandbox.job
def _derivatives(expr: sp.Expr, symbol: sp.Symbol, a_text: str, order: int) -> Series1D:
    """Worker: f^(k)(a) exactly for k = 0..order; ExpressionError if one is not a finite real number."""
    a, current = sp.Rational(a_text), expr
    values, signs, latex = [], [], []
    for k in range(order + 1):
        exact = current.subs(symbol, a)
        try:  # DiracDelta(0), zoo, nan...: not a finite number
            number = complex(exact.evalf(30))
        except (TypeError, ValueError):
            number = complex("nan")
        if not (math.isfinite(number.real) and abs(number.imag) < 1e-12):
            raise ExpressionError("taylor.not_smooth", a=a_text, k=k)
        values.append(number.real)
        sign = 0 if number.real == 0 else (1 if number.real > 0 else -1)
        signs.append(sign)
        # -exact rather than Abs(exact): Abs asks sympy's assumptions about every term (a quarter of the job)
        magnitude = (-exact if sign < 0 else exact) if exact.is_real else sp.Float(abs(number.real), 15)
        latex.append(_number_latex(magnitude))
        current = _smaller(sp.diff(current, symbol))
    return Series1D(float(a), tuple(values), tuple(signs), tuple(latex))


def series(fn: Function, a: float, order: int = MAX_ORDER) -> Series1D:
    """Derivatives of the one-variable `fn` at a (in the sandbox); raises ExpressionError."""
    return sandbox.run(
        _derivatives, fn.expr, fn.symbols[0], repr(float(a)), order, cpu_seconds=SERIES_CPU_SECONDS
    )


def _shift(variable: str, a: float) -> str:
    if a == 0:
        return variable
    return rf"\left({variable} {'-' if a > 0 else '+'} {abs(a):g}\right)"


LINE_WIDTH = 30  # characters of a typeset line: a 40% column holds about that many at KaTeX's size


def visible_width(latex: str) -> int:
    """About how many characters a LaTeX term shows: commands and braces dropped, a fraction as its wider
    part (numerator or denominator)."""
    fractions = re.findall(r"\\frac\{(.*)\}\{(.*?)\}$", latex)
    if fractions:
        return max(visible_width(part) for part in fractions[0])
    return len(re.sub(r"\\[a-zA-Z]+|[{}\\,^_ ]", "", latex))


def terms_latex(s: Series1D, n: int, variable: str = "x", per_line: int = 4) -> str:
    """T_n as LaTeX, term k written f^(k)(a) (x - a)^k / k! as in equation 3.7, at most `per_line` terms and
    about LINE_WIDTH characters per line, so that a long polynomial wraps instead of running off the page."""
    h = _shift(variable, s.a)
    terms = []
    for k in range(n + 1):
        if s.signs[k] == 0:
            continue
        value = s.latex[k]
        power = "" if k == 0 else (h if k == 1 else f"{h}^{{{k}}}")
        if k == 0:
            body = value
        elif k == 1:
            body = power if value == "1" else rf"{value}\,{power}"
        else:
            top = power if value == "1" else rf"{value}\,{power}"
            body = rf"\frac{{{top}}}{{{k}!}}"
        terms.append(("-" if s.signs[k] < 0 else "+", body))
    if not terms:
        return rf"T_{{{n}}}({variable}) = 0"
    lines, line, count, width = [], "", 0, 0
    for i, (sign, body) in enumerate(terms):
        size = visible_width(body) + 2
        if count and (count == per_line or width + size > LINE_WIDTH):
            lines.append(line)
            line, count, width = r"\quad", 0, 0
        if i == 0:
            line = ("-" if sign == "-" else "") + body
        else:
            line += f" {sign} {body}"
        count, width = count + 1, width + size
    lines.append(line)
    return rf"\begin{{aligned}}T_{{{n}}}({variable}) &= " + r" \\ &".join(lines) + r"\end{aligned}"


def tolerance_interval(x: np.ndarray, error: np.ndarray, a: float, tol: float) -> tuple[float, float]:
    """The largest grid interval containing a on which |f - T_n| < tol (NaN counts as failing).

    (a, a) when even the grid point nearest a fails: the error is 0 at a, but under tol only closer than the grid.
    """
    i0 = int(np.argmin(np.abs(x - a)))
    good = np.asarray(error < tol) & np.isfinite(error)
    if not good[i0]:
        return a, a
    bad = np.flatnonzero(~good)
    left, right = bad[bad < i0], bad[bad > i0]
    lo = x[left[-1] + 1] if left.size else x[0]
    hi = x[right[0] - 1] if right.size else x[-1]
    return min(float(lo), a), max(float(hi), a)  # the error is 0 at a itself, between grid points too


def tolerance_readout(interval, x, tol: float) -> tuple[str, dict]:
    """Catalogue key (under `taylor.`) and fields describing the tolerance interval."""
    fields = {"tol": f"{tol:.0e}", "lo": f"{interval[0]:.3g}", "hi": f"{interval[1]:.3g}"}
    if interval[0] == interval[1]:
        return "tol.none", fields
    return ("tol.edge" if interval[0] <= x[0] or interval[1] >= x[-1] else "tol.interval"), fields


def radius_readout(r: float | None, a: float) -> tuple[str, dict]:
    """Catalogue key (under `taylor.`) and fields describing the radius of convergence about a."""
    if r is None or not math.isfinite(r):
        return ("radius.unknown" if r is None else "radius.infinite"), {}
    return "radius.finite", {"r": f"{r:.3g}", "lo": f"{a - r:.3g}", "hi": f"{a + r:.3g}"}


def auto_range(values) -> tuple[float, float]:
    """A y-range for a typed function: its 2nd to 98th percentile, padded (poles do not flatten the plot)."""
    finite = np.asarray(values)[np.isfinite(values)]
    lo, hi = np.percentile(finite, [2, 98]) if finite.size else (-1.0, 1.0)
    pad = 0.15 * (hi - lo or 1.0)
    return float(lo - pad), float(hi + pad)


@dataclass(frozen=True)
class Curves1D:
    x: np.ndarray
    f: np.ndarray
    taylor: np.ndarray
    error: np.ndarray


def curves(fn: Function, s: Series1D, n: int, window: tuple[float, float], points: int = 801) -> Curves1D:
    """f, T_n and |f - T_n| on a grid over the window (NaN where f is undefined)."""
    x = np.linspace(*window, points)
    f = fn.value(x)
    with np.errstate(all="ignore"):
        taylor = s.polynomial(x, n)
        error = np.abs(f - taylor)
    return Curves1D(x, f, taylor, error)


# -- two variables --------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Local2D:
    """f, its gradient and Hessian at one point: all the two models need."""

    point: np.ndarray
    value: float
    gradient: np.ndarray
    hessian: np.ndarray
    eigenvalues: np.ndarray

    @property
    def curvature(self) -> str:
        return curvature(self.eigenvalues)

    def first_order(self, dx, dy):
        """f(p) + grad . delta: the tangent plane (equation 3.8)."""
        return self.value + self.gradient[0] * dx + self.gradient[1] * dy

    def second_order(self, dx, dy):
        """The first-order model plus 1/2 delta^T H delta: the Hessian quadric (equations 3.9-3.10)."""
        h = self.hessian
        quad = h[0, 0] * dx * dx + (h[0, 1] + h[1, 0]) * dx * dy + h[1, 1] * dy * dy
        return self.first_order(dx, dy) + 0.5 * quad


def local(fn: Function, point) -> Local2D:
    """The Local2D of `fn` at `point`; raises ValueError where f is not finite or smooth there."""
    info = fn.at(point)
    values = [info["value"], *info["gradient"], *np.ravel(info["hessian"])]
    if not all(math.isfinite(v) for v in values):
        raise ValueError("f is not smooth at the point")
    hessian = np.array(info["hessian"], dtype=float)
    return Local2D(
        np.array(point, float),
        info["value"],
        np.array(info["gradient"]),
        hessian,
        np.linalg.eigvalsh(hessian),
    )


def model_grids(fn: Function, loc: Local2D, half_width: float, points: int = 41) -> dict:
    """f and both models on a square neighbourhood of the point."""
    u = np.linspace(-half_width, half_width, points)
    dx, dy = np.meshgrid(u, u)
    X, Y = loc.point[0] + dx, loc.point[1] + dy
    return {
        "x": X[0],
        "y": Y[:, 0],
        "f": fn.value(X, Y),
        "first": loc.first_order(dx, dy),
        "second": loc.second_order(dx, dy),
    }


def hessian_symmetric(fn: Function) -> bool:
    """H = H^T, checked exactly on the symbolic Hessian (Clairaut: mixed partials commute).

    Entries built equal are equal; the others' differences are expanded (simplify alone said "not zero" for
    sin(xy)^x and took 3-5 s of the server's GIL on some formulas), in the sandbox: a formula it cannot settle
    within the CPU limit stays unconfirmed. Once per formula; a machine too busy to answer is asked again.
    """
    try:
        return _hessian_symmetric(fn)
    except ExpressionError:
        return False


@functools.lru_cache(maxsize=256)  # per Function: parse_function hands out one per formula
def _hessian_symmetric(fn: Function) -> bool:
    h = fn.hessian
    pairs = [(h[i, j], h[j, i]) for i in range(h.rows) for j in range(i + 1, h.cols) if h[i, j] != h[j, i]]
    try:
        return not pairs or sandbox.run(_differences_vanish, pairs)
    except ExpressionError as error:
        if error.key in sandbox.TRANSIENT:
            raise  # (not remembered)
        return False


@sandbox.job
def _differences_vanish(pairs) -> bool:
    """In the sandbox: a - b is zero for every pair, shown by expanding (or, failing that, simplifying) it."""
    return all(sp.expand(a - b) == 0 or sp.simplify(a - b) == 0 for a, b in pairs)


def _mp_point(point_texts):
    import mpmath

    return [mpmath.mpf(v) for v in point_texts]


@sandbox.job
def _error_curve(expr, symbols, gradient, hessian, point_texts, angle, sizes):
    """Worker: f(p) and |f(p + h u) - model(h u)| for both models, evaluated with 50 significant digits."""
    import mpmath

    with mpmath.workdps(HIGH_PRECISION):
        f = sp.lambdify(symbols, expr, "mpmath")
        p = _mp_point(point_texts)
        g = [sp.lambdify(symbols, gi, "mpmath")(*p) for gi in gradient]
        h = [[sp.lambdify(symbols, hij, "mpmath")(*p) for hij in row] for row in hessian]
        theta = mpmath.radians(mpmath.mpf(angle))
        f0, u = f(*p), [mpmath.cos(theta), mpmath.sin(theta)]
        first, second = [], []
        for size in sizes:
            d = [mpmath.mpf(size) * c for c in u]
            exact = f(*[pi + di for pi, di in zip(p, d)])
            lin = f0 + sum(gi * di for gi, di in zip(g, d))
            quad = lin + sum(h[i][j] * d[i] * d[j] for i in range(2) for j in range(2)) / 2
            first.append(_real_abs(exact - lin))
            second.append(_real_abs(exact - quad))
    return _real_abs(f0), first, second


def _real_abs(value) -> float:
    import mpmath

    if isinstance(value, mpmath.mpc) and value.imag != 0:
        return math.nan
    out = float(abs(mpmath.re(value)))
    return out if math.isfinite(out) else math.nan


@dataclass(frozen=True)
class ErrorCurve:
    sizes: tuple[float, ...]
    first: tuple[float, ...]
    second: tuple[float, ...]
    slope_first: float | None  # None when the model is exact (f linear / quadratic) or the data are unusable
    slope_second: float | None


def fit_slope(sizes, errors, floor: float = 1e-30) -> float | None:
    """Least-squares slope of log(error) against log(size); None if fewer than 3 usable (non-zero) errors."""
    s, e = np.asarray(sizes, float), np.asarray(errors, float)
    keep = np.isfinite(e) & (e > floor)
    if keep.sum() < 3:
        return None
    return float(np.polyfit(np.log(s[keep]), np.log(e[keep]), 1)[0])


def error_curve(fn: Function, point, angle: float = ANGLE, sizes=SIZES) -> ErrorCurve:
    """Errors of both models along the direction `angle` (degrees) for each ||delta|| in `sizes`, slopes fitted.

    An error below 1e-30 |f(p)| is rounding at 50 digits: the model is exact there (f linear or quadratic
    along that line), and no slope is fitted.
    """
    hessian = tuple(tuple(row) for row in fn.hessian.tolist())
    args = (
        fn.expr,
        fn.symbols,
        fn.gradient,
        hessian,
        [repr(float(v)) for v in point],
        repr(float(angle)),
        sizes,
    )
    f0, first, second = sandbox.run(_error_curve, *args)
    scale = 1e-30 * max(1.0, f0 if math.isfinite(f0) else 1.0)
    return ErrorCurve(
        tuple(sizes),
        tuple(first),
        tuple(second),
        fit_slope(sizes, first, scale),
        fit_slope(sizes, second, scale),
    )


@sandbox.job
def _changes(expr, symbols, gradient, point_texts, deltas):
    """Worker: per displacement, the first-order estimate grad . delta and the exact change f(p+d) - f(p)."""
    p = [sp.Rational(v) for v in point_texts]
    at = dict(zip(symbols, p))
    g = [gi.subs(at) for gi in gradient]
    f0 = expr.subs(at)
    rows = []
    for delta in deltas:
        d = [sp.Rational(v) for v in delta]
        estimate = sum(gi * di for gi, di in zip(g, d))
        exact = expr.subs({s: pi + di for s, pi, di in zip(symbols, p, d)}) - f0
        rows.append((delta, decimal_text(estimate), decimal_text(exact), decimal_text(exact - estimate, 6)))
    return rows


def is_chapter_case(fn: Function, point) -> bool:
    """The chapter's own example (L = 2 w0^2 + 3 w1^2 at (3, 4)), whatever variable names were typed."""
    if tuple(map(float, point)) != CHAPTER_POINT:
        return False
    probe = np.random.default_rng(3).uniform(-5, 5, (2, 16))  # equal at 16 random points: the same polynomial
    return bool(np.allclose(fn.value(*probe), parse_function(CHAPTER_TEXT, 2).value(*probe), rtol=1e-12))


def change_table(fn: Function, point, deltas=CHAPTER_DELTAS) -> list[tuple]:
    """Rows (delta, estimate, exact change, difference) as text, exact where f is rational at these points."""
    return sandbox.run(_changes, fn.expr, fn.symbols, fn.gradient, [repr(float(v)) for v in point], deltas)


# -- Newton's step ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Steps:
    """Newton's step p - H^-1 grad against one gradient step p - lr grad, from the same point."""

    start: np.ndarray
    newton: np.ndarray | None  # None when H is singular: the model has no unique stationary point
    gradient_step: np.ndarray
    stationary: str  # minimum / maximum / saddle / degenerate
    slope: float | None  # grad . (newton - p): negative means the Newton direction goes downhill
    model_change: float | None  # m(newton) - f(p) = -1/2 grad^T H^-1 grad


def steps(loc: Local2D, lr: float) -> Steps:
    # what the stationary point of the quadratic model is, by the Hessian's definiteness
    stationary = KINDS[loc.curvature]
    gradient_step = loc.point - lr * loc.gradient
    if stationary == "degenerate":
        return Steps(loc.point, None, gradient_step, stationary, None, None)
    d = -np.linalg.solve(loc.hessian, loc.gradient)
    slope = float(loc.gradient @ d)
    return Steps(loc.point, loc.point + d, gradient_step, stationary, slope, 0.5 * slope)


# -- pictures' data -------------------------------------------------------------------------------------------
TYPED_WINDOW_2D = ((-3.0, 3.0), (-3.0, 3.0))
NEIGHBOURHOOD = 0.25  # half-width of the models' patch, as a fraction of the window's span


def window_2d(window, point) -> tuple[tuple[float, float], ...]:
    """The preset's window, moved (same size) to be centred on the point when the point lies outside it."""
    out = []
    for (lo, hi), p in zip(window, point):
        half = (hi - lo) / 2
        out.append((lo, hi) if lo <= p <= hi else (p - half, p + half))
    return tuple(out)


def surface_grid(fn: Function, window, points: int = 61) -> dict:
    """f on a points x points grid over the window (NaN where undefined)."""
    x, y = np.linspace(*window[0], points), np.linspace(*window[1], points)
    X, Y = np.meshgrid(x, y)
    return {"x": x, "y": y, "f": fn.value(X, Y)}


def neighbourhood(window) -> float:
    return NEIGHBOURHOOD * min(hi - lo for lo, hi in window)
