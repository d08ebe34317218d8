"""The GIF export: the frames the player plays, drawn like the screen (colours, level sets, paths, label)."""

from __future__ import annotations

import io
import json

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageSequence

from core import classifiers, datasets, grids, level_sets, listings, optimizers
from core.figures import classifiers as boundary_figs
from core.figures import gif, palette, player, surfaces
from core.figures import level_sets as figs
from core.figures import training as training_figs
from core.functions import parse_function
from core.presets import PRESETS


def decoded(data: bytes) -> list[np.ndarray]:
    with Image.open(io.BytesIO(data)) as im:
        return [np.asarray(f.convert("RGB"), dtype=int) for f in ImageSequence.Iterator(im)]


def near(frame: np.ndarray, hex_colour: str, tol: int = 30, alpha: float = 1.0) -> int:
    """How many pixels of `frame` are within `tol` of the colour (drawn with `alpha` over the plot's
    background); the GIF's 255-colour palette moves colours a little."""
    rgb = alpha * np.array(gif.colour(hex_colour)[:3]) + (1 - alpha) * np.array([229, 236, 246])
    return int(np.all(np.abs(frame - rgb) <= tol, axis=-1).sum())


@pytest.fixture(scope="module")
def descent():
    preset = PRESETS["bowl"]
    fn = parse_function(preset.text, 2)
    window = ((-5.0, 5.0), (-5.0, 5.0))
    runs = level_sets.race(preset.text, (3.0, 4.0), ("sgd", "adam"), 0.01, 300, 0.9)
    base = json.loads(figs.base_figure(grids.grid(fn, window, 100), fn.variables, "en").to_json())
    return figs.canvas_figure(base, runs, window, "en")


def test_descent_gif_plays_the_players_frames_with_the_screens_colours(descent):
    frames = decoded(gif.gif_bytes(descent))
    assert len(frames) == len(player.play_order(descent["animation"])) == 200
    assert frames[0].shape == (gif.HEIGHT, gif.WIDTH, 3)
    first, middle, last = frames[0], frames[100], frames[-1]
    assert (first != last).any()
    assert np.all(middle > 240, axis=-1).mean() < 0.5  # not mostly blank: the level sets fill the plot
    # the lowest band of Viridis (the minimum at the centre) and the paths in their optimizers' colours
    assert near(middle, "#440154") > 500
    sgd, adam = palette.path_line("sgd", 3)["color"], palette.path_line("adam", 3)["color"]
    assert near(last, sgd) > max(50, near(first, sgd))  # sgd's path grows from its start
    assert near(last, adam) > near(first, adam)


def test_boundary_and_training_gifs_keep_the_data_and_the_regions():
    X, y = datasets.make("clusters", 200, 0.2, 0)
    run = classifiers.train("hyperplane", X, y, steps=100, seed=0, frames=20)
    fig = boundary_figs.boundary_figure(X, y, "hyperplane", run.snapshots, run.snapshot_steps)
    frames = decoded(gif.gif_bytes(fig))
    assert len(frames) == 20 and (frames[0] != frames[-1]).any()
    for frame in frames:  # the data points of both classes are drawn in every frame
        assert near(frame, palette.CLASSES[1.0][0]) > 100
        assert near(frame, palette.CLASSES[-1.0][0]) > 100
    fit = training_figs.fit_figure(listings.train(listings.book_settings("3.2")))
    frames = decoded(gif.gif_bytes(fit))
    assert len(frames) == len(fit["frames"]) and (frames[0] != frames[-1]).any()
    # the data points, drawn at opacity 0.7 as on screen, in every tenth frame
    assert all(near(f, training_figs.DATA_COLOR, alpha=0.7) > 100 for f in frames[::10])


def test_decode_and_colour_read_plotly_specs():
    spec = player.f4([1.5, -2.0])
    assert gif.decode(spec).tolist() == [1.5, -2.0] and gif.decode([1, None, 3]).tolist()[1] != 1
    assert gif.colour("rgba(255,255,255,0.5)") == (255, 255, 255, 128)
    assert gif.colour("#1f77b4") == (31, 119, 180, 255) and gif.colour("crimson")[:3] == (220, 20, 60)


def surface_figure(camera: dict | None = None) -> dict:
    """The 3-D view's loss-surface figure (150x150 surface, sgd and adam racing), as the page builds it."""
    text, window = PRESETS["bowl"].text, ((-5.0, 5.0), (-5.0, 5.0))
    fn = parse_function(text, 2)
    runs = [
        optimizers.descend(fn, (3.0, 4.0), optimizers.Settings(n, 0.01, 300, 0.9)) for n in ("sgd", "adam")
    ]
    base, lift = surfaces.surface_layer(text, window, "en")
    if camera:
        base["layout"]["scene"]["camera"] = camera
    return surfaces.loss_surface_figure(base, fn, runs, window, lift, "en")


