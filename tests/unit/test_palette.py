"""The palette stays readable for colour-blind students: simulated deuteranopia and protanopia (Machado,
Oliveira and Fernandes 2009, severity 1) keep the colours that must be told apart far apart in CIELAB, and
no two paths or classes differ by colour alone."""

import itertools

import numpy as np
import pytest

from core.figures import palette
from core.figures.level_sets import ARROW

# Machado et al. 2009, severity 1.0, applied to linear RGB.
PROTANOPIA = np.array(
    [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]]
)
DEUTERANOPIA = np.array(
    [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]]
)
VISIONS = {"normal": np.eye(3), "protanopia": PROTANOPIA, "deuteranopia": DEUTERANOPIA}
# CIE76 distance: 2.3 is just noticeable; thin lines on a busy plot need far more (about 20 and up).
APART = 30


def linear_rgb(hex_colour: str) -> np.ndarray:
    c = np.array([int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)])
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


def lab(rgb: np.ndarray) -> np.ndarray:
    """CIELAB (D65) of a linear sRGB colour."""
    m = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
    xyz = m @ np.clip(rgb, 0, 1) / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def seen_apart(a: str, b: str, vision: np.ndarray) -> float:
    return float(np.linalg.norm(lab(vision @ linear_rgb(a)) - lab(vision @ linear_rgb(b))))


def test_the_simulation_matches_known_confusions():
    # red against green, the classic confusion: the old nesterov green and the old ∇f red, far apart to most
    # students, one colour to a deuteranope; and the old sgd red and adam brown, one colour to a protanope
    assert (
        seen_apart("#4daf4a", "#ff2d55", DEUTERANOPIA) < 5
        and seen_apart("#4daf4a", "#ff2d55", np.eye(3)) > 100
    )
    assert (
        seen_apart("#e41a1c", "#a65628", PROTANOPIA) < 5 and seen_apart("#e41a1c", "#a65628", np.eye(3)) > 40
    )
    assert seen_apart("#ffffff", "#000000", PROTANOPIA) == pytest.approx(100, abs=0.5)


@pytest.mark.parametrize("vision", VISIONS, ids=str)
def test_default_race_and_the_gradient_arrow_stay_far_apart(vision):
    colours = {name: palette.PATHS[name].colour for name in ("sgd", "momentum", "adam")} | {"∇f": ARROW}
    for (a, ca), (b, cb) in itertools.combinations(colours.items(), 2):
        assert seen_apart(ca, cb, VISIONS[vision]) > APART, (a, b, vision)


@pytest.mark.parametrize("vision", VISIONS, ids=str)
def test_the_two_classes_stay_far_apart(vision):
    (a, _), (b, _) = palette.CLASSES.values()
    assert seen_apart(a, b, VISIONS[vision]) > 3 * APART


def test_no_two_paths_or_classes_differ_by_colour_alone():
    for a, b in itertools.combinations(palette.PATHS.values(), 2):
        assert a.colour != b.colour and a.symbol != b.symbol, (a, b)
    dashes = [style.dash for style in palette.PATHS.values()]
    assert (
        len(set(dashes[:6])) == 6
    )  # plotly's six dash styles, each once; the seventh path has its own symbol
    assert len({symbol for _, symbol in palette.CLASSES.values()}) == 2


def test_every_path_colour_is_apart_from_the_arrow_in_every_vision():
    for style, vision in itertools.product(palette.PATHS.values(), VISIONS.values()):
        assert seen_apart(style.colour, ARROW, vision) > 20, style
