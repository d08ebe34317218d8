"""The GIF export: the frames the player plays, drawn like the screen (colours, level sets, paths, label)."""

from __future__ import annotations

import io
import json

import numpy as np
import pytest
from PIL import Image, ImageSequence

from core import classifiers, datasets, grids, level_sets, listings
from core.figures import classifiers as boundary_figs
from core.figures import gif, palette, player
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
