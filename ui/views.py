"""Every view's settings table: one frozen dataclass per view, the lesson fields it shares, its widgets.

Pages read their `View` from here; the presenter's hide table is derived from the same tables, so a
new setting is hideable the moment it exists.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping

from core import classifiers, datasets, listings, optimizers, rasters, surfaces, taylor
from core import convexity as cv
from core.functions import ExpressionError, parse_function
from core.presets import PRESETS, find, presets_for
from ui import lesson
from ui import state as url
from ui.page import View

TYPED = "typed"
TOLERANCES = (1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-8, 1e-10)
# The settings of the level-sets and 3-D views that are the lesson's (same names, same meanings).
SURFACES = presets_for(2)
DESCENT = {name: name for name in ("f", "x0", "y0", "opt", "lr", "steps", "momentum")}


def takes(nvars: int):
    """A check that a lesson function (a preset key or a formula) has `nvars` variables at most."""

    def check(value: str) -> bool:
        preset = PRESETS.get(value)
        if preset is not None:
            return preset.nvars <= nvars
        try:
            parse_function(value, nvars)
        except ExpressionError:
            return False
        return True

    return check


@dataclasses.dataclass(frozen=True)
class LevelSets:
    f: str = url.setting("bowl", formula=True)  # a preset key, or the formula text of a custom function
    x0: float = url.setting(3.0, lo=-1e4, hi=1e4)
    y0: float = url.setting(4.0, lo=-1e4, hi=1e4)
    opt: tuple[str, ...] = url.setting(("sgd", "momentum", "adam"), choices=optimizers.NAMES)
    lr: float = url.setting(0.05, lo=1e-5, hi=10.0)
    steps: int = url.setting(200, lo=1, hi=1000)
    momentum: float = url.setting(0.9, lo=0.0, hi=0.999)
    field: bool = url.setting(False)


@dataclasses.dataclass(frozen=True)
class Surfaces3D:
    f: str = url.setting("bowl", formula=True)
    x0: float = url.setting(3.0, lo=-1e4, hi=1e4)
    y0: float = url.setting(4.0, lo=-1e4, hi=1e4)
    opt: tuple[str, ...] = url.setting(("sgd", "momentum", "adam"), choices=optimizers.NAMES)
    lr: float = url.setting(0.05, lo=1e-5, hi=10.0)
    steps: int = url.setting(200, lo=1, hi=1000)
    momentum: float = url.setting(0.9, lo=0.0, hi=0.999)
    px: float = url.setting(3.0, lo=-1e4, hi=1e4)
    py: float = url.setting(4.0, lo=-1e4, hi=1e4)
    dx: float = url.setting(0.0003, lo=-1.0, hi=1.0)
    dy: float = url.setting(0.0004, lo=-1.0, hi=1.0)
    dirs: int = url.setting(8, lo=4, hi=24)
    f3: str = url.setting("sphere3", formula=True)
    c: float = url.setting(4.0)
    # each level is one mesh sent to the browser: 190 levels in a link made 58 MB
    levels: tuple[str, ...] = url.setting(("1", "2.25"), most=8)
    theta: float = url.setting(60.0, lo=0.0, hi=180.0)
    az: float = url.setting(30.0, lo=-180.0, hi=180.0)
    el: float = url.setting(30.0, lo=-90.0, hi=90.0)
    tab: str = url.setting("loss", choices=("loss", "steepest", "levels"))


@dataclasses.dataclass(frozen=True)
class Taylor:
    f1: str = url.setting("exp", formula=True)
    a: float = url.setting(0.0, lo=-10.0, hi=10.0)
    n: int = url.setting(3, lo=0, hi=taylor.MAX_ORDER)
    tol: float = url.setting(1e-3, choices=TOLERANCES)
    f2: str = url.setting(taylor.CHAPTER_TEXT, formula=True)
    x0: float = url.setting(3.0, lo=-100.0, hi=100.0)
    y0: float = url.setting(4.0, lo=-100.0, hi=100.0)
    lr: float = url.setting(0.05, lo=0.0001, hi=10.0)
    angle: float = url.setting(taylor.ANGLE, lo=0.0, hi=360.0)


@dataclasses.dataclass(frozen=True)
class Convexity:
    curve: str = url.setting("square", choices=(*cv.CURVES, TYPED))
    g: str = url.setting("x^2 - 2x", formula=True)
    a: float = url.setting(-3.0, lo=-1e3, hi=1e3)
    b: float = url.setting(5.0, lo=-1e3, hi=1e3)
    alpha: float = url.setting(0.3, lo=0.0, hi=1.0)
    xs: str = url.setting("-2, 1, 3")
    ws: str = url.setting("0.2, 0.3, 0.5")
    x0: float = url.setting(1.0, lo=-1e3, hi=1e3)
    region: str = url.setting("crescent", choices=(*cv.REGIONS, TYPED))
    lhs: str = url.setting("x^2 + 2y^2 - 1", formula=True)
    px: float = url.setting(-0.2, lo=-1.5, hi=1.5)
    py: float = url.setting(0.85, lo=-1.5, hi=1.5)
    qx: float = url.setting(-0.2, lo=-1.5, hi=1.5)
    qy: float = url.setting(-0.85, lo=-1.5, hi=1.5)
    surface: str = url.setting("himmelblau", choices=(*SURFACES, TYPED))
    f: str = url.setting("x^4 + y^4 - 2x^2", formula=True)
    tx: float = url.setting(0.0, lo=-1e3, hi=1e3)
    ty: float = url.setting(0.0, lo=-1e3, hi=1e3)
    optimizer: str = url.setting("sgd", choices=optimizers.NAMES)
    lr: float = url.setting(0.01, lo=1e-6, hi=10.0)
    steps: int = url.setting(300, lo=1, hi=2000)
    res: int = url.setting(128, choices=(64, 128, 256))
    seed: int = url.setting(0, lo=0, hi=999_999)


@dataclasses.dataclass(frozen=True)
class DecisionBoundaries:
    data: str = url.setting("clusters", choices=datasets.DATASETS)
    n: int = url.setting(200, lo=20, hi=datasets.MAX_POINTS)
    noise: float = url.setting(0.2, lo=0.0, hi=1.0)
    seed: int = url.setting(0, lo=0, hi=999_999)
    model: str = url.setting("hyperplane", choices=classifiers.MODELS)
    loss: str = url.setting("squared", choices=classifiers.LOSSES)
    lr: float = url.setting(0.05, lo=0.0001, hi=10.0)
    steps: int = url.setting(500, lo=1, hi=5000)
    pair: str = url.setting("angle_b", choices=classifiers.PARAM_PAIRS)
    sx: float = url.setting(1.0, lo=-3.0, hi=3.0)
    sy: float = url.setting(1.0, lo=-3.0, hi=3.0)
    picture: str = url.setting("smiley", choices=rasters.PICTURES)
    pixel: int = url.setting(0, lo=0, hi=63)


@dataclasses.dataclass(frozen=True)
class Training:
    """The fields of core.listings.Settings, with the bounds the URL accepts."""

    # steps x points: the book's longest run (listing 3.4, 200,000 steps on 100 points) is the most a link
    # may ask for (steps=300000&n=5000 took 65 s)
    BUDGET = (("steps", "n"), 20_000_000)
    listing: str = url.setting("3.2", choices=listings.LISTINGS)
    seed: int = url.setting(42, lo=0, hi=2**31 - 1)
    n: int = url.setting(100, lo=2, hi=5000)
    noise: float = url.setting(0.5, lo=0.0, hi=100.0)
    lr: float = url.setting(0.01, lo=1e-8, hi=10.0)
    steps: int = url.setting(1000, lo=1, hi=300_000)
    degree: int = url.setting(1, lo=1, hi=3)


def texts(presets) -> dict[str, str]:
    return {key: preset.text for key, preset in presets.items()}


def taylor_function() -> lesson.Link:
    """Taylor's f1 is the lesson's 1-D function g, kept as its formula (the views name presets apart)."""

    def read(value: str) -> dict[str, str]:
        return {"f1": value} if takes(1)(value) else {}

    def write(params) -> str:
        preset = taylor.PRESETS_1D.get(params["f1"])
        return preset.text if preset else params["f1"]

    return lesson.Link("g", ("f1",), read, write)


def picked_or_typed(key: str, choice: str, text: str, registry, nvars: int) -> lesson.Link:
    """A convexity function: a choice among named ones (`registry`), or `typed` with its formula."""

    def read(value: str) -> dict[str, str]:
        if value in registry and registry is SURFACES:
            return {choice: value}
        if not takes(nvars)(value):
            return {}
        named = next((k for k, item in registry.items() if item.text == value.strip()), None)
        return {choice: named} if named else {choice: TYPED, text: value}

    def write(params) -> str:
        if params[choice] == TYPED:
            return params[text]
        return params[choice] if registry is SURFACES else registry[params[choice]].text

    return lesson.Link(key, (choice, text), read, write)


# The settings of the level-sets and 3-D views that are the lesson's (same names, same meanings).
DESCENT = (
    lesson.same("f", accepts=takes(2)),
    *(lesson.same(name) for name in ("x0", "y0", "opt", "lr", "steps", "momentum")),
)


def numbers(value: str) -> bool:
    """A list of levels: finite numbers written as text."""
    return surfaces.parse_levels([v for v in value.split(",") if v]) is not None


def preset_start(params: Mapping[str, str]) -> dict[str, str]:
    """A link that names a preset function but not where to start starts where choosing that preset in the
    formula box does, at its rate unless the link gives one: `?f=rosenbrock` started at the bowl's (3, 4),
    off Rosenbrock's plot, with no ring to drag and paths that diverged at once."""
    text = params.get("f")
    preset = SURFACES.get(text) or (find(text) if text else None)
    if preset is None or preset.nvars != 2 or "x0" in params or "y0" in params:
        return {}
    return {"x0": repr(float(preset.start[0])), "y0": repr(float(preset.start[1])), "lr": repr(preset.lr)}


