"""Unit tests of what the level-sets view computes, against independent oracles (sympy implicit
differentiation, central differences, exact rationals, the book's printed numbers, closed forms)."""

import json
import math
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from core import grids, level_sets
from core.decimals import decimal_text
from core.figures import level_sets as figs
from core.functions import parse_function
from core.optimizers import Settings, descend
from core.presets import PRESETS

BOWL = PRESETS["bowl"].text
pts = st.tuples(st.floats(-4, 4), st.floats(-4, 4)).filter(lambda p: math.hypot(*p) > 0.05)


@pytest.fixture(scope="module")
def bowl():
    return parse_function(BOWL, 2)


@pytest.fixture(scope="module")
def himmelblau():
    return parse_function(PRESETS["himmelblau"].text, 2)


def implicit_tangent(fn, point):
    """Oracle: along f = c, dy/dx = -f_x / f_y (sympy), so the tangent is (f_y, -f_x)."""
    x, y = fn.symbols
    fx, fy = (sp.diff(fn.expr, s).subs({x: point[0], y: point[1]}) for s in (x, y))
    v = np.array([float(fy), -float(fx)])
    return v / np.linalg.norm(v)


@settings(max_examples=40, deadline=None)
@given(pts)
def test_measured_angle_is_ninety_degrees_and_tangent_matches_implicit_differentiation(bowl, p):
    assert level_sets.gradient_tangent_angle(bowl, p) == pytest.approx(90.0, abs=1e-4)
    ours, oracle = level_sets.tangent(bowl, p), implicit_tangent(bowl, p)
    assert abs(float(ours @ oracle)) == pytest.approx(1.0, abs=1e-8)


@pytest.mark.parametrize("p", [(0.5, 0.5), (-3.0, 1.0), (2.0, -2.5)])
def test_angle_on_a_non_quadratic_function(himmelblau, p):
    assert level_sets.gradient_tangent_angle(himmelblau, p) == pytest.approx(90.0, abs=1e-3)
    assert abs(float(level_sets.tangent(himmelblau, p) @ implicit_tangent(himmelblau, p))) == pytest.approx(
        1, abs=1e-7
    )


def test_critical_point_has_no_tangent_and_report_says_so(bowl):
    assert level_sets.tangent(bowl, (0, 0)) is None
    assert level_sets.report(bowl, (0.0, 0.0))["kind"] == "critical"
    here = level_sets.report(bowl, (3.0, 4.0))
    assert here["kind"] == "readout" and here["fields"]["angle"] == "90.000"
    assert here["fields"]["value"] == "66" and here["fields"]["g0"] == "12" and here["fields"]["g1"] == "24"


def test_undefined_point_is_reported():
    fn = parse_function("log(x) + y", 2)
    assert level_sets.report(fn, (-1.0, 0.0))["kind"] == "undefined"


def test_angle_degrees_known_values():
    assert level_sets.angle_degrees((1, 0), (0, 2)) == pytest.approx(90)
    assert level_sets.angle_degrees((1, 1), (1, 0)) == pytest.approx(45)
    assert level_sets.angle_degrees((1, 0), (-3, 0)) == pytest.approx(180)


@settings(max_examples=40, deadline=None)
@given(pts, st.floats(0, 360))
def test_directional_derivative_matches_central_differences(himmelblau, p, theta):
    g = himmelblau.grad(*p).ravel()
    ell, h = level_sets.direction(theta), 1e-5
    fd = (himmelblau.value(*(np.array(p) + h * ell)) - himmelblau.value(*(np.array(p) - h * ell))) / (2 * h)
    assert level_sets.directional_derivative(g, theta) == pytest.approx(float(fd), rel=1e-6, abs=1e-5)


def test_dial_is_largest_along_the_gradient_and_zero_along_the_contour():
    g = np.array([12.0, 24.0])
    d = level_sets.dial(g)
    assert d["largest"] == pytest.approx(math.hypot(12, 24))
    assert np.max(d["value"]) == pytest.approx(d["largest"], rel=1e-4)
    assert level_sets.directional_derivative(g, d["steepest"]) == pytest.approx(d["largest"])
    for theta in d["level"]:
        assert level_sets.directional_derivative(g, theta) == pytest.approx(0, abs=1e-12)
    assert d["steepest"] == pytest.approx(math.degrees(math.atan2(24, 12)))


