"""Figures of the convexity page: convex sets, the three tests, critical points and basins of attraction."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core import convexity as cv
from core import critical_points as cp
from core import grids
from core.convexity import CLASSES, Jensen, SegmentCheck, number_text
from core.critical_points import Basins, CriticalPoint
from core.figures import palette
from core.functions import Function
from core.i18n import t

# Okabe and Ito's colour-blind-safe pair for what passes (green) and fails (red) a test; every such pair
# also differs by dash or pattern, never by colour alone
GREEN, RED, BLUE, ORANGE = palette.BLUISH_GREEN, palette.VERMILLION, palette.BLUE, palette.ORANGE
GREY = "#7f7f7f"
CLASS_COLORS = {
    "convex": "#9bd79b",
    "concave": "#9ec5ea",
    "saddle": "#f4b183",
    "flat": "#e6e6e6",
    "undefined": "#ffffff",
}
KIND_SYMBOLS = {
    "minimum": ("circle", GREEN),
    "maximum": ("triangle-up", RED),
    "saddle": ("x", ORANGE),
    "degenerate": ("diamond", GREY),
}
BASIN_COLORS = [
    "#8dd3c7",
    "#bebada",
    "#fb8072",
    "#80b1d3",
    "#fdb462",
    "#b3de69",
    "#fccde5",
    "#bc80bd",
    "#ccebc5",
    "#ffed6f",
]
# A map whose regions are named inside it (_region_labels): on a phone its colour bar, which took half the
# screen's width, is left out (ui/chart_layout.js); hover names each point too.
NAMED_REGIONS = {"narrow": "no_colour_bar"}
# starts reaching no minimum, in cp.OUTCOMES' order: left f's domain brown, diverged dark, not converged mid
# grey, elsewhere light
OUTCOME_COLORS = ("#8c6d5a", "#525252", "#bdbdbd", "#f0f0f0")


def _layout(fig: go.Figure, title: str = "", equal: bool = False, height: int = 460) -> go.Figure:
    fig.update_layout(
        title=title,
        height=height,
        margin={"l": 50, "r": 20, "t": 50, "b": 40},
        legend={"orientation": "h", "y": -0.12},
        template="plotly_white",
    )
    if equal:
        fig.update_yaxes(scaleanchor="x", scaleratio=1)
    return fig


def _discrete(colors: list[str]) -> list:
    """A colorscale of equal bands, one per integer category 0..k-1 (use zmin=-0.5, zmax=k-0.5)."""
    k = len(colors)
    return [item for i, c in enumerate(colors) for item in ((i / k, c), ((i + 1) / k, c))]


def _region_labels(xs, ys, categories: np.ndarray, texts: list[str]) -> go.Scatter:
    """Each region of a category map named in text inside it (`texts[category]`): colour is not the only
    thing that tells the regions apart (a colour-blind student reads the words)."""
    spots = grids.region_spots(categories)
    return go.Scatter(
        x=[xs[c] for _, c, _ in spots],
        y=[ys[r] for r, _, _ in spots],
        text=[texts[k] for _, _, k in spots],
        mode="text",
        textfont={"size": 13, "color": "black", "shadow": "auto"},
        hoverinfo="skip",
        showlegend=False,
        name="regions",
    )


# ---------------------------------------------------------------------------------------------------
def region_figure(inside, check: SegmentCheck, p, q, lang: str) -> go.Figure:
    """The set shaded, the segment PQ solid green where inside and dotted red where it leaves."""
    xs, ys, mask = cv.region_mask(inside)
    pieces = check.pieces
    fig = go.Figure(
        go.Heatmap(
            x=xs,
            y=ys,
            z=np.where(mask, 1.0, np.nan),  # no cell outside the set: the grid shows there
            zmin=0,
            zmax=1,
            showscale=False,
            colorscale=[(0, "#cfe3f5"), (1, "#cfe3f5")],
            hoverinfo="skip",
        )
    )
    shown = set()
    for piece in pieces:
        name = t("convexity.fig." + ("inside" if piece.inside else "outside"), lang)
        fig.add_trace(
            go.Scatter(
                x=piece.x,
                y=piece.y,
                mode="lines",
                name=name,
                legendgroup=name,
                showlegend=name not in shown,
                line={"color": GREEN, "width": 5}
                if piece.inside
                else {"color": RED, "width": 5, "dash": "dot"},
            )
        )
        shown.add(name)
    fig.add_trace(
        go.Scatter(
            x=[p[0], q[0]],
            y=[p[1], q[1]],
            mode="markers+text",
            text=["P", "Q"],
            textposition=["top center", "bottom center"],
            marker={"size": 12, "color": "black"},
            showlegend=False,
        )
    )
    return _layout(fig, t("convexity.fig.sets_title", lang), equal=True, height=520)


def chord_figure(g: Function, jensen: Jensen, window, lang: str) -> go.Figure:
    """Definition 1: the curve, the points P_i, their weighted average C on the chord and D on the curve."""
    px = [float(x) for x, _ in jensen.points]
    xs, ys = cv.samples(g, (min(window[0], *px), max(window[1], *px)))  # every point in view
    fig = go.Figure(go.Scatter(x=xs, y=ys, mode="lines", name="g(x)", line={"color": BLUE, "width": 3}))
    py = [float(y) for _, y in jensen.points]
    names = ["A", "B"] if len(px) == 2 else [f"P{i + 1}" for i in range(len(px))]
    order = np.argsort(px)
    fig.add_trace(
        go.Scatter(
            x=np.array(px)[order],
            y=np.array(py)[order],
            mode="lines",
            name=t("convexity.fig.chord", lang),
            line={"color": GREY, "dash": "dash"},
        )
    )
    fig.add_trace(
        go.Scatter(
            x=px,
            y=py,
            mode="markers+text",
            text=names,
            textposition="top left",
            marker={"size": 11, "color": "black"},
            showlegend=False,
        )
    )
    (cx, cy), (_, dy) = jensen.c, jensen.d
    color = {"above": GREEN, "below": RED}.get(jensen.side, GREY)
    fig.add_trace(
        go.Scatter(
            x=[float(cx)] * 2,
            y=[float(cy), float(dy)],
            mode="lines",
            showlegend=False,
            line={"color": color, "width": 3, "dash": "dot"},
        )
    )
    labels = [f"C ({number_text(cx)}, {number_text(cy)})", f"D ({number_text(cx)}, {number_text(dy)})"]
    up = float(cy) >= float(
        dy
    )  # the upper label goes above its point, the lower one below: never on each other
    fig.add_trace(
        go.Scatter(
            x=[float(cx)] * 2,
            y=[float(cy), float(dy)],
            mode="markers+text",
            text=labels,
            textposition=["top left" if up else "bottom left", "bottom right" if up else "top right"],
            marker={"size": 12, "color": color},
            showlegend=False,
        )
    )
    return _layout(fig, t("convexity.fig.chord_title", lang))


def curvature_figure(g: Function, window, lang: str) -> go.Figure:
    """g on top, g'' below filled green where >= 0 and hatched red where < 0 (definition 2 in 1-D)."""
    xs, ys = cv.samples(g, window)
    second = cv.second_derivative(g, xs)
    fig = make_subplots(
        rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08, subplot_titles=("g(x)", "g''(x)")
    )
    fig.add_trace(
        go.Scatter(x=xs, y=ys, mode="lines", line={"color": BLUE, "width": 3}, showlegend=False), 1, 1
    )
    for sign, color, key, pattern in ((1, GREEN, "positive", ""), (-1, RED, "negative", "/")):
        part = np.where(sign * second >= 0, second, 0.0)
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=part,
                mode="lines",
                fill="tozeroy",
                fillpattern={"shape": pattern, "fgcolor": color, "solidity": 0.3},
                line={"color": color, "width": 1},
                name=t("convexity.fig." + key, lang),
            ),
            2,
            1,
        )
    fig.add_trace(
        go.Scatter(x=xs, y=second, mode="lines", line={"color": "black", "width": 2}, showlegend=False), 2, 1
    )
    return _layout(fig, height=520)


def hessian_map_figure(f: Function, window, lang: str) -> go.Figure:
    """The plane coloured by the Hessian's eigenvalue signs, with the contours of f over it."""
    xs, ys, gx, gy, values = cv.surface_grid(f, window)
    classes = cv.hessian_classes(f, gx, gy)
    colors = [CLASS_COLORS[c] for c in CLASSES]
    names = [t(f"convexity.class.{c}", lang) for c in CLASSES]
    fig = go.Figure(
        go.Heatmap(
            x=xs,
            y=ys,
            z=classes,
            zmin=-0.5,
            zmax=len(CLASSES) - 0.5,
            colorscale=_discrete(colors),
            customdata=np.array(names, dtype=object)[classes],
            hovertemplate="(%{x:.3g}, %{y:.3g}): %{customdata}<extra></extra>",
            colorbar={"tickvals": list(range(len(CLASSES))), "ticktext": names},
            meta=NAMED_REGIONS,
        )
    )
    fig.add_trace(_contours(xs, ys, values))
    fig.add_trace(_region_labels(xs, ys, classes, [t(f"convexity.class_short.{c}", lang) for c in CLASSES]))
    return _layout(fig, t("convexity.fig.hessian_title", lang), height=520)


