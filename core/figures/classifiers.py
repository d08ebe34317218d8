"""Figures of the decision-boundaries view: data space, loss curves, parameter space, sign of phi, rasters."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core import classifiers, rasters
from core.figures import palette
from core.i18n import CATALOGUE, t

REGIONS = palette.REGIONS
# Traces that change from frame to frame of the training animation (indices into fig.data).
ANIMATED = [0, 1, 4]
CLICK_TRACE = 5


def bounds(X: np.ndarray) -> tuple[float, float, float, float]:
    """A square window around the data (x_lo, x_hi, y_lo, y_hi), with a margin."""
    if len(X) == 0:
        return -3.0, 3.0, -3.0, 3.0
    lo, hi = X.min(0), X.max(0)
    centre, half = (lo + hi) / 2, max(float((hi - lo).max()) / 2 * 1.15, 1.0)
    return centre[0] - half, centre[0] + half, centre[1] - half, centre[1] + half


def _grid(window, size: int):
    xs, ys = np.linspace(window[0], window[1], size), np.linspace(window[2], window[3], size)
    XX, YY = np.meshgrid(xs, ys)
    return xs, ys, np.column_stack([XX.ravel(), YY.ravel()])


def _layers(model: str, params, X, y, points, shape) -> list[go.BaseTraceType]:
    """What changes between animation frames, and nothing else (small frames): the sign regions, phi for
    the phi = 0 line, the misclassified points. Styling is added once by `_styled`."""
    phi = classifiers.phi_of(model, params, points).reshape(shape)
    wrong = np.sign(classifiers.phi_of(model, params, X)) != y if len(X) else np.zeros(0, bool)
    return [
        go.Heatmap(z=np.sign(phi).astype(np.int8)),
        # only the level phi = 0 is drawn: phi clipped to [-1, 1] in int8 steps of 1/127 keeps that line
        # (to a few % of a grid cell) at an eighth of the float64 payload
        go.Contour(z=np.round(np.clip(phi, -1, 1) * 127).astype(np.int8)),
        go.Scatter(x=X[wrong, 0], y=X[wrong, 1]),
    ]


def _styled(layers, xs, ys, lang: str) -> list[go.BaseTraceType]:
    heatmap, contour, wrong = (go.Figure(data=layers).data[i] for i in range(3))
    heatmap.update(x=xs, y=ys, zmin=-1, zmax=1, colorscale=REGIONS, showscale=False, hoverinfo="skip")
    contour.update(
        x=xs,
        y=ys,
        contours=dict(start=0, end=0, size=1, coloring="lines"),
        line=dict(width=3),
        colorscale=[[0, "black"], [1, "black"]],  # with coloring="lines" the colour comes from the scale
        showscale=False,
        hoverinfo="skip",
        name=t("decision_boundaries.fig.boundary", lang),
        showlegend=True,
    )
    wrong.update(
        mode="markers",
        name=t("decision_boundaries.fig.wrong", lang),
        marker=dict(symbol="circle-open", size=13, color="crimson", line=dict(width=2)),
        hoverinfo="skip",
    )
    return [heatmap, contour, wrong]


def _points(X, y, lang: str) -> list[go.Scatter]:
    return [
        go.Scatter(
            x=X[y == label, 0],
            y=X[y == label, 1],
            mode="markers",
            name=t("decision_boundaries.fig.class", lang, label=f"{label:+.0f}"),
            marker=dict(size=7, color=color, symbol=symbol, line=dict(width=0.5, color="white")),
            hovertemplate="(%{x:.2f}, %{y:.2f})<extra></extra>",
        )
        for label, (color, symbol) in palette.CLASSES.items()
    ]


def _click_grid(window, size: int = 30) -> go.Scatter:
    """Invisible points over the plot: Streamlit reports clicks only on scatter points."""
    _, _, pts = _grid(window, size)
    return go.Scatter(
        x=pts[:, 0],
        y=pts[:, 1],
        mode="markers",
        marker=dict(size=12, opacity=0),
        hoverinfo="none",
        showlegend=False,
        name="click",
    )


def _frame_args(frame: int) -> dict:
    return dict(mode="immediate", frame=dict(duration=frame, redraw=True), transition=dict(duration=0))


def _player(lang: str) -> dict:
    """Play / pause buttons under the plot, left of the step slider."""
    play = dict(
        label=t("decision_boundaries.fig.play", lang), method="animate", args=[None, _frame_args(120)]
    )
    pause = dict(
        label=t("decision_boundaries.fig.pause", lang), method="animate", args=[[None], _frame_args(0)]
    )
    return dict(
        type="buttons", direction="left", x=0, y=-0.1, xanchor="left", yanchor="top", buttons=[play, pause]
    )


def _slider(steps, lang: str) -> dict:
    """One slider stop per frame, starting at the end: the trained boundary shows first."""
    stops = [dict(label=str(s), method="animate", args=[[str(s)], _frame_args(0)]) for s in steps]
    prefix = t("decision_boundaries.fig.step", lang) + " "
    return dict(
        active=len(steps) - 1,
        x=0.3,
        len=0.7,
        y=-0.06,
        yanchor="top",
        steps=stops,
        currentvalue=dict(prefix=prefix, xanchor="right"),
        font=dict(size=9),
    )


def boundary_figure(
    X, y, model: str, snapshots, steps, lang: str = "en", *, size: int = 60, clickable: bool = True
) -> go.Figure:
    """Data, sign regions and the boundary phi = 0; one animation frame per parameter snapshot."""
    window = bounds(X)
    xs, ys, points = _grid(window, size)
    layers = [_layers(model, params, X, y, points, (len(ys), len(xs))) for params in snapshots]
    styled = _styled(layers[-1], xs, ys, lang)
    data = styled[:2] + _points(X, y, lang) + styled[2:]
    data += [_click_grid(window)] if clickable else []
    fig = go.Figure(data=data)
    if len(snapshots) > 1:
        fig.frames = [
            go.Frame(data=layer, traces=ANIMATED, name=str(s)) for layer, s in zip(layers, steps, strict=True)
        ]
        fig.update_layout(updatemenus=[_player(lang)], sliders=[_slider(steps, lang)])
    fig.update_xaxes(range=window[:2], title="x₁", constrain="domain")
    fig.update_yaxes(range=window[2:], title="x₂", scaleanchor="x", scaleratio=1)
    fig.update_layout(
        height=560,
        margin=dict(l=10, r=10, t=60, b=90),
        clickmode="event+select",
        legend=dict(orientation="h", y=1.02, yanchor="bottom", x=0),
        dragmode="pan",
    )
    return fig


def curves_figure(result: classifiers.TrainResult, lang: str = "en") -> go.Figure:
    """Loss (log scale) and training accuracy at every step."""
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08)
    steps = np.arange(len(result.losses))
    fig.add_trace(go.Scatter(x=steps, y=result.losses, name=t("decision_boundaries.fig.loss", lang)), 1, 1)
    fig.add_trace(
        go.Scatter(
            x=steps,
            y=result.accuracies,
            name=t("decision_boundaries.fig.accuracy", lang),
            line=dict(color="seagreen"),
        ),
        2,
        1,
    )
    fig.update_yaxes(type="log", title=t("decision_boundaries.fig.loss", lang), row=1, col=1)
    fig.update_yaxes(range=[0, 1.02], title=t("decision_boundaries.fig.accuracy", lang), row=2, col=1)
    fig.update_xaxes(title=t("decision_boundaries.fig.step", lang), row=2, col=1)
    fig.update_layout(height=560, showlegend=False, margin=dict(l=10, r=10, t=60, b=40))
    return fig


def parameter_figure(ps, qs, Z, path, chosen, labels, lang: str = "en", clicks: int = 30) -> go.Figure:
    """The loss over two parameters as contours, the training path on it, the chosen point as a star."""
    labels = [t(label, lang) if label in CATALOGUE else label for label in labels]
    fig = go.Figure(
        go.Contour(
            x=ps,
            y=qs,
            z=np.log10(Z + 1e-12),
            ncontours=25,
            colorscale="Viridis",
            colorbar=dict(title="log₁₀ L"),
            hoverinfo="skip",
            line=dict(width=0.5),
        )
    )
    fig.add_trace(
        go.Scatter(
            x=path[:, 0],
            y=path[:, 1],
            mode="lines+markers",
            marker=dict(size=5),
            line=dict(color="white"),
            name=t("decision_boundaries.fig.path", lang),
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[chosen[0]],
            y=[chosen[1]],
            mode="markers",
            name="★",
            marker=dict(symbol="star", size=18, color="red", line=dict(color="white", width=1)),
        )
    )
    P, Q = np.meshgrid(np.linspace(ps[0], ps[-1], clicks), np.linspace(qs[0], qs[-1], clicks))
    fig.add_trace(
        go.Scatter(
            x=P.ravel(),
            y=Q.ravel(),
            mode="markers",
            marker=dict(size=12, opacity=0),
            showlegend=False,
            hovertemplate=f"{labels[0]} = %{{x:.2f}}<br>{labels[1]} = %{{y:.2f}}<extra></extra>",
            name="click",
        )
    )
    fig.update_xaxes(title=labels[0], range=[ps[0], ps[-1]])
    fig.update_yaxes(title=labels[1], range=[qs[0], qs[-1]])
    fig.update_layout(
        height=460,
        margin=dict(l=10, r=10, t=60, b=40),
        clickmode="event+select",
        legend=dict(orientation="h", y=1.02, yanchor="bottom", x=0),
    )
    return fig


def sign_figure(selected, lang: str = "en", half: float = 3.0, size: int = 41) -> go.Figure:
    """Figure 3.3: the line y + 2x + 1 = 0, half-planes shaded by the sign of phi, phi on hover."""
    xs = np.linspace(-half, half, size)
    XX, YY = np.meshgrid(xs, xs)
    phi = classifiers.line_phi(XX, YY)
    names = {
        1: t("decision_boundaries.sign.above", lang),
        -1: t("decision_boundaries.sign.below", lang),
        0: t("decision_boundaries.sign.on", lang),
    }
    text = [f"φ = {v:+.2f}<br>{names[int(np.sign(round(v, 9)))]}" for v in phi.ravel()]
    fig = go.Figure(
        go.Heatmap(
            x=xs, y=xs, z=np.sign(phi), zmin=-1, zmax=1, colorscale=REGIONS, showscale=False, hoverinfo="skip"
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[-half, half],
            y=[2 * half - 1, -2 * half - 1],
            mode="lines",
            line=dict(color="black", width=3),
            name="y + 2x + 1 = 0",
            hoverinfo="skip",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=XX.ravel(),
            y=YY.ravel(),
            mode="markers",
            marker=dict(size=10, opacity=0),
            text=text,
            hovertemplate="(%{x:.2f}, %{y:.2f})<br>%{text}<extra></extra>",
            showlegend=False,
            name="points",
        )
    )
    if selected is not None:
        fig.add_trace(
            go.Scatter(
                x=[selected[0]],
                y=[selected[1]],
                mode="markers",
                showlegend=False,
                marker=dict(size=14, color="crimson", line=dict(color="white", width=2)),
            )
        )
    for sign, (x, y) in {1: (1.8, 1.8), -1: (-1.8, -1.8)}.items():
        fig.add_annotation(
            x=x, y=y, text=f"φ {'>' if sign > 0 else '<'} 0", showarrow=False, font=dict(size=18)
        )
    fig.update_xaxes(range=[-half, half], title="x", constrain="domain")
    fig.update_yaxes(range=[-half, half], title="y", scaleanchor="x")
    fig.update_layout(
        height=480,
        margin=dict(l=10, r=10, t=60, b=40),
        clickmode="event+select",
        legend=dict(orientation="h", y=1.02, yanchor="bottom", x=0),
    )
    return fig


def _highlight(fig: go.Figure, row: int, col: int, color: str = "crimson") -> None:
    fig.add_shape(
        type="rect", x0=col - 0.5, x1=col + 0.5, y0=row - 0.5, y1=row + 0.5, line=dict(color=color, width=3)
    )


def image_figure(image: np.ndarray, selected: int | None, lang: str = "en") -> go.Figure:
    """The picture as pixels; each pixel's hover names its row, column and vector index."""
    h, w = image.shape
    rows, cols = np.divmod(np.arange(h * w), w)
    fig = go.Figure(
        go.Heatmap(
            z=image,
            colorscale=[[0, "white"], [1, "black"]],
            zmin=0,
            zmax=1,
            showscale=False,
            xgap=1,
            ygap=1,
            hoverinfo="skip",
        )
    )
    template = t("decision_boundaries.raster.hover", lang)
    fig.add_trace(
        go.Scatter(
            x=cols,
            y=rows,
            mode="markers",
            marker=dict(size=22, opacity=0, symbol="square"),
            customdata=np.column_stack([np.arange(h * w), rows, cols]),
            hovertemplate=template + "<extra></extra>",
            showlegend=False,
            name="pixels",
        )
    )
    if selected is not None:
        _highlight(fig, *rasters.pixel_of(selected, w))
    fig.update_yaxes(range=[h - 0.5, -0.5], scaleanchor="x", title=t("decision_boundaries.raster.row", lang))
    fig.update_xaxes(
        title=t("decision_boundaries.raster.col", lang), side="top", range=[-0.5, w - 0.5], constrain="domain"
    )
    fig.update_layout(
        height=380, margin=dict(l=10, r=10, t=50, b=10), clickmode="event+select", plot_bgcolor="lightgray"
    )
    return fig


