"""Unit tests of what the level-sets view computes, against independent oracles (sympy implicit
differentiation, central differences, exact rationals, the book's printed numbers, closed forms)."""

import json
import math
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from core import grids, level_sets
from core.decimals import decimal_text
from core.figures import gif, player, standalone
from core.figures import level_sets as figs
from core.functions import parse_function
from core.optimizers import EXPLODE, Settings, descend
from core.presets import PRESETS

BOWL = PRESETS["bowl"].text
pts = st.tuples(st.floats(-4, 4), st.floats(-4, 4)).filter(lambda p: math.hypot(*p) > 0.05)
ROOT = Path(__file__).resolve().parents[2]


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
    # 3^1000 exists but is beyond floating point: said so, not "not defined"
    assert level_sets.report(parse_function("x^1000 + y", 2), (3.0, 4.0))["kind"] == "overflow"
    assert level_sets.report(parse_function("x^1000 + y", 2), (0.5, 4.0))["kind"] == "readout"


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
    assert r"w^{(2)} &= w^{(1)} - \mu\,g^{(1)}" in text and r"g^{(1)} &= \nabla L(w^{(1)})" in text
    for v in (*w, *g, *run.points[2]):
        assert f"{v:.4g}" in text
    other = level_sets.update_latex(bowl, descend(bowl, (3, 4), Settings("adam", 0.05, 5)), 0, 0.05)
    assert r"\hat m" in other and r"\hat v" in other  # adam's moments and bias corrections, not a bare Δw


def test_race_rows_say_where_a_run_diverged_never_nan(bowl):
    runs = [descend(bowl, (3, 4), Settings(name, 0.5, 100)) for name in ("sgd", "adam")]
    assert runs[0].status == "diverged"
    rows = level_sets.race_table(runs, "en")
    assert (
        rows[0]["status"] == f"diverged at step {runs[0].steps + 1} (last finite point: step {runs[0].steps})"
    )
    assert "nan" not in json.dumps(rows).lower()
    assert level_sets.race_table(runs, "zh")[0]["状态"].startswith("在第")


def test_race_steps_and_the_diverged_step_agree():
    # x^2 + 3y^2 at lr 1.5: y is multiplied by 1 - 6 * 1.5 = -8 each step, so it leaves the finite numbers
    fn = parse_function("x^2 + 3y^2", 2)
    run = descend(fn, (3, 4), Settings("sgd", 1.5, 500))
    row = level_sets.race_table([run], "en")[0]
    last = run.steps
    assert run.status == "diverged" and row["steps"] == last and run.diverged_at == last + 1
    assert row["status"] == f"diverged at step {last + 1} (last finite point: step {last})"
    assert np.allclose(
        run.points[-1], [3 * (-2.0) ** last, 4 * (-8.0) ** last]
    )  # the closed form at step last
    assert 4 * 8.0**last <= EXPLODE < 4 * 8.0 ** (last + 1)  # step last + 1 is the one that left the window


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


def test_canvas_figure_sends_whole_paths_and_a_spec_of_every_step(bowl):
    fig, runs = payload(bowl, 100, 200)
    spec = fig["animation"]
    assert fig["frames"] == [] and spec["kind"] == "paths" and spec["last"] == 200
    assert [fig["data"][i].get("name") for i in spec["traces"][:3]] == ["sgd", "momentum", "adam"]
    assert spec["indices"][0] == 0 and spec["indices"][-1] == 200 and len(spec["indices"]) == 200
    assert len(json.dumps(fig)) < 0.5e6
    xs = gif.decode(fig["data"][spec["traces"][0]]["x"])
    np.testing.assert_allclose(xs, runs[0].points[:, 0], atol=1e-3)  # 3 decimals on a 10-wide window
    # the spoken text's numbers: each run's loss and |grad f| at every step, as f(x) computes them
    said = spec["describe"]["runs"][1]
    assert said["name"] == "momentum"
    np.testing.assert_allclose(gif.decode(said["loss"]), bowl.value(*runs[1].points.T), rtol=1e-5, atol=1e-6)
    grads = np.linalg.norm(np.stack(bowl.grad(*runs[1].points.T), -1), axis=-1)
    np.testing.assert_allclose(gif.decode(said["grad"]), grads, rtol=1e-4, atol=1e-5)


