"""Level surfaces, gradient cones, directional derivatives and fig 3.5, against sympy and closed forms."""

import base64
import json

import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from core import grids, optimizers, surfaces
from core.figures import surfaces as figs
from core.functions import parse_function

w0, w1, w2 = sp.symbols("w0 w1 w2", real=True)
# Oracles written here, independently of the parser: exact f, exact gradient, largest Hessian eigenvalue.
ORACLES = {
    "w0^2 + w1^2 + w2^2": (w0**2 + w1**2 + w2**2, 2.0),
    "w0^2 + w1^2": (w0**2 + w1**2, 2.0),
    "w0^2 + 2*w1^2 + 3*w2^2 + w0*w1": (w0**2 + 2 * w1**2 + 3 * w2**2 + w0 * w1, None),
}


def oracle(text):
    expr, lam = ORACLES[text]
    f = sp.lambdify((w0, w1, w2), expr, "numpy")
    g = sp.lambdify((w0, w1, w2), [sp.diff(expr, v) for v in (w0, w1, w2)], "numpy")
    if lam is None:
        lam = max(abs(float(e)) for e in sp.hessian(expr, (w0, w1, w2)).eigenvals())
    return f, (lambda p: np.array(np.broadcast_arrays(*g(*p.T))).T), lam


@pytest.fixture(scope="module")
def fns():
    return {text: parse_function(text, 3) for text in ORACLES}


def mesh_for(fn, level, n):
    return surfaces.isosurface(surfaces.volume(fn, ((-3, 3),) * 3, n), level)


@pytest.mark.parametrize("text", list(ORACLES))
def test_vertices_lie_on_the_level_within_the_linear_interpolation_bound(fns, text):
    f, _, lam = oracle(text)
    errors = []
    for n in (11, 21, 41):
        mesh = mesh_for(fns[text], 2.0, n)
        h = 6 / (n - 1)
        err = np.abs(f(*mesh.vertices.T) - 2.0).max()
        # |f - L| <= (1/8) max|d^T H d| on an edge d, and the longest tetrahedron edge is the cube diagonal.
        assert len(mesh) > 50 and err <= 3 / 8 * lam * h**2 + 1e-12
        errors.append(err)
    assert errors[2] < errors[1] < errors[0]  # and it really shrinks with the grid step


@settings(max_examples=25, deadline=None)
@given(level=st.floats(0.2, 8.0), n=st.integers(8, 30))
def test_any_level_and_grid_of_the_sphere(fns, level, n):
    mesh = mesh_for(fns["w0^2 + w1^2 + w2^2"], level, n)
    h = 6 / (n - 1)
    if not len(mesh):  # a sphere smaller than a cell can be missed entirely; a large one never
        assert np.sqrt(level) < np.sqrt(3) * h
        return
    r2 = np.sum(mesh.vertices**2, axis=1)
    assert np.abs(r2 - level).max() <= 0.75 * h**2 + 1e-12


def test_the_sphere_mesh_is_closed_outward_and_has_the_right_area(fns):
    mesh = mesh_for(fns["w0^2 + w1^2 + w2^2"], 4.0, 41)
    faces = mesh.faces
    edges = np.sort(np.concatenate([faces[:, [0, 1]], faces[:, [1, 2]], faces[:, [2, 0]]]), axis=1)
    _, counts = np.unique(edges, axis=0, return_counts=True)
    assert np.all(counts == 2)  # watertight: neighbouring tetrahedra agree on every shared edge
    tri = mesh.vertices[faces]
    normal = np.cross(tri[:, 1] - tri[:, 0], tri[:, 2] - tri[:, 0])
    assert np.all(np.einsum("ij,ij->i", normal, tri.mean(1)) > 0)  # every face oriented towards larger f
    area = 0.5 * np.linalg.norm(normal, axis=1).sum()
    assert area == pytest.approx(4 * np.pi * 4, rel=0.02)


def test_undefined_values_make_no_surface(fns):
    vol = surfaces.volume(fns["w0^2 + w1^2 + w2^2"], ((-3, 3),) * 3, 21)
    values = vol.values.copy()
    values[:, :, 10:] = np.nan
    mesh = surfaces.isosurface(surfaces.Volume(vol.axes, values), 4.0)
    assert len(mesh) and mesh.vertices[:, 2].max() <= 0 + 1e-12
    assert len(surfaces.isosurface(vol, 1e6)) == 0


@pytest.mark.parametrize("text", list(ORACLES))
def test_cones_point_along_the_exact_gradient(fns, text):
    _, grad, _ = oracle(text)
    mesh = mesh_for(fns[text], 3.0, 25)
    points, directions = surfaces.cones(fns[text], mesh)
    assert len(points) >= 20
    exact = grad(points)
    exact /= np.linalg.norm(exact, axis=1, keepdims=True)
    np.testing.assert_allclose(directions, exact, atol=1e-12)
    assert np.all(np.einsum("ij,ij->i", directions, points) > 0)  # outward for these bowls
    if text == "w0^2 + w1^2":
        assert np.all(directions[:, 2] == 0)  # the cylinders' gradient has no w2 part