LEVEL_SETS = View(
    "level_sets",
    LevelSets,
    "ls_",
    shared=DESCENT,
    formulas={"f": texts(SURFACES)},
    accepts={"f": takes(2)},
    stage=("ls_canvas",),
    implied=preset_start,
)
SURFACES_3D = View(
    "surfaces_3d",
    Surfaces3D,
    "s3_",
    shared=DESCENT,
    formulas={"f": texts(SURFACES), "f3": texts(presets_for(3))},
    accepts={"f": takes(2), "f3": takes(3), "levels": numbers},
    extra={"levels": ("s3_add_level", "s3_clear_levels")},
    no_widget=("tab",),
    stage=("s3_surface_chart", "s3_steepest_chart", "s3_levels_chart"),
    implied=preset_start,
)
TAYLOR = View(
    "taylor",
    Taylor,
    "ty_",
    shared=(
        taylor_function(),
        lesson.same("f2", "f", accepts=takes(2)),
        *(lesson.same(name) for name in ("x0", "y0", "lr")),
    ),
    formulas={"f1": texts(taylor.PRESETS_1D), "f2": texts(SURFACES)},
    accepts={"f2": takes(2)},
    stage=("ty_chart1", "ty_3d"),
)
CONVEXITY = View(
    "convexity",
    Convexity,
    "cv_",
    shared=(
        picked_or_typed("g", "curve", "g", cv.CURVES, 1),
        picked_or_typed("f", "surface", "f", SURFACES, 2),
        lesson.same("lr"),
        lesson.same("steps"),
    ),
    extra={"seed": ("cv_restart",)},
    stage=("cv_sets_fig", "cv_chord_fig", "cv_curv_fig", "cv_tan_fig", "cv_crit_fig"),
)
DECISION_BOUNDARIES = View(
    "decision_boundaries",
    DecisionBoundaries,
    "db_",
    stage=("db_plot", "db_param_chart", "db_sign_chart", "db_img_chart"),
)
TRAINING = View("training", Training, "tr_", stage=("tr_fit", "tr_loss"))
VIEWS = {
    view.name: view for view in (LEVEL_SETS, SURFACES_3D, TAYLOR, CONVEXITY, DECISION_BOUNDARIES, TRAINING)
}
