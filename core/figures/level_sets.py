"""Figures of the level-sets view: the draggable contour canvas, the D_theta dial, the 1-D warm-up.

The canvas is the layered picture of `core.figures.descent` (contours + minima + gradient field, cached
once per function) with a cheap layer on top. That layer is written as plain JSON-ready dicts, not
`go` objects: validating 200 animation frames of `go.Scatter` costs about half a second, and the drag
round trip has 300 ms in all. Frames carry only the path traces, as float32 typed arrays.
"""

from __future__ import annotations

import base64
import math

import numpy as np
import plotly.graph_objects as go

from core import grids, level_sets
from core.figures import palette, player
from core.figures.descent import (
    COLOURS,
    MAX_FRAMES,
    add_gradient_field,
    add_minima,
    level_set_figure,
)
from core.functions import parse_function
from core.grids import Grid
from core.i18n import t
from core.optimizers import STOPPED, Run
from core.presets import PRESETS, find
from core.updates import iterate_text

ARROW = palette.GRADIENT_ARROW
TANGENT = "#ffffff"


def _f4(values) -> dict:
    """plotly.js's typed-array spec: float32 base64, a third of the JSON text of the same numbers."""
    data = np.ascontiguousarray(np.asarray(values, dtype="<f4"))
    return {"dtype": "f4", "bdata": base64.b64encode(data.tobytes()).decode("ascii")}


def base_figure(grid: Grid, names, lang: str, minima=(), field=None, uirevision: str = "") -> go.Figure:
    """The expensive layer: heatmap with contours, known minima, optional gradient field."""
    fig = level_set_figure(grid, names, lang, uirevision)
    add_minima(fig, minima, lang)
    if field is not None:
        span = min(hi - lo for lo, hi in grid.window)
        add_gradient_field(fig, field, 0.045 * span, t("level_sets.fig.field", lang))
    return fig


def level_sets_base(text: str, window, n: int, field: bool, lang: str) -> go.Figure:
    """The base layer for a formula: its grid, its known minima if a preset, the field if asked."""
    fn = parse_function(text, 2)
    preset = find(text)
    arrows = grids.gradient_field(fn, window, 15) if field else None
    minima = preset.minima if preset else ()
    return base_figure(grids.grid(fn, window, n), fn.variables, lang, minima, arrows, uirevision=text)


def arrow_ends(p, u, size: float, window) -> tuple[np.ndarray, np.ndarray]:
    """Tail and tip of an arrow along u from p that stays in the window (with its head): shortened to the
    edge, or, when less than half of it fits ahead, drawn behind p so that its tip touches the point."""
    lows, highs = np.array([w[0] for w in window], float), np.array([w[1] for w in window], float)
    margin = 0.02 * float(np.min(highs - lows))
    with np.errstate(divide="ignore", invalid="ignore"):
        room = np.where(u > 0, (highs - margin - p) / u, np.where(u < 0, (lows + margin - p) / u, np.inf))
    ahead = max(float(np.min(room)), 0.0)
    if ahead >= 0.5 * size:
        return p, p + min(size, ahead) * u
    with np.errstate(divide="ignore", invalid="ignore"):
        back = np.where(u > 0, (p - lows - margin) / u, np.where(u < 0, (p - highs + margin) / u, np.inf))
    return p - min(size, max(float(np.min(back)), 0.0)) * u, p


def xy(points) -> dict:
    """Plotly's x and y lists of 2-D points (None for a gap)."""
    return {axis: [None if q is None else float(q[i]) for q in points] for i, axis in enumerate("xy")}


def point_overlays(point, gradient, tangent, angle, window, lang: str) -> list[dict]:
    """At the current point: the gradient arrow, the level curve's tangent, and the angle between them."""
    if tangent is None or not np.all(np.isfinite(gradient)):
        return []
    p, g, tv = (np.asarray(v, dtype=float) for v in (point, gradient, tangent))
    size = 0.14 * min(hi - lo for lo, hi in window)
    u = g / np.linalg.norm(g)
    tail, tip = arrow_ends(p, u, size, window)
    head = 0.28 * np.linalg.norm(tip - tail)
    left, right = (tip - head * (u + s * 0.5 * np.array([-u[1], u[0]])) for s in (1, -1))
    arrow = [tail, tip, None, left, tip, right]  # None: a gap (JSON null; NaN is not valid JSON)
    a0, a1 = math.atan2(tv[1], tv[0]), math.atan2(u[1], u[0])
    sweep = (a1 - a0 + math.pi) % (2 * math.pi) - math.pi  # the short way round, 90 degrees
    arc = [
        p + 0.35 * size * np.array([math.cos(a0 + s * sweep), math.sin(a0 + s * sweep)])
        for s in np.linspace(0, 1, 16)
    ]
    mid = p + 0.55 * size * np.array([math.cos(a0 + sweep / 2), math.sin(a0 + sweep / 2)])
    none = {"hoverinfo": "skip", "type": "scatter"}
    return [
        {
            **xy([p - 1.2 * size * tv, p + 1.2 * size * tv]),
            "mode": "lines",
            **none,
            "line": {"color": TANGENT, "width": 2, "dash": "dash"},
            "name": t("level_sets.fig.tangent", lang),
        },
        {
            **xy(arrow),
            "mode": "lines",
            **none,
            "line": {"color": ARROW, "width": 3},
            "name": t("level_sets.fig.gradient", lang, norm=f"{np.linalg.norm(g):.4g}"),
        },
        {**xy(arc), "mode": "lines", **none, "line": {"color": "#ffd60a", "width": 2}, "showlegend": False},
        {
            **xy([mid]),
            "mode": "text",
            **none,
            "text": [f"{angle:.3f}°"] if angle is not None else [""],
            "textfont": {"color": "#ffd60a", "size": 13},
            "showlegend": False,
        },
    ]