@pytest.fixture(scope="module")
def surface():
    return surface_figure()


def test_surface_gif_plays_the_players_frames_with_the_paths_growing(surface):
    frames = decoded(gif.gif_bytes(surface))
    assert len(frames) == len(player.play_order(surface["animation"])) == 200
    first, middle, last = frames[0], frames[100], frames[-1]
    assert (first != last).any()
    # not blank: the box's panes and the surface fill half the picture (the rest is white, as on screen),
    # the surface alone a fifth
    white = np.all(middle > 240, axis=-1)
    pane = np.all(np.abs(middle - np.array([229, 236, 246])) <= 12, axis=-1)
    assert white.mean() < 0.55 and (~white & ~pane).mean() > 0.2
    # the surface in its Viridis colours: the low purple round the minimum and the high yellow-green rim
    assert near(middle, "#440154", tol=40) > 300 and near(middle, "#b5de2b", tol=40) > 300
    # sgd's whole path (from the figure's data), projected with the camera: drawn by the end, not at first
    painter = gif.painter_for(surface)
    sgd = surface["data"][surface["animation"]["traces"][0]]
    px, py = painter.project(*(gif.decode(sgd[a]) for a in "xyz"))
    on_path = (np.round(py[5:]).astype(int), np.round(px[5:]).astype(int))
    colour = np.array(gif.colour(palette.path_line("sgd", 3)["color"])[:3])
    hits_first = (np.abs(first[on_path] - colour).max(-1) <= 40).mean()
    hits_last = (np.abs(last[on_path] - colour).max(-1) <= 40).mean()
    assert (first[on_path] != last[on_path]).any(axis=-1).mean() > 0.3
    assert hits_last > 0.5 > hits_first + 0.3


def test_surface_gif_uses_the_figures_camera():
    # straight down on the (w0, w1) plane, w1 up the picture: an orthographic top view
    top = surface_figure({"eye": {"x": 0, "y": 0, "z": 2.5}, "up": {"x": 0, "y": 1, "z": 0}})
    painter = gif.painter_for(top)
    px, py = painter.project([-5.0, 0.0, 5.0, 0.0, 0.0], [0.0, 0.0, 0.0, -5.0, 5.0], [0.0, 50, 100, 0, 0])
    # the height does not move a point seen from above; w0 runs right, w1 up, with equal units
    assert np.allclose(px[[3, 4, 1]], px[1]) and np.allclose(py[[0, 1, 2]], py[1])
    assert px[0] < px[1] < px[2] and py[3] > py[1] > py[4]
    assert np.isclose(px[2] - px[0], py[3] - py[4])
    # the minimum of 2 w0^2 + 3 w1^2 is at (0, 0): the darkest purple is painted round its projection
    frame = np.asarray(painter.frame(0), dtype=int)
    ys, xs = np.nonzero(np.all(np.abs(frame - gif.colour("#440154")[:3]) <= 30, axis=-1))
    assert xs.size > 100 and abs(xs.mean() - px[1]) < 10 and abs(ys.mean() - py[1]) < 10


def test_surface_gif_default_camera_is_plotlys(surface):
    # plotly's default eye (1.25, 1.25, 1.25) in the scene's box (x, y: [-1, 1], z: [-0.7, 0.7] by the aspect
    # ratio): a point moved along that line stays on its pixel, orthographically
    assert "camera" not in surface["layout"]["scene"]
    painter = gif.painter_for(surface)
    lo, hi = surface["layout"]["scene"]["zaxis"]["range"]
    # 1 along w0 is 0.2 of the box; the same 0.2 along z is 0.2 / 1.4 of the z range
    dz = 0.2 / 1.4 * (hi - lo)
    a, b = painter.project([0.0], [0.0], [50.0]), painter.project([1.0], [1.0], [50.0 + dz])
    assert np.allclose(a, b, atol=1e-6) and not np.allclose(a, painter.project([1.0], [0.0], [50.0]))
    # higher is higher in the picture; w0 and w1 run down to the left and to the right
    assert painter.project([0.0], [0.0], [100.0])[1] < a[1]
    assert painter.project([1.0], [0.0], [50.0])[0] < a[0] < painter.project([0.0], [1.0], [50.0])[0]