def _contours(xs, ys, values, ncontours: int = 25) -> go.Contour:
    finite = values[np.isfinite(values)]
    z = (
        np.log1p(values - finite.min()) if finite.size and np.ptp(finite) > 1e3 else values
    )  # show many scales
    return go.Contour(
        x=xs,
        y=ys,
        z=z,
        ncontours=ncontours,
        showscale=False,
        hoverinfo="skip",
        showlegend=False,
        contours={"coloring": "none"},
        line={"color": "rgba(40,40,40,0.45)", "width": 1},
    )


def tangent_figure(g: Function, x0: float, window, lang: str) -> go.Figure:
    """Definition 3 in 1-D: the curve, its tangent at x0, and the stretches of curve below the tangent."""
    xs, ys = cv.samples(g, window)
    gap = cv.tangent_gap(g, (x0,), xs)
    line, under, y0 = ys - gap, cv.below(gap), float(g.value(x0))
    fig = go.Figure(go.Scatter(x=xs, y=ys, mode="lines", name="g(x)", line={"color": BLUE, "width": 3}))
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=line,
            mode="lines",
            name=t("convexity.fig.tangent", lang),
            line={"color": GREY, "dash": "dash"},
        )
    )
    fig.add_trace(
        go.Scatter(
            x=xs,
            y=np.where(under, ys, np.nan),
            mode="lines",
            connectgaps=False,
            name=t("convexity.fig.below", lang),
            line={"color": RED, "width": 6, "dash": "dot"},
        )
    )
    fig.add_trace(
        go.Scatter(x=[x0], y=[y0], mode="markers", marker={"size": 12, "color": "black"}, showlegend=False)
    )
    finite = ys[np.isfinite(ys)]
    if finite.size:
        pad = 0.1 * (np.ptp(finite) + 1e-9)
        fig.update_yaxes(range=[finite.min() - pad, finite.max() + pad])
    return _layout(fig, t("convexity.fig.tangent_title", lang))