def _digits(window) -> int:
    span = max(hi - lo for lo, hi in window)
    return int(max(0, 3 - math.floor(math.log10(span))) + 1)


def _frame_indices(runs: list[Run], frames: int) -> np.ndarray:
    longest = max(len(r.points) for r in runs)
    return np.unique(np.linspace(0, longest - 1, min(frames, longest)).round().astype(int))


def _paths_at(runs: list[Run], k: int, digits: int) -> list[dict]:
    """Each run's path up to step k, then one marker trace with every run's current point."""
    lines, heads = [], ([], [], [])
    for run in runs:
        pts = np.round(run.points[: k + 1], digits)
        lines.append({"x": _f4(pts[:, 0]), "y": _f4(pts[:, 1])})
        heads[0].append(float(pts[-1, 0]))
        heads[1].append(float(pts[-1, 1]))
        heads[2].append(COLOURS.get(run.optimizer, "black"))
    head = {
        "x": heads[0],
        "y": heads[1],
        "marker": {"color": heads[2], "size": 9, "line": {"color": "white", "width": 1.5}},
    }
    return lines + [head]


def canvas_figure(
    base: dict, runs: list[Run], window, lang: str = "en", overlays=(), frames: int = MAX_FRAMES
) -> dict:
    """The cached base figure dict plus overlays and the paths, as one JSON-ready figure dict.

    No frames are sent: an `animation` spec (core.figures.player.path_spec) from which the player slices
    each frame out of the full paths in the browser; a drag's rerun then sends ~50 kB, not ~1 MB.
    """
    data = list(base["data"]) + list(overlays)
    layout = dict(base["layout"])
    fig = {"data": data, "layout": layout, "frames": []}
    if not runs:
        return fig
    digits, indices = _digits(window), _frame_indices(runs, frames)
    first = len(data)
    final = _paths_at(runs, int(indices[-1]), digits)
    for run, line in zip(runs, final, strict=False):
        data.append(
            {
                **line,
                "type": "scatter",
                "mode": "lines+markers",
                "name": run.optimizer,
                "line": palette.path_line(run.optimizer, 3),
                "marker": palette.path_marker(run.optimizer, 5),
            }
        )
    data.append(
        {
            **final[-1],
            "type": "scatter",
            "mode": "markers",
            "name": t("fig.current", lang),
            "showlegend": False,
            "hoverinfo": "skip",
        }
    )
    traces = list(range(first, len(data)))
    # static, after the animated traces: where each diverged path ends, whatever step the player shows
    data.extend(divergence_marks([run for run in runs if run.status in STOPPED], window, lang))
    fig["animation"] = player.path_spec(traces, indices, runs, lang)
    # stale while a drag moves the start: the overlays drawn at it (gradient, tangent, angle) and the
    # divergence marks of its paths
    stale = list(range(len(base["data"]), first)) + list(range(traces[-1] + 1, len(data)))
    fig["animation"]["overlays"] = stale
    return fig


