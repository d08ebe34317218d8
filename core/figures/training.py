"""Figures of a training run: the fit, the (w, b) path and the loss curve, linked and played as one."""

from __future__ import annotations

import json

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core import listings
from core.figures import palette, player
from core.figures.axes import log_axis
from core.i18n import t
from core.listings import LISTINGS, Run

# Okabe and Ito's colour-blind-safe colours; the model and the true function also differ by dash
MODEL_COLOR, TRUE_COLOR = palette.VERMILLION, palette.BLUISH_GREEN
DATA_COLOR, PATH_COLOR = palette.BLUE, palette.ORANGE
MAX_FRAMES = 120  # animation frames kept (evenly over the recorded ones): enough to watch, light to send


def _frame_indices(run: Run) -> np.ndarray:
    count = len(run.frame_steps)
    return np.unique(np.linspace(0, count - 1, min(count, MAX_FRAMES)).round().astype(int))


def _curve(params: np.ndarray, xs: np.ndarray) -> np.ndarray:
    return sum(c * xs**k for k, c in enumerate(params))


def _data_traces(run: Run, xs: np.ndarray, lang: str) -> list[go.Scatter]:
    """Observed points, the true function and the model at the last recorded step."""
    kind = LISTINGS[run.settings.listing].data
    return [
        go.Scatter(
            x=run.x.reshape(-1),
            y=run.y_obs,
            mode="markers",
            name=t("training.fig.data", lang),
            marker={"color": DATA_COLOR, "size": 6, "opacity": 0.7},
        ),
        go.Scatter(
            x=xs,
            y=listings.TRUE_FUNCTIONS[kind](xs),
            mode="lines",
            name=t("training.fig.true", lang),
            line={"color": TRUE_COLOR, "dash": "dash"},
        ),
        go.Scatter(
            x=xs,
            y=_curve(run.frames[-1], xs),
            mode="lines",
            name=t("training.fig.model", lang),
            line={"color": MODEL_COLOR, "width": 3},
        ),
    ]


def _cat_traces(run: Run, lang: str) -> list[go.Scatter]:
    """Predicted against observed threat scores: a perfect model puts every point on the diagonal."""
    solution, _ = listings.least_squares(run.settings)
    features, _ = listings.design_matrix(run.settings)
    line = [float(run.y_obs.min()) - 0.1, float(run.y_obs.max()) + 0.1]
    return [
        go.Scatter(
            x=run.y_obs,
            y=features @ solution,
            mode="markers",
            name=t("training.fig.pinv", lang),
            marker={"color": TRUE_COLOR, "size": 12, "symbol": "circle-open", "line": {"width": 2}},
        ),
        go.Scatter(
            x=line,
            y=line,
            mode="lines",
            name=t("training.fig.diagonal", lang),
            line={"color": "gray", "dash": "dot"},
        ),
        go.Scatter(
            x=run.y_obs,
            y=features @ run.frames[-1],
            mode="markers",
            name=t("training.fig.model", lang),
            marker={"color": MODEL_COLOR, "size": 7},
        ),
    ]


def bowl_range(run: Run) -> tuple[np.ndarray, np.ndarray]:
    """A (w, b) grid that holds the whole path and the minimum, with a margin."""
    solution, _ = listings.least_squares(run.settings)
    ws = np.append(run.frames[:, 1], solution[1])
    bs = np.append(run.frames[:, 0], solution[0])
    pad_w, pad_b = 0.15 * np.ptp(ws) + 0.2, 0.15 * np.ptp(bs) + 0.5
    return (
        np.linspace(ws.min() - pad_w, ws.max() + pad_w, 121),
        np.linspace(bs.min() - pad_b, bs.max() + pad_b, 121),
    )


