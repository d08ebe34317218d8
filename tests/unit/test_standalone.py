"""The standalone HTML export of the 3-D loss surface: the app's player and the figure's animation inlined."""

from __future__ import annotations

import json
import re

from core import optimizers
from core.figures import gif, standalone, surfaces
from core.functions import parse_function
from core.presets import PRESETS


def surface_figure() -> dict:
    text, window = PRESETS["bowl"].text, ((-5.0, 5.0), (-5.0, 5.0))
    fn = parse_function(text, 2)
    runs = [
        optimizers.descend(fn, (3.0, 4.0), optimizers.Settings(n, 0.01, 120, 0.9)) for n in ("sgd", "adam")
    ]
    base, lift = surfaces.surface_layer(text, window, "en", n=40)
    return surfaces.loss_surface_figure(base, fn, runs, window, lift, "en")


def test_surface_page_inlines_the_player_and_the_figures_animation():
    fig = surface_figure()
    page = standalone.page(fig, "en")
    # the app's own player file, whole, and plotly.js inlined: nothing is fetched
    assert standalone.PLAYER_JS.read_text(encoding="utf-8") in page and "function makePlayer(" in page
    assert "<script src" not in page
    payload = re.search(r'<script type="application/json" id="pc-figure">(.*?)</script>', page, re.S).group(1)
    inlined = json.loads(payload.replace("<\\/", "</"))
    assert inlined["animation"] == json.loads(json.dumps(fig["animation"]))
    assert inlined["animation"]["kind"] == "paths" and len(inlined["animation"]["indices"]) > 10
    kinds = [trace["type"] for trace in inlined["data"]]
    assert kinds[0] == "surface" and kinds.count("scatter3d") == 4  # start, two paths, current points
    # the player slices x, y and z of the paths: the inlined paths are the runs' points on the surface
    sgd = inlined["data"][inlined["animation"]["traces"][0]]
    x, y, z = (gif.decode(sgd[a]) for a in "xyz")
    fn = parse_function(PRESETS["bowl"].text, 2)
    lift = inlined["layout"]["scene"]["zaxis"]["range"][1] - fn.value(5.0, 5.0)
    assert abs(x[0] - 3.0) < 1e-6 and abs(y[0] - 4.0) < 1e-6 and len(z) == len(x) == 121
    assert abs(z[0] - (2 * 9 + 3 * 16) - lift / 2) < 1e-3 * 66
