"""The 3-D view's exported HTML in real Chromium: opens offline from file:// with the network blocked, and the
app's player slices the scatter3d paths step by step while the surface stays on screen."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from core import optimizers
from core.figures import standalone, surfaces
from core.functions import parse_function
from core.presets import PRESETS
from tests.e2e.conftest import open_offline

pytestmark = pytest.mark.e2e
SHOTS = Path(os.environ.get("E2E_SHOTS", "/tmp/e2e_player"))
SHOTS.mkdir(parents=True, exist_ok=True)
STEP = "() => document.querySelector('.pc-player').dataset.step"
# what plotly.js draws (its full data: typed arrays decoded): each trace's type and number of points
TRACES = """() => document.querySelector('.pc-plot')._fullData.map(t => [t.type, t.x ? t.x.length : 0])"""


@pytest.fixture
def exported(tmp_path):
    text, window = PRESETS["bowl"].text, ((-5.0, 5.0), (-5.0, 5.0))
    fn = parse_function(text, 2)
    runs = [
        optimizers.descend(fn, (3.0, 4.0), optimizers.Settings(n, 0.01, 199, 0.9)) for n in ("sgd", "adam")
    ]
    base, lift = surfaces.surface_layer(text, window, "en")
    path = tmp_path / "descent_3d.html"
    path.write_text(
        standalone.page(surfaces.loss_surface_figure(base, fn, runs, window, lift, "en")), "utf-8"
    )
    return path


def test_exported_surface_plays_offline_slicing_the_3d_paths(page, exported):
    blocked = open_offline(page, exported)
    assert page.evaluate(STEP) == "199"
    # the whole paths at first (the last step), then step 0: each path is its start point alone
    assert page.evaluate(TRACES)[2:4] == [["scatter3d", 200], ["scatter3d", 200]]
    page.locator(".pc-range").fill("0")
    page.wait_for_function(f"({STEP})() === '0'", timeout=5_000)
    assert page.evaluate(TRACES)[2:4] == [["scatter3d", 1], ["scatter3d", 1]]
    page.locator(".pc-play").first.click()
    page.wait_for_function(f"({STEP})() === '199'", timeout=20_000)
    traces = page.evaluate(TRACES)
    assert traces[0][0] == "surface" and traces[2:4] == [["scatter3d", 200], ["scatter3d", 200]]
    page.locator(".pc-range").fill("50")
    page.wait_for_function(f"({STEP})() === '50'", timeout=5_000)
    assert page.evaluate(TRACES)[2:4] == [["scatter3d", 51], ["scatter3d", 51]]
    assert not blocked and not page.errors
    page.screenshot(path=str(SHOTS / "exported_3d.png"))