def test_worked_example_exact_numbers_of_the_book(bowl):
    ex = level_sets.worked_example(bowl)
    assert ex["value"] == 66 and ex["gradient"] == [12, 24]
    (a, b) = ex["rows"]
    assert a.step == (sp.Rational(3, 10000), sp.Rational(4, 10000))
    assert a.estimate == sp.Rational("0.0132") and b.estimate == sp.Rational("0.012")
    assert a.exact == sp.Rational("0.01320066") and b.exact == sp.Rational("0.01200059")
    assert decimal_text(a.exact) == "0.01320066"
    assert f"{float(b.exact):.7f}" == "0.0120006"  # the book prints the second change rounded
    table = level_sets.example_table(ex, "en")
    assert list(table[0].values()) == ["(0.0003, 0.0004)", "0.0132", "0.01320066", "0.00000066"]


@given(st.integers(-(10**9), 10**9), st.integers(0, 12), st.integers(0, 6))
def test_decimal_is_exact_for_terminating_rationals(p, twos, fives):
    q = sp.Rational(p, 2**twos * 5**fives)
    assert Decimal(decimal_text(q)) == Decimal(int(q.p)) / Decimal(int(q.q))


def test_decimal_of_a_repeating_fraction_is_rounded():
    assert decimal_text(sp.Rational(1, 3)) == "0.333333333333"


def test_stability_hint_agrees_with_what_gd_does(bowl):
    # Hessian diag(4, 6): lambda_max = 6, so GD is stable exactly for lr < 1/3.
    assert level_sets.stability(bowl, (3, 4), 0.3)["kind"] == "stable"
    hint = level_sets.stability(bowl, (3, 4), 0.34)
    assert (
        hint["kind"] == "unstable"
        and hint["lam_max"] == pytest.approx(6)
        and hint["lr_max"] == pytest.approx(1 / 3)
    )
    assert descend(bowl, (3, 4), Settings("sgd", 0.3, 200)).status == "converged"
    growing = descend(bowl, (3, 4), Settings("sgd", 0.34, 200))
    assert growing.losses[-1] > growing.losses[0]  # |1 - 0.34 * 6| > 1: the w1 component grows
    assert descend(bowl, (3, 4), Settings("sgd", 0.4, 200)).status == "diverged"
    assert level_sets.stability(parse_function("-(x^2 + y^2)", 2), (1, 1), 0.1)["kind"] == "no_bound"


def test_update_latex_substitutes_the_numbers_of_gd(bowl):
    run = descend(bowl, (3, 4), Settings("sgd", 0.05, 5))
    w, g = run.points[1], bowl.grad(*run.points[1]).ravel()
    np.testing.assert_allclose(run.points[2], w - 0.05 * g)  # the rule the panel writes
    text = level_sets.update_latex(bowl, run, 1, 0.05)
    assert r"w_{2} = w_{1} - \mu\,\nabla L(w_{1})" in text
    for v in (*w, *g, *run.points[2]):
        assert f"{v:.4g}" in text
    other = level_sets.update_latex(bowl, descend(bowl, (3, 4), Settings("adam", 0.05, 5)), 0, 0.05)
    assert r"\Delta w_{0}" in other


def test_race_rows_say_where_a_run_diverged_never_nan(bowl):
    runs = [descend(bowl, (3, 4), Settings(name, 0.5, 100)) for name in ("sgd", "adam")]
    assert runs[0].status == "diverged"
    rows = level_sets.race_table(runs, "en")
    assert rows[0]["status"] == f"diverged at step {runs[0].steps + 1}"
    assert "nan" not in json.dumps(rows).lower()
    assert level_sets.race_table(runs, "zh")[0]["状态"].startswith("在第")


def test_paths_csv_round_trip(bowl):
    runs = [descend(bowl, (3, 4), Settings(name, 0.05, 30)) for name in ("sgd", "momentum")]
    frame = pd.read_csv(__import__("io").StringIO(level_sets.paths_csv(runs, bowl.variables)))
    assert list(frame.columns) == ["optimizer", "step", "w0", "w1", "loss", "grad_norm"]
    assert len(frame) == sum(len(r.points) for r in runs)
    sgd = frame[frame.optimizer == "sgd"]
    np.testing.assert_array_equal(sgd[["w0", "w1"]].to_numpy(), runs[0].points)
    np.testing.assert_array_equal(sgd.loss.to_numpy(), runs[0].losses)


def test_warmup_tangent_and_step_direction():
    parabola, line = parse_function("w^2", 1), parse_function("2*w + 1", 1)
    info = level_sets.warmup(parabola, 1.5, 0.1)
    assert info["slope"] == pytest.approx(3.0) and info["next"] == pytest.approx(1.5 - 0.1 * 3.0)
    assert info["way"] == "left"
    (x0, y0), (x1, y1) = info["tangent"]
    assert (y1 - y0) / (x1 - x0) == pytest.approx(3.0)
    assert level_sets.warmup(parabola, -1.0, 0.1)["way"] == "right"
    assert level_sets.warmup(parabola, 0.0, 0.1)["way"] == "still"
    assert level_sets.warmup(line, -2.0, 0.25)["slope"] == pytest.approx(2.0)


