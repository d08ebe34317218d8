"""core.convexity against the book's printed numbers, closed forms, sympy and exact fractions."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from core import convexity as cv
from core.functions import parse_function
from core.presets import presets_for

CURVE_VERDICTS = {
    "square": "convex",
    "cube": "neither",
    "exp": "convex",
    "neg_log": "convex",
    "log": "concave",
    "quartic": "convex",
}
SURFACE_VERDICTS = {
    "bowl": "convex",
    "cone": "convex",
    "booth": "convex",
    "matyas": "convex",
    "rosenbrock": "neither",
    "himmelblau": "neither",
    "beale": "neither",
    "camel": "neither",
    "saddle": "neither",
    "monkey_saddle": "neither",
    "rastrigin": "neither",
}


def fn1(text):
    return parse_function(text, 1)


# ---------------------------------------------------------------------------------------------- chord / Jensen
def g(x):
    """g(x) = x^3 - 2x, exactly on Fractions."""
    return x**3 - 2 * x


def test_book_chord_x_squared_exactly():
    j = cv.chord(fn1("x^2"), -3, 5, 0.3)
    assert j.points == ((-3, 9), (5, 25))
    assert j.c == (sp.Rational(13, 5), sp.Rational(101, 5)) and j.d == (
        sp.Rational(13, 5),
        sp.Rational(169, 25),
    )
    assert [cv.number_text(v) for v in (*j.c, *j.d)] == ["2.6", "20.2", "2.6", "6.76"]
    assert j.side == "above"


def test_book_chord_x_cubed_exactly():
    j = cv.chord(fn1("x^3"), -8, 5, 0.3)
    assert j.points == ((-8, -512), (5, 125))
    assert [cv.number_text(v) for v in (*j.c, *j.d)] == ["1.1", "-66.1", "1.1", "1.331"]
    assert j.side == "below"


def test_slider_noise_is_read_as_the_decimal_shown():
    assert cv.rational(0.30000000000000004) == sp.Rational(3, 10)
    assert cv.rational(2.6000000000000001) == sp.Rational(13, 5)
    j = cv.chord(fn1("x^2"), -3.0000000000000004, 5.0, 0.30000000000000004)
    assert cv.jensen_fields(j) == {"cx": "2.6", "cy": "20.2", "dy": "6.76", "weights": "0.3, 0.7"}


@given(st.lists(st.integers(-50, 50), min_size=1, max_size=5), st.data())
@settings(max_examples=40, deadline=None)
def test_jensen_matches_exact_fractions(xs_int, data):
    xs = [Fraction(x, 10) for x in xs_int]
    ws = [Fraction(w) for w in data.draw(st.lists(st.integers(0, 9), min_size=len(xs), max_size=len(xs)))]
    if sum(ws) == 0:
        with pytest.raises(ValueError):
            cv.jensen(fn1("x^3 - 2x"), [float(x) for x in xs], [float(w) for w in ws])
        return
    j = cv.jensen(fn1("x^3 - 2x"), [float(x) for x in xs], [float(w) for w in ws])
    norm = [w / sum(ws) for w in ws]
    cx = sum(w * x for w, x in zip(norm, xs, strict=True))
    cy = sum(w * g(x) for w, x in zip(norm, xs, strict=True))
    assert (Fraction(int(j.c[0].p), int(j.c[0].q)), Fraction(int(j.c[1].p), int(j.c[1].q))) == (cx, cy)
    assert Fraction(int(j.d[1].p), int(j.d[1].q)) == g(cx)
    assert j.side == ("above" if cy > g(cx) else "below" if cy < g(cx) else "on")


def test_jensen_of_a_convex_function_is_never_below_and_non_polynomials_use_floats():
    j = cv.chord(fn1("e^x"), -1, 1, 0.5)
    assert (
        j.side == "above" and cv.number_text(j.d[1]) == "1" and cv.number_text(j.c[1]) == f"{np.cosh(1):.6g}"
    )
    assert cv.chord(fn1("log(x)"), -1, 2, 0.5).side == "undefined"  # log of a negative number


def test_typed_points_and_weights():
    assert cv.parse_numbers(" -2, 1 ;3 ") == [-2.0, 1.0, 3.0]
    for bad in ("", "1, a", "1,,nan", "inf", "1e999", ",".join(["1"] * 13), "__import__('os')"):
        with pytest.raises(ValueError):
            cv.parse_numbers(bad)
    assert cv.jensen_text(fn1("x^2"), "1, 2", "1") is None  # one weight for two points
    assert cv.jensen_text(fn1("x^2"), "1, 2", "1, -1") is None
    assert cv.jensen_text(fn1("x^2"), "0, 2", "1, 1").c == (1, 2)


def test_number_text():
    assert [cv.number_text(sp.Rational(v)) for v in ("-661/10", "1331/1000", "7", "0", "-1/20")] == [
        "-66.1",
        "1.331",
        "7",
        "0",
        "-0.05",
    ]
    assert cv.number_text(sp.Rational(1, 3)) == "0.333333" and cv.number_text(float("nan")) == "nan"


# ---------------------------------------------------------------------------------------------- curvature
def test_rosenbrock_is_locally_convex_exactly_where_y_below_x2_plus_1_200():
    fn = parse_function(presets_for(2)["rosenbrock"].text, 2)
    x, y = fn.symbols
    assert sp.expand(fn.hessian.det() - (80000 * (x**2 - y) + 400)) == 0  # the oracle: det H by sympy
    gx, gy = np.meshgrid(np.linspace(-2, 2, 161), np.linspace(-1, 3, 161))
    classes = cv.hessian_classes(fn, gx, gy)
    margin = gy - (gx**2 + 1 / 200)
    far = np.abs(margin) > 1e-6
    assert np.array_equal(classes[far] == 0, margin[far] <= 0)
    assert set(np.unique(classes[far])) == {0, 2}  # convex or saddle, never concave (f_yy = 200 > 0)


@given(st.floats(-3, 3), st.floats(-3, 3))
@settings(max_examples=30, deadline=None)
def test_hessian_eigenvalues_match_sympy(px, py):
    fn = parse_function("x^4 - 3x^2 y + y^3 + x y", 2)
    x, y = fn.symbols
    exact = sorted(float(v) for v in sp.Matrix(fn.hessian.subs({x: px, y: py})).eigenvals(multiple=True))
    assert np.allclose(cv.hessian_eigenvalues(fn, np.array(px), np.array(py)), exact, rtol=1e-9, atol=1e-9)


def test_hessian_classes_of_simple_surfaces():
    z = np.zeros(1)
    assert cv.CLASSES[cv.hessian_classes(parse_function("x^2 + y^2", 2), z, z)[0]] == "convex"
    assert cv.CLASSES[cv.hessian_classes(parse_function("-x^2 - y^2", 2), z, z)[0]] == "concave"
    assert cv.CLASSES[cv.hessian_classes(parse_function("x^2 - y^2", 2), z, z)[0]] == "saddle"
    assert cv.CLASSES[cv.hessian_classes(parse_function("x + y", 2), z, z)[0]] == "flat"
    assert cv.CLASSES[cv.hessian_classes(parse_function("sqrt(x^2 + y^2)", 2), z, z)[0]] == "undefined"


def test_second_derivative_matches_closed_form():
    xs = np.linspace(-2, 2, 9)
    assert np.allclose(cv.second_derivative(fn1("x^4"), xs), 12 * xs**2)


# ---------------------------------------------------------------------------------------------- tangent
@given(st.floats(-3, 3), st.lists(st.floats(-5, 5), min_size=1, max_size=8))
@settings(max_examples=40, deadline=None)
def test_tangent_gap_of_the_cube_is_the_closed_form(x0, xs):
    xs = np.array(xs)
    gap = cv.tangent_gap(fn1("x^3"), (x0,), xs)
    assert np.allclose(gap, (xs - x0) ** 2 * (xs + 2 * x0), rtol=1e-9, atol=1e-9)


def test_tangent_dips_only_for_non_convex_curves():
    assert not cv.tangent_dips(fn1("x^2"), 1.0, (-6, 6))
    assert cv.tangent_dips(fn1("x^3"), 1.0, (-8.5, 5.5))  # below the tangent for x < -2 x0
    assert not cv.tangent_dips(fn1("x^3"), 1.0, (-1.5, 5.5))  # convex where x > 0 ... except x < -2
    gx, gy = np.meshgrid(np.linspace(-2, 2, 41), np.linspace(-2, 2, 41))
    under = cv.below(cv.tangent_gap(parse_function("x^2 - y^2", 2), (0.0, 0.0), gx, gy))
    assert np.array_equal(under, gy**2 > gx**2 + 1e-12)


# ---------------------------------------------------------------------------------------------- verdicts
@pytest.mark.parametrize("key", list(cv.CURVES))
def test_curve_verdicts(key):
    curve = cv.CURVES[key]
    results = cv.verdict(fn1(curve.text), (curve.window,))
    assert {name: r.verdict for name, r in results.items()} == dict.fromkeys(cv.TESTS, CURVE_VERDICTS[key])
    assert cv.overall(results) == CURVE_VERDICTS[key]


@pytest.mark.parametrize("key", list(SURFACE_VERDICTS))
def test_surface_verdicts_and_true_counterexamples(key):
    preset = presets_for(2)[key]
    fn = parse_function(preset.text, 2)
    results = cv.verdict(fn, preset.window)
    assert cv.overall(results) == SURFACE_VERDICTS[key]
    w = results["chord"].against_convex
    assert (w is None) == (SURFACE_VERDICTS[key] == "convex")
    if w:  # the counterexample really is one: the chord lies below the graph at alpha P + (1 - alpha) Q
        p, q, a = np.array(w["p"]), np.array(w["q"]), w["alpha"]
        chord = a * fn.value(*p) + (1 - a) * fn.value(*q)
        assert chord < fn.value(*(a * p + (1 - a) * q)) and np.isclose(
            chord - fn.value(*(a * p + (1 - a) * q)), w["gap"]
        )
        assert set(cv.witness_fields(results["chord"])) == {"p", "q", "alpha", "gap"}


def test_every_preset_is_covered_and_linear_functions_are_both():
    assert set(SURFACE_VERDICTS) == set(presets_for(2))
    assert cv.overall(cv.verdict(fn1("2x + 1"), ((-3, 3),))) == "linear"
    assert cv.overall(cv.verdict(parse_function("x - 3y", 2), ((-3, 3), (-3, 3)))) == "linear"


@pytest.mark.parametrize(
    ("text", "window", "expected"),
    [
        ("abs(x)", ((-5.0, 5.0),), "convex"),
        ("-abs(x)", ((-5.0, 5.0),), "concave"),
        ("x^2 + abs(x - 1)", ((-5.0, 5.0),), "convex"),
        ("abs(x) - 2abs(x - 1)", ((-5.0, 5.0),), "neither"),
        ("abs(x) + abs(y)", ((-3.0, 3.0), (-3.0, 3.0)), "convex"),
        ("abs(x - y) - x^2", ((-3.0, 3.0), (-3.0, 3.0)), "neither"),
    ],
)
def test_kinks_count_as_curvature_so_the_three_tests_agree(text, window, expected):
    # |x| has g'' = 0 on both sides of 0 (sympy's g'' is 0), its curvature sits in the kink: the slope jumps by
    # +2, so definition 2 agrees with the chord and tangent tests (definitions 1 and 3) and the headline
    results = cv.verdict(parse_function(text), window)
    assert {name: r.verdict for name, r in results.items()} == dict.fromkeys(cv.TESTS, expected)
    assert cv.overall(results) == expected


def test_the_kink_of_abs_is_found_where_the_slope_jumps_by_two():
    jumps, mids = cv.slope_jumps(fn1("abs(x) + x^2"), np.linspace(-1, 1, 201))
    assert np.isclose(jumps.sum(), 2.0) and np.all(np.abs(mids[jumps != 0, 0]) < 0.02)
    smooth, _ = cv.slope_jumps(fn1("x^4 - 3x^3 + exp(x)"), np.linspace(-2, 2, 401))
    assert not smooth.any()


def test_a_passing_test_shows_no_counterexample():
    # x^2 is convex: the chord test's witness against *concave* is true but reads as a failure in the table
    convex = cv.verdict(fn1("x^2"), ((-6.0, 6.0),))
    assert all(cv.counterexamples(name, r) == [] for name, r in convex.items())
    cube = cv.verdict(fn1("x^3"), ((-8.5, 5.5),))
    sides = [side for side, _, _ in cv.counterexamples("chord", cube["chord"])]
    assert sides == ["not_convex", "not_concave"]
    kink = cv.verdict(fn1("abs(x) - 2abs(x - 1)"), ((-5.0, 5.0),))["curvature"]
    assert {key for _, key, _ in cv.counterexamples("curvature", kink)} == {"curvature_kink"}
    assert cv.witness_fields({"gap": -0.0, "p": [-1e-20, 2.0]}) == {"gap": "0", "p": "(-1e-20, 2)"}


# ---------------------------------------------------------------------------------------------- convex sets
def test_segments_in_the_preset_regions():
    for key, region in cv.REGIONS.items():
        check = cv.check_segment(region.inside, region.p, region.q)
        assert check.verdict == ("segment_inside" if region.convex else "segment_leaves"), key
        assert check.pieces[0].inside and check.pieces[-1].inside  # the default ends are inside


def test_segment_pieces_cover_the_segment_and_alternate():
    inside = cv.REGIONS["crescent"].inside
    pieces = cv.segment_pieces(inside, (-0.2, 0.85), (-0.2, -0.85), n=601)
    assert [p.inside for p in pieces] == [True, False, True]
    assert pieces[0].y[0] == 0.85 and pieces[-1].y[-1] == -0.85
    for a, b in zip(pieces, pieces[1:], strict=False):
        assert a.y[-1] == b.y[0]  # neighbours share an end point: the drawn segment has no gap
    # the hole of the crescent is the disc around (0.5, 0) of radius 0.8: it meets x = -0.2 at |y| = sqrt(0.15)
    gap = pieces[1].y
    assert abs(gap.max() - np.sqrt(0.15)) < 0.01 and abs(gap.min() + np.sqrt(0.15)) < 0.01


def test_star_polygon_and_typed_region():
    star = cv.REGIONS["star"].inside
    assert star(np.array([0.0, 0.0, 0.0, 1.2]), np.array([0.0, 0.9, -0.3, 0.0])).tolist() == [
        True,
        True,
        True,
        False,
    ]
    disc = cv.typed_region(parse_function("x^2 + y^2 - 1", 2))
    gx, gy = np.meshgrid(np.linspace(-1.5, 1.5, 31), np.linspace(-1.5, 1.5, 31))
    assert np.array_equal(disc(gx, gy), cv.REGIONS["disc"].inside(gx, gy))
    log = cv.typed_region(parse_function("log(x) + y", 2))  # undefined for x <= 0: outside
    assert not log(np.array(-1.0), np.array(-5.0)) and log(np.array(1.0), np.array(-1.0))
    assert not cv.typed_region(None)(gx, gy).any()
