"""Figures of the Taylor view: f against T_n with its error, the two local models in 3-D and as contours,
the error-vs-displacement log-log plot."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core.figures import palette
from core.i18n import t
from core.taylor import Curves1D, ErrorCurve, Local2D, Steps

# Okabe and Ito's colour-blind-safe colours; each curve also has its own dash or marker
F_COLOR, T_COLOR, ERR_COLOR = palette.BLUE, palette.VERMILLION, palette.REDDISH_PURPLE
FIRST_COLOR, SECOND_COLOR = palette.ORANGE, palette.BLUISH_GREEN
TOL_FILL, CONV_COLOR, NEWTON_COLOR, GRAD_COLOR = "rgba(44,160,44,0.15)", "#7f7f7f", "#d62728", "#17becf"
ERROR_FLOOR = 1e-17  # |f - T_n| is exactly 0 at a: drawn at this floor on the log axis


def one_variable_figure(
    c: Curves1D, a: float, fa: float, n: int, tol: float, tol_interval, conv_interval, yrange, lang: str
) -> go.Figure:
    """Top: f and T_n with the expansion point; bottom: |f - T_n| on a log axis, shaded where it is < tol."""
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, row_heights=[0.62, 0.38], vertical_spacing=0.06)
    fig.add_scatter(x=c.x, y=c.f, name="f(x)", line={"color": F_COLOR, "width": 3}, row=1, col=1)
    shown = np.where(
        (c.taylor > yrange[1] + 10 * (yrange[1] - yrange[0]))
        | (c.taylor < yrange[0] - 10 * (yrange[1] - yrange[0])),
        np.nan,
        c.taylor,
    )
    fig.add_scatter(
        x=c.x,
        y=shown,
        name=f"T<sub>{n}</sub>(x)",
        line={"color": T_COLOR, "dash": "dash", "width": 2},
        row=1,
        col=1,
    )
    fig.add_scatter(
        x=[a],
        y=[fa],
        mode="markers",
        name=t("taylor.fig.point", lang),
        row=1,
        col=1,
        marker={"size": 12, "color": T_COLOR, "line": {"color": "white", "width": 2}},
    )
    error = np.where(np.isfinite(c.error), np.maximum(c.error, ERROR_FLOOR), np.nan)
    fig.add_scatter(
        x=c.x,
        y=error,
        name="|f − T<sub>n</sub>|",
        line={"color": ERR_COLOR, "dash": "longdash"},
        row=2,
        col=1,
    )
    fig.add_scatter(
        x=[c.x[0], c.x[-1]],
        y=[tol, tol],
        mode="lines",
        name=t("taylor.fig.tol", lang),
        line={"color": "black", "dash": "dot", "width": 1},
        row=2,
        col=1,
    )
    if tol_interval[1] > tol_interval[0]:
        for row in (1, 2):
            fig.add_vrect(
                x0=tol_interval[0], x1=tol_interval[1], fillcolor=TOL_FILL, line_width=0, row=row, col=1
            )
        fig.add_scatter(
            x=[None],
            y=[None],
            mode="markers",
            name=t("taylor.fig.tol_interval", lang),
            marker={"symbol": "square", "size": 12, "color": TOL_FILL},
            row=1,
            col=1,
        )
    if conv_interval is not None:
        lo, hi = conv_interval
        for x in (lo, hi):
            if c.x[0] <= x <= c.x[-1]:
                fig.add_vline(x=x, line={"color": CONV_COLOR, "dash": "dash", "width": 2})
        fig.add_scatter(
            x=[max(lo, c.x[0]), min(hi, c.x[-1])],
            y=[yrange[0]] * 2,
            mode="lines+markers",
            name=t("taylor.fig.convergence", lang),
            line={"color": CONV_COLOR, "width": 6},
            marker={"symbol": "line-ns", "size": 14, "line": {"width": 3, "color": CONV_COLOR}},
            row=1,
            col=1,
        )
    fig.update_yaxes(range=list(yrange), title_text="y", row=1, col=1)
    fig.update_yaxes(
        type="log",
        range=[-16, 3],
        title_text=t("taylor.fig.error", lang),
        exponentformat="power",
        dtick=4,
        row=2,
        col=1,
    )
    fig.update_xaxes(title_text="x", row=2, col=1)
    fig.update_layout(
        height=680,
        margin={"l": 60, "r": 20, "t": 90, "b": 40},
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
    )
    return fig


def _plane(x, y, z, name: str, color: str, opacity: float = 0.55) -> go.Surface:
    return go.Surface(
        x=x,
        y=y,
        z=z,
        name=name,
        showscale=False,
        opacity=opacity,
        showlegend=True,
        colorscale=[[0, color], [1, color]],
    )


def surface_figure(full: dict, near: dict, loc: Local2D, variables, lang: str) -> go.Figure:
    """f over its window with the tangent plane and the Hessian quadric over a neighbourhood of the point."""
    fig = go.Figure()
    fig.add_trace(
        go.Surface(
            x=full["x"],
            y=full["y"],
            z=full["f"],
            colorscale="Viridis",
            opacity=0.85,
            name="f",
            showscale=False,
            showlegend=True,
        )
    )
    fig.add_trace(_plane(near["x"], near["y"], near["first"], t("taylor.fig.first", lang), FIRST_COLOR))
    fig.add_trace(_plane(near["x"], near["y"], near["second"], t("taylor.fig.second", lang), SECOND_COLOR))
    fig.add_trace(
        go.Scatter3d(
            x=[loc.point[0]],
            y=[loc.point[1]],
            z=[loc.value],
            mode="markers",
            name=t("taylor.fig.point", lang),
            marker={"size": 6, "color": "black"},
        )
    )
    zs = np.concatenate([np.ravel(near[k]) for k in ("f", "first", "second")])
    zs = np.concatenate([zs[np.isfinite(zs)], np.ravel(full["f"])[np.isfinite(np.ravel(full["f"]))]])
    lo, hi = np.percentile(zs, [1, 99]) if zs.size else (-1, 1)
    pad = 0.05 * (hi - lo or 1.0)
    fig.update_layout(
        height=560,
        margin={"l": 0, "r": 0, "t": 30, "b": 0},
        legend={"orientation": "h", "y": 1.02, "x": 0},
        scene={
            "xaxis_title": variables[0],
            "yaxis_title": variables[1],
            "zaxis_title": "f",
            "zaxis": {"range": [lo - pad, hi + pad]},
            "aspectmode": "cube",
        },
    )
    return fig


def _lines(x, y, z, levels, name: str, color: str, dash: str, width: float = 2) -> go.Contour:
    return go.Contour(
        x=x,
        y=y,
        z=z,
        name=name,
        showlegend=True,
        showscale=False,
        hoverinfo="skip",
        contours={"coloring": "lines", "start": levels[0], "end": levels[-1], "size": levels[1] - levels[0]},
        colorscale=[[0, color], [1, color]],
        line={"dash": dash, "width": width},
    )


def contour_figure(full: dict, near: dict, loc: Local2D, steps: Steps, variables, lang: str) -> go.Figure:
    """Level sets of f with the two models' level sets near the point, and Newton's step against a gradient step."""
    fig = go.Figure()
    fig.add_trace(
        go.Contour(
            x=full["x"],
            y=full["y"],
            z=full["f"],
            colorscale="Viridis",
            opacity=0.45,
            ncontours=25,
            name="f",
            showscale=False,
            hoverinfo="skip",
        )
    )
    values = np.ravel(near["f"])
    values = values[np.isfinite(values)]
    if values.size and np.ptp(values) > 0:
        levels = np.linspace(*np.percentile(values, [5, 95]), 7)
        fig.add_trace(
            _lines(near["x"], near["y"], near["f"], levels, t("taylor.fig.f_near", lang), "black", "solid", 3)
        )
        fig.add_trace(
            _lines(
                near["x"], near["y"], near["first"], levels, t("taylor.fig.first", lang), FIRST_COLOR, "dash"
            )
        )
        fig.add_trace(
            _lines(
                near["x"],
                near["y"],
                near["second"],
                levels,
                t("taylor.fig.second", lang),
                SECOND_COLOR,
                "dot",
                3,
            )
        )
    p = loc.point
    fig.add_scatter(
        x=[p[0]],
        y=[p[1]],
        mode="markers",
        name=t("taylor.fig.point", lang),
        marker={"size": 12, "color": "black"},
    )
    g = steps.gradient_step
    fig.add_scatter(
        x=[p[0], g[0]],
        y=[p[1], g[1]],
        mode="lines+markers",
        name=t("taylor.fig.gradient_step", lang),
        line={"color": GRAD_COLOR, "width": 3},
        marker={"size": [0, 11], "symbol": "circle"},
    )
    if steps.newton is not None:
        q = steps.newton
        fig.add_scatter(
            x=[p[0], q[0]],
            y=[p[1], q[1]],
            mode="lines+markers",
            name=t("taylor.fig.newton", lang),
            line={"color": NEWTON_COLOR, "width": 3},
            marker={"size": [0, 14], "symbol": "star"},
        )
    x, y = full["x"], full["y"]
    fig.update_layout(
        height=600,
        margin={"l": 50, "r": 10, "t": 80, "b": 40},
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
        xaxis={"title": variables[0], "range": [x[0], x[-1]]},
        yaxis={"title": variables[1], "range": [y[0], y[-1]]},
    )
    return fig


def error_figure(e: ErrorCurve, lang: str) -> go.Figure:
    """|f(p + delta) - model| against ||delta|| on log-log axes, with the fitted slopes in the legend."""
    fig = go.Figure()
    # the dashes and symbols of the contour figure's two models: told apart without their colours
    for name, errors, slope, color, dash, symbol in (
        ("first", e.first, e.slope_first, FIRST_COLOR, "dash", "square"),
        ("second", e.second, e.slope_second, SECOND_COLOR, "dot", "diamond"),
    ):
        label = (
            t(f"taylor.fig.{name}", lang)
            + " · "
            + (
                t("taylor.fig.slope", lang, slope=f"{slope:.2f}")
                if slope is not None
                else t("taylor.fig.exact", lang)
            )
        )
        shown = [v if v > 0 and slope is not None else None for v in errors]  # exact: rounding noise only
        fig.add_scatter(
            x=e.sizes,
            y=shown,
            mode="lines+markers",
            name=label,
            line={"color": color, "width": 3, "dash": dash},
            marker={"symbol": symbol, "size": 8},
        )
    fig.update_layout(
        height=440,
        margin={"l": 60, "r": 10, "t": 70, "b": 50},
        legend={"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0},
        xaxis={"type": "log", "title": t("taylor.fig.size", lang)},
        yaxis={"type": "log", "title": t("taylor.fig.model_error", lang), "exponentformat": "power"},
    )
    return fig
