"""core.critical_points: Himmelblau's nine critical points, classification by sympy's Hessian, basins."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
import sympy as sp

from core import critical_points as cp
from core.functions import parse_function
from core.optimizers import Settings, descend
from core.presets import presets_for

HIMMELBLAU = presets_for(2)["himmelblau"]


@pytest.fixture(scope="module")
def himmelblau():
    return parse_function(HIMMELBLAU.text, 2)


def _check_himmelblau(points, fn):
    assert Counter(c.kind for c in points) == {"minimum": 4, "maximum": 1, "saddle": 4}
    top = next(c for c in points if c.kind == "maximum")
    assert (round(top.point[0], 6), round(top.point[1], 6), round(top.value, 4)) == (
        -0.270845,
        -0.923039,
        181.6165,
    )
    minima = sorted(c.point for c in points if c.kind == "minimum")
    assert np.allclose(minima, sorted(HIMMELBLAU.minima), atol=1e-9)
    x, y = fn.symbols
    for c in points:  # oracle: sympy's exact gradient and Hessian, evaluated at 30 digits
        at = {x: sp.Float(c.point[0], 30), y: sp.Float(c.point[1], 30)}
        assert max(abs(float(g.subs(at))) for g in fn.gradient) < 1e-8
        (a, b), (_, d) = fn.hessian.subs(at).evalf(30).tolist()
        root = sp.sqrt(((a - d) / 2) ** 2 + b**2)
        eig = [float((a + d) / 2 - root), float((a + d) / 2 + root)]  # a 2 x 2 symmetric matrix, exactly
        expected = "minimum" if min(eig) > 0 else "maximum" if max(eig) < 0 else "saddle"
        assert c.kind == expected and np.allclose(sorted(eig), c.eigenvalues, rtol=1e-8)


def test_himmelblau_all_nine_found_and_classified(himmelblau):
    _check_himmelblau(cp.critical_points(himmelblau, HIMMELBLAU.window), himmelblau)


def test_himmelblau_by_newton_alone(himmelblau):
    _check_himmelblau(cp.critical_points(himmelblau, HIMMELBLAU.window, use_sympy=False), himmelblau)


def test_sympy_route_alone_finds_the_nine_real_solutions(himmelblau):
    found = cp.solve_gradient(himmelblau.gradient, himmelblau.symbols)  # in-process: the exact algebra itself
    assert len(found) == 9
    polished = cp.critical_points(himmelblau, HIMMELBLAU.window)
    for p in found:
        assert min(np.hypot(p[0] - c.point[0], p[1] - c.point[1]) for c in polished) < 1e-6


def test_other_surfaces():
    cases = {"rosenbrock": {"minimum": 1}, "saddle": {"saddle": 1}, "monkey_saddle": {"degenerate": 1}}
    for key, kinds in cases.items():
        p = presets_for(2)[key]
        points = cp.critical_points(parse_function(p.text, 2), p.window)
        assert Counter(c.kind for c in points) == kinds, key
        assert np.allclose(points[0].point, (1, 1) if key == "rosenbrock" else (0, 0), atol=1e-6)


def test_non_polynomial_uses_newton():
    fn = parse_function("sin(x) + cos(y)", 2)
    points = cp.critical_points(fn, ((-3, 3), (-3, 3)))
    # cos x = 0 and sin y = 0 in the window: (pi/2, 0) a maximum, (-pi/2, 0) a saddle
    assert [(c.kind, round(c.point[0], 9), round(c.point[1], 9)) for c in points] == [
        ("saddle", round(-np.pi / 2, 9), 0.0),
        ("maximum", round(np.pi / 2, 9), 0.0),
    ]


def test_label_ends():
    minima = np.array([[0.0, 0.0], [3.0, 0.0]])
    final = np.array([[0.001, 0.0], [2.9, 0.0], [1.5, 0.0], [3.0, 0.0]])
    status = np.array([1, 0, 0, 2])
    slow, diverged, elsewhere = cp.SLOW, cp.DIVERGED, cp.ELSEWHERE
    assert cp.label_ends(final, status, minima, tol=0.2).tolist() == [0, 1, slow, diverged]
    assert cp.label_ends(final, status, np.zeros((0, 2)), tol=0.2).tolist() == [
        elsewhere,
        slow,
        slow,
        diverged,
    ]
    converged_at_a_saddle = cp.label_ends(np.array([[1.5, 0.0]]), np.array([1]), minima, tol=0.2)
    assert converged_at_a_saddle.tolist() == [elsewhere]


def test_basins_agree_with_single_descents(himmelblau):
    minima = cp.minima(cp.critical_points(himmelblau, HIMMELBLAU.window))
    settings = Settings("sgd", 0.01, 300)
    b = cp.basins(himmelblau, HIMMELBLAU.window, settings, 24, minima)
    assert b.labels.shape == (24, 24) and (b.labels >= 0).mean() > 0.95
    rng = np.random.default_rng(0)
    for iy, ix in rng.integers(0, 24, size=(4, 2)):  # oracle: one path at a time, by core.optimizers.descend
        run = descend(himmelblau, (b.xs[ix], b.ys[iy]), settings)
        d = np.linalg.norm(np.array(minima) - run.points[-1], axis=1)
        missed = {
            "left_domain": cp.LEFT_DOMAIN,
            "diverged": cp.DIVERGED,
            "max_steps": cp.SLOW,
            "converged": cp.ELSEWHERE,
        }[run.status]
        expected = (
            int(np.argmin(d)) if d.min() < 0.01 * np.hypot(10, 10) and run.status != "diverged" else missed
        )
        assert b.labels[iy, ix] == expected
    shares = cp.shares(b)
    assert np.isclose(shares.sum(), 100) and len(shares) == 4 + 4
    assert set(cp.shares_text(b)) == {"shares", "left_domain", "diverged", "slow", "elsewhere"}


@pytest.mark.parametrize(
    ("text", "window", "lr"),
    [
        ("log(x) + y^2", ((0.05, 3.0), (-1.0, 1.0)), 0.5),  # steps to x <= 0: log has no value there
        ("sqrt(1 - x^2 - y^2)", ((-0.9, 0.9), (-0.9, 0.9)), 0.3),  # walks off the unit disc
        ("sqrt(x) + y^2", ((-1.0, 2.0), (-1.0, 1.0)), 0.1),  # half of the starts have no value at all
        ("exp(x^2) + y^2", ((-30.0, 30.0), (-1.0, 1.0)), 0.1),  # overflows: a divergence, not a domain
    ],
)
def test_each_start_of_a_basins_map_stops_as_its_own_descent_does(text, window, lr):
    # oracle: core.optimizers.descend one start at a time, its status (left_domain, diverged, undefined
    # start) against the batch's; a start where f has no value is outside the domain too
    fn = parse_function(text, 2)
    settings = Settings("sgd", lr, 40)
    b = cp.basins(fn, window, settings, 7, ())
    expected = {
        "left_domain": cp.LEFT_DOMAIN,
        "undefined_start": cp.LEFT_DOMAIN,
        "diverged": cp.DIVERGED,
        "max_steps": cp.SLOW,
        "converged": cp.ELSEWHERE,
    }
    for iy, y in enumerate(b.ys):
        for ix, x in enumerate(b.xs):
            assert b.labels[iy, ix] == expected[descend(fn, (x, y), settings).status], (x, y)
    assert (b.labels == cp.LEFT_DOMAIN).any() != (text == "exp(x^2) + y^2")
    assert cp.shares_text(b)["shares"] == "—"  # no minimum given


def test_basins_with_a_diverging_learning_rate_are_diverged(himmelblau):
    b = cp.basins(himmelblau, HIMMELBLAU.window, Settings("sgd", 1.0, 20), 8, HIMMELBLAU.minima)
    assert (b.labels == cp.DIVERGED).all() and (b.status == 2).all()


def test_slow_starts_of_a_convex_bowl_are_not_called_diverged():
    # x^2 + xy + y^2 (Hessian eigenvalues 1 and 3): at lr 0.01 the slow direction shrinks by 0.99 a step, so
    # after 60 steps a start at distance r is still ~0.55 r away; nothing diverges (lr < 2/3)
    bowl = parse_function("x^2 + xy + y^2", 2)
    window, calls = ((-3.0, 3.0), (-3.0, 3.0)), []
    b = cp.basins(
        bowl, window, Settings("sgd", 0.01, 60), 16, ((0.0, 0.0),), lambda k, n: calls.append(k / n)
    )
    assert not (b.labels == cp.DIVERGED).any() and (b.labels == cp.SLOW).mean() > 0.9
    assert calls[-1] == 1.0  # the progress ends at 100% though every start stopped early or not
    done = cp.basins(
        bowl, window, Settings("sgd", 0.01, 3000), 16, ((0.0, 0.0),), lambda k, n: calls.append(k / n)
    )
    assert (done.labels == 0).all() and calls[-1] == 1.0  # all converge before 3000 steps: still 100%
    text = cp.shares_text(b)
    assert text["diverged"] == "0%" and text["elsewhere"] == "0%" and text["slow"] in (">99%", "100%")


def test_percent_text_never_rounds_some_to_none_or_all():
    assert [cp.percent_text(v) for v in (0.0, 0.2, 0.5, 42.4, 99.7, 100.0)] == [
        "0%",
        "<1%",
        "<1%",
        "42%",
        ">99%",
        "100%",
    ]


def test_random_paths_end_in_minima(himmelblau):
    paths = cp.random_paths(himmelblau, HIMMELBLAU.window, Settings("sgd", 0.01, 300), 5, seed=1)
    assert paths.shape[1:] == (5, 2)
    ends = [p[np.all(np.isfinite(p), axis=1)][-1] for p in np.moveaxis(paths, 1, 0)]
    for end in ends:
        assert min(np.linalg.norm(np.array(HIMMELBLAU.minima) - end, axis=1)) < 1e-3


@pytest.mark.parametrize(
    ("key", "raised"), [("expr.killed", True), ("expr.busy", True), ("expr.timeout", False)]
)
def test_only_the_formulas_own_failure_of_the_exact_solver_is_an_answer(monkeypatch, key, raised):
    """Issue 19.5: a kill from outside is raised (no cache keeps it); the formula's own timeout is None."""
    from core import sandbox
    from core.parser import ExpressionError

    fn = parse_function("x^4 - 2x^2 + 3y^2", 2)

    def stopped(*args, **kwargs):
        raise ExpressionError(key, seconds="0.3")

    monkeypatch.setattr(sandbox, "run", stopped)
    if raised:
        with pytest.raises(ExpressionError):
            cp.symbolic_candidates(fn)
    else:
        assert cp.symbolic_candidates(fn) is None
    # a caller without a cache still gets Newton's points: minima (±1, 0), a saddle at the origin
    points = cp.critical_points(fn, ((-2, 2), (-2, 2)))
    assert sorted(c.kind for c in points) == ["minimum", "minimum", "saddle"]
    assert {c.source for c in points} == {"newton"}
