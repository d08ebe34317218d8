"""Level sets and loss surfaces with animated descent paths.

The contour (or surface) is the expensive layer, built once; paths are the cheap layer on top.
Animation frames carry only the path traces, and play with `redraw=True` (without it Streamlit's
Plotly drops the contour during playback).
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from core.figures import palette
from core.grids import Grid, display_values
from core.i18n import t
from core.optimizers import Run

COLOURS = {name: style.colour for name, style in palette.PATHS.items()}
MAX_FRAMES = 200


def _digits(window) -> int:
    """Decimals that resolve a thousandth of the window: keeps frame payloads small."""
    span = max(hi - lo for lo, hi in window)
    return int(max(0, 3 - np.floor(np.log10(span))) + 1)


def level_set_figure(grid: Grid, names=("x", "y"), lang: str = "en", uirevision: str = "") -> go.Figure:
    """Heatmap with contour lines; log colouring when f spans many orders of magnitude."""
    z, logged = display_values(grid.values)
    title = t("fig.log_f", lang) if logged else "f"
    contour = go.Contour(
        x=grid.xs,
        y=grid.ys,
        z=z.astype(np.float32),
        colorscale="Viridis",
        ncontours=25,
        # Filled bands, not a heatmap image: the bands are the level sets, and plotly.js draws them in
        # half the time of a per-pixel heatmap (a drag redraws this figure).
        contours=dict(coloring="fill", showlines=True),
        line=dict(width=0.6, color="rgba(255,255,255,0.5)"),
        colorbar=dict(title=dict(text=title), thickness=14),
        customdata=grid.values,
        hovertemplate=f"{names[0]}=%{{x:.4g}}<br>{names[1]}=%{{y:.4g}}<br>f=%{{customdata:.6g}}<extra></extra>",
        name="f",
    )
    fig = go.Figure(contour)
    (x0, x1), (y0, y1) = grid.window
    fig.update_layout(
        xaxis=dict(title=names[0], range=[x0, x1], constrain="domain"),
        yaxis=dict(title=names[1], range=[y0, y1], scaleanchor="x", scaleratio=1, constrain="domain"),
        margin=dict(l=50, r=20, t=30, b=40),
        height=560,
        uirevision=uirevision or "level-set",
        legend=dict(orientation="h", y=1.02, x=0, yanchor="bottom"),
    )
    return fig


def add_gradient_field(fig: go.Figure, field, scale: float) -> go.Figure:
    """Arrows of equal length along grad f: normal to the contours, pointing uphill."""
    X, Y, U, V, _ = field
    xs, ys = [], []
    for x, y, u, v in zip(X, Y, U, V, strict=True):
        tip = (x + scale * u, y + scale * v)
        left = (tip[0] - 0.3 * scale * (u - 0.5 * v), tip[1] - 0.3 * scale * (v + 0.5 * u))
        right = (tip[0] - 0.3 * scale * (u + 0.5 * v), tip[1] - 0.3 * scale * (v - 0.5 * u))
        xs += [x, tip[0], None, left[0], tip[0], right[0], None]
        ys += [y, tip[1], None, left[1], tip[1], right[1], None]
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="lines",
            line=dict(color="white", width=1.2),
            hoverinfo="skip",
            name="∇f",
            showlegend=True,
        )
    )
    return fig


def _frame_indices(runs: list[Run], frames: int) -> np.ndarray:
    longest = max(len(r.points) for r in runs)
    return np.unique(np.linspace(0, longest - 1, min(frames, longest)).round().astype(int))


def _path_data(runs: list[Run], k: int, digits: int):
    """One line per run up to step k, and one marker trace with every run's current point."""
    lines, heads = [], ([], [], [])
    for run in runs:
        # float32 halves the base64 payload of every frame; 7 digits are plenty on screen.
        pts = np.round(run.points[: k + 1], digits).astype(np.float32)
        lines.append(dict(x=pts[:, 0], y=pts[:, 1]))
        heads[0].append(float(pts[-1, 0]))
        heads[1].append(float(pts[-1, 1]))
        heads[2].append(COLOURS.get(run.optimizer, "black"))
    head = dict(
        x=heads[0], y=heads[1], marker=dict(color=heads[2], size=9, line=dict(color="white", width=1.5))
    )
    return lines, head


