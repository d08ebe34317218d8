"""core.numeric and core.memory: the fast numpy code gives the values of sympy's own `lambdify` (the code
this project ran before, kept below as the oracle) and of exact sympy, with the same NaN, complex and
broadcasting rules; integer powers are products; grids no longer page-fault."""

import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
import sympy as sp
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from core import numeric
from core.functions import parse_function
from core.presets import PRESETS

ROOT = Path(__file__).resolve().parents[2]
X, Y = sp.symbols("x y", real=True)


def stock(exprs, xs) -> np.ndarray:
    """The previous evaluation: sympy's stock numpy printer per component, complex -> NaN unless real,
    Python overflow -> NaN, non-finite -> NaN."""
    arrays = [np.asarray(x, dtype=float) for x in xs]
    out = np.empty((len(exprs), *np.broadcast_shapes(*(a.shape for a in arrays))))
    with np.errstate(all="ignore"):
        for i, expr in enumerate(exprs):
            try:
                value = sp.lambdify((X, Y), expr, modules="numpy")(*arrays)
            except ArithmeticError:
                value = np.nan
            if np.iscomplexobj(value):
                value = np.where(np.imag(value) == 0, np.real(value), np.nan)
            out[i] = value
    out[~np.isfinite(out)] = np.nan
    return out


def fast(exprs, xs) -> np.ndarray:
    return numeric.evaluate(numeric.compile_numpy((X, Y), exprs), xs)


def same_values(new, old, rtol=1e-9):
    """NaN exactly where the oracle has NaN; elsewhere equal up to rounding."""
    np.testing.assert_array_equal(np.isnan(new), np.isnan(old))
    scale = 1 + np.nanmax(np.abs(old), initial=0)
    np.testing.assert_allclose(new, old, rtol=rtol, atol=rtol * scale)


def test_printer_multiplies_small_integer_powers_and_leads_a_sum_with_a_positive_term():
    code = numeric.Printer().doprint
    assert code(X**3) == "_integer_power(x, 3)"
    assert code(1 / X) == "_integer_power(x, -1)"
    assert code(X**2) == "x**2"  # numpy's own square
    assert code(X**17) == "x**17"  # beyond 16 products: C pow
    assert code(Y - X**2) == "y - x**2"  # sympy prints -x**2 + y: a negation pass
    assert code(-X - Y) == "-x - y"


@pytest.mark.parametrize("n", [n for n in range(-16, 17) if n])
def test_integer_power_is_pow_within_a_few_ulps_with_its_zeros_infinities_and_nans(n):
    x = np.random.default_rng(n + 100).uniform(-30, 30, 2000) * 10.0 ** np.arange(-8, 8).repeat(125)
    with np.errstate(all="ignore"):
        got, want = numeric.integer_power(x, n), np.power(x, float(n))
        normal = (np.abs(want) > 1e-290) & (np.abs(want) < 1e290)  # no overflow, no subnormal on the way
        np.testing.assert_allclose(got[normal], want[normal], rtol=abs(n) * 4e-16)
        special = np.array([0.0, -0.0, np.inf, -np.inf, 1.0, -1.0, np.nan])
        got, want = numeric.integer_power(special, n), np.power(special, float(n))
    np.testing.assert_array_equal(got, want)
    np.testing.assert_array_equal(np.signbit(got[:-1]), np.signbit(want[:-1]))  # 1/-0.0 is -inf, as pow


def _expressions():
    leaves = st.sampled_from([X, Y, sp.Integer(2), sp.Integer(-3), sp.Rational(1, 2), sp.pi])
    powers = [-3, -2, -1, 2, 3, 4, 5, 17]

    def extend(inner):
        pairs = st.tuples(inner, inner)
        return st.one_of(
            pairs.map(lambda p: p[0] + p[1]),
            pairs.map(lambda p: p[0] - p[1]),
            pairs.map(lambda p: p[0] * p[1]),
            pairs.map(lambda p: p[0] / p[1]),
            st.tuples(inner, st.sampled_from(powers)).map(lambda p: p[0] ** p[1]),
            inner.map(sp.sin),
            inner.map(sp.exp),
            inner.map(sp.log),
            inner.map(sp.sqrt),
            inner.map(sp.Abs),
            inner.map(lambda e: (-1) ** sp.Rational(1, 3) * e),  # complex: NaN unless the value is 0
        )

    return st.recursive(leaves, extend, max_leaves=7)


coordinates = st.floats(-3, 3, allow_nan=False).map(lambda v: round(v, 1))  # zeros and repeats are likely