def test_cones_are_spread_over_the_surface(fns):
    mesh = mesh_for(fns["w0^2 + w1^2 + w2^2"], 4.0, 31)
    points, _ = surfaces.cones(fns["w0^2 + w1^2 + w2^2"], mesh)
    octants = {tuple(np.sign(p).astype(int)) for p in points if np.all(np.abs(p) > 1e-9)}
    assert len(octants) == 8


@settings(max_examples=20, deadline=None)
@given(theta=st.floats(0, 180), az=st.floats(-180, 180), el=st.floats(-85, 85))
def test_directional_derivative_is_grad_dot_l_and_the_point_is_on_the_surface(fns, theta, az, el):
    text = "w0^2 + 2*w1^2 + 3*w2^2 + w0*w1"
    f, grad, _ = oracle(text)
    fn = fns[text]
    point = surfaces.point_on_surface(fn, MESHES[text], az, el, (0, 0, 0))
    assert f(*point) == pytest.approx(5.0, abs=1e-9)
    probe = surfaces.directional(fn, point, theta)
    g = grad(point[None])[0]
    l_hat = probe["l_hat"]
    assert np.linalg.norm(l_hat) == pytest.approx(1.0)
    angle = np.degrees(
        np.arctan2(np.linalg.norm(np.cross(g, l_hat)), g @ l_hat)
    )  # well conditioned near 0, 180
    assert angle == pytest.approx(theta, abs=1e-6)
    assert probe["D"] == pytest.approx(np.linalg.norm(g) * np.cos(np.radians(theta)), abs=1e-9)
    t = sp.Symbol("t")
    expr = ORACLES[text][0].subs({v: float(p) + t * float(u) for v, p, u in zip((w0, w1, w2), point, l_hat)})
    assert probe["D"] == pytest.approx(float(sp.diff(expr, t).subs(t, 0)), abs=1e-9)
    assert probe["change"] == pytest.approx(probe["h"] * probe["D"], abs=1e-7)
    np.testing.assert_allclose((probe["plane"] - point) @ g, 0, atol=1e-9)  # the tangent plane: no change


MESHES = {}


@pytest.fixture(scope="module", autouse=True)
def _meshes(fns):
    MESHES["w0^2 + 2*w1^2 + 3*w2^2 + w0*w1"] = mesh_for(fns["w0^2 + 2*w1^2 + 3*w2^2 + w0*w1"], 5.0, 21)


@pytest.fixture(scope="module")
def bowl():
    return parse_function("2*w0^2 + 3*w1^2", 2)


def test_the_books_numbers_for_figure_3_5(bowl):
    info = bowl.at((3, 4))
    assert info["value"] == 66 and info["gradient"] == [12, 24]
    rows = surfaces.steepest(bowl, (3, 4), 0.0005, 8, extra=[(0.0003, 0.0004), (0.0004, 0.0003)])
    assert round(rows[-2]["exact"], 8) == 0.01320066 and round(rows[-1]["exact"], 7) == 0.0120006
    np.testing.assert_allclose(rows[-2]["delta"], [0.0003, 0.0004], atol=1e-15)
    assert rows[0]["steepest"] and rows[0]["u"] == pytest.approx(-np.array([12, 24]) / np.hypot(12, 24))


@settings(max_examples=40, deadline=None)
@given(x=st.floats(-5, 5), y=st.floats(-5, 5), step=st.floats(1e-4, 0.5), count=st.integers(4, 24))
def test_steepest_is_minus_grad_and_changes_follow_the_closed_form(bowl, x, y, step, count):
    rows = surfaces.steepest(bowl, (x, y), step, count)
    g = np.array([4 * x, 6 * y])
    for r in rows:
        d = r["delta"]
        assert np.linalg.norm(d) == pytest.approx(step)
        assert r["estimate"] == pytest.approx(g @ d, abs=1e-12)
        # for a quadratic the exact change is the first-order term plus delta^T H delta / 2
        assert r["exact"] == pytest.approx(g @ d + 2 * d[0] ** 2 + 3 * d[1] ** 2, abs=1e-9)
    if np.linalg.norm(g) > 1e-3:
        assert min(r["estimate"] for r in rows) == pytest.approx(rows[0]["estimate"])
        assert rows[0]["estimate"] == pytest.approx(-np.linalg.norm(g) * step)