def _bowl_traces(run: Run, lang: str) -> list[go.BaseTraceType]:
    w, b = bowl_range(run)
    z = np.log10(np.maximum(listings.loss_grid(run.settings, w, b), 1e-12))
    solution, _ = listings.least_squares(run.settings)
    return [
        go.Contour(
            x=w,
            y=b,
            z=z.astype(np.float32),
            ncontours=25,
            colorscale="Viridis",
            showscale=True,
            name="log10 L",
            contours={"coloring": "lines"},
            line={"width": 1.2},
            colorbar={"title": {"text": "log₁₀ L"}, "len": 0.8, "x": 1.02},
        ),
        go.Scatter(
            x=run.frames[:, 1],
            y=run.frames[:, 0],
            mode="lines+markers",
            name=t("training.fig.path", lang),
            line={"color": PATH_COLOR},
            marker={"size": 4},
        ),
        go.Scatter(
            x=run.frames[-1:, 1],
            y=run.frames[-1:, 0],
            mode="markers",
            name=t("training.fig.now", lang),
            marker={"color": MODEL_COLOR, "size": 13, "symbol": "x"},
        ),
        go.Scatter(
            x=[solution[1]],
            y=[solution[0]],
            mode="markers",
            name=t("training.fig.minimum", lang),
            marker={"color": "black", "size": 12, "symbol": "star"},
        ),
    ]


def _loss_traces(run: Run, lang: str) -> list[go.Scatter]:
    """The loss curve (log scale) and a marker at the step the player shows."""
    at = _loss_at(run, run.frame_steps[-1:])
    return [
        go.Scatter(
            x=run.loss_steps,
            y=np.maximum(run.losses, 1e-30),
            mode="lines",
            line={"color": MODEL_COLOR},
            name=t("training.fig.loss", lang),
            showlegend=False,
        ),
        go.Scatter(
            x=run.frame_steps[-1:],
            y=at,
            mode="markers",
            marker={"color": "black", "size": 11, "line": {"color": "white", "width": 1.5}},
            name=t("training.fig.now", lang),
            showlegend=False,
        ),
    ]


def _loss_at(run: Run, steps) -> np.ndarray:
    """The loss at recorded frame steps (every frame step is also a loss step)."""
    index = np.clip(np.searchsorted(run.loss_steps, steps), 0, max(len(run.loss_steps) - 1, 0))
    return np.maximum(run.losses[index], 1e-30) if len(run.losses) else np.full(len(steps), np.nan)


def _frame(run: Run, i: int, xs: np.ndarray | None, bowl: bool) -> list[dict]:
    """Only the moving traces: the model, on the bowl the path and current point, the loss marker."""
    params = run.frames[i]
    f4 = player.f4  # float32 typed arrays: a third of the JSON text of the same numbers
    if xs is None:
        features, _ = listings.design_matrix(run.settings)
        data = [{"type": "scatter", "x": f4(run.y_obs), "y": f4(features @ params)}]
    else:
        data = [{"type": "scatter", "x": f4(xs), "y": f4(_curve(params, xs))}]
    if bowl:
        data += [
            {"type": "scatter", "x": f4(run.frames[: i + 1, 1]), "y": f4(run.frames[: i + 1, 0])},
            {"type": "scatter", "x": [float(params[1])], "y": [float(params[0])]},
        ]
    step = int(run.frame_steps[i])
    return [*data, {"type": "scatter", "x": [step], "y": _loss_at(run, [step]).tolist()}]


def _describe(run: Run, i: int, lang: str) -> str:
    values = ", ".join(f"{v:.4g}" for v in run.frames[i])
    loss = float(_loss_at(run, run.frame_steps[i : i + 1])[0])
    last = int(run.frame_steps[-1])
    return t(
        "training.player.describe", lang, k=int(run.frame_steps[i]), n=last, params=values, loss=f"{loss:.4g}"
    )


def has_bowl(run: Run) -> bool:
    """Whether the fit figure has its right panel: the (w, b) path on the loss bowl of a straight line."""
    return LISTINGS[run.settings.listing].data != "cat" and run.frames.shape[1] == 2