def _animation_controls(fig: go.Figure, indices, lang: str) -> None:
    steps = [
        dict(
            method="animate",
            label=str(k),
            args=[
                [str(k)],
                dict(mode="immediate", frame=dict(duration=0, redraw=True), transition=dict(duration=0)),
            ],
        )
        for k in indices
    ]
    play = dict(
        label="▶ " + t("fig.play", lang),
        method="animate",
        args=[
            None,
            dict(
                frame=dict(duration=60, redraw=True),
                transition=dict(duration=0),
                fromcurrent=True,
                mode="immediate",
            ),
        ],
    )
    pause = dict(
        label="❚❚ " + t("fig.pause", lang),
        method="animate",
        args=[[None], dict(frame=dict(duration=0, redraw=False), mode="immediate")],
    )
    fig.update_layout(
        updatemenus=[
            dict(
                type="buttons",
                direction="left",
                x=0,
                y=-0.08,
                xanchor="left",
                yanchor="top",
                buttons=[play, pause],
                pad=dict(t=0, r=10),
            )
        ],
        sliders=[
            dict(
                active=len(indices) - 1,
                x=0.22,
                y=-0.05,
                len=0.78,
                steps=steps,
                pad=dict(t=0),
                currentvalue=dict(prefix=t("fig.step", lang) + " ", font=dict(size=12)),
            )
        ],
    )
    fig.update_layout(margin=dict(b=110))


def add_paths(
    fig: go.Figure, runs: list[Run], window, lang: str = "en", frames: int = MAX_FRAMES
) -> go.Figure:
    """Descent paths in their optimizer's colour, animated step by step."""
    if not runs:
        return fig
    digits = _digits(window)
    indices = _frame_indices(runs, frames)
    first = len(fig.data)
    lines, head = _path_data(runs, indices[-1], digits)
    for run, line in zip(runs, lines, strict=True):
        fig.add_trace(
            go.Scatter(
                **line,
                mode="lines+markers",
                name=run.optimizer,
                line=palette.path_line(run.optimizer, 3),
                marker=palette.path_marker(run.optimizer, 5),
            )
        )
    fig.add_trace(
        go.Scatter(**head, mode="markers", name=t("fig.current", lang), showlegend=False, hoverinfo="skip")
    )
    traces = list(range(first, len(fig.data)))
    built = []
    for k in indices:
        lines, head = _path_data(runs, k, digits)
        built.append(
            go.Frame(
                name=str(k), traces=traces, data=[go.Scatter(**line) for line in lines] + [go.Scatter(**head)]
            )
        )
    fig.frames = built
    _animation_controls(fig, indices, lang)
    return fig


def add_start(fig: go.Figure, start, lang: str = "en") -> go.Figure:
    fig.add_trace(
        go.Scatter(
            x=[start[0]],
            y=[start[1]],
            mode="markers",
            name=t("fig.start", lang),
            marker=dict(symbol="circle-open", size=16, color="white", line=dict(width=3)),
        )
    )
    return fig


def add_minima(fig: go.Figure, minima, lang: str = "en") -> go.Figure:
    if minima:
        pts = np.array(minima, dtype=float)
        fig.add_trace(
            go.Scatter(
                x=pts[:, 0],
                y=pts[:, 1],
                mode="markers",
                name=t("fig.minimum", lang),
                marker=dict(symbol="star", size=13, color="gold", line=dict(width=1)),
            )
        )
    return fig


def surface_figure(grid: Grid, names=("x", "y"), lang: str = "en", uirevision: str = "") -> go.Figure:
    """The loss surface with its contours projected on the floor."""
    z = grid.values
    finite = z[np.isfinite(z)]
    floor = float(finite.min()) if finite.size else 0.0
    surface = go.Surface(
        x=grid.xs,
        y=grid.ys,
        z=z.astype(np.float32),
        colorscale="Viridis",
        opacity=0.92,
        showscale=False,
        contours=dict(
            z=dict(
                show=True,
                project=dict(z=True),
                usecolormap=True,
                start=floor,
                end=float(finite.max()) if finite.size else 1.0,
                size=max((float(finite.max()) - floor) / 20, 1e-9) if finite.size else 1.0,
            )
        ),
        name="f",
        hovertemplate=f"{names[0]}=%{{x:.4g}}<br>{names[1]}=%{{y:.4g}}<br>f=%{{z:.6g}}<extra></extra>",
    )
    fig = go.Figure(surface)
    fig.update_layout(
        scene=dict(
            xaxis_title=names[0],
            yaxis_title=names[1],
            zaxis_title="f",
            aspectmode="manual",
            aspectratio=dict(x=1, y=1, z=0.7),
            uirevision=uirevision or "surface",
        ),
        margin=dict(l=0, r=0, t=30, b=40),
        height=620,
        uirevision=uirevision or "surface",
        legend=dict(orientation="h", y=1.02, x=0, yanchor="bottom"),
    )
    return fig


def descent_figure(
    grid: Grid, runs: list[Run], names=("x", "y"), lang: str = "en", minima=(), frames: int = MAX_FRAMES
) -> go.Figure:
    """The standard picture: level sets, known minima, start point and animated paths."""
    fig = level_set_figure(grid, names, lang)
    add_minima(fig, minima, lang)
    if runs:
        add_start(fig, runs[0].points[0], lang)
    return add_paths(fig, runs, grid.window, lang, frames)


def export_html(fig: go.Figure, path) -> None:
    """A standalone page with plotly.js inlined: opens offline, animation included."""
    fig.write_html(path, include_plotlyjs=True, full_html=True, auto_play=False)