def vector_figure(vector: np.ndarray, width: int, selected: int | None, lang: str = "en") -> go.Figure:
    """The row-major vector as a 1 x N strip; the same hover text as the picture."""
    n = len(vector)
    rows, cols = np.divmod(np.arange(n), width)
    fig = go.Figure(
        go.Heatmap(
            z=[vector],
            colorscale=[[0, "white"], [1, "black"]],
            zmin=0,
            zmax=1,
            showscale=False,
            xgap=1,
            hoverinfo="skip",
        )
    )
    template = t("decision_boundaries.raster.hover", lang)
    fig.add_trace(
        go.Scatter(
            x=np.arange(n),
            y=np.zeros(n),
            mode="markers",
            showlegend=False,
            name="vector",
            marker=dict(size=12, opacity=0, symbol="square"),
            customdata=np.column_stack([np.arange(n), rows, cols]),
            hovertemplate=template + "<extra></extra>",
        )
    )
    for start in range(0, n, width):  # row boundaries, so row-major order is visible
        fig.add_vline(x=start - 0.5, line=dict(color="steelblue", width=1, dash="dot"))
    if selected is not None:
        _highlight(fig, 0, selected)
    fig.update_yaxes(visible=False, range=[-0.6, 0.6])
    fig.update_xaxes(title=t("decision_boundaries.raster.index", lang), range=[-0.5, n - 0.5])
    fig.update_layout(
        height=150, margin=dict(l=10, r=10, t=10, b=40), clickmode="event+select", plot_bgcolor="lightgray"
    )
    return fig