def tangent_plane_figure(f: Function, p0, window, lang: str) -> go.Figure:
    """Definition 3 in 2-D: where the surface lies below its tangent plane at p0 (red) or on/above it."""
    xs, ys, gx, gy, values = cv.surface_grid(f, window)
    under = cv.below(cv.tangent_gap(f, p0, gx, gy))
    fig = go.Figure(
        go.Heatmap(
            x=xs,
            y=ys,
            z=under.astype(float),
            zmin=0,
            zmax=1,
            showscale=False,
            colorscale=[(0, "#e8f4e8"), (1, "#f6b6b6")],
            hoverinfo="skip",
        )
    )
    fig.add_trace(_contours(xs, ys, values))
    fig.add_trace(
        go.Scatter(
            x=[p0[0]],
            y=[p0[1]],
            mode="markers",
            marker={"size": 12, "color": "black"},
            name=t("convexity.fig.tangent_point", lang),
        )
    )
    return _layout(fig, t("convexity.fig.plane_title", lang), height=500)


def slice_figure(f: Function, witness: dict, lang: str) -> go.Figure:
    """The 2-D counterexample seen along its segment: f(P + s(Q - P)) and the chord from f(P) to f(Q)."""
    ts, values, chord_values = cv.segment_slice(f, witness["p"], witness["q"])
    alpha = witness["alpha"]
    fig = go.Figure(go.Scatter(x=ts, y=values, mode="lines", name="f", line={"color": BLUE, "width": 3}))
    fig.add_trace(
        go.Scatter(
            x=ts,
            y=chord_values,
            mode="lines",
            name=t("convexity.fig.chord", lang),
            line={"color": GREY, "dash": "dash"},
        )
    )
    s = 1 - alpha  # C = alpha P + (1 - alpha) Q sits at s = 1 - alpha along P -> Q
    fig.add_trace(
        go.Scatter(
            x=[s, s],
            y=[np.interp(s, ts, chord_values), np.interp(s, ts, values)],
            mode="markers+text",
            text=["C", "D"],
            textposition="middle right",
            marker={"size": 11, "color": RED},
            showlegend=False,
        )
    )
    fig.update_xaxes(title=t("convexity.fig.along", lang))
    return _layout(fig, t("convexity.fig.slice_title", lang), height=380)


