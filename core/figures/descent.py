"""Level sets and loss surfaces, the layers under the animated descent paths.

The contour (or surface) is the expensive layer, built once; paths are the cheap layer on top, played by
the canvas player (core.figures.player; the paths themselves are added by core.figures.level_sets and
core.figures.surfaces).
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from core.figures import palette
from core.grids import Grid, display_values
from core.i18n import t

COLOURS = {name: style.colour for name, style in palette.PATHS.items()}
MAX_FRAMES = 200


def _digits(window) -> int:
    """Decimals that resolve a thousandth of the window: keeps frame payloads small."""
    span = max(hi - lo for lo, hi in window)
    return int(max(0, 3 - np.floor(np.log10(span))) + 1)


HEIGHT = 560
MARGIN = {"l": 50, "t": 30, "b": 40}
COLORBAR_ROOM = 120  # the bar, its tick labels and title, in pixels
LEGEND_ROOM = 250  # the legend, in one column right of the colour bar


def plot_width(window, height: int = HEIGHT) -> int:
    """Pixels of a plot area with the window's aspect ratio at this figure height (300 to 1000)."""
    (x0, x1), (y0, y1) = window
    return int(round(min(max((height - MARGIN["t"] - MARGIN["b"]) * (x1 - x0) / (y1 - y0), 300), 1000)))


def side_layout(window, height: int = HEIGHT) -> dict:
    """Width, margins, colour bar and legend of an equal-aspect plot: the figure is as wide as the plot and
    the colour bar and legend beside it, so neither sits at the far edge of a wide page."""
    plot = plot_width(window, height)
    right = COLORBAR_ROOM + LEGEND_ROOM
    return {
        "width": MARGIN["l"] + plot + right,
        "margin": {**MARGIN, "r": right},
        # a dark legend: the white contour tangent and the white field arrows show in their swatches too
        "legend": {
            "orientation": "v",
            "x": 1 + COLORBAR_ROOM / plot,
            "xanchor": "left",
            "y": 1,
            "yanchor": "top",
            "bgcolor": "#3a3a4a",
            "font": {"color": "white"},
        },
    }


def log_ticks(values: np.ndarray) -> dict:
    """Colour-bar ticks for log10(1 + f - min f): at min f + 0, 1, 10, 100, ... labelled with f."""
    finite = values[np.isfinite(values)]
    lo, hi = float(finite.min()), float(finite.max())
    steps = [0.0] + [10.0**e for e in range(int(np.floor(np.log10(max(hi - lo, 1.0)))) + 1)]
    labels = [f"{lo + s:.3g}" if abs(lo + s) < 1000 else f"{lo + s:.0f}" for s in steps]
    return {"tickvals": [float(np.log10(1 + s)) for s in steps], "ticktext": labels}


def level_set_figure(grid: Grid, names=("x", "y"), lang: str = "en", uirevision: str = "") -> go.Figure:
    """Heatmap with contour lines; log colouring when f spans many orders of magnitude."""
    z, logged = display_values(grid.values)
    # the title runs along the bar: across it, "f (log scale)" overran the legend beside it (presenter, zh)
    title = dict(text=t("fig.f_log", lang) if logged else "f", side="right")
    colorbar = dict(title=title, thickness=14, x=1.02, xanchor="left")
    if logged:  # ticks at round values of f itself, not of the log
        colorbar.update(log_ticks(grid.values))
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
        colorbar=colorbar,
        customdata=grid.values,
        hovertemplate=f"{names[0]}=%{{x:.4g}}<br>{names[1]}=%{{y:.4g}}<br>f=%{{customdata:.6g}}<extra></extra>",
        name="f",
    )
    fig = go.Figure(contour)
    (x0, x1), (y0, y1) = grid.window
    fig.update_layout(
        xaxis=dict(title=names[0], range=[x0, x1], constrain="domain"),
        yaxis=dict(title=names[1], range=[y0, y1], scaleanchor="x", scaleratio=1, constrain="domain"),
        height=HEIGHT,
        uirevision=uirevision or "level-set",
        **side_layout(grid.window),
    )
    return fig


def add_gradient_field(fig: go.Figure, field, scale: float, name: str = "∇f") -> go.Figure:
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
            name=name,
            showlegend=True,
        )
    )
    return fig


def _frame_indices(runs: list, frames: int) -> np.ndarray:
    longest = max(len(r.points) for r in runs)
    return np.unique(np.linspace(0, longest - 1, min(frames, longest)).round().astype(int))


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
    with np.errstate(over="ignore"):  # beyond float32 (x^1000) is drawn as a gap, as f's own overflows are
        z32 = z.astype(np.float32)
    surface = go.Surface(
        x=grid.xs,
        y=grid.ys,
        z=z32,
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
        margin=dict(l=20, r=20, t=30, b=40),  # room for the scene's axis titles at the sides
        height=620,
        uirevision=uirevision or "surface",
        legend=dict(orientation="h", y=1.02, x=0, yanchor="bottom"),
    )
    return fig