def test_overlays_gradient_arrow_and_tangent_are_perpendicular(bowl):
    p, window = (3.0, 4.0), ((-5, 5), (-5, 5))
    g = bowl.grad(*p).ravel()
    tangent_line, arrow, _, label = figs.point_overlays(p, g, level_sets.tangent(bowl, p), 90.0, window, "en")
    shaft = np.array([arrow["x"][1] - arrow["x"][0], arrow["y"][1] - arrow["y"][0]])
    along = np.array(
        [tangent_line["x"][1] - tangent_line["x"][0], tangent_line["y"][1] - tangent_line["y"][0]]
    )
    assert level_sets.angle_degrees(shaft, g) == pytest.approx(0, abs=1e-6)
    assert level_sets.angle_degrees(shaft, along) == pytest.approx(90, abs=1e-6)
    assert label["text"] == ["90.000°"]
    assert figs.point_overlays(p, g, None, None, window, "en") == []


def payload(bowl, n, steps, names=("sgd", "momentum", "adam")):
    window = grids.window_for(bowl)
    base = figs.base_figure(grids.grid(bowl, window, n), bowl.variables, "en", ((0, 0),))
    runs = [descend(bowl, (4.5, -4.5), Settings(name, 0.001, steps, tol=0)) for name in names]
    return figs.canvas_figure(json.loads(base.to_json()), runs, window, "en"), runs


def test_canvas_frames_carry_only_the_paths_and_fit_the_payload_budget(bowl):
    fig, runs = payload(bowl, 100, 200)
    assert len(fig["frames"]) == 200
    paths = fig["frames"][0]["traces"]
    assert [fig["data"][i].get("name") for i in paths[:3]] == ["sgd", "momentum", "adam"]
    assert all(f["traces"] == paths and len(f["data"]) == 4 for f in fig["frames"])
    assert len(json.dumps(fig)) < 1.5e6
    last = fig["frames"][-1]["data"][0]
    assert last["x"]["dtype"] == "f4"
    xs = np.frombuffer(__import__("base64").b64decode(last["x"]["bdata"]), dtype="<f4")
    np.testing.assert_allclose(xs, runs[0].points[:, 0], atol=1e-3)  # 3 decimals on a 10-wide window
    assert fig["layout"]["sliders"][0]["steps"][-1]["label"] == "200"


def test_dial_and_warmup_figures():
    fig = figs.dial_figure([12, 24], 30, "en")
    assert len(fig.data) == 4 and fig.data[2].name.startswith("D_θ = ")
    assert float(fig.data[2].name.split("= ")[1]) == pytest.approx(
        12 * math.cos(math.pi / 6) + 24 * 0.5, rel=1e-3
    )
    parabola = parse_function("w^2", 1)
    ws = np.linspace(-3, 3, 61)
    warm = figs.warmup_figure((ws, parabola.value(ws)), level_sets.warmup(parabola, 1.5, 0.1), "zh")
    assert len(warm.data) == 4 and "切线" in warm.data[1].name


def test_standalone_html_export_carries_the_animation(bowl):
    window = ((-5, 5), (-5, 5))
    base = json.loads(figs.level_sets_base(BOWL, window, 21, True, "en").to_json())
    fig = figs.canvas_figure(base, level_sets.race(BOWL, (3.0, 4.0), ("sgd",), 0.05, 5, 0.9), window, "en")
    html = figs.standalone_html(fig)
    assert "<html>" in html[:100] and "Plotly.newPlot" in html and '"name":"5"' in html
    assert len(html) > 3e6  # plotly.js inlined: the file opens offline


def test_compact_figure_holds_what_the_browser_needs_to_rebuild_every_frame(bowl):
    full, runs = payload(bowl, 60, 200)
    layout = {k: v for k, v in full["layout"].items() if k not in ("sliders", "updatemenus")}
    base = {"data": full["data"][:1], "layout": layout}
    window = grids.window_for(bowl)
    full = figs.canvas_figure(base, runs, window, "en")
    compact = figs.canvas_figure(base, runs, window, "en", compact=True)
    assert compact["frames"] == [] and compact["data"] == full["data"]
    spec = compact["animation"]
    assert spec["indices"] == [int(f["name"]) for f in full["frames"]]
    assert spec["traces"] == full["frames"][0]["traces"]
    assert len(json.dumps(compact)) < len(json.dumps(full)) / 5
    # the canvas draws its own player: no plotly slider of 200 labelled steps to lay out on each redraw
    assert "sliders" not in compact["layout"] and "updatemenus" not in compact["layout"]
    assert spec["labels"]["play"] == "Play" and spec["labels"]["step"] == "Step"
