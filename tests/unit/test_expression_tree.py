"""The expression tree the browser compiles: only whitelisted nodes, and the same numbers as sympy."""

import json
import math

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from core import expression_tree as et
from core.functions import parse_function
from core.presets import presets_for

X, Y = sp.symbols("x y", real=True)
LEAVES = st.sampled_from([X, Y, sp.Integer(2), sp.Rational(1, 3), sp.Float(0.75), sp.pi, sp.E])
UNARY = [sp.sin, sp.cos, sp.tan, sp.exp, sp.atan, sp.tanh, sp.sinh, sp.cosh, sp.Abs, sp.sign]


def _combine(children):
    pairs = st.tuples(children, children)
    return st.one_of(
        pairs.map(lambda ab: ab[0] + ab[1]),
        pairs.map(lambda ab: ab[0] * ab[1]),
        pairs.map(lambda ab: ab[0] - ab[1]),
        st.tuples(children, st.sampled_from([2, 3, -1, -2, sp.Rational(1, 2), 5])).map(
            lambda be: be[0] ** be[1]
        ),
        st.tuples(st.sampled_from(UNARY), children).map(lambda fa: fa[0](fa[1])),
    )


EXPRESSIONS = st.recursive(LEAVES, _combine, max_leaves=8)
POINTS = st.tuples(st.floats(-3, 3), st.floats(-3, 3))


@settings(max_examples=300, deadline=None)
@given(EXPRESSIONS, POINTS)
def test_the_tree_evaluates_to_the_lambdified_sympy_value(expr, point):
    try:
        tree = et.tree(expr, (X, Y))
    except et.Unsupported:  # zoo, nan or i from a random combination (the parser refuses them too)
        assert expr.has(sp.zoo, sp.nan, sp.oo, -sp.oo, sp.I)
        return
    et.check(json.loads(json.dumps(tree)))  # survives JSON, and holds whitelisted kinds only
    with np.errstate(all="ignore"):
        expected = complex(sp.lambdify((X, Y), expr, "numpy")(np.float64(point[0]), np.float64(point[1])))
    got = et.evaluate(tree, point)
    if expected.imag != 0 or not math.isfinite(expected.real) or abs(expected.real) > 1e12:
        return  # undefined or overflowing there: the browser's stop rule sees NaN/inf either way
    assert got == pytest.approx(expected.real, rel=1e-9, abs=1e-9)


@pytest.mark.parametrize("key", sorted(presets_for(2)))
def test_every_preset_gradient_and_hessian_matches_the_function(key):
    fn = parse_function(presets_for(2)[key].text, 2)
    spec = et.preview(fn, ["sgd", "newton"], 0.01, 10, 0.9)
    rng = np.random.default_rng(7)
    for point in rng.uniform(-2, 2, size=(5, 2)):
        assert et.evaluate(spec["f"], point) == pytest.approx(float(fn.value(*point)), rel=1e-12)
        grad = [et.evaluate(g, point) for g in spec["grad"]]
        assert grad == pytest.approx(fn.grad(*point).ravel().tolist(), rel=1e-12, abs=1e-12)
        hess = [[et.evaluate(h, point) for h in row] for row in spec["hess"]]
        assert np.allclose(hess, fn.hess(*point).reshape(2, 2), rtol=1e-12, atol=1e-12)


def test_typed_formulas_with_logs_roots_and_abs_become_trees():
    fn = parse_function("log(1 + x^2) + sqrt(1 + y^2) + abs(x - y)", 2)
    spec = et.preview(fn, ["adam"], 0.1, 5, 0.9)
    assert spec["hess"] is None and spec["optimizers"] == ["adam"]
    assert et.evaluate(spec["grad"][0], (1.0, 2.0)) == pytest.approx(2 * 1 / 2 - 1)  # 2x/(1+x^2) + sign(x-y)
    assert et.evaluate(spec["f"], (-1.0, 0.0)) == pytest.approx(math.log(2) + 1 + 1)


@pytest.mark.parametrize(
    "node",
    [
        ["Function", "eval", ["num", 1.0]],
        ["num", "1"],
        ["var", "x"],
        ["add", ["num", 1.0]],
        ["pow", ["num", 1.0]],
        ["sin", ["num", 1.0], ["num", 2.0]],
        "sin(x)",
        [],
    ],
)
def test_unknown_or_malformed_nodes_are_refused(node):
    with pytest.raises(et.Unsupported):
        et.check(node)


def test_a_sympy_node_outside_the_whitelist_means_no_preview():
    with pytest.raises(et.Unsupported):
        et.tree(sp.gamma(X) + Y, (X, Y))
    with pytest.raises(et.Unsupported):
        et.tree(sp.Max(X, Y), (X, Y))
    with pytest.raises(et.Unsupported):
        et.tree(sp.Symbol("z") + X, (X, Y))  # a symbol that is not a variable of f


def test_a_tree_past_the_node_limit_means_no_preview():
    fn = parse_function("sin(cos(tan(exp(log(sqrt(x^2+y^2+1))))))*" * 6 + "x", 2)
    assert et.preview(fn, ["sgd"], 0.1, 5, 0.9) is not None
    big = sp.Add(*(sp.sin(k * X + Y) for k in range(1, et.MAX_NODES)))
    with pytest.raises(et.Unsupported):
        et.tree(big, (X, Y))