def test_frame_at_is_one_step_whatever_the_sampling(bowl):
    fig, runs = payload(bowl, 40, 500, names=("sgd",))
    spec = fig["animation"]
    assert len(spec["indices"]) == 200 and spec["last"] == 500  # play shows 200 of the 501 steps
    for k in (0, 1, 2, 3, 250, 251, 499, 500):  # every step exists for one step back / forward
        (_, path), (_, head) = player.frame_at(fig, k, gif.decode)
        assert len(path["x"]) == k + 1
        assert head["x"][0] == pytest.approx(runs[0].points[k, 0], abs=1e-3)


def test_dial_and_warmup_figures():
    fig = figs.dial_figure([12, 24], 30, "en")
    assert len(fig.data) == 6 and fig.data[2].name.startswith("D<sub>θ</sub> = ")
    assert float(fig.data[2].name.split("= ")[1]) == pytest.approx(
        12 * math.cos(math.pi / 6) + 24 * 0.5, rel=1e-3
    )
    # no label at the centre, where two "0"s fell on each other: the contour directions are labelled at the rim
    norm, steepest = math.hypot(12, 24), math.degrees(math.atan2(24, 12))
    labelled = [
        (r, th, text) for d in fig.data[3:] for r, th, text in zip(d.r, d.theta, d.text, strict=True) if text
    ]
    assert all(r == pytest.approx(norm) for r, _, _ in labelled) and len(labelled) == 3
    assert sorted(round((th - steepest) % 360) for _, th, _ in labelled) == [0, 90, 270]
    ticks = fig.layout.polar.radialaxis.angle  # the radial tick labels, away from the gradient's label
    assert abs((ticks - steepest + 180) % 360 - 180) >= 90
    parabola = parse_function("w^2", 1)
    ws = np.linspace(-3, 3, 61)
    warm = figs.warmup_figure((ws, parabola.value(ws)), level_sets.warmup(parabola, 1.5, 0.1), "zh")
    assert len(warm.data) == 4 and "切线" in warm.data[1].name


def test_standalone_html_inlines_plotly_and_the_apps_own_player(bowl):
    window = ((-5, 5), (-5, 5))
    base = json.loads(figs.level_sets_base(BOWL, window, 21, True, "en").to_json())
    fig = figs.canvas_figure(base, level_sets.race(BOWL, (3.0, 4.0), ("sgd",), 0.05, 5, 0.9), window, "zh")
    html = standalone.page(fig, "zh")
    assert html.startswith("<!DOCTYPE html>") and 'lang="zh-Hans"' in html
    assert (ROOT / "ui" / "plotly_player.js").read_text() in html  # the same player code as the app
    assert "Plotly.animate(" not in html.split("</script>")[-2]
    assert len(html) > 3e6 and "cdn.plot.ly" not in html[:3000]  # plotly.js inlined: the file opens offline
    payload = html.split('id="pc-figure">')[1].split("</script>")[0]
    sent = json.loads(payload.replace("<\\/", "</"))
    assert sent["animation"]["labels"]["play"] == "播放" and not sent["frames"]
    assert "updatemenus" not in sent["layout"] and "sliders" not in sent["layout"]


def test_canvas_figure_names_the_overlays_a_drag_leaves_behind(bowl):
    window = ((-5, 5), (-5, 5))
    base = json.loads(figs.level_sets_base(BOWL, window, 21, False, "en").to_json())
    p = (3.0, 4.0)
    g = bowl.grad(*p).ravel()
    marks = figs.point_overlays(p, g, level_sets.tangent(bowl, p), 90.0, window, "en")
    runs = level_sets.race(BOWL, p, ("sgd",), 0.05, 5, 0.9)
    fig = figs.canvas_figure(base, runs, window, "en", marks)
    overlays = fig["animation"]["overlays"]
    assert [fig["data"][i] for i in overlays] == marks  # exactly the start's overlays, nothing of the base
    assert overlays[-1] + 1 == fig["animation"]["traces"][0]


def test_paths_that_leave_the_plot_at_one_point_share_one_label(bowl):
    # at lr 0.5 sgd and nesterov leave the bowl's window at (-1.5, -5) at step 1, on one ray from the start
    # (w1 is multiplied by -2 and -4.7: the exit point is where that ray meets the edge); rmsprop converges
    window = ((-5.0, 5.0), (-5.0, 5.0))
    runs = [descend(bowl, (3, 4), Settings(name, 0.5, 100)) for name in ("sgd", "nesterov", "rmsprop")]
    alone = [figs.divergence_mark(run, window) for run in runs if run.status == "diverged"]
    fig = figs.canvas_figure({"data": [], "layout": {}}, runs, window, "en")
    marks = [d for d in fig["data"] if d.get("marker", {}).get("symbol") == "x-thin"]
    assert (alone[0]["x"], alone[0]["y"]) == (alone[1]["x"], alone[1]["y"]) == ([-1.5], [-5.0])
    shared = next(m for m in marks if m["x"] == [-1.5] and m["y"] == [-5.0])
    assert shared["text"] == ["sgd, nesterov: diverged, left the plot at step 1"]
    assert len(marks) == len(alone) - 1
    zh = figs.canvas_figure({"data": [], "layout": {}}, runs[:2], window, "zh")
    alone_zh = figs.divergence_mark(runs[0], window, "zh")["text"][0]
    assert [d["text"] for d in zh["data"] if d.get("marker", {}).get("symbol") == "x-thin"] == [
        ["sgd, nesterov: " + alone_zh.split(": ", 1)[1]]
    ]