@settings(max_examples=150, deadline=None, derandomize=True)
@given(
    expr=_expressions(),
    xs=st.lists(coordinates, min_size=3, max_size=3),
    ys=st.lists(coordinates, min_size=2, max_size=2),
)
def test_value_and_gradient_are_the_stock_lambdify_values_on_a_broadcast_grid(expr, xs, ys):
    exprs = [expr, sp.diff(expr, X), sp.diff(expr, Y)]
    assume(not any(e.has(sp.zoo, sp.oo, sp.nan) for e in exprs))  # the parser refuses these (1/0 ...)
    x, y = np.array(xs)[:, None], np.array(ys)[None, :]  # (3, 1) and (1, 2) broadcast to (3, 2)
    new = fast(exprs, (x, y))
    assert new.shape == (3, 3, 2)
    same_values(new, stock(exprs, (x, y)))
    one = fast(exprs, (xs[0], ys[0]))  # scalars: 0-d values (numpy's complex scalars round otherwise)
    assert one.shape == (3,)
    same_values(one, stock(exprs, (xs[0], ys[0])))


@pytest.mark.parametrize("key", sorted(PRESETS))
def test_presets_match_exact_sympy_at_random_points(key):
    preset = PRESETS[key]
    fn = parse_function(preset.text, preset.nvars)
    rng = np.random.default_rng(3)
    lo, hi = np.array(preset.window).T
    points = lo + (hi - lo) * rng.uniform(0.05, 0.95, (5, preset.nvars))
    values, grads = fn.value_and_grad(*points.T)
    hess = fn.hess(*points.T)
    np.testing.assert_allclose(values, fn.value(*points.T), rtol=1e-14, atol=1e-14)  # shared or not: same f
    np.testing.assert_allclose(grads, fn.grad(*points.T), rtol=1e-14, atol=1e-14)
    for k, p in enumerate(points):
        at = {s: sp.Float(float(v), 30) for s, v in zip(fn.symbols, p)}
        exact = [fn.expr, *fn.gradient, *(h for row in fn.analysis.hessian for h in row)]
        exact = np.array([float(sp.N(e.subs(at), 30)) for e in exact])
        got = np.concatenate([[values[k]], grads[:, k], hess[:, :, k].ravel()])
        np.testing.assert_allclose(got, exact, rtol=1e-12, atol=1e-12 * (1 + np.abs(exact).max()))


def test_results_never_alias_or_change_the_inputs():
    fn = parse_function("x", 2)
    x = np.array([1.0, np.inf, -2.0])
    value = fn.value(x, 0.0)
    assert value is not x and not np.shares_memory(value, x)
    np.testing.assert_array_equal(value, [1.0, np.nan, -2.0])
    np.testing.assert_array_equal(x, [1.0, np.inf, -2.0])  # the input keeps its infinity


def test_constants_broadcast_and_every_part_has_fast_code():
    grid = np.meshgrid(np.linspace(-1, 1, 4), np.linspace(-1, 1, 3))
    const = parse_function("7 + 0 x", 2)
    np.testing.assert_array_equal(const.value(*grid), np.full((3, 4), 7.0))
    np.testing.assert_array_equal(const.grad(*grid), np.zeros((2, 3, 4)))
    rosen = parse_function(PRESETS["rosenbrock"].text, 2)
    np.testing.assert_array_equal(rosen.hess(*grid)[1, 1], np.full((3, 4), 200.0))
    for part in ("value", "grad", "value_and_grad", "hess"):
        assert rosen._numpy(part).fill is not None, part


MEASURE = """
import resource, sys
import numpy as np
if sys.argv[1] == "tuned":
    sys.path.insert(0, {root!r})
    from core import numeric  # importing it tunes malloc
x = np.linspace(0, 1, 160_000)  # one 400 x 400 grid's worth
def work():
    a = x * 2.0
    return np.stack([a, a + x])
work()
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(20):
    work()
print((resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before) / 20)
"""


@pytest.mark.skipif(sys.platform != "linux", reason="glibc's malloc")
def test_grid_sized_temporaries_reuse_memory_instead_of_page_faulting():
    script = textwrap.dedent(MEASURE).format(root=str(ROOT))

    def faults(mode: str) -> float:
        run = subprocess.run(
            [sys.executable, "-c", script, mode], capture_output=True, text=True, timeout=120
        )
        assert run.returncode == 0, run.stderr
        return float(run.stdout)

    assert faults("default") > 300  # glibc's defaults: every 1.28 MB array faulted in again (~1,200)
    assert faults("tuned") < 10


@pytest.mark.parametrize(
    ("text", "point", "overflow"),
    [
        ("x^1000 + y", (3.0, 4.0), True),  # 3^1000 > 1.8e308
        ("exp(exp(exp(x))) + y", (3.0, 4.0), True),
        ("1e300 x y", (1e10, 1.0), True),
        ("x^2 + y^2", (1e200, 0.0), True),
        ("sqrt(x) + y^2", (-0.5, 0.0), False),  # outside the domain: no real value, nothing overflowed
        ("log(x) + y^2", (-0.5, 0.0), False),
        ("log(x) + y^2", (0.0, 0.0), False),  # a pole
        ("1/x + y", (0.0, 1.0), False),
    ],
)
def test_an_overflow_is_told_apart_from_a_point_outside_the_domain(text, point, overflow):
    fn = parse_function(text, 2)
    assert np.isnan(fn.value(*point))  # the same NaN either way
    assert fn.overflows(*point) is overflow
