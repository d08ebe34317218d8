"""Named functions: the chapter's own and the standard optimisation test functions.

Each preset carries its formula as text (it goes through the same parser as typed input), a plotting
window that shows its interesting part, and its known minima (for tests and for markers in figures).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Preset:
    key: str
    text: str
    nvars: int
    window: tuple[tuple[float, float], ...]
    minima: tuple[tuple[float, ...], ...] = ()
    start: tuple[float, ...] = ()
    lr: float = 0.01


def _p(key, text, nvars, window, minima=(), start=(), lr=0.01) -> Preset:
    return Preset(key, text, nvars, tuple(map(tuple, window)), tuple(map(tuple, minima)), tuple(start), lr)


PRESETS: dict[str, Preset] = {
    p.key: p
    for p in [
        # chapter 3
        _p("bowl", "2*w0^2 + 3*w1^2", 2, [(-5, 5), (-5, 5)], [(0, 0)], (3, 4), 0.05),
        _p("cone", "sqrt(w0^2 + w1^2)", 2, [(-5, 5), (-5, 5)], [(0, 0)], (3, 4), 0.2),
        _p("sphere3", "w0^2 + w1^2 + w2^2", 3, [(-3, 3)] * 3, [(0, 0, 0)], (1, 1, 1), 0.1),
        _p("cylinder3", "w0^2 + w1^2", 3, [(-3, 3)] * 3, [], (1, 1, 1), 0.1),
        _p("line", "2*w + 1", 1, [(-3, 3)], [], (2,), 0.1),
        _p("parabola", "w^2", 1, [(-3, 3)], [(0,)], (2.5,), 0.1),
        _p("square", "x^2", 1, [(-6, 6)], [(0,)], (-3,), 0.1),
        _p("cube", "x^3", 1, [(-8.5, 5.5)], [], (1,), 0.01),
        _p("exp", "e^x", 1, [(-3, 2)], [], (1,), 0.1),
        # standard test functions
        _p("rosenbrock", "(1 - x)^2 + 100(y - x^2)^2", 2, [(-2, 2), (-1, 3)], [(1, 1)], (-1.5, 2.5), 0.001),
        _p(
            "himmelblau",
            "(x^2 + y - 11)^2 + (x + y^2 - 7)^2",
            2,
            [(-5, 5), (-5, 5)],
            [
                (3, 2),
                (-2.805118086952745, 3.131312518250573),
                (-3.779310253377747, -3.283185991286170),
                (3.584428340330492, -1.848126526964404),
            ],
            (0, 0),
            0.01,
        ),
        _p(
            "beale",
            "(1.5 - x + x y)^2 + (2.25 - x + x y^2)^2 + (2.625 - x + x y^3)^2",
            2,
            [(-4.5, 4.5), (-4.5, 4.5)],
            [(3, 0.5)],
            (1, 1.5),
            0.001,
        ),
        _p("booth", "(x + 2y - 7)^2 + (2x + y - 5)^2", 2, [(-10, 10), (-10, 10)], [(1, 3)], (-8, -6), 0.02),
        _p("matyas", "0.26(x^2 + y^2) - 0.48 x y", 2, [(-10, 10), (-10, 10)], [(0, 0)], (8, -6), 0.5),
        _p(
            "camel",
            "(4 - 2.1x^2 + x^4/3)x^2 + x y + (-4 + 4y^2)y^2",
            2,
            [(-3, 3), (-2, 2)],
            [(0.08984201368301331, -0.7126564032704135), (-0.08984201368301331, 0.7126564032704135)],
            (-1.5, -1),
            0.01,
        ),
        _p("saddle", "x^2 - y^2", 2, [(-2, 2), (-2, 2)], [], (1.5, 0.01), 0.05),
        _p("monkey_saddle", "x^3 - 3x y^2", 2, [(-2, 2), (-2, 2)], [], (1, 0.5), 0.02),
        _p(
            "rastrigin",
            "20 + x^2 - 10cos(2pi x) + y^2 - 10cos(2pi y)",
            2,
            [(-5.12, 5.12), (-5.12, 5.12)],
            [(0, 0)],
            (3.2, -2.3),
            0.002,
        ),
    ]
}


def presets_for(nvars: int) -> dict[str, Preset]:
    return {key: p for key, p in PRESETS.items() if p.nvars == nvars}


def find(text: str) -> Preset | None:
    """The preset whose formula is exactly `text` (so a typed preset formula gets its window)."""
    return next((p for p in PRESETS.values() if p.text == text.strip()), None)