def test_labels_of_paths_leaving_near_one_another_join_and_lean_into_the_plot():
    # Rosenbrock from (1.1975, 2.2056) at lr 0.002: sgd and momentum both leave through the left edge at
    # step 3, 0.053 apart (6 px of the plot's 445): one label, to the right of the edge, not centred on it
    preset = PRESETS["rosenbrock"]
    fn = parse_function(preset.text, 2)
    runs = [descend(fn, (1.1975, 2.2056), Settings(name, 0.002, 200)) for name in ("sgd", "momentum", "adam")]
    alone = [figs.divergence_mark(run, preset.window) for run in runs[:2]]
    assert [m["x"] for m in alone] == [[-2.0], [-2.0]] and abs(alone[0]["y"][0] - alone[1]["y"][0]) < 0.1
    marks = figs.divergence_marks([r for r in runs if r.status == "diverged"], preset.window)
    assert [m["text"] for m in marks] == [["sgd, momentum: diverged, left the plot at step 3"]]
    assert marks[0]["textposition"] == "top right" and alone[0]["textposition"] == "top right"
    # different steps are named once each, in the runs' order: from (-1.8, 1.2) momentum leaves at step 2,
    # nesterov at step 1, near one another
    apart = [descend(fn, (-1.8, 1.2), Settings(name, 0.002, 100)) for name in ("momentum", "nesterov")]
    assert [figs.exit_point(run, preset.window)[1] for run in apart] == [2, 1]
    assert [m["text"] for m in figs.divergence_marks(apart, preset.window, "zh")] == [
        ["momentum, nesterov: 发散，第 2、1 步离开绘图区域"]
    ]


def test_a_diverged_path_ends_in_a_marker_where_it_left_the_plot(bowl):
    # 2 w0^2 + 3 w1^2 at lr 0.5 from (3, 4): w1 is multiplied by 1 - 6 * 0.5 = -2, so step 1 goes to (-3, -8),
    # leaving the window (-5, 5)^2 through its bottom edge at (-1.5, -5)
    window = ((-5.0, 5.0), (-5.0, 5.0))
    runs = [descend(bowl, (3, 4), Settings(name, 0.5, 100)) for name in ("sgd", "adam")]
    assert runs[0].status == "diverged" and runs[1].status != "diverged"
    fig = figs.canvas_figure({"data": [], "layout": {}}, runs, window, "en")
    marks = [d for d in fig["data"] if d.get("marker", {}).get("symbol") == "x-thin"]
    assert len(marks) == 1  # adam converged: no mark
    assert marks[0]["x"] == [-1.5] and marks[0]["y"] == [-5.0]
    assert marks[0]["text"] == ["sgd: diverged, left the plot at step 1"]
    # static: not one of the traces the player animates, and stale while a drag moves the start
    assert fig["data"].index(marks[0]) not in fig["animation"]["traces"]
    assert fig["data"].index(marks[0]) in fig["animation"]["overlays"]
    # a path that overflows inside a wide window is marked at its last finite point
    wide = ((-1e7, 1e7), (-1e7, 1e7))
    mark = figs.divergence_mark(runs[0], wide)
    assert (
        mark["x"] == [runs[0].points[-1][0]]
        and f"overflowed at step {runs[0].diverged_at}" in mark["text"][0]
    )