def test_surface_gif_projects_the_level_sets_on_the_floor(surface):
    bare = json.loads(json.dumps(surface))
    bare["data"][0]["contours"]["z"]["show"] = False
    with_floor = np.asarray(gif.painter_for(surface).frame(0), dtype=int)
    without = np.asarray(gif.painter_for(bare).frame(0), dtype=int)
    changed = np.any(with_floor != without, axis=-1)
    # the floor shows in front of the bowl: most of it below the floor point under the minimum (w0 = w1 = 0)
    painter = gif.painter_for(surface)
    _, below = painter.project([0.0], [0.0], [surface["layout"]["scene"]["zaxis"]["range"][0]])
    assert changed.sum() > 2000 and changed[int(below[0]) :].sum() > 0.75 * changed.sum()
    # drawn in the surface's colour scale: the lowest levels in Viridis purple, as on screen
    assert near(with_floor, "#440154", tol=40) > near(without, "#440154", tol=40) + 100


def drawn(dash: str, length: float = 100.0, width: float = 2.0) -> np.ndarray:
    """Which points along a straight line of `length` px the pieces of `dash` cover (one per 0.1 px)."""
    along = np.arange(0, length, 0.1)
    covered = np.zeros(along.size, bool)
    for piece in gif.dash_pieces([(0.0, 0.0), (length / 2, 0.0), (length, 0.0)], dash, width):
        xs = [x for x, _ in piece]
        covered |= (along >= min(xs) - 1e-9) & (along <= max(xs) + 1e-9)
    return covered


@pytest.mark.parametrize(("dash", "on", "off"), [("dot", 3, 3), ("dash", 9, 9), ("longdash", 15, 15)])
def test_dashes_follow_plotlys_pattern_across_the_vertices(dash, on, off):
    # plotly.js: at width 2 a dash unit is 3 px; the pattern runs on through the vertex at 50 px
    along = np.arange(0, 100, 0.1)
    expected = (along % (on + off)) <= on + 1e-9
    assert (drawn(dash) == expected).mean() > 0.99
    assert drawn("solid").all() and drawn("no such dash").all()


@pytest.fixture(scope="module")
def race_painter():
    preset = PRESETS["rosenbrock"]
    fn = parse_function(preset.text, 2)
    runs = [
        optimizers.descend(fn, preset.start, optimizers.Settings(n, 0.001, 40)) for n in ("sgd", "momentum")
    ]
    base = json.loads(figs.base_figure(grids.grid(fn, preset.window, 40), fn.variables, "en").to_json())
    return gif.painter_for(figs.canvas_figure(base, runs, preset.window, "en"))


def test_the_gif_has_a_legend_with_each_paths_dash_and_symbol(race_painter):
    assert [[gif.plain(trace["name"]) for _, trace in row] for row in race_painter.legend] == [
        ["sgd", "momentum"]
    ]
    strip = np.asarray(race_painter.frame(0))[-gif.LEGEND_ROW :].astype(int)  # the legend, under the plot
    for name in ("sgd", "momentum"):
        colour = np.array(gif.colour(palette.path_line(name, 2)["color"])[:3])
        columns = np.flatnonzero(np.all(np.abs(strip - colour) <= 40, axis=-1).any(axis=0))
        pieces = np.split(columns, np.flatnonzero(np.diff(columns) > 1) + 1)
        # sgd's sample is solid (one run of columns); momentum's is dashed: pieces apart, round its square
        assert (len(pieces) == 1) == (palette.path_line(name, 2)["dash"] == "solid"), name


@pytest.mark.parametrize(("symbol", "corner_filled"), [("square", True), ("diamond", False)])
def test_square_and_diamond_markers_are_drawn_as_named(race_painter, symbol, corner_filled):
    image = Image.new("RGBA", (40, 40), (255, 255, 255, 255))
    marker = {"symbol": symbol, "size": 20, "color": "black"}
    race_painter._markers(ImageDraw.Draw(image), np.array([20.0]), np.array([20.0]), marker, 1.0)
    pixels = np.asarray(image.convert("L"))
    assert pixels[20, 20] < 50 and (pixels[12, 12] < 50) == corner_filled  # (12, 12): near a square's corner


def test_text_falls_back_from_font_to_font_so_no_character_is_a_box():
    if not all(path.exists() for path in gif.FONT_FILES):
        pytest.skip(
            "DejaVu Sans and Noto Sans CJK are installed by `make test` (fonts-dejavu-core, fonts-noto-cjk)"
        )
    face = gif.Typeface(12)
    # no single font has them all: DejaVu lacks Chinese, Noto Sans CJK the subscript one
    assert all(any(not gif._has_glyph(font, ch) for ch in "x₁ 步") for font in face.fonts)
    for ch in "x₁²∇μθ−步":
        font = face.font_for(ch)
        box = font.getmask("\U0010ffff")  # what a missing character looks like in that font
        assert bytes(font.getmask(ch)) != bytes(box) or font.getmask(ch).size != box.size, ch
    assert [run for run, _ in face.runs("x₁ 的值")] == ["x₁ ", "的值"]
    assert face.length("x₁ 的值") == pytest.approx(
        sum(font.getlength(run) for run, font in face.runs("x₁ 的值"))
    )