def fit_figure(run: Run, lang: str = "en") -> dict:
    """The data and the model, beside it the (w, b) path on the loss contours for lines, and below the
    loss curve with a marker at the current step: linked panels of one figure, driven by one player.

    A JSON-ready figure dict for the canvas (ui.plotly_component): explicit frames of the moving traces
    at the recorded steps; the contours and the data stay on screen in every frame.
    """
    kind = LISTINGS[run.settings.listing].data
    bowl = has_bowl(run)
    titles = [t("training.fig.fit_title", lang)] + ([t("training.fig.bowl_title", lang)] if bowl else [])
    cols = 2 if bowl else 1
    specs = [[{}] * cols, [{"colspan": cols}] + [None] * (cols - 1)]
    fig = make_subplots(
        rows=2,
        cols=cols,
        specs=specs,
        row_heights=[0.64, 0.36],
        vertical_spacing=0.16,
        horizontal_spacing=0.12,
        subplot_titles=[*titles, t("training.fig.loss", lang)],
    )
    if kind == "cat":
        xs = None
        for trace in _cat_traces(run, lang):
            fig.add_trace(trace, row=1, col=1)
        fig.update_xaxes(title_text=t("training.fig.observed", lang), row=1, col=1)
        fig.update_yaxes(title_text=t("training.fig.predicted", lang), row=1, col=1)
    else:
        x = run.x.reshape(-1)
        xs = np.linspace(x.min(), x.max(), 60)
        for trace in _data_traces(run, xs, lang):
            fig.add_trace(trace, row=1, col=1)
        fig.update_xaxes(title_text="x", row=1, col=1)
        fig.update_yaxes(title_text="y", row=1, col=1)
        y_lo, y_hi = float(run.y_obs.min()), float(run.y_obs.max())
        fig.update_yaxes(range=[y_lo - 0.2 * (y_hi - y_lo), y_hi + 0.2 * (y_hi - y_lo)], row=1, col=1)
        if bowl:
            for trace in _bowl_traces(run, lang):
                fig.add_trace(trace, row=1, col=2)
            w, b = bowl_range(run)
            fig.update_xaxes(title_text="w", range=[w[0], w[-1]], row=1, col=2)
            fig.update_yaxes(title_text="b", range=[b[0], b[-1]], row=1, col=2)
    for trace in _loss_traces(run, lang):
        fig.add_trace(trace, row=2, col=1)
    losses = np.maximum(run.losses, 1e-30)
    fig.update_yaxes(title_text=t("training.fig.loss", lang), row=2, col=1, **log_axis(losses))
    fig.update_xaxes(title_text=t("training.fig.step", lang), row=2, col=1)
    fig.update_layout(
        height=760,
        margin={"l": 60, "r": 30, "t": 90, "b": 50},
        legend={"orientation": "h", "y": 1.06, "yanchor": "bottom", "x": 0},
        uirevision="training",
    )
    out = json.loads(fig.to_json())
    traces = [2] + ([4, 5] if bowl else []) + [len(out["data"]) - 1]
    indices = _frame_indices(run)
    out["frames"] = [{"traces": traces, "data": _frame(run, int(i), xs, bowl)} for i in indices]
    steps = [int(run.frame_steps[i]) for i in indices]
    texts = [_describe(run, int(i), lang) for i in indices]
    out["animation"] = player.frame_spec(traces, steps, texts, lang, frame_ms=80)
    return out


def loss_figure(run: Run, lang: str = "en") -> go.Figure:
    """The loss at the recorded steps on a log scale; a divergence is marked where it happened."""
    fig = go.Figure(
        go.Scatter(
            x=run.loss_steps,
            y=np.maximum(run.losses, 1e-30),
            mode="lines",
            line={"color": MODEL_COLOR},
            name=t("training.fig.loss", lang),
        )
    )
    if run.diverged_at is not None:
        fig.add_vline(
            x=run.diverged_at,
            line={"color": "black", "dash": "dash"},
            annotation_text=t("training.diverged_short", lang, step=run.diverged_at),
        )
    fig.update_yaxes(title_text=t("training.fig.loss", lang), **log_axis(np.maximum(run.losses, 1e-30)))
    fig.update_xaxes(title_text=t("training.fig.step", lang))
    fig.update_layout(height=320, margin={"l": 60, "r": 20, "t": 30, "b": 50}, showlegend=False)
    return fig