def test_the_gradient_arrow_stays_inside_the_plot_with_its_true_length(bowl):
    # at the default start (3, 4) of the window (-5, 5)^2 the unit direction (0.447, 0.894) of a 1.4-long arrow
    # used to end at y = 5.25, its head cut off
    window = ((-5.0, 5.0), (-5.0, 5.0))
    here = level_sets.report(bowl, (3.0, 4.0))
    traces = figs.point_overlays((3.0, 4.0), here["gradient"], here["tangent"], here["angle"], window, "en")
    arrow = next(d for d in traces if d["name"].startswith("∇f"))
    xs, ys = (np.array([v for v in arrow[a] if v is not None]) for a in "xy")
    assert xs.min() >= -5 and xs.max() <= 5 and ys.min() >= -5 and ys.max() <= 5
    assert arrow["name"] == "∇f, |∇f| = 26.83 (not to scale)"  # sqrt(12^2 + 24^2)
    direction = np.array([xs[1] - xs[0], ys[1] - ys[0]])
    assert np.allclose(direction / np.linalg.norm(direction), np.array([12, 24]) / np.hypot(12, 24))
    # on the window's edge heading out, the arrow is drawn behind the point, its tip on the point
    tail, tip = figs.arrow_ends(np.array([5.0, 0.0]), np.array([1.0, 0.0]), 1.4, window)
    assert np.allclose(tip, [5, 0]) and np.allclose(tail, [3.6, 0])


def test_legend_names_once_and_swatches_on_a_dark_legend(bowl):
    base = figs.level_sets_base(BOWL, ((-5, 5), (-5, 5)), 41, True, "en")
    here = level_sets.report(bowl, (3.0, 4.0))
    marks = figs.point_overlays(
        (3.0, 4.0), here["gradient"], here["tangent"], here["angle"], ((-5, 5), (-5, 5)), "en"
    )
    names = [d.name for d in base.data if d.showlegend is not False and d.name] + [
        m["name"] for m in marks if "name" in m
    ]
    assert len(names) == len(set(names)) and "∇f field (directions)" in names  # not "∇f" twice
    assert base.layout.legend.bgcolor == "#3a3a4a"  # white tangent and field swatches show on it


@pytest.mark.parametrize(
    ("key", "logged"), [("rosenbrock", True), ("beale", True), ("bowl", False), ("himmelblau", False)]
)
def test_log_colours_when_the_range_spans_decades(key, logged):
    preset = PRESETS[key]
    fn = parse_function(preset.text, 2)
    grid = grids.grid(fn, preset.window, 81)
    assert grids.display_values(grid.values)[1] is logged
    bar = figs.level_sets_base(preset.text, preset.window, 81, False, "en").data[0].colorbar
    assert (bar.title.text == "f (log scale)") is logged
    if logged:  # labelled with f's own values at 0, 1, 10, 100, ... above its minimum
        low = float(np.nanmin(grid.values))
        assert list(bar.ticktext[:4]) == [f"{low + s:.3g}" for s in (0, 1, 10, 100)]
        assert np.isclose(bar.tickvals[2], np.log10(11)) and "1e+03" not in bar.ticktext


def test_the_colour_bar_and_legend_sit_beside_the_square_plot():
    fig = figs.level_sets_base(BOWL, ((-5, 5), (-5, 5)), 41, False, "en")
    layout = fig.layout
    plot = layout.width - layout.margin.l - layout.margin.r
    assert plot == layout.height - layout.margin.t - layout.margin.b  # a square window: a square plot area
    assert fig.data[0].colorbar.x == 1.02 and fig.data[0].colorbar.xanchor == "left"
    assert layout.legend.x > 1.02 and layout.legend.xanchor == "left"  # right of the bar, not above the plot


def test_a_run_that_left_the_domain_says_so_in_the_race_and_on_the_plot():
    """Issue 19.9: sqrt(x) + y^2 from (1, 1) at lr 0.5 reaches x ~ 0.09 after 3 steps, where the slope
    1/(2 sqrt x) ~ 1.64 sends step 4 below x = 0: the domain's edge, not a divergence."""
    fn = parse_function("sqrt(x) + y^2", 2)
    runs = [descend(fn, (1, 1), Settings("sgd", 0.5, 100)), descend(fn, (1, 1), Settings("sgd", 0.01, 100))]
    rows = level_sets.race_table(runs, "en")
    assert (
        rows[0]["status"]
        == "left the domain where f is defined at step 4 (last point where f is defined: step 3)"
    )
    assert rows[1]["status"] == "step limit reached"
    assert (
        level_sets.race_table(runs, "zh")[0]["状态"]
        == "在第 4 步离开 f 的定义域（最后一个有定义的点：第 3 步）"
    )
    window = ((-1.0, 2.0), (-1.0, 2.0))
    mark = figs.divergence_mark(runs[0], window)
    assert mark["text"] == ["sgd: left the domain where f is defined at step 4"]
    assert [mark["x"][0], mark["y"][0]] == runs[0].points[-1].tolist()