def critical_figure(f: Function, window, points: list[CriticalPoint], lang: str) -> go.Figure:
    """Contours of f with each critical point marked by its kind."""
    xs, ys, _, _, values = cv.surface_grid(f, window)
    fig = go.Figure(_contours(xs, ys, values, 30))
    for kind, (symbol, color) in KIND_SYMBOLS.items():
        chosen = [c for c in points if c.kind == kind]
        if chosen:
            fig.add_trace(
                go.Scatter(
                    x=[c.point[0] for c in chosen],
                    y=[c.point[1] for c in chosen],
                    mode="markers",
                    name=t(f"convexity.kind.{kind}", lang),
                    marker={
                        "symbol": symbol,
                        "size": 13,
                        "color": color,
                        "line": {"width": 1.5, "color": "black"},
                    },
                    hovertemplate="(%{x:.6f}, %{y:.6f})<extra></extra>",
                )
            )
    fig.update_xaxes(range=[xs[0], xs[-1]])
    fig.update_yaxes(range=[ys[0], ys[-1]])
    return _layout(fig, t("convexity.fig.critical_title", lang), height=520)


def basins_figure(f: Function, b: Basins, lang: str, paths=None) -> go.Figure:
    """Each start coloured by the minimum its descent reaches, or by why it reached none (diverged, not
    converged within the steps, stopped elsewhere: greys), minima numbered."""
    values = f.value(*np.meshgrid(b.xs, b.ys))
    k, m = len(b.minima), len(cp.OUTCOMES)
    colors = [*OUTCOME_COLORS] + [BASIN_COLORS[i % len(BASIN_COLORS)] for i in range(k)]
    names = [t(f"convexity.outcome.{o}", lang) for o in cp.OUTCOMES]
    names += [t("convexity.minimum_n", lang, n=i + 1) for i in range(k)]
    z = b.labels + m
    fig = go.Figure(
        go.Heatmap(
            x=b.xs,
            y=b.ys,
            z=z,
            zmin=-0.5,
            zmax=k + m - 0.5,
            colorscale=_discrete(colors),
            customdata=np.array(names, dtype=object)[z],
            hovertemplate="(%{x:.3g}, %{y:.3g}) → %{customdata}<extra></extra>",
            colorbar={"tickvals": list(range(k + m)), "ticktext": names},
            meta=NAMED_REGIONS,
        )
    )
    fig.add_trace(_contours(b.xs, b.ys, values, 20))
    short = [t(f"convexity.outcome_short.{o}", lang) for o in cp.OUTCOMES]
    fig.add_trace(
        _region_labels(b.xs, b.ys, z, short + [t("convexity.basin_n", lang, n=i + 1) for i in range(k)])
    )
    if k:
        fig.add_trace(
            go.Scatter(
                x=b.minima[:, 0],
                y=b.minima[:, 1],
                mode="markers+text",
                text=[str(i + 1) for i in range(k)],
                textposition="top center",
                textfont={"size": 15, "color": "black"},
                showlegend=False,
                marker={"size": 12, "color": "black", "symbol": "star"},
            )
        )
    for i in range(0 if paths is None else paths.shape[1]):
        path = paths[:, i, :]
        path = path[np.all(np.isfinite(path), axis=1)]
        fig.add_trace(
            go.Scatter(
                x=path[:, 0],
                y=path[:, 1],
                mode="lines+markers",
                showlegend=i == 0,
                name=t("convexity.fig.paths", lang),
                legendgroup="paths",
                line={"color": "black", "width": 2},
                marker={"size": 3},
            )
        )
        fig.add_trace(
            go.Scatter(
                x=path[:1, 0],
                y=path[:1, 1],
                mode="markers",
                showlegend=False,
                marker={"size": 9, "color": "white", "line": {"width": 2, "color": "black"}},
            )
        )
    fig.update_xaxes(range=[b.xs[0], b.xs[-1]])
    fig.update_yaxes(range=[b.ys[0], b.ys[-1]])
    return _layout(fig, t("convexity.fig.basins_title", lang), height=560)