def test_level_surface_figure_draws_the_meshes_and_cones_it_was_given(fns):
    fn = fns["w0^2 + w1^2 + w2^2"]
    vol = surfaces.volume(fn, ((-3, 3),) * 3, 21)
    scene = surfaces.scene(fn, vol, (1.0, 4.0, 100.0), 4.0, theta=90, azimuth=0, elevation=0)
    assert scene.missing == [100.0] and len(scene.meshes) == 3
    probe = scene.probe
    assert probe["point"] == pytest.approx([2, 0, 0], abs=1e-9) and probe["D"] == pytest.approx(0, abs=1e-12)
    fig = figs.level_surface_figure(scene, fn.variables, "zh", "key")
    kinds = [tr.type for tr in fig.data]
    assert kinds[:3] == ["mesh3d", "mesh3d", "cone"] and kinds.count("mesh3d") == 3  # + the tangent plane
    m = fig.data[1]
    np.testing.assert_allclose(np.c_[m.x, m.y, m.z], scene.meshes[1].vertices, atol=1e-6)
    assert m.opacity > fig.data[0].opacity  # the chosen level stands out
    cone = fig.data[2]
    uvw = np.c_[cone.u, cone.v, cone.w]
    uvw /= np.linalg.norm(uvw, axis=1, keepdims=True)
    np.testing.assert_allclose(uvw, scene.arrows[1], atol=1e-6)
    np.testing.assert_allclose(
        np.c_[cone.x, cone.y, cone.z], scene.arrows[0], atol=1e-6
    )  # tails on the surfaces
    assert "切平面" in json.dumps([tr.name for tr in fig.data], ensure_ascii=False)
    assert fig.layout.scene.uirevision == "key"


def test_steepest_view_refuses_a_zero_step_and_an_undefined_point(bowl):
    assert surfaces.steepest_view(bowl, (3, 4), (0, 0), 8) == {"error": "zero_step"}
    cone = parse_function("sqrt(w0^2 + w1^2)", 2)
    assert surfaces.steepest_view(cone, (0, 0), (0.1, 0), 8) == {"error": "undefined_at"}
    view = surfaces.steepest_view(bowl, (3, 4), (0.0003, 0.0004), 8)
    assert view["fields"]["value"] == "66" and view["fields"]["g0"] == "12" and len(view["rows"]) == 9


def numbers(v):
    """plotly's typed-array spec ({dtype: f4, bdata}) or a plain list, as floats."""
    if isinstance(v, dict):
        return np.frombuffer(base64.b64decode(v["bdata"]), dtype="<" + v["dtype"]).astype(float)
    return np.asarray(v, dtype=float)


def test_loss_surface_paths_lie_on_the_surface_and_the_payload_is_small(bowl):
    window = ((-5, 5), (-5, 5))
    grid = grids.grid(bowl, window, 150)
    names = ("sgd", "momentum", "adam")
    runs = [optimizers.descend(bowl, (3, 4), optimizers.Settings(name, 0.05, 120)) for name in names]
    base, lift = figs.surface_layer(bowl.text, window, "en")
    fig = figs.loss_surface_figure(base, bowl, runs, window, lift, "en")
    assert lift == pytest.approx(0.005 * np.ptp(grid.values))
    surface = fig["data"][0]
    assert surface["type"] == "surface"
    np.testing.assert_allclose(numbers(surface["z"]).reshape(150, 150), grid.values, rtol=1e-6)  # float32
    paths = [tr for tr in fig["data"] if tr["type"] == "scatter3d" and tr["mode"] == "lines+markers"]
    scene = fig["layout"]["scene"]
    assert len(paths) == 3 and scene["uirevision"] == fig["layout"]["uirevision"] == bowl.text
    for tr, run in zip(paths, runs, strict=True):
        x, y, z = (numbers(tr[axis]) for axis in "xyz")
        np.testing.assert_allclose(np.c_[x, y], run.points, atol=1e-3)  # rounded to the window's resolution
        np.testing.assert_allclose(z, run.losses + lift, rtol=1e-6)  # lifted a hair above L along the path
    # no frames: the browser slices frame k out of the paths (the last animated trace: current points)
    spec, head = fig["animation"], fig["data"][-1]
    assert spec["traces"] == [len(fig["data"]) - 4 + i for i in range(4)] and head["mode"] == "markers"
    longest = max(len(r.points) for r in runs)
    assert spec["indices"][0] == 0 and spec["indices"][-1] == longest - 1 and 1 < len(spec["indices"]) <= 200
    assert head["z"] == pytest.approx([r.losses[-1] + lift for r in runs], rel=1e-6)
    assert tuple(scene["xaxis"]["range"]) == (-5, 5) and scene["zaxis"]["range"][1] >= 125
    assert len(json.dumps(fig, allow_nan=False)) < 1_000_000


def test_a_diverged_path_still_makes_strict_json(bowl):
    window = ((-5, 5), (-5, 5))
    runs = [
        optimizers.descend(bowl, start, optimizers.Settings("sgd", 5.0, 400)) for start in ((3, 4), (1e20, 0))
    ]
    assert [run.status for run in runs] == ["diverged", "diverged"]
    base, lift = figs.surface_layer(bowl.text, window, "en")
    fig = json.loads(json.dumps(figs.loss_surface_figure(base, bowl, runs, window, lift), allow_nan=False))
    assert fig["data"][-1]["z"][1] is None  # L = 2e40 is no float32: a gap, not Infinity (invalid JSON)
    assert fig["animation"]["indices"][-1] == max(len(run.points) for run in runs) - 1