def step_figure(base: dict, run: Run, k: int, lang: str = "en") -> dict:
    """The contours with one path, its point w^(k) marked and an arrow for the update to w^(k+1)."""
    k = int(min(max(k, 0), len(run.points) - 2))
    colour = COLOURS.get(run.optimizer, "black")
    here, there = run.points[k], run.points[k + 1]
    path = {
        "type": "scatter",
        "x": run.points[:, 0].tolist(),
        "y": run.points[:, 1].tolist(),
        "mode": "lines+markers",
        "name": run.optimizer,
        "line": {"color": colour, "width": 2},
        "marker": {"size": 4, "color": colour},
        "opacity": 0.6,
    }
    marks = {
        "type": "scatter",
        "x": [float(here[0]), float(there[0])],
        "y": [float(here[1]), float(there[1])],
        "mode": "markers+text",
        "text": [iterate_text(k), iterate_text(k + 1)],
        "textposition": "top right",
        "textfont": {"size": 15, "color": "black"},
        "marker": {"size": [14, 9], "color": [colour, "white"], "line": {"color": "black", "width": 2}},
        "name": t("level_sets.steps.mark", lang, here=iterate_text(k), next=iterate_text(k + 1)),
        "cliponaxis": False,
    }
    arrow = {
        "x": float(there[0]),
        "y": float(there[1]),
        "ax": float(here[0]),
        "ay": float(here[1]),
        "xref": "x",
        "yref": "y",
        "axref": "x",
        "ayref": "y",
        "showarrow": True,
        "arrowhead": 3,
        "arrowwidth": 2.5,
        "arrowcolor": "black",
        "text": "",
    }
    layout = dict(base["layout"])
    layout["annotations"] = [*layout.get("annotations", ()), arrow]
    return {"data": [*base["data"], path, marks], "layout": layout}


def exit_point(run: Run, window) -> tuple[np.ndarray, int] | None:
    """Where a path first leaves the window (on its edge) and the step that took it out; None if it stays."""
    lows, highs = np.array([w[0] for w in window], float), np.array([w[1] for w in window], float)
    outside = np.any((run.points < lows) | (run.points > highs), axis=1)
    if not outside.any() or outside[0]:
        return None
    k = int(np.argmax(outside))
    a, b = run.points[k - 1], run.points[k]
    # the largest s in [0, 1] keeping a + s (b - a) inside on every axis
    with np.errstate(divide="ignore", invalid="ignore"):
        limits = np.where(b > a, (highs - a) / (b - a), np.where(b < a, (lows - a) / (b - a), np.inf))
    return a + float(np.clip(limits.min(), 0.0, 1.0)) * (b - a), k


def divergence_mark(run: Run, window, lang: str = "en") -> dict:
    """An x where a stopped path ends on the plot: at its last point when it left f's domain; else (diverged)
    on the window's edge at the step that left it, or at the last finite point when it overflowed inside
    the window; labelled with that step."""
    return divergence_marks([run], window, lang)[0]


def divergence_marks(runs: list[Run], window, lang: str = "en") -> list[dict]:
    """The stopped paths' marks, one per place and reason: paths that stop near one another (4 % of the
    window, about a label's height) for one reason share a label, "sgd, momentum: diverged, left the plot at
    step 8/9"; one label each were drawn over each other (sgd and momentum leave Rosenbrock's plot along
    nearly one ray)."""
    near = 0.04 * max(hi - lo for lo, hi in window)
    places: list[tuple] = []  # (point, key, steps, names)
    for run in runs:
        point, key, step = _stop(run, window)
        place = next(
            (p for p in places if p[1] == key and np.max(np.abs(np.subtract(p[0], point))) < near),
            None,
        )
        if place is None:
            place = (point, key, {}, [])
            places.append(place)
        place[2][step] = None  # the steps, once each, in the runs' order
        place[3].append(run.optimizer)
    joined = "、" if lang == "zh" else "/"
    return [
        _mark(point, names, t(key, lang, step=joined.join(map(str, steps))), window)
        for point, key, steps, names in places
    ]


def _stop(run: Run, window) -> tuple:
    """(where a stopped path's mark goes, the catalogue key of what it says, the step it names)."""
    if run.status == "left_domain":
        return run.points[-1], "fig.left_domain", run.stopped_at
    left = exit_point(run, window)
    if left is not None:
        return left[0], "fig.left_window", left[1]
    return run.points[-1], "fig.overflowed", run.diverged_at


def _mark(point, names: list[str], text: str, window) -> dict:
    colour = COLOURS.get(names[0], "black")
    label = f"{', '.join(names)}: {text}"
    # the label leans into the plot from a point near its left or right edge (centred, half of it was cut off)
    (lo, hi), x = window[0], float(point[0])
    side = "right" if x < lo + 0.25 * (hi - lo) else "left" if x > hi - 0.25 * (hi - lo) else "center"
    return {
        "type": "scatter",
        "x": [x],
        "y": [float(point[1])],
        "mode": "markers+text",
        "text": [label],
        "textposition": f"top {side}",
        "textfont": {"color": colour, "size": 12},
        "cliponaxis": False,
        "marker": {"symbol": "x-thin", "size": 16, "line": {"width": 3, "color": colour}},
        "name": label,
        "showlegend": False,
        "hovertemplate": f"{label}<extra></extra>",
    }


def dial_figure(gradient, theta: float, lang: str = "en") -> go.Figure:
    """D_theta = grad . l_hat round the point: the increase lobe, the decrease lobe and the chosen theta."""
    g = np.asarray(gradient, dtype=float)
    thetas = np.linspace(0, 360, 361)
    d = g[0] * np.cos(np.radians(thetas)) + g[1] * np.sin(np.radians(thetas))
    value = float(g @ [math.cos(math.radians(theta)), math.sin(math.radians(theta))])
    steepest = math.degrees(math.atan2(g[1], g[0]))
    fig = go.Figure()
    fig.add_trace(
        go.Scatterpolar(
            r=np.maximum(d, 0),
            theta=thetas,
            mode="lines",
            fill="toself",
            line=dict(color=palette.VERMILLION),
            name=t("level_sets.dial.up", lang),
        )
    )
    fig.add_trace(
        go.Scatterpolar(
            r=np.maximum(-d, 0),
            theta=thetas,
            mode="lines",
            fill="toself",
            # a dashed outline: the decrease lobe is told from the increase lobe without colour
            line=dict(color=palette.BLUE, dash="dash"),
            name=t("level_sets.dial.down", lang),
        )
    )
    fig.add_trace(
        go.Scatterpolar(
            r=[0, abs(value)],
            theta=[theta, theta],
            mode="lines+markers",
            line=dict(color="black", width=3),
            name=f"D<sub>θ</sub> = {value:.4g}",
        )
    )
    norm = float(np.linalg.norm(g))
    # the gradient's tip, and the two contour directions as grey spokes labelled at the rim (at the centre
    # their two "0" labels fell on each other and on the theta line)
    fig.add_trace(
        go.Scatterpolar(
            r=[norm],
            theta=[steepest],
            mode="markers+text",
            text=["∇f"],
            textposition="top center",
            marker=dict(size=9, color="#d62728"),
            name=t("level_sets.dial.marks", lang),
            legendgroup="marks",
        )
    )
    for side in (90, -90):
        fig.add_trace(
            go.Scatterpolar(
                r=[0, norm],
                theta=[steepest + side] * 2,
                mode="lines+markers+text",
                text=["", "D<sub>θ</sub> = 0"],
                textposition="top center",
                line=dict(color="gray", dash="dot", width=1),
                marker=dict(size=[0, 6], color="gray"),
                showlegend=False,
                legendgroup="marks",
            )
        )
    fig.update_layout(
        height=420,
        margin=dict(l=30, r=30, t=40, b=30),
        title=dict(text=t("level_sets.dial.title", lang, theta=theta, value=value), x=0.5),
        # radial tick labels along the decrease lobe's edge, away from the gradient's label and the theta line
        polar=dict(
            angularaxis=dict(direction="counterclockwise", rotation=0),
            radialaxis=dict(angle=(steepest + 135) % 360, tickangle=(steepest + 135) % 360),
        ),
        legend=dict(orientation="h", y=-0.08),
    )
    return fig


def warmup_figure(curve, info: dict, lang: str = "en") -> go.Figure:
    """One variable (figure 3.4): L(w), its tangent at w, and the step w -> w - lr L'(w)."""
    ws, ls = curve
    (t0, l0), (t1, l1) = info["tangent"]
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=ws, y=ls, mode="lines", name="L(w)", line=dict(color="#1f77b4", width=3)))
    fig.add_trace(
        go.Scatter(
            x=[t0, t1],
            y=[l0, l1],
            mode="lines",
            line=dict(color="#ff7f0e", dash="dash"),
            name=t("level_sets.warmup.tangent", lang, slope=info["slope"]),
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[info["w"]], y=[info["value"]], mode="markers", marker=dict(size=11, color="black"), name="w"
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[info["next"]],
            y=[info["value"]],
            mode="markers",
            marker=dict(size=11, color="#2ca02c", symbol="x"),
            name=t("level_sets.warmup.next", lang),
        )
    )
    fig.add_annotation(
        x=info["next"],
        y=info["value"],
        ax=info["w"],
        ay=info["value"],
        xref="x",
        yref="y",
        axref="x",
        ayref="y",
        showarrow=True,
        arrowhead=3,
        arrowwidth=2,
        arrowcolor="#2ca02c",
    )
    finite = np.asarray(ls)[np.isfinite(ls)]
    pad = 0.1 * (finite.max() - finite.min() + 1e-9) if finite.size else 1
    fig.update_layout(
        height=380,
        margin=dict(l=50, r=20, t=30, b=40),
        xaxis_title="w",
        yaxis_title="L",
        yaxis_range=[finite.min() - pad, finite.max() + pad] if finite.size else None,
        legend=dict(orientation="h", y=1.08),
    )
    return fig


def warmup_panel(key: str, w: float, lr: float, lang: str = "en"):
    """The 1-D warm-up for a preset key: (figure, the numbers under it)."""
    fn, ws = parse_function(PRESETS[key].text, 1), np.linspace(-3, 3, 121)
    info = level_sets.warmup(fn, w, lr)
    return warmup_figure((ws, fn.value(ws)), info, lang), info
